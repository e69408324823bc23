/// Writes a `Profile` as the contract's JSON (compact, every field present), so a
/// stored or generated profile reads back equal: `decode(encode(p)) == p`.
extension ProfileJSON {
    public static func encode(_ p: Profile) -> [UInt8] {
        var o = TextBuffer(capacity: 1024)
        encode(p, into: &o)
        return o.bytes
    }

    public static func encodeString(_ p: Profile) -> String { String(decoding: encode(p), as: UTF8.self) }

    static func encode(_ p: Profile, into o: inout TextBuffer) {
        func key(_ k: StaticString, _ o: inout TextBuffer, first: Bool = false) {
            if !first { o.append(byte: UInt8(ascii: ",")) }
            o.append(byte: UInt8(ascii: "\"")); o.append(k); o.append("\":")
        }
        func name<E: JSONEnum>(_ e: E, _ o: inout TextBuffer) {
            o.append(byte: UInt8(ascii: "\"")); o.append(E.jsonNames[Int(e.rawValue)]); o.append(byte: UInt8(ascii: "\""))
        }
        func bool(_ b: Bool, _ o: inout TextBuffer) { o.append(b ? "true" : "false") }
        func date(_ d: LocalDate?, _ o: inout TextBuffer) {
            guard let d else { o.append("null"); return }
            o.append(byte: UInt8(ascii: "\"")); o.appendISO(d); o.append(byte: UInt8(ascii: "\""))
        }
        func list<T>(_ items: [T], _ o: inout TextBuffer, _ body: (T, inout TextBuffer) -> Void) {
            o.append(byte: UInt8(ascii: "["))
            for (i, x) in items.enumerated() {
                if i > 0 { o.append(byte: UInt8(ascii: ",")) }
                o.append(byte: UInt8(ascii: "{")); body(x, &o); o.append(byte: UInt8(ascii: "}"))
            }
            o.append(byte: UInt8(ascii: "]"))
        }

        o.append(byte: UInt8(ascii: "{"))
        key("targetLevel", &o, first: true); name(p.targetLevel, &o)
        key("track", &o); name(p.track, &o)
        key("specialty", &o); o.appendJSONString(p.specialty)
        key("status", &o)
        o.append(byte: UInt8(ascii: "{"))
        key("civilServant", &o, first: true); bool(p.status.civilServant, &o)
        key("retired", &o); bool(p.status.retired, &o)
        key("vocationalExamSpecialty", &o); bool(p.status.vocationalExamSpecialty, &o)
        key("sanctions", &o)
        list(p.status.sanctions, &o) { s, o in
            key("kind", &o, first: true); name(s.kind, &o)
            key("severity", &o); name(s.severity, &o)
            key("from", &o); date(s.from, &o)
            key("until", &o); date(s.until, &o)
        }
        o.append(byte: UInt8(ascii: "}"))
        key("unit", &o)
        o.append(byte: UInt8(ascii: "{"))
        key("kind", &o, first: true); name(p.unit.kind, &o)
        key("professionalPost", &o); bool(p.unit.professionalPost, &o)
        o.append(byte: UInt8(ascii: "}"))
        key("education", &o)
        list(p.education, &o) { e, o in
            key("level", &o, first: true); name(e.level, &o)
            key("major", &o); o.appendJSONString(e.major)
            key("discipline", &o); name(e.discipline, &o)
            key("sameAsSpecialty", &o); bool(e.sameAsSpecialty, &o)
            key("engineeringDegree", &o); bool(e.engineeringDegree, &o)
            key("graduated", &o); date(e.graduated, &o)
        }
        key("titles", &o)
        list(p.titles, &o) { t, o in
            key("series", &o, first: true); name(t.series, &o)
            key("tier", &o); name(t.tier, &o)
            key("qualified", &o); date(t.qualified, &o)
            key("appointed", &o); date(t.appointed, &o)
        }
        key("skills", &o)
        list(p.skills, &o) { s, o in
            key("grade", &o, first: true); name(s.grade, &o)
            key("obtained", &o); date(s.obtained, &o)
        }
        key("work", &o)
        list(p.work, &o) { w, o in
            key("from", &o, first: true); date(w.from, &o)
            key("to", &o); date(w.to, &o)
            key("technical", &o); bool(w.technical, &o)
            key("engineeringPost", &o); bool(w.engineeringPost, &o)
            key("grassroots", &o); bool(w.grassroots, &o)
        }
        key("probation", &o)
        if let pr = p.probation {
            o.append(byte: UInt8(ascii: "{"))
            key("completed", &o, first: true); date(pr.completed, &o)
            key("passed", &o); bool(pr.passed, &o)
            o.append(byte: UInt8(ascii: "}"))
        } else { o.append("null") }
        key("assessments", &o)
        list(p.assessments, &o) { a, o in
            key("year", &o, first: true); o.append(int: a.year)
            key("result", &o); name(a.result, &o)
        }
        key("papers", &o)
        list(p.papers, &o) { x, o in
            key("title", &o, first: true); o.appendJSONString(x.title)
            key("journal", &o); o.appendJSONString(x.journal)
            key("publicJournal", &o); bool(x.publicJournal, &o)
            key("authorship", &o); name(x.authorship, &o)
            key("characters", &o); o.append(int: x.characters)
            key("indexed", &o); bool(x.indexed, &o)
            key("relevant", &o); bool(x.relevant, &o)
            key("published", &o); date(x.published, &o)
        }
        key("technicalMaterials", &o)
        list(p.technicalMaterials, &o) { m, o in
            key("kind", &o, first: true); name(m.kind, &o)
            key("characters", &o); o.append(int: m.characters)
            key("expertRecommendations", &o); o.append(int: m.expertRecommendations)
            key("date", &o); date(m.date, &o)
        }
        key("technicalReports", &o)
        list(p.technicalReports, &o) { r, o in
            key("title", &o, first: true); o.appendJSONString(r.title)
            key("date", &o); date(r.date, &o)
        }
        key("achievements", &o)
        list(p.achievements, &o) { a, o in
            key("kind", &o, first: true); name(a.kind, &o)
            key("level", &o); name(a.level, &o)
            key("rank", &o); o.append(int: a.rank)
            key("accepted", &o); bool(a.accepted, &o)
            key("date", &o); date(a.date, &o)
        }
        key("workReport", &o); bool(p.workReport, &o)
        o.append(byte: UInt8(ascii: "}"))
    }
}
