/// Everything the eligibility rules read from the policy, resolved and type-checked
/// once when the bundle loads, so `evaluate` never looks anything up by name.
/// The rule code reads these fields and no literals.
struct EligibilityParameters: Sendable {
    var applicationDate: LocalDate
    var referenceDate: LocalDate

    // Education (I6)
    var educationMinimum: [EducationLevel]          // by EligibilityContext raw value (engineer, assistant, technician)
    var relatedDisciplines: UInt8                   // bit per Discipline
    // Engineer routes (I7)
    var engineerMasterYears: Int
    var engineerBachelorYears: Int
    var engineerWorkerTechnicianYears: Int
    var workerTechnicianGrades: UInt8               // bit per SkillGrade
    var engineeringDegreeReduction: Int
    var engineeringDegreeMinimum: EducationLevel
    var grassrootsYears: Int
    var grassrootsEducationMinimum: EducationLevel
    // Assistant engineer and technician routes (I10, I11)
    var assistantAssociateYears: Int
    var assistantSecondaryVocationalYears: Int
    var probationYears: Int
    var technicianDirectEducation: EducationLevel
    // Papers and materials (I8)
    var papersRequired: Int
    var materialsRequired: Int
    var paperMinCharacters: Int
    var materialMinCharacters: Int
    var expertRecommendationsRequired: Int
    // Achievements (I9)
    var achievementsRequired: Int
    var leadRank: Int
    var backboneRanks: [ClosedRange<Int>?]          // by AchievementLevel raw value
    var projectLevels: UInt8                        // bit per AchievementLevel
    var fundedLevels: UInt8                         // bit per AchievementLevel: the funding's level
    var planningLevels: UInt8                       // bit per AchievementLevel: the plan's level
    // Assistant engineer outputs
    var technicalReportsRequired: Int
    // Assessments (I3, I4, I5)
    var assessmentsPerTenureYear: Int
    var recentAssessmentYears: Int
    var passingResults: UInt8                       // bit per AssessmentResult
    var uncountedResults: UInt8
    // Transfer (I12)
    var transferTiers: [TitleTier]                  // by EligibilityContext raw value
    var transferEngineeringPostYears: Int
    // Exclusions (I13)
    var governmentSanctionMinimum: SanctionSeverity
    var partySanctionMinimum: SanctionSeverity

    /// Clause cited by (rule, context): `citations[rule * 4 + context]`.
    var citationTable: [ShortID]

    func clause(_ rule: EligibilityRule, _ ctx: EligibilityContext) -> ShortID {
        citationTable[Int(rule.rawValue) * 4 + Int(ctx.rawValue)]
    }

    func passing(_ r: AssessmentResult) -> Bool { passingResults & (1 << r.rawValue) != 0 }
    func uncounted(_ r: AssessmentResult) -> Bool { uncountedResults & (1 << r.rawValue) != 0 }
    func related(_ d: Discipline) -> Bool { relatedDisciplines & (1 << d.rawValue) != 0 }

    /// I9: the levels at which an achievement of this kind counts (a bit per
    /// `AchievementLevel`); nil for the kinds the notice sets no level for.
    func countedLevels(_ kind: AchievementKind) -> UInt8? {
        switch kind {
        case .project: projectLevels
        case .funded: fundedLevels
        case .planning: planningLevels
        case .platform, .standard, .promotion, .drug: nil
        }
    }

