import Testing
@testable import Domain

@Suite struct PolicyBundleTests {
    @Test func identity() {
        #expect(shippedPolicy.id == "changzhi-2022")
        #expect(shippedPolicy.title == "长治市2022年度工程系列（非建筑、建材、环保专业）中、初级专业技术职务任职资格评审")
        #expect(shippedPolicy.documentNumber == "长工信〔2022〕139号")
        #expect(shippedPolicy.issuers == ["长治市工业和信息化局", "长治市人力资源和社会保障局"])
        #expect(shippedPolicy.applicationDate == day("2022-08-25"))
        #expect(shippedPolicy.referenceDate == day("2022-12-31"))
        #expect(shippedPolicy.intake == day("2022-07-25")...day("2022-08-25"))
    }

    @Test func availableAndUnknownPolicies() {
        #expect(Policy.availableIDs.contains("changzhi-2022"))
        #expect(throws: PolicyError.self) { try Policy.load(id: "beijing-1999") }
        do { _ = try Policy.load(id: "../etc/passwd") } catch {
            #expect(error.description == "unknown policy \"../etc/passwd\" (available: changzhi-2022, changzhi-2023-example)")
        }
    }

    /// The whole notice, split along its own numbering.
    @Test func everyNumberedClauseIsPresent() {
        var ids = ["1", "2", "3", "3.1", "3.2", "3.3", "4", "5", "6", "7", "8", "9", "10"]
        ids += (1...7).map { "3.1.\($0)" } + (1...6).map { "3.2.\($0)" } + (1...4).map { "3.3.\($0)" }
        ids += (4...8).map { "3.\($0)" } + (1...3).map { "4.\($0)" } + (1...5).map { "5.\($0)" }
        ids += (1...5).map { "6.\($0)" } + ["7.1", "7.2"] + (1...3).map { "10.\($0)" }
        for id in ids { #expect(shippedPolicy.clause(id) != nil, "missing clause \(id)") }
        #expect(shippedPolicy.clause("3.9.9") == nil)
    }

    @Test func clauseTextIsTheNoticeCleaned() throws {
        let c = try #require(shippedPolicy.clause("3.1.3"))
        #expect(c.heading == "任职资格要求")
        #expect(c.text.contains("具备大学本科及专科学历，取得助理工程师职称后从事技术工作满4年（即2018年12月31日前聘任助理级）"))
        #expect(shippedPolicy.clause("3.1.1")?.text.contains("灵活运用本专业基础理论知识和专业技术知识") == true)   // joined broken line
        #expect(shippedPolicy.clause("8")?.text.contains("中级专业技术职务每人300元，初级专业技术职务每人260元") == true)
        #expect(shippedPolicy.clause("10.3")?.text.contains("7月25日至8月25日") == true)
        for clause in shippedPolicy.clauses {
            #expect(!clause.text.isEmpty && !clause.heading.isEmpty)
            // No PDF spacing artefacts such as "2022 年" or "2000 字".
            let scalars = Array(clause.text.unicodeScalars)
            for i in scalars.indices.dropFirst().dropLast() where scalars[i] == " " {
                let before = scalars[i - 1], after = scalars[i + 1]
                let cjk = { (s: Unicode.Scalar) in s.value >= 0x3000 }
                #expect(!(cjk(before) || cjk(after)), "space next to CJK in clause \(clause.id)")
            }
        }
    }

    @Test func parametersCarryValueUnitDescriptionAndClause() throws {
        let expected: [(String, ParameterValue, String)] = [
            ("engineerMasterYears", .integer(2), "3.1.3"), ("engineerBachelorYears", .integer(4), "3.1.3"),
            ("engineerWorkerTechnicianYears", .integer(3), "3.1.3"), ("engineeringDegreeReduction", .integer(1), "3.1.3"),
            ("grassrootsYears", .integer(15), "3.1.3"), ("assistantAssociateYears", .integer(2), "3.2.3"),
            ("assistantSecondaryVocationalYears", .integer(4), "3.2.3"), ("probationYears", .integer(1), "3.2.3"),
            ("papersRequired", .integer(2), "3.1.4"), ("technicalMaterialsRequired", .integer(2), "3.1.4"),
            ("paperMinCharacters", .integer(2000), "3.1.4"), ("expertRecommendationsRequired", .integer(3), "7.2"),
            ("backboneRanksNational", .list([.integer(2), .integer(15)]), "3.1.5"),
            ("backboneRanksProvincial", .list([.integer(2), .integer(10)]), "3.1.5"),
            ("backboneRanksCity", .list([.integer(2), .integer(8)]), "3.1.5"),
            ("backboneRanksLargeEnterprise", .list([.integer(2), .integer(8)]), "3.1.5"),
            ("transferEngineeringPostYears", .integer(1), "3.4"),
            ("reviewFeeIntermediate", .integer(300), "8"), ("reviewFeeJunior", .integer(260), "8"),
            ("copyRatioLimit", .decimal(0.25), "7.1"), ("defenseMaterialWeight", .decimal(0.4), "9"),
            ("defenseLiveWeight", .decimal(0.6), "9"), ("defenseGradeRatio", .list([.integer(3), .integer(6), .integer(1)]), "9"),
            ("reviewScoreDefenseWeight", .decimal(0.3), "9"), ("publicityMinimumWorkingDays", .integer(5), "10.1"),
            ("integrityRecordYears", .integer(3), "10.2"),
            ("educationMinimumEngineer", .text("associate"), "3.1.2"),
            ("educationMinimumAssistantEngineer", .text("secondary_vocational"), "3.2.2"),
            ("educationMinimumTechnician", .text("secondary_vocational"), "3.3.2"),
        ]
        for (id, value, clause) in expected {
            let p = try #require(shippedPolicy.parameter(id), "missing parameter \(id)")
            #expect(p.value == value, "\(id)")
            #expect(p.clause == clause, "\(id)")
            #expect(!p.unit.isEmpty && !p.description.isEmpty)
        }
        for p in shippedPolicy.parameters { #expect(shippedPolicy.clause(p.clause) != nil, "\(p.id) cites \(p.clause)") }
    }

    @Test func thirteenInterpretations() throws {
        #expect(shippedPolicy.interpretations.count == 13)
        for id in InterpretationID.allCases {
            let i = try #require(shippedPolicy.interpretation(id), "missing \(id.rawValue)")
            #expect(!i.text.isEmpty && !i.clauses.isEmpty)
            for c in i.clauses { #expect(shippedPolicy.clause(c) != nil) }
            for p in i.parameters { #expect(shippedPolicy.parameter(p) != nil) }
        }
        #expect(shippedPolicy.interpretation("I3-year-counting")?.text.contains("2019年1月1日") == true)
    }

    /// The contract's rule table: which clause each rule cites at each level.
    @Test func citationsFollowTheContract() {
        let p = shippedPolicy.eligibility
        let table: [(EligibilityRule, EligibilityContext, ShortID)] = [
            (.exclusions, .engineer, "2"), (.professionalPost, .technician, "2"), (.exclusions, .transfer, "2"),
            (.education, .engineer, "3.1.2"), (.education, .assistantEngineer, "3.2.2"), (.education, .technician, "3.3.2"),
            (.tenure, .engineer, "3.1.3"), (.tenure, .assistantEngineer, "3.2.3"), (.probation, .technician, "3.3.2"),
            (.papers, .engineer, "3.1.4"), (.technicalReports, .assistantEngineer, "3.2.4"), (.achievements, .engineer, "3.1.5"),
            (.workReport, .engineer, "3.1.6"), (.workReport, .assistantEngineer, "3.2.5"), (.workReport, .technician, "3.3.3"),
            (.assessments, .engineer, "3.1.7"), (.assessments, .assistantEngineer, "3.2.6"), (.recency, .technician, "3.3.4"),
            (.transferTitle, .transfer, "3.4"), (.transferPost, .transfer, "3.4"), (.recency, .transfer, "3.4"),
        ]
        for (rule, ctx, clause) in table { #expect(p.clause(rule, ctx) == clause, "\(rule) \(ctx)") }
    }
}
