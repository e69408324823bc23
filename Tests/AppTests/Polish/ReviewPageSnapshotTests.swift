import Domain
import Foundation
import SnapshotTesting
import Testing
@testable import App

/// Issue 18, item 2: the reviewing bodies' pages (办理进度, 单位评议推荐, received
/// applications, 汇总表, fees, intake) rendered from their models, with errors shown
/// beside what was typed. To accept an intended change, delete the reference and run twice.
@Suite(.serialized) struct ReviewPageSnapshotTests {
    typealias F = SnapshotFixtures

    static let summaryRow = SummaryTable.Row(
        name: "张伟", sex: "男", birth: LocalDate(iso: "1988-05-06"), unit: F.unitName, education: "大学本科",
        school: "太原理工大学", major: "水利水电工程", graduated: LocalDate(iso: "2010-07-01"), workStart: LocalDate(iso: "2010-07-15"),
        currentTitle: "助理工程师", titleDate: LocalDate(iso: "2015-12-30"), targetLevel: "工程师", specialty: "水利水电工程",
        papers: "论文2篇", achievements: 1, phone: "139****5678", state: "待主管部门审核", transfer: false)

    @Test func progressPageForTheUnitWithARefusedReturn() {
        let url = F.url
        let page = ProgressPage(
            chrome: F.clerk("办理进度", path: url.progress), csrf: "csrf-token", applicant: "张伟", level: "工程师",
            specialty: "水利水电工程", unit: F.unitName, state: ApplicationState.unitReview.label,
            routeReading: "报送路线依据本年度评审政策的报送规定确定。",
            stages: [.init(step: RouteStep.unit.label, party: F.unitName, duty: "受理、评议、推荐", clause: "四（二）", status: .current),
                     .init(step: RouteStep.competentDepartment.label, party: "长治市水利局", duty: "审核", clause: "六.2", status: .pending)],
            events: [.init(when: "2022年7月4日 10:20", actor: "张伟", organization: F.unitName, action: "提交", opinion: "")],
            waitingFor: "等待\(F.unitName)办理：单位评议推荐。",
            actions: ProgressPage.actions(for: .unitReview, url: url, policy: F.policy),
            links: [("申报概览与材料", url.overview)],
            error: "请填写退回理由", typed: (path: url.fire(.returnForCorrection), reason: "年度考核<缺>"))
        let html = F.html(page.render())
        #expect(html.contains("年度考核&lt;缺&gt;") && html.contains("请填写退回理由"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func progressPageForTheApplicantHasNoActions() {
        let page = ProgressPage(
            chrome: F.applicant("办理进度", path: F.url.progress), csrf: "csrf-token", applicant: "张伟", level: "工程师",
            specialty: "水利水电工程", unit: F.unitName, state: ApplicationState.submitted.label, routeReading: nil,
            stages: [.init(step: RouteStep.unit.label, party: F.unitName, duty: "受理", clause: "四（二）", status: .current)],
            events: [], waitingFor: nil, actions: [], links: [("申报概览与材料", F.url.overview)], error: nil)
        let html = F.html(page.render())
        #expect(!html.contains("id=\"actions\""))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func unitEvaluationPageEditableWithAnError() {
        var evaluation = UnitEvaluation()
        evaluation.panel = [PanelMember(name: "李建国", role: .unitLeader, post: "院长")]
        evaluation.ratings = [.ethics: .excellent]
        let starts = LocalDate(iso: "2022-07-05")!, ends = LocalDate(iso: "2022-07-11")!
        evaluation.publicities[.conditions] = Publicity(kind: .conditions, starts: starts, ends: ends,
                                                        objections: [Objection(receivedOn: starts, content: "反映评议组人数不足")])
        let page = UnitEvaluationPage(
            chrome: F.clerk("单位评议推荐", path: F.url.unit), csrf: "csrf-token", url: F.url, applicant: "张伟", canEdit: true,
            evaluation: evaluation,
            publicities: PublicityKind.allCases.map { kind in
                kind == .conditions
                    ? .init(kind: kind, starts: starts.chinese, ends: ends.chinese, status: "公示中", notStarted: false,
                            startsISO: starts.iso, objections: [(index: 0, objection: evaluation.publicities[.conditions]!.objections[0])],
                            superseded: nil)
                    : .init(kind: kind, starts: nil, ends: nil, status: "", notStarted: false, startsISO: "", objections: [], superseded: nil)
            },
            minimumWorkingDays: F.review.publicityWorkingDays, missing: ["个人申报材料公示", "鉴定意见"], today: "2022年7月6日",
            error: (part: "panel", message: "评议组至少应有群众代表、同行专家、单位领导和科研管理部门代表各一人"),
            typed: ["name_1": "孙丽"])
        let html = F.html(page.render())
        #expect(html.contains("孙丽") && html.contains("评议组至少应有"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func receivedApplicationsPage() {
        let page = ReceivedApplicationsPage(
            chrome: F.chrome("收到的申报", .competentDepartment, path: SiteURL.receivedApplications.path, username: "dept1",
                             realName: "刘洋", organization: "长治市水利局"),
            showUnit: true,
            rows: [.init(path: F.url.overview, progress: F.url.progress, applicant: "张伟", level: "工程师", specialty: "水利水电工程",
                         unit: F.unitName, state: "待主管部门审核", submittedAt: "2022年7月4日")],
            queue: "待我办理1件", years: YearPicker(years: [2022, 2023], selected: 2022, url: .receivedApplications))
        assertSnapshot(of: F.html(page.render()), as: .lines)
    }

