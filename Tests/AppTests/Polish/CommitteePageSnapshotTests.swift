import Domain
import Foundation
import Plot
import SnapshotTesting
import Testing
@testable import App

/// Issue 19, item 2 (with issue 8, item 11): a snapshot of every page type of the
/// committee stage (Sources/App/Views/Committee), rendered from its page model — no
/// HTTP, no database, no clock — so a change to what a page shows is seen in review.
/// The lists that pick their review year show the picker with two known years, 2022
/// shown. The yearly numbers come from the shipped 2022 bundle, never typed here.
/// References live in __Snapshots__/CommitteePageSnapshotTests/; to accept an intended
/// change, delete the reference and run the test twice.
@Suite(.serialized) struct CommitteePageSnapshotTests {
    static let id1 = UUID(uuidString: "00000000-0000-4000-8000-000000000101")!
    static let id2 = UUID(uuidString: "00000000-0000-4000-8000-000000000102")!
    static let id3 = UUID(uuidString: "00000000-0000-4000-8000-000000000103")!

    static func chrome(_ title: String, role: Role = .committeeOffice, path: String) -> PageChrome {
        let user: PageChrome.SignedIn = switch role {
        case .expert: .init(username: "expert1", realName: "赵强", role: .expert, organizationName: "长治市示例勘测设计院")
        case .cityHR: .init(username: "cityhr", realName: "孙丽", role: .cityHR, organizationName: "长治市人力资源和社会保障局")
        case .applicant: .init(username: "applicant1", realName: "张伟", role: .applicant, organizationName: "长治市示例水利设计院")
        default: .init(username: "office", realName: "李娜", role: .committeeOffice, organizationName: "长治市工程系列评委会办公室")
        }
        return PageChrome(title: title, user: user, csrf: "csrf-token", activePath: path)
    }

    /// Two known years, 2022 shown: the picker names 2022 and links to 2023.
    static func years(_ url: SiteURL) -> YearPicker { YearPicker(years: [2022, 2023], selected: 2022, url: url) }

    static func policy() throws -> Policy { try Policy.load(id: PolicyStore.currentID) }

    static func html(_ page: HTML) -> String { PageSnapshotTests.html(page) }

    // MARK: the office's lists (with the year picker)

