/// Reads a `Profile` from the contract's JSON, straight from bytes.
///
/// Errors name the field path and the problem, as the command-line contract wants:
/// `education[0].level: unknown value "phd" (expected one of: doctorate, ...)`,
/// `unit: missing required field`, `titles[0].qualified: malformed date "2018-6-30"
/// (expected YYYY-MM-DD)`, `workReport: expected boolean, found string`.
/// Unknown fields are skipped (their syntax is still checked). For optional fields,
/// `null` means absent.
///
/// Required: `targetLevel`, `unit` (and `unit.kind`), `education`, `assessments`;
/// inside list items, the fields a rule cannot do without (an education's `level`,
/// a title's `series`, `tier`, `qualified`, a paper's `published`, ...).
public enum ProfileJSON {
    /// Decodes one profile document.
    public static func decode(_ bytes: [UInt8]) throws(JSONInputError) -> Profile {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONInputError) -> Profile in
            var s = JSONScanner(buffer)
            let p = try decodeProfile(&s)
            try s.expectEnd()
            return p
        }
    }

    public static func decode(_ text: String) throws(JSONInputError) -> Profile { try decode(Array(text.utf8)) }

    static func missing(_ field: StaticString) -> JSONInputError {
        JSONInputError(path: [.field(field)], problem: "missing required field")
    }

    /// Decodes the elements of an array, prefixing errors with their index.
    @inline(__always)
    static func array<T>(_ s: inout JSONScanner,
                         _ element: (inout JSONScanner) throws(JSONInputError) -> T) throws(JSONInputError) -> [T] {
        try s.beginArray()
        var items: [T] = []
        var first = true
        // Lists in a profile are short; starting at 4 saves most regrowth.
        if s.peekNonEmptyArray() { items.reserveCapacity(4) }
        while try s.nextElement(first: &first) {
            do { items.append(try element(&s)) } catch { throw error.prefixed(.index(items.count)) }
        }
        return items
    }

    /// An optional array: absent or null is empty.
    @inline(__always)
    static func optionalArray<T>(_ s: inout JSONScanner,
                                 _ element: (inout JSONScanner) throws(JSONInputError) -> T) throws(JSONInputError) -> [T] {
        if try s.skipNull() { return [] }
        return try array(&s, element)
    }

    @inline(__always)
    static func optionalBool(_ s: inout JSONScanner) throws(JSONInputError) -> Bool {
        if try s.skipNull() { return false }
        return try s.readBool()
    }

    @inline(__always)
    static func optionalInt(_ s: inout JSONScanner) throws(JSONInputError) -> Int {
        if try s.skipNull() { return 0 }
        return try s.readInt()
    }

    @inline(__always)
    static func optionalString(_ s: inout JSONScanner) throws(JSONInputError) -> String {
        if try s.skipNull() { return "" }
        return try s.readString()
    }

    static func decodeProfile(_ s: inout JSONScanner) throws(JSONInputError) -> Profile {
        try s.beginObject()
        var target: TargetLevel?, unit: Profile.Unit?
        var education: [Profile.Education]?, assessments: [Profile.Assessment]?
        var track = Track.regular, specialty = "", status = Profile.Status(), workReport = false
        var titles: [Profile.Title] = [], skills: [Profile.Skill] = [], work: [Profile.WorkPeriod] = []
        var probation: Profile.Probation?
        var papers: [Profile.Paper] = [], materials: [Profile.TechnicalMaterial] = []
        var reports: [Profile.TechnicalReport] = [], achievements: [Profile.Achievement] = []
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "targetLevel") { target = try s.readEnum(TargetLevel.self) }
                else if s.matches(k, "unit") { unit = try decodeUnit(&s) }
                else if s.matches(k, "education") { education = try array(&s, decodeEducation) }
                else if s.matches(k, "titles") { titles = try optionalArray(&s, decodeTitle) }
                else if s.matches(k, "work") { work = try optionalArray(&s, decodeWork) }
                else if s.matches(k, "assessments") { assessments = try array(&s, decodeAssessment) }
                else if s.matches(k, "papers") { papers = try optionalArray(&s, decodePaper) }
                else if s.matches(k, "achievements") { achievements = try optionalArray(&s, decodeAchievement) }
                else if s.matches(k, "technicalMaterials") { materials = try optionalArray(&s, decodeMaterial) }
                else if s.matches(k, "technicalReports") { reports = try optionalArray(&s, decodeReport) }
                else if s.matches(k, "skills") { skills = try optionalArray(&s, decodeSkill) }
                else if s.matches(k, "probation") { probation = try s.skipNull() ? nil : try decodeProbation(&s) }
                else if s.matches(k, "status") { if !(try s.skipNull()) { status = try decodeStatus(&s) } }
                else if s.matches(k, "workReport") { workReport = try optionalBool(&s) }
                else if s.matches(k, "track") { if !(try s.skipNull()) { track = try s.readEnum(Track.self) } }
                else if s.matches(k, "specialty") { specialty = try optionalString(&s) }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let target else { throw missing("targetLevel") }
        guard let unit else { throw missing("unit") }
        guard let education else { throw missing("education") }
        guard let assessments else { throw missing("assessments") }
        var p = Profile(targetLevel: target, unit: unit)
        p.track = track; p.specialty = specialty; p.status = status; p.education = education
        p.titles = titles; p.skills = skills; p.work = work; p.probation = probation
        p.assessments = assessments; p.papers = papers; p.technicalMaterials = materials
        p.technicalReports = reports; p.achievements = achievements; p.workReport = workReport
        return p
    }

    static func decodeStatus(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Status {
        try s.beginObject()
        var st = Profile.Status()
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "civilServant") { st.civilServant = try optionalBool(&s) }
                else if s.matches(k, "retired") { st.retired = try optionalBool(&s) }
                else if s.matches(k, "vocationalExamSpecialty") { st.vocationalExamSpecialty = try optionalBool(&s) }
                else if s.matches(k, "sanctions") { st.sanctions = try optionalArray(&s, decodeSanction) }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        return st
    }

    static func decodeSanction(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Sanction {
        try s.beginObject()
        var kind: SanctionKind?, severityText: String?, from: LocalDate?, until: LocalDate?
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "kind") { kind = try s.readEnum(SanctionKind.self) }
                else if s.matches(k, "severity") { severityText = try s.readString() }
                else if s.matches(k, "from") { from = try s.readDate() }
                else if s.matches(k, "until") { until = try s.readOptionalDate() }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let kind else { throw missing("kind") }
        guard let severityText else { throw missing("severity") }
        // The allowed severities depend on the kind, and JSON keys come in any order,
        // so the severity is checked once the whole object is read.
        let allowed = SanctionSeverity.allowed(for: kind)
        guard let severity = SanctionSeverity(jsonName: severityText), allowed.contains(severity) else {
            throw SanctionSeverity.unknownValue(severityText, allowed: allowed.map { SanctionSeverity.jsonNames[Int($0.rawValue)] })
                .prefixed(.field("severity"))
        }
        guard let from else { throw missing("from") }
        return Profile.Sanction(kind: kind, severity: severity, from: from, until: until)
    }

    static func decodeUnit(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Unit {
        try s.beginObject()
        var kind: UnitKind?, post = false
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "kind") { kind = try s.readEnum(UnitKind.self) }
                else if s.matches(k, "professionalPost") { post = try optionalBool(&s) }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let kind else { throw missing("kind") }
        return Profile.Unit(kind: kind, professionalPost: post)
    }

    static func decodeEducation(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Education {
        try s.beginObject()
        var level: EducationLevel?, e = Profile.Education(level: .highSchool)
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "level") { level = try s.readEnum(EducationLevel.self) }
                else if s.matches(k, "discipline") { if !(try s.skipNull()) { e.discipline = try s.readEnum(Discipline.self) } }
                else if s.matches(k, "sameAsSpecialty") { e.sameAsSpecialty = try optionalBool(&s) }
                else if s.matches(k, "engineeringDegree") { e.engineeringDegree = try optionalBool(&s) }
                else if s.matches(k, "graduated") { e.graduated = try s.readOptionalDate() }
                else if s.matches(k, "major") { e.major = try optionalString(&s) }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let level else { throw missing("level") }
        e.level = level
        return e
    }

    static func decodeTitle(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Title {
        try s.beginObject()
        var series: TitleSeries?, tier: TitleTier?, qualified: LocalDate?, appointed: LocalDate?
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "series") { series = try s.readEnum(TitleSeries.self) }
                else if s.matches(k, "tier") { tier = try s.readEnum(TitleTier.self) }
                else if s.matches(k, "qualified") { qualified = try s.readDate() }
                else if s.matches(k, "appointed") { appointed = try s.readOptionalDate() }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let series else { throw missing("series") }
        guard let tier else { throw missing("tier") }
        guard let qualified else { throw missing("qualified") }
        return Profile.Title(series: series, tier: tier, qualified: qualified, appointed: appointed)
    }

    static func decodeSkill(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Skill {
        try s.beginObject()
        var grade: SkillGrade?, obtained: LocalDate?
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "grade") { grade = try s.readEnum(SkillGrade.self) }
                else if s.matches(k, "obtained") { obtained = try s.readDate() }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let grade else { throw missing("grade") }
        guard let obtained else { throw missing("obtained") }
        return Profile.Skill(grade: grade, obtained: obtained)
    }

    static func decodeWork(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.WorkPeriod {
        try s.beginObject()
        var from: LocalDate?, w = Profile.WorkPeriod(from: LocalDate(dayNumber: 0))
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "from") { from = try s.readDate() }
                else if s.matches(k, "to") { w.to = try s.readOptionalDate() }
                else if s.matches(k, "technical") { w.technical = try optionalBool(&s) }
                else if s.matches(k, "engineeringPost") { w.engineeringPost = try optionalBool(&s) }
                else if s.matches(k, "grassroots") { w.grassroots = try optionalBool(&s) }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let from else { throw missing("from") }
        w.from = from
        return w
    }

    static func decodeProbation(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Probation {
        try s.beginObject()
        var p = Profile.Probation(passed: false)
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "completed") { p.completed = try s.readOptionalDate() }
                else if s.matches(k, "passed") { p.passed = try optionalBool(&s) }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        return p
    }

    static func decodeAssessment(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Assessment {
        try s.beginObject()
        var year: Int?, result: AssessmentResult?
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "year") { year = try s.readInt() }
                else if s.matches(k, "result") { result = try s.readEnum(AssessmentResult.self) }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let year else { throw missing("year") }
        guard let result else { throw missing("result") }
        return Profile.Assessment(year: year, result: result)
    }
}