    init(parameters p: ParameterSource, applicationDate: LocalDate, referenceDate: LocalDate,
         citations: [RuleCitation]) throws(JSONInputError) {
        self.applicationDate = applicationDate
        self.referenceDate = referenceDate
        educationMinimum = [
            try p.enumValue("educationMinimumEngineer", EducationLevel.self),
            try p.enumValue("educationMinimumAssistantEngineer", EducationLevel.self),
            try p.enumValue("educationMinimumTechnician", EducationLevel.self),
        ]
        relatedDisciplines = try p.enumBits("relatedDisciplines", Discipline.self)
        engineerMasterYears = try p.count("engineerMasterYears")
        engineerBachelorYears = try p.count("engineerBachelorYears")
        engineerWorkerTechnicianYears = try p.count("engineerWorkerTechnicianYears")
        workerTechnicianGrades = try p.enumBits("workerTechnicianGrades", SkillGrade.self)
        engineeringDegreeReduction = try p.count("engineeringDegreeReduction")
        engineeringDegreeMinimum = try p.enumValue("engineeringDegreeMinimum", EducationLevel.self)
        grassrootsYears = try p.count("grassrootsYears")
        grassrootsEducationMinimum = try p.enumValue("grassrootsEducationMinimum", EducationLevel.self)
        assistantAssociateYears = try p.count("assistantAssociateYears")
        assistantSecondaryVocationalYears = try p.count("assistantSecondaryVocationalYears")
        probationYears = try p.count("probationYears")
        technicianDirectEducation = try p.enumValue("technicianDirectEducationMinimum", EducationLevel.self)
        papersRequired = try p.count("papersRequired")
        materialsRequired = try p.count("technicalMaterialsRequired")
        paperMinCharacters = try p.count("paperMinCharacters")
        materialMinCharacters = try p.count("technicalMaterialMinCharacters")
        expertRecommendationsRequired = try p.count("expertRecommendationsRequired")
        achievementsRequired = try p.count("achievementsRequired")
        leadRank = try p.count("leadRank")
        backboneRanks = [
            try p.range("backboneRanksNational"), try p.range("backboneRanksProvincial"),
            try p.range("backboneRanksCity"), try p.range("backboneRanksLargeEnterprise"), nil,
        ]
        projectLevels = try p.enumBits("projectMinimumLevels", AchievementLevel.self)
        fundedLevels = try p.enumBits("fundedMinimumLevels", AchievementLevel.self)
        planningLevels = try p.enumBits("planningMinimumLevels", AchievementLevel.self)
        technicalReportsRequired = try p.count("technicalReportsRequired")
        assessmentsPerTenureYear = try p.count("assessmentsPerTenureYear")
        recentAssessmentYears = try p.count("recentAssessmentYears")
        passingResults = try p.enumBits("passingAssessmentResults", AssessmentResult.self)
        uncountedResults = try p.enumBits("uncountedAssessmentResults", AssessmentResult.self)
        transferTiers = [
            try p.enumValue("transferTierEngineer", TitleTier.self),
            try p.enumValue("transferTierAssistantEngineer", TitleTier.self),
            try p.enumValue("transferTierTechnician", TitleTier.self),
        ]
        transferEngineeringPostYears = try p.count("transferEngineeringPostYears")
        governmentSanctionMinimum = try p.severity("governmentSanctionMinimum", .government)
        partySanctionMinimum = try p.severity("partySanctionMinimum", .party)

        citationTable = Array(repeating: ShortID(""), count: EligibilityRule.allCases.count * 4)
        for c in citations {
            for (ctx, clause) in c.clauses {
                // Clause ids were checked to be short when the clauses loaded.
                citationTable[Int(c.rule.rawValue) * 4 + Int(ctx.rawValue)] = ShortID(clause) ?? ShortID("")
            }
        }
    }
}

/// Reads the rules' parameters out of the bundle's `parameters` object by id.
struct ParameterSource {
    let nodes: [String: BundleNode]

    private func value(_ id: String) throws(JSONInputError) -> BundleNode {
        guard let node = nodes[id] else {
            throw JSONInputError(path: [.key("parameters"), .key(id)], problem: "missing required field (the eligibility rules read it)")
        }
        return try node.field("value")
    }

    /// A non-negative whole number.
    func count(_ id: String) throws(JSONInputError) -> Int {
        let v = try value(id)
        let n = try v.int()
        if n < 0 { throw v.error("must not be negative") }
        return n
    }

    func enumValue<E: JSONEnum>(_ id: String, _: E.Type) throws(JSONInputError) -> E {
        let v = try value(id)
        let s = try v.string()
        guard let e = E(jsonName: s) else { throw E.unknownValue(s).prefixedPath(v.path) }
        return e
    }

    func enumBits<E: JSONEnum>(_ id: String, _: E.Type) throws(JSONInputError) -> UInt8 {
        var bits: UInt8 = 0
        for e in try value(id).elements() {
            let s = try e.string()
            guard let x = E(jsonName: s) else { throw E.unknownValue(s).prefixedPath(e.path) }
            bits |= 1 << x.rawValue
        }
        return bits
    }

    /// `[2, 15]`: ranks 2 through 15.
    func range(_ id: String) throws(JSONInputError) -> ClosedRange<Int> {
        let v = try value(id)
        let items = try v.elements()
        guard items.count == 2 else { throw v.error("expected [lowest, highest]") }
        let lo = try items[0].int(), hi = try items[1].int()
        guard lo <= hi else { throw v.error("lowest rank \(lo) is above highest \(hi)") }
        return lo...hi
    }

    func severity(_ id: String, _ kind: SanctionKind) throws(JSONInputError) -> SanctionSeverity {
        let s = try enumValue(id, SanctionSeverity.self)
        guard SanctionSeverity.allowed(for: kind).contains(s) else {
            throw try value(id).error("\"\(s.jsonName)\" is not a \(kind.jsonName) sanction")
        }
        return s
    }
}

extension JSONInputError {
    func prefixedPath(_ prefix: [JSONPathComponent]) -> JSONInputError {
        JSONInputError(path: prefix + path, problem: problem)
    }
}
