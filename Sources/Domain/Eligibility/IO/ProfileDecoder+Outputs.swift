/// The applicant's outputs: papers, practical materials, technical reports, achievements.
extension ProfileJSON {
    static func decodePaper(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Paper {
        try s.beginObject()
        var published: LocalDate?
        var p = Profile.Paper(published: LocalDate(dayNumber: 0), characters: 0, authorship: .other,
                              publicJournal: false, indexed: false, relevant: false)
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "published") { published = try s.readDate() }
                else if s.matches(k, "characters") { p.characters = try optionalInt(&s) }
                else if s.matches(k, "authorship") { if !(try s.skipNull()) { p.authorship = try s.readEnum(Authorship.self) } }
                else if s.matches(k, "publicJournal") { p.publicJournal = try optionalBool(&s) }
                else if s.matches(k, "indexed") { p.indexed = try optionalBool(&s) }
                else if s.matches(k, "relevant") { p.relevant = try optionalBool(&s) }
                else if s.matches(k, "title") { p.title = try optionalString(&s) }
                else if s.matches(k, "journal") { p.journal = try optionalString(&s) }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let published else { throw missing("published") }
        p.published = published
        return p
    }

    static func decodeMaterial(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.TechnicalMaterial {
        try s.beginObject()
        var kind: TechnicalMaterialKind?, date: LocalDate?, characters = 0, experts = 0
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "kind") { kind = try s.readEnum(TechnicalMaterialKind.self) }
                else if s.matches(k, "characters") { characters = try optionalInt(&s) }
                else if s.matches(k, "expertRecommendations") { experts = try optionalInt(&s) }
                else if s.matches(k, "date") { date = try s.readDate() }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let kind else { throw missing("kind") }
        guard let date else { throw missing("date") }
        return Profile.TechnicalMaterial(kind: kind, characters: characters, expertRecommendations: experts, date: date)
    }

    static func decodeReport(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.TechnicalReport {
        try s.beginObject()
        var r = Profile.TechnicalReport()
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "title") { r.title = try optionalString(&s) }
                else if s.matches(k, "date") { r.date = try s.readOptionalDate() }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        return r
    }

    static func decodeAchievement(_ s: inout JSONScanner) throws(JSONInputError) -> Profile.Achievement {
        try s.beginObject()
        var kind: AchievementKind?, level: AchievementLevel?, rank: Int?, date: LocalDate?, accepted = false
        var first = true
        while let k = try s.nextKey(first: &first) {
            do {
                if s.matches(k, "kind") { kind = try s.readEnum(AchievementKind.self) }
                else if s.matches(k, "level") { level = try s.readEnum(AchievementLevel.self) }
                else if s.matches(k, "rank") { rank = try s.readInt() }
                else if s.matches(k, "accepted") { accepted = try optionalBool(&s) }
                else if s.matches(k, "date") { date = try s.readDate() }
                else { try s.skipValue() }
            } catch { throw error.prefixed(.key(s.string(k))) }
        }
        guard let kind else { throw missing("kind") }
        guard let level else { throw missing("level") }
        guard let rank else { throw missing("rank") }
        guard let date else { throw missing("date") }
        return Profile.Achievement(kind: kind, level: level, rank: rank, accepted: accepted, date: date)
    }
}