    @Test func panelsPage() throws {
        let page = PanelsPage(
            chrome: Self.chrome("评审组与答辩安排", path: SiteURL.committee(.panels).path), csrf: "csrf-token", errors: [],
            panels: [.init(id: Self.id1, specialty: "水利水电工程", room: "市人社局三楼会议室", defending: 2, isClosed: false)],
            waiting: [.init(applicant: "王芳", specialty: "电气工程", unit: "长治市示例供电公司")],
            groups: ["电气工程"], panelSize: try CommitteeData.integer(Self.policy(), "defensePanelSize"),
            years: Self.years(.committee(.panels)))
        let html = Self.html(page.render())
        #expect(html.contains(#"<strong aria-current="page">2022年度</strong>"#) && html.contains("/committee/panels?year=2023"))
        #expect(html.contains(#"action="/committee/panels?year=2022""#))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func panelsPageEmptyYear() {
        let page = PanelsPage(chrome: Self.chrome("评审组与答辩安排", path: SiteURL.committee(.panels).path), csrf: "csrf-token",
                              errors: ["2023年度评审尚未开始（2023年6月1日开始申报），现在不能为该年度抽取评审组；请在页首选择正在进行的评审年度"],
                              panels: [], waiting: [], groups: [], panelSize: 5,
                              years: YearPicker(years: [2022, 2023], selected: 2023, url: .committee(.panels)))
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func meetingListPage() throws {
        let page = MeetingListPage(
            chrome: Self.chrome("评委会会议", path: SiteURL.committee(.meetings).path), csrf: "csrf-token", errors: [], year: 2022,
            meetings: [.init(id: Self.id1, heldOn: "2022-10-20", committee: "长治市工程系列中级职称评审委员会", state: "筹备中")],
            committees: [Choice(value: Self.id2.uuidString, label: "中级评委会：长治市工程系列中级职称评审委员会")],
            rules: try CommitteeRules(policy: Self.policy()), typed: [:], years: Self.years(.committee(.meetings)))
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func referralsPage() throws {
        let page = ReferralsPage(
            chrome: Self.chrome("提交初级评委会评议", path: SiteURL.committee(.referrals).path), csrf: "csrf-token", errors: [],
            rows: [.init(id: Self.id1, name: "刘洋", level: "助理工程师", specialty: "电气工程", unit: "长治市示例供电公司", quantitative: "62.5"),
                   .init(id: Self.id2, name: "陈静", level: "技术员", specialty: "建筑工程", unit: "长治市示例建筑公司", quantitative: nil)],
            waitingVote: 1, years: Self.years(.committee(.referrals)), documentNumber: try Self.policy().documentNumber)
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func resultsPage() throws {
        let page = ResultsPage(
            chrome: Self.chrome("结果公示与证书", path: SiteURL.committee(.results).path), csrf: "csrf-token", errors: [],
            passed: [.init(applicant: "张伟", unit: "长治市示例水利设计院", specialty: "水利水电工程", state: "已发证",
                           certificate: (id: Self.id3, number: "CZGC202200001"), code: "ABCDEFGHJKMN")],
            publicities: [.init(starts: "2022-11-01", ends: "2022-11-07", count: 1, confirmation: "待市人社局审核确认")],
            publicityWorkingDays: try CommitteeData.integer(Self.policy(), "resultPublicityWorkingDays"),
            cases: [.init(id: Self.id2, applicant: "张伟", kind: "公示异议", received: "2022-11-03", content: "对业绩有疑问",
                          resolution: nil, resolvedOn: nil)],
            applicants: [Choice(value: Self.id1.uuidString, label: "张伟")], today: "2022-11-10", typed: [:],
            years: Self.years(.committee(.results)),
            passedPager: Pager(page: 2, pageSize: 1, total: 3, path: SiteURL.committee(.results).path, query: [("year", "2022"), ("who", "张")]),
            who: "张", choicesCut: true)
        let html = Self.html(page.render())
        #expect(html.contains(#"action="/committee/results/publicity?year=2022""#))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func resultConfirmationPage() throws {
        let page = ResultConfirmationPage(
            chrome: Self.chrome("评审结果审核确认", role: .cityHR, path: SiteURL.resultsConfirmation.path), csrf: "csrf-token", errors: [],
            lists: [.init(id: Self.id1, period: "2022年11月1日至2022年11月7日",
                          people: [.init(name: "张伟", unit: "长治市示例水利设计院", level: "工程师", specialty: "水利水电工程", objection: "无")],
                          status: nil, confirmable: true)],
            workingDays: try CommitteeData.integer(Self.policy(), "resultPublicityWorkingDays"),
            years: Self.years(.resultsConfirmation))
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func quantitativeListPage() throws {
        let page = QuantitativeListPage(
            chrome: Self.chrome("量化赋分", path: SiteURL.committee(.quantitative).path), table: try QuantitativeTable(policy: Self.policy()),
            rows: [.init(id: Self.id1, name: "刘洋", level: "助理工程师", specialty: "电气工程", total: Tenths(625))],
            years: Self.years(.committee(.quantitative)),
            pager: Pager(page: 1, pageSize: 1, total: 2, path: SiteURL.committee(.quantitative).path, query: [("year", "2022")]))
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func quantitativeTablePage() throws {
        let page = QuantitativeTablePage(
            chrome: Self.chrome("2022年度量化赋分表", path: SiteURL.committee(.quantitativeTable).path), csrf: "csrf-token",
            table: try QuantitativeTable(policy: Self.policy()), started: false, fixedBy: nil, errors: [:], typed: [:],
            years: Self.years(.committee(.quantitativeTable)))
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func rankingsPage() {
        let page = RankingsPage(
            chrome: Self.chrome("评审成绩排名", path: SiteURL.committee(.rankings).path),
            rows: [.init(group: RankingsPage.groupName(.engineer), rank: 1, name: "张伟", unit: "长治市示例水利设计院", level: "工程师",
                         defense: "85.6", grade: "优", quantitative: "70.0", review: "74.68"),
                   .init(group: RankingsPage.groupName(.technician), rank: nil, name: "陈静", unit: "长治市示例建筑公司", level: "技术员",
                         defense: "", grade: "", quantitative: "", review: "")],
            years: Self.years(.committee(.rankings)))
        let html = Self.html(page.render())
        #expect(html.contains("/committee/rankings.csv?year=2022"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func questionBankPage() {
        let page = QuestionBankPage(
            chrome: Self.chrome("答辩题库", path: SiteURL.committee(.questions).path), csrf: "csrf-token", errors: [],
            questions: [.init(id: Self.id1, specialty: "水利水电工程", kind: "公共问题", text: "请简述堤防工程的主要设计标准。")],
            specialties: ["水利水电工程"], years: Self.years(.committee(.questions)))
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func committeesPage() throws {
        let page = CommitteesPage(
            chrome: Self.chrome("评委会组成", path: SiteURL.committee(.committees).path), csrf: "csrf-token", errors: [], year: 2022,
            committees: [.init(tier: .intermediate, name: "长治市工程系列中级职称评审委员会", term: "2022-01-01 至 2024-12-31",
                               members: [.init(name: "赵强", specialty: "水利水电工程", organization: "长治市示例勘测设计院", role: .chair)],
                               problems: ["成员不足"], locked: false)],
            candidates: [.init(id: Self.id1, label: "赵强（高级工程师，水利水电工程，长治市示例勘测设计院）")],
            rules: try CommitteeRules(policy: Self.policy()), typed: [:], years: Self.years(.committee(.committees)),
            documentNumber: try Self.policy().documentNumber)
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func committeeExportsPage() {
        let page = CommitteeExportsPage(chrome: Self.chrome("数据导出", path: SiteURL.committee(.exports).path),
                                        kinds: [("results", "评审结果"), ("rankings", "评审成绩排名")],
                                        years: Self.years(.committee(.exports)))
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    // MARK: a record's own pages (its year is the record's)

    @Test func panelPage() {
        let page = PanelPage(
            chrome: Self.chrome("水利水电工程评审组", path: SiteURL.committee(.panel(.value(Self.id1), nil)).path), csrf: "csrf-token",
            errors: [], panelID: Self.id1, year: 2022, room: "市人社局三楼会议室", seed: "42", isClosed: false,
            excluded: "钱军：与申报人同一工作单位",
            members: [.init(name: "赵强", account: "expert1", duty: "组长", status: "在组")],
            activeMembers: [Choice(value: Self.id2.uuidString, label: "赵强")],
            slots: [.init(applicant: "张伟", unit: "长治市示例水利设计院", startsAt: "2022-10-10 09:00", scored: "1/5",
                          defenseScore: "—", grade: "—", basis: "")],
            quota: "", commandInput: "", notAdmitted: 1,
            waiting: [Choice(value: Self.id3.uuidString, label: "王芳")], typedStartsAt: nil,
            notes: [.init(at: "2022-10-01 10:00", text: "抽取评审组", actor: "李娜")])
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func meetingPage() {
        let page = MeetingPage(
            chrome: Self.chrome("长治市工程系列中级职称评审委员会会议（2022-10-20）", path: SiteURL.committee(.meeting(.value(Self.id1), nil)).path),
            csrf: "csrf-token", errors: [], meetingID: Self.id1, committee: "中级评委会：长治市工程系列中级职称评审委员会",
            notes: "", closed: false, votingStarted: true,
            members: [.init(id: Self.id2, expertID: Self.id3, name: "赵强", role: .chair, present: true)],
            applicants: [.init(id: Self.id3, name: "张伟", level: "工程师", specialty: "水利水电工程", standing: "待表决",
                               reviewScore: "74.68", voted: 1, voters: 1, recused: 0, tally: (agree: 1, disagree: 0, abstain: 0))],
            quorumLine: "应到1人，实到1人", startProblems: [],
            presentChoices: [Choice(value: Self.id3.uuidString, label: "赵强")])
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func meetingMinutesPage() {
        let page = MeetingMinutesPage(
            title: "长治市工程系列中级职称评审委员会会议纪要", committee: "长治市工程系列中级职称评审委员会", heldOn: "2022年10月20日",
            chair: "赵强", presiding: "赵强（主任委员）", attendance: "应到1人，实到1人：赵强", absent: "无", notes: "—",
            rows: [.init(name: "张伟", unit: "长治市示例水利设计院", level: "工程师", specialty: "水利水电工程",
                         agree: 1, disagree: 0, abstain: 0, recused: 0, result: "通过")])
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func quantitativeScoresPage() {
        let page = QuantitativeScoresPage(
            chrome: Self.chrome("量化赋分：刘洋", path: SiteURL.committee(.quantitativeScores(.value(Self.id1))).path), csrf: "csrf-token",
            applicationID: Self.id1, summary: "助理工程师，电气工程，长治市示例供电公司。", errors: [:], reason: nil,
            fields: [.init(kind: "education", rule: "学历：每项10分，最高10分", value: "10", error: nil, hint: "依据申报材料预填：本科，10分")],
            recorded: [.init(item: "学历", points: "10", reason: "依据申报材料：本科")])
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func caseDecisionPage() {
        let page = CaseDecisionPage(
            chrome: Self.chrome("复查决定", path: SiteURL.committee(.caseDecision(.value(Self.id1))).path), csrf: "csrf-token", errors: [],
            caseID: Self.id1, applicant: "张伟", level: "工程师", standing: "评审通过", kind: "复查", received: "2022-11-20",
            content: "申请复查答辩成绩", redoOptions: ReexaminationRedo.allCases, decided: nil, typed: [:])
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func certificatePrintPage() {
        let page = CertificatePrintPage(number: "CZGC202200001", code: "ABCDEFGHJKMN", holder: "张伟", maskedID: "140***********1234",
                                        committee: "长治市工程系列中级职称评审委员会", title: "工程师", specialty: "水利水电工程",
                                        issuedOn: "2022年12月1日", link: "https://example.org/verify/ABCDEFGHJKMN", revoked: nil, qrSVG: nil)
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func certificateVerifyPage() {
        let cert = CertificateVerifyPage.Certificate(holder: "张伟", maskedID: "140***********1234", title: "工程师", specialty: "水利水电工程",
                                                     issuedOn: "2022年12月1日", number: "CZGC202200001",
                                                     committee: "长治市工程系列中级职称评审委员会")
        let page = CertificateVerifyPage(chrome: PageChrome(title: "证书查验", activePath: SiteURL.verify.path), outcome: .valid(cert))
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func publicResultsPage() {
        let page = PublicResultsPage(
            chrome: PageChrome(title: "评审结果公示", activePath: SiteURL.results.path), reviewTitle: "长治市2022年度工程系列中初级职称评审",
            publicities: [.init(heading: "公示期：2022年11月1日至2022年11月7日（已结束）",
                                people: [.init(name: "张伟", unit: "长治市示例水利设计院", level: "工程师", specialty: "水利水电工程")])],
            pager: Pager(page: 2, pageSize: 1, total: 2, path: SiteURL.results.path, query: [("year", "2022")]))
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func defenseAdmissionPage() {
        let page = DefenseAdmissionPage(
            chrome: Self.chrome("答辩通知书", role: .applicant, path: "/applications/\(Self.id1.uuidString)/admission"),
            applicationID: Self.id1, applicant: "张伟", specialty: "水利水电工程", state: "已安排答辩",
            slot: .init(panel: "水利水电工程评审组", room: "市人社局三楼会议室", startsAt: "2022-10-10 09:00"),
            materialsWeight: "40%", onsiteWeight: "60%", committee: "长治市工程系列中初级职称评审委员会")
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    // MARK: the expert's pages

    @Test func expertPanelsPage() {
        let page = ExpertPanelsPage(
            chrome: Self.chrome("我的评审", role: .expert, path: SiteURL.expert(.panels).path), linked: true,
            panels: [.init(id: Self.id1, specialty: "水利水电工程", room: "市人社局三楼会议室", isLead: true, isClosed: false)],
            meetings: [.init(id: Self.id2, heldOn: "2022-10-20", present: true, isClosed: false)],
            years: Self.years(.expert(.panels)))
        let html = Self.html(page.render())
        #expect(html.contains(#"<strong aria-current="page">2022年度</strong>"#))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func expertPanelPage() {
        let panel = DefensePanel(year: 2022, specialty: "水利水电工程", seed: 42, excluded: "", room: "市人社局三楼会议室")
        panel.id = Self.id1
        let unit = Organization(id: Self.id2, name: "长治市示例水利设计院", kind: .unit, divisionCode: "140400")
        let applicant = UserAccount(id: Self.id3, username: "applicant1", passwordHash: "-", role: .applicant, organizationID: Self.id2,
                                    realName: "张伟")
        let application = ApplicationRecord(applicantID: Self.id3, unitID: Self.id2, year: 2022, policyID: PolicyStore.currentID,
                                            targetLevel: .engineer, track: .regular, specialty: "水利水电工程")
        application.id = Self.id3
        application.$applicant.value = applicant
        application.$unit.value = unit
        let slot = DefenseSlot(panelID: Self.id1, applicationID: Self.id3, room: panel.room, startsAt: "2022-10-10 09:00")
        slot.$application.value = application
        let page = ExpertPanelPage(
            chrome: Self.chrome("水利水电工程评审组", role: .expert, path: SiteURL.expert(.panel(.value(Self.id1))).path), csrf: "csrf-token",
            panel: panel, isLead: true, applicants: [.init(slot: slot, own: nil, result: nil, material: nil, assigned: [])], bank: [],
            errors: [:], typed: [:], materialsWeight: "40%", onsiteWeight: "60%", gradeRatioText: "3:6:1")
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func ballotPage() {
        let page = BallotPage(
            chrome: Self.chrome("评委会会议（2022-10-20）表决", role: .expert, path: SiteURL.expert(.meeting(.value(Self.id1))).path),
            csrf: "csrf-token", errors: [], meetingID: Self.id1, present: true, votingStarted: true, closed: false,
            rows: [.init(applicationID: Self.id2, name: "张伟", level: "工程师", specialty: "水利水电工程", unit: "长治市示例水利设计院", voted: false)])
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    // MARK: the expert pool and integrity (their years: ReviewYearOfficeTests, YearPageSnapshotTests)

    @Test func expertPoolPage() {
        let page = ExpertPoolPage(
            chrome: Self.chrome("专家库", path: SiteURL.committee(.experts).path), csrf: "csrf-token", errors: [], values: [:],
            experts: [.init(id: Self.id1, name: "赵强", specialty: "水利水电工程", title: "高级工程师", organization: "长治市示例勘测设计院",
                            contact: "139****0000", term: "2022-01-01 至 2024-12-31", account: "expert1", status: "在任", isActive: true)],
            recusals: [.init(expert: "赵强", applicant: "张伟", source: "专家本人申请", reason: "亲属关系")],
            organizations: [Choice(value: Self.id2.uuidString, label: "长治市示例勘测设计院")],
            accounts: [Choice(value: Self.id3.uuidString, label: "expert1")],
            applications: [Choice(value: Self.id3.uuidString, label: "张伟")])
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func integrityPage() throws {
        let page = IntegrityPage(
            chrome: Self.chrome("诚信核查", path: SiteURL.committee(.integrity).path), csrf: "csrf-token", errors: [], typed: [:],
            picker: Self.years(.committee(.integrity)),
            recordYears: try CommitteeData.integer(Self.policy(), "integrityRecordYears"),
            flags: [.init(id: Self.id1, applicationID: Self.id2, applicant: "张伟", reporter: "赵强", evidence: "论文与他人雷同",
                          status: "待核查", isOpen: true)],
            cancellable: [Choice(value: Self.id2.uuidString, label: "张伟")],
            records: [.init(name: "王某", maskedID: "140***********0000", reason: "提供虚假材料", term: "2022-12-01 至 2025-11-30",
                            unitFailure: "")],
            lifted: [])
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }

    @Test func integrityFlagPage() {
        let page = IntegrityFlagPage(chrome: Self.chrome("举报疑似虚假材料", role: .expert, path: "/applications/\(Self.id1.uuidString)/integrity-flag"),
                                     csrf: "csrf-token", applicationID: Self.id1, applicant: "张伟，工程师，水利水电工程，长治市示例水利设计院",
                                     error: nil, evidence: "")
        assertSnapshot(of: Self.html(page.render()), as: .lines)
    }
}
