import Testing
@testable import Domain

/// 评审材料汇总表 (issue 17 item 4): which applications it lists and how its cells read.
@Suite struct SummaryTableRulesTests {
    @Test func listsOnlyApplicationsUnderWayOrPassed() {
        let listed: Set<ApplicationState> = [.unitReview, .agencyReview, .countyHRReview, .countyIndustryReview,
                                             .departmentReview, .cityHRFiling, .cityHRReview, .intake, .accepted,
                                             .scheduled, .defended, .awaitingVote, .passed, .certified]
        for state in ApplicationState.allCases {
            #expect(SummaryTable.lists(state) == listed.contains(state), "\(state)")
        }
        #expect(!SummaryTable.lists(.returned) && !SummaryTable.lists(.rejected))
        #expect(Set(SummaryTable.listedStates) == listed)
    }

    @Test func writtenWorkIsCountedByKind() {
        #expect(SummaryTable.writtenWork(papers: 2, books: 0, technicalMaterials: 0, technicalReports: 0) == "论文2篇")
        #expect(SummaryTable.writtenWork(papers: 1, books: 1, technicalMaterials: 2, technicalReports: 0) == "论文1篇、论著1部、实用技术材料2项")
        #expect(SummaryTable.writtenWork(papers: 0, books: 0, technicalMaterials: 0, technicalReports: 2) == "技术报告2篇")
        #expect(SummaryTable.writtenWork(papers: 0, books: 0, technicalMaterials: 0, technicalReports: 0) == "无")
    }

    @Test func cellsReadAsTheFormPrintsThem() {
        let row = SummaryTable.Row(
            name: "张伟", sex: "男", birth: LocalDate(iso: "1988-03-12"), unit: "示例院", education: "大学本科",
            school: "太原理工大学", major: "机械", graduated: LocalDate(iso: "2012-07-01"), workStart: LocalDate(iso: "2012-08-01"),
            currentTitle: "", titleDate: nil, targetLevel: "工程师", specialty: "机械工程", papers: "论文2篇",
            achievements: 0, phone: "138****1001", state: "待主管部门审核", transfer: true)
        #expect(SummaryTable.cells([row, row]) == [
            ["1", "张伟", "男", "1988年3月", "示例院", "太原理工大学 机械", "大学本科", "2012年7月", "2012年8月", "无",
             "工程师（机械工程）", "论文2篇", "无", "138****1001", "同级转评；待主管部门审核"],
            ["2", "张伟", "男", "1988年3月", "示例院", "太原理工大学 机械", "大学本科", "2012年7月", "2012年8月", "无",
             "工程师（机械工程）", "论文2篇", "无", "138****1001", "同级转评；待主管部门审核"],
        ])
        #expect(SummaryTable.cells([row])[0].count == SummaryTable.headers.count)
    }
}