    @Test func summaryTablePageAndItsExportRefusal() {
        let chrome = F.chrome("评审材料汇总表", .competentDepartment, path: SiteURL.summary.path, username: "dept1",
                              realName: "刘洋", organization: "长治市水利局")
        let listed = SummaryTablePage(chrome: chrome, level: "engineer", rows: [Self.summaryRow], error: nil)
        assertSnapshot(of: F.html(listed.render()), as: .lines, named: "listed")
        let empty = SummaryTablePage(chrome: chrome, level: "", rows: [], error: "汇总表中没有申报，无法导出；申报推荐或报送到本机构后再导出。")
        assertSnapshot(of: F.html(empty.render()), as: .lines, named: "empty")
    }

    @Test func feesPageWithARefusedPayment() {
        // The amounts are the year's (the bundle's), never typed here.
        let engineer = ReviewFee.amount(for: .engineer, policy: F.policy)!, junior = ReviewFee.amount(for: .assistantEngineer, policy: F.policy)!
        let row = FeesPage.Row(id: F.id(41), applicant: "张伟", level: "工程师", reportingBody: "长治市水利局", amount: engineer, payment: nil)
        let paid = FeesPage.Row(id: F.id(42), applicant: "李娜", level: "助理工程师", reportingBody: F.unitName, amount: junior,
                                payment: .init(receipt: "CZ2022-0007", paidOn: "2022年8月1日", amount: junior))
        let page = FeesPage(
            chrome: F.office("评审费收取情况", path: SiteURL.fees(.list).path), csrf: "csrf-token", today: "2022年8月2日",
            standard: [TargetLevel.engineer, .technician].compactMap { level in
                ReviewFee.amount(for: level, policy: F.policy).map { "\(ReviewFee.tier(for: level))每人\($0)元" }
            }.joined(separator: "，"), rows: [row, paid],
            // In the controller's order: `totals` builds them from a dictionary.
            totals: FeesPage.totals([("工程师", engineer, nil), ("助理工程师", junior, junior)]).sorted { $0.name > $1.name },
            bodies: FeesPage.totals([("长治市水利局", engineer, nil), (F.unitName, junior, junior)]).sorted { $0.name < $1.name },
            error: "收据号不能为空",
            form: .init(id: F.id(41), kind: .pay, values: ["receipt": "", "paidOn": "2022-08-02"], errors: ["receipt": "收据号不能为空"]),
            years: YearPicker(years: [2022], selected: 2022, url: .fees(.list)))
        let html = F.html(page.render())
        #expect(html.contains("2022-08-02") && html.contains("收据号不能为空"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func intakeOfficePageAtTheCounter() {
        let page = IntakeOfficePage(
            chrome: F.office("收审安排", path: SiteURL.intake(.office).path), csrf: "csrf-token",
            window: "\(F.policy.intake.lowerBound.chinese)至\(F.policy.intake.upperBound.chinese)",
            copies: IntakeRules.copiesExpected(level: .engineer, year: F.review).map { "\($0.0.label)\($0.1)份" }.joined(separator: "、"),
            juniorNote: "助理工程师、技术员不参加答辩，不报送送审论文", today: "2022-08-01",
            days: [.init(date: "2022年8月1日", capacity: 10, note: "上午", bookings: [
                .init(id: F.id(51), organization: "长治市水利局", batchSize: 2, contact: "刘洋 13903550001",
                      checkedIn: "2022年8月1日 08:40",
                      items: [.init(id: F.id(61), applicationID: F.applicationID, applicant: "张伟", unit: F.unitName, level: "工程师",
                                    state: ApplicationState.intake.label, progress: F.url.progress,
                                    expected: IntakeRules.copiesExpected(level: .engineer, year: F.review)
                                        .map { .init(field: "copies_\($0.0.rawValue)", label: $0.0.label, count: $0.1) },
                                    outcome: nil, atCounter: true, originalsReturned: nil, canRecordReturn: false),
                              .init(id: F.id(62), applicationID: F.id(2), applicant: "李娜", unit: F.unitName, level: "助理工程师",
                                    state: ApplicationState.accepted.label, progress: DeclarationURL(id: F.id(2)).progress,
                                    expected: [], outcome: "已受理（2022年8月1日 09:10）：原件已核验；收到"
                                        + IntakeRules.copiesExpected(level: .assistantEngineer, year: F.review)
                                            .map { "\($0.0.label)\($0.1)份" }.joined(separator: "、"),
                                    atCounter: false, originalsReturned: nil, canRecordReturn: true)])])],
            error: "收到的评审表份数与应报送的份数不一致", typed: ["copies_reviewForm": "1"], typedFor: F.applicationID)
        let html = F.html(page.render())
        #expect(html.contains("收到的评审表份数与应报送的份数不一致"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func intakeBookingPageRefusedKeepsWhatWasTyped() {
        let page = IntakeBookingPage(
            chrome: F.clerk("预约收审", path: SiteURL.intake(.book).path), csrf: "csrf-token",
            window: "\(F.policy.intake.lowerBound.chinese)至\(F.policy.intake.upperBound.chinese)",
            openDays: [.init(id: F.id(71).uuidString, date: "2022年8月2日", remaining: 3, note: "下午")],
            mine: [.init(id: F.id(51), date: "2022年8月1日", batchSize: 1, contact: "王敏 13903550002", checkedIn: false,
                         cancellable: true, applications: ["李娜（已受理）"])],
            candidates: [.init(id: F.applicationID, applicant: "张伟", unit: F.unitName, level: "工程师", heldOn: nil)],
            error: "报送件数与勾选的申报件数不一致",
            typed: ["day": F.id(71).uuidString, "app_" + F.applicationID.uuidString: "1", "batchSize": "3", "contactName": "王敏",
                    "contactPhone": "13903550002"])
        let html = F.html(page.render())
        #expect(html.contains("报送件数与勾选的申报件数不一致") && html.contains("value=\"3\""))
        assertSnapshot(of: html, as: .lines)
    }
}
