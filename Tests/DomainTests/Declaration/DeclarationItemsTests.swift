import Testing
@testable import Domain

/// What the declaration must still collect (issue 7 items 7–10), as the
/// checklist sees it: presence of entries and of the files linked to them.
@Suite struct DeclarationItemsTests {
    static let year = try! ReviewYear(Policy.load(id: "changzhi-2022"))

    func input(_ level: TargetLevel, unitKind: UnitKind = .enterprise, items: [(String, DeclarationSection, FieldValues)] = [],
               files: [(DossierSlot, String?)] = [], defense: String? = nil) -> ChecklistInput {
        ChecklistInput(level: level, track: .regular, unitKind: unitKind, missingBasics: [], workReportCharacters: 400,
                       items: items.map { .init(id: $0.0, section: $0.1, values: $0.2) },
                       files: files.map { .init(slot: $0.0, itemID: $0.1) }, defenseItemID: defense,
                       rules: .init(Self.year))
    }

    func entry(_ entries: [ChecklistEntry], _ prefix: String) -> ChecklistEntry? {
        entries.first { $0.title.hasPrefix(prefix) }
    }

    func material(experts: Int) -> FieldValues {
        var v: FieldValues = ["title": "泵站改造方案", "kind": "special_plan", "date": "2021-01-01", "characters": "3000"]
        for n in 1...experts {
            v["expert\(n)Name"] = "专家\(n)"; v["expert\(n)Title"] = "高级工程师"
            v["expert\(n)Specialty"] = "水利工程"; v["expert\(n)Unit"] = "某设计院"
        }
        return v
    }

    /// 七.2: three OR MORE experts, each with a signed 《专家推荐意见表》 and a title certificate.
    @Test func practicalMaterialsNeedThreeOrMoreExpertsWithTheirForms() {
        #expect(DeclarationSection.technicalMaterials.field("expert6Specialty") != nil)
        let two = entry(Checklist.entries(input(.engineer, items: [("m", .technicalMaterials, material(experts: 2))])),
                        "推荐专家（每项实用技术材料3名及以上")
        #expect(two?.isMissing == true)
        #expect(two?.detail == "不足3名：《泵站改造方案》")

        let four = [("m", DeclarationSection.technicalMaterials, material(experts: 4))]
        #expect(SectionRules.expertCount(four[0].2) == 4)
        let threeForms = Checklist.entries(input(.engineer, items: four,
                                                 files: Array(repeating: (.expertRecommendation, "m"), count: 3)
                                                     + Array(repeating: (.expertCertificate, "m"), count: 4)))
        #expect(entry(threeForms, "推荐专家（每项")?.satisfied == true)
        // Four experts: four signed forms, one short here.
        #expect(entry(threeForms, "《专家推荐意见表》")?.isMissing == true)
        #expect(entry(threeForms, "推荐专家职称证书")?.satisfied == true)
    }

    /// 三（一）4: each paper and each book has its stamped search-result page.
    @Test func papersAndBooksNeedTheirSearchResultPages() {
        let items: [(String, DeclarationSection, FieldValues)] = [
            ("p", .papers, ["title": "论文甲"]), ("b", .books, ["title": "论著乙"]),
        ]
        let none = entry(Checklist.entries(input(.engineer, items: items)), "每篇论文、论著的知网")
        #expect(none?.detail == "缺少：《论文甲》、《论著乙》")
        let partial = Checklist.entries(input(.engineer, items: items, files: [(.paperSearchPage, "p")]))
        let pages = entry(partial, "每篇论文、论著的知网")
        #expect(pages?.isMissing == true)
        #expect(pages?.detail == "缺少：《论著乙》")
        #expect(entry(partial, "第六类：每部论著")?.isMissing == true)
        #expect(DossierSlot.paperSearchPage.category == 6)
        #expect(DeclarationSection.books.title == "论著")
    }

    /// 三（二）4: an assistant engineer uploads the text of each technical report.
    @Test func assistantEngineersUploadTheirReportTexts() {
        let items: [(String, DeclarationSection, FieldValues)] = [
            ("r1", .technicalReports, ["title": "试验报告"]), ("r2", .technicalReports, ["title": "推广总结"]),
        ]
        let one = entry(Checklist.entries(input(.assistantEngineer, items: items, files: [(.technicalReportText, "r1")])),
                        "技术报告全文")
        #expect(one?.isMissing == true)
        #expect(one?.detail == "缺少：《推广总结》")
        #expect(DossierSlot.technicalReportText.acceptedKinds.contains(.docx))
    }

    /// 五.4 第四类: public institutions' applicants upload the 岗位工资审批表; others need not.
    @Test func publicInstitutionsUploadThePostSalaryApproval() {
        let pub = entry(Checklist.entries(input(.technician, unitKind: .publicInstitution)), "第四类：专业技术岗位工资审批表")
        #expect(pub?.isMissing == true)
        #expect(entry(Checklist.entries(input(.technician, unitKind: .enterprise)), "第四类：专业技术岗位工资审批表") == nil)
        let done = entry(Checklist.entries(input(.technician, unitKind: .publicInstitution, files: [(.postSalaryApproval, nil)])),
                         "第四类：专业技术岗位工资审批表")
        #expect(done?.satisfied == true)
    }

    /// 三（七）: language and computer certificates are optional, never blocking.
    @Test func languageAndComputerCertificatesAreOptional() {
        let entries = Checklist.entries(input(.engineer))
        let certificates = entries.filter { $0.title.hasPrefix("职称外语、计算机应用能力") }
        #expect(certificates.count == 2)
        #expect(certificates.allSatisfy { !$0.required && !$0.isMissing })
        #expect(DeclarationSection.examCertificates.field("kind")?.choices.map(\.code) == ["language", "computer"])
    }

    /// 九 and 七.1: one chosen defense item among papers, books and materials; the
    /// 送审论文 linked to its entry.
    @Test func theDefenseItemIsChosenAndTheSubmittedPaperLinked() {
        let items: [(String, DeclarationSection, FieldValues)] = [
            ("p", .papers, ["title": "论文甲"]), ("a", .achievements, ["name": "成果"]),
        ]
        let none = Checklist.entries(input(.engineer, items: items, files: [(.submittedPaper, nil)]))
        #expect(entry(none, "答辩材料")?.isMissing == true)
        #expect(entry(none, "答辩材料")?.target == .defenseItem)
        #expect(entry(none, "送审论文全文")?.detail == "已上传，但未对应申报表中的条目")
        // An achievement is not a defense item here; a paper is.
        #expect(entry(Checklist.entries(input(.engineer, items: items, defense: "a")), "答辩材料")?.isMissing == true)
        let chosen = Checklist.entries(input(.engineer, items: items, files: [(.submittedPaper, "p")], defense: "p"))
        #expect(entry(chosen, "答辩材料")?.satisfied == true)
        #expect(entry(chosen, "送审论文全文")?.satisfied == true)
        // Not asked of junior levels, who do not defend.
        #expect(entry(Checklist.entries(input(.assistantEngineer)), "答辩材料") == nil)
    }
}
