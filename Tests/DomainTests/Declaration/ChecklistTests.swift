import Testing
@testable import Domain

@Suite struct ChecklistTests {
    static let rules = ChecklistInput.Rules(try! ReviewYear(Policy.load(id: "changzhi-2022")))

    func input(_ level: TargetLevel, track: Track = .regular, unitKind: UnitKind? = nil,
               items: [(String, DeclarationSection, FieldValues)] = [],
               files: [(DossierSlot, String?)] = [], report: Int = 0, missingBasics: [String] = [],
               defense: String? = nil) -> ChecklistInput {
        ChecklistInput(level: level, track: track, unitKind: unitKind, missingBasics: missingBasics, workReportCharacters: report,
                       items: items.map { .init(id: $0.0, section: $0.1, values: $0.2) },
                       files: files.map { .init(slot: $0.0, itemID: $0.1) }, defenseItemID: defense, rules: Self.rules)
    }

    @Test func emptyEngineerDeclarationListsWhatIsMissing() {
        let missing = Checklist.missing(input(.engineer, missingBasics: ["民族"]))
        #expect(missing.contains("基本信息（未填写：民族）"))
        #expect(missing.contains { $0.hasPrefix("学历学位") })
        #expect(missing.contains { $0.hasPrefix("送审论文全文") })
        #expect(missing.contains { $0.hasPrefix("业绩成果") })
        #expect(missing.contains { $0.hasPrefix("红底小2寸照片") })
        #expect(!missing.contains { $0.hasPrefix("技术报告") })
    }

    @Test func eachPaperAndAchievementNeedsItsOwnEvidence() {
        let items: [(String, DeclarationSection, FieldValues)] = [
            ("p1", .papers, ["title": "论文甲"]), ("p2", .papers, ["title": "论文乙"]), ("a1", .achievements, ["name": "成果甲"]),
        ]
        let partial = Checklist.entries(input(.engineer, items: items, files: [(.category6, "p1")]))
        let papers = partial.first { $0.title.hasPrefix("第六类：每篇论文") }
        #expect(papers?.satisfied == false)
        #expect(papers?.detail == "缺少：《论文乙》")
        let full = Checklist.entries(input(.engineer, items: items, files: [(.category6, "p1"), (.category6, "p2"), (.category7, "a1")]))
        #expect(full.first { $0.title.hasPrefix("第六类：每篇论文") }?.satisfied == true)
        #expect(full.first { $0.title.hasPrefix("第七类") }?.satisfied == true)
    }

    @Test func assistantEngineerNeedsTwoReportsAndNoPaperUpload() {
        let one = Checklist.missing(input(.assistantEngineer, items: [("r1", .technicalReports, [:])]))
        #expect(one.contains("技术报告（2篇）（已填写1项，至少需要2项）"))
        #expect(!one.contains { $0.hasPrefix("送审论文") })
    }

    @Test func completeTechnicianDeclarationHasNothingMissing() {
        let done = input(.technician, items: [("e", .education, [:]), ("a", .assessments, [:])],
                         files: [(.category3, nil), (.photo, nil)], report: 400)
        #expect(Checklist.missing(done).isEmpty)
        // A report uploaded into 第八类 counts as well as a written one.
        let uploaded = input(.technician, items: [("e", .education, [:]), ("a", .assessments, [:])],
                             files: [(.category3, nil), (.photo, nil), (.category8, nil)], report: 10)
        #expect(Checklist.missing(uploaded).isEmpty)
    }

    @Test func transferNeedsTheOtherSeriesTitle() {
        let missing = Checklist.missing(input(.engineer, track: .transfer))
        #expect(missing.contains { $0.hasPrefix("现任其他系列职称") })
        #expect(!missing.contains { $0.hasPrefix("业绩成果") })
    }

    @Test func optionalEntriesNeverBlock() {
        let entries = Checklist.entries(input(.technician))
        for entry in entries where !entry.required { #expect(!entry.isMissing) }
    }
}
