import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// The application after submission, through every party's screens over HTTP:
/// the employer's evaluation and three publicities on the official calendar,
/// the level-by-level review along the route, and intake (四, 六, 十).
@Suite(.serialized) struct ReviewFlowTests: WorkflowTestCase {
    @Test func cityDirectEngineerFromSubmissionToIntake() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-04"))
            let id = try await submitted(app)
            let url = DeclarationURL(id: id)
            var application = try await record(app, id)
            #expect(application.stateValue == .submitted)
            // 四（三）: 市直单位申报中级 → 主管部门审核 → 市人社局审核 → 评委会 (route rule 1).
            #expect(try application.route() == [.unit, .competentDepartment, .cityHRReview, .committeeOffice])

            var unit = Browser(app)
            try await unit.login("unit1")
            let queue = try await unit.get("/reviews")
            #expect(queue.status == .ok)
            #expect(queue.text.contains("待我办理") && queue.text.contains("张伟"))
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.unitAccept)).status == .seeOther)
            #expect(try await record(app, id).stateValue == .unitReview)

            // Recommending now is refused with what is missing.
            try await unit.get(url.progress)
            let early = try await unit.post(url.fire(.recommend))
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("推荐前还须完成") && early.text.contains("单位鉴定意见"))

            // The panel, its check and ratings.
            try await unit.get(url.unit)
            var panel: [String: String] = [:]
            for (i, role) in PanelMemberRole.allCases.enumerated() {
                panel["name_\(i)"] = "评议人\(i)"; panel["role_\(i)"] = role.rawValue; panel["post_\(i)"] = "高级工程师"
            }
            #expect(try await unit.post(url.unit + "/panel", panel).status == .seeOther)
            var ratings = ["authenticity": "1"]
            for c in EvaluationCriterion.allCases { ratings["rating_\(c.rawValue)"] = "good" }
            #expect(try await unit.post(url.unit + "/ratings", ratings).status == .seeOther)

            // The opinion publicity before an opinion is refused; the first two start today.
            let tooEarly = try await unit.post(url.unit + "/publicity/opinion", ["starts": "2022-07-04"])
            #expect(tooEarly.status == .unprocessableEntity)
            #expect(tooEarly.text.contains("请先出具单位鉴定意见"))
            #expect(try await unit.post(url.unit + "/publicity/conditions", ["starts": "2022-07-04"]).status == .seeOther)
            #expect(try await unit.post(url.unit + "/publicity/materials", ["starts": "2022-07-04"]).status == .seeOther)
            let page = try await unit.get(url.unit)
            // Five working days: 7月4日 to 7月8日 (a Friday).
            #expect(page.text.contains("公示期：2022年7月4日至2022年7月8日（公示中）"))

            // An objection must be resolved before the opinion.
            #expect(try await unit.post(url.unit + "/objection/materials", ["received": "2022-07-04", "content": "论文作者存疑"]).status == .seeOther)
            app.clock = .fixed(day("2022-07-11"))
            let meets = Dictionary(uniqueKeysWithValues: OpinionItem.allCases.map { ("meets_\($0.rawValue)", "yes") })
            var opinion = meets
            opinion["text"] = "该同志学历、资历符合申报条件，同意推荐。"
            opinion["decided"] = "2022-07-11"
            opinion["recommend"] = "yes"
            opinion["head"] = "王院长"
            try await unit.get(url.unit)
            let blocked = try await unit.post(url.unit + "/opinion", opinion)
            #expect(blocked.status == .unprocessableEntity)
            #expect(blocked.text.contains("有未处理的异议"))
            #expect(blocked.text.contains("该同志学历、资历符合申报条件"))   // what was typed is kept
            #expect(try await unit.post(url.unit + "/objection/materials/0/resolve",
                                        ["resolved": "2022-07-11", "resolution": "经核实为本人独立完成"]).status == .seeOther)
            #expect(try await unit.post(url.unit + "/opinion", opinion).status == .seeOther)
            #expect(try await unit.post(url.unit + "/publicity/opinion", ["starts": "2022-07-11"]).status == .seeOther)
            #expect(try await unit.post(url.unit + "/commitment", ["agree": "1"]).status == .seeOther)

            // On the publicity's last day it is not over yet.
            app.clock = .fixed(day("2022-07-15"))
            try await unit.get(url.progress)
            let lastDay = try await unit.post(url.fire(.recommend))
            #expect(lastDay.status == .unprocessableEntity)
            #expect(lastDay.text.contains("单位鉴定意见公示至2022年7月15日结束"))
            app.clock = .fixed(day("2022-07-18"))
            #expect(try await unit.post(url.fire(.recommend), ["reason": "同意推荐"]).status == .seeOther)
            #expect(try await record(app, id).stateValue == .departmentReview)

            // 第一类 (五.4): the 推荐报告, the 公示情况一览表 and a notice for the board, from the records.
            let report = try await unit.get(url.overview + "/print/recommendation")
            #expect(report.status == .ok)
            for text in ["关于推荐张伟同志申报工程师任职资格的报告", "评议人0", "学历符合申报条件", "该同志学历、资历符合申报条件",
                         "单位集体研究，同意推荐", "王院长"] {
                #expect(report.text.contains(text), "report lacks \(text)")
            }
            let summary = try await unit.get(url.overview + "/print/publicity-summary")
            #expect(summary.text.contains("公示情况一览表"))
            #expect(summary.text.contains("2022年7月4日至2022年7月8日") && summary.text.contains("5个工作日"))
            #expect(summary.text.contains("论文作者存疑") && summary.text.contains("异议已处理"))
            let notice = try await unit.get(url.overview + "/print/publicity-notice/opinion")
            #expect(notice.text.contains("公示期：2022年7月11日至2022年7月15日，共5个工作日"))

            // Parties not on the route or not yet reached are refused.
            var county = Browser(app)
            try await county.login("county1")
            #expect(try await county.get(url.progress).status == .forbidden)
            var cityHR = Browser(app)
            try await cityHR.login("cityhr")
            #expect(try await cityHR.get(url.progress).status == .forbidden)

            var dept = Browser(app)
            try await dept.login("dept1")
            let deptProgress = try await dept.get(url.progress)
            #expect(deptProgress.text.contains("举报疑似虚假材料"))
            #expect(try await dept.get(url.overview + "/integrity-flag").status == .ok)
            let deptQueue = try await dept.get("/reviews")
            #expect(deptQueue.text.contains("张伟"))
            try await dept.get(url.progress)
            #expect(try await dept.post(url.fire(.approve), ["reason": "材料齐全"]).status == .seeOther)
            #expect(try await record(app, id).stateValue == .cityHRReview)
            // The same approval again (a double click) changes nothing.
            #expect(try await dept.post(url.fire(.approve)).status == .unprocessableEntity)

            try await cityHR.get(url.progress)
            #expect(try await cityHR.post(url.fire(.approve)).status == .seeOther)
            #expect(try await record(app, id).stateValue == .intake)

            var office = Browser(app)
            try await office.login("office")
            // 十（三）: the progress page offers no acceptance; the path is gone (404), and the page
            // sends the office to the counter of a checked-in booking.
            let waiting = try await office.get(url.progress)
            #expect(waiting.text.contains("办理进度") && waiting.text.contains("收审受理：在收审安排页按预约签到后逐件办理"))
            #expect(!waiting.text.contains(url.fire(.acceptAtIntake)))
            #expect(try await office.post(url.fire(.acceptAtIntake), ["confirm": "1"]).status == .notFound)
            #expect(try await record(app, id).stateValue == .intake)
            // The city HR bureau, the last body before the office, brings it to a booked day.
            #expect(try await acceptAtCounter(app, id, booker: "cityhr").status == .seeOther)
            application = try await record(app, id)
            #expect(application.stateValue == .accepted)

            // The timeline names every party and keeps the opinions.
            let progress = try await office.get(url.progress)
            #expect(progress.status == .ok)
            for text in ["长治市示例水利勘测设计院", "长治市水务局", "长治市人力资源和社会保障局", "材料齐全", "收审受理", "已办理"] {
                #expect(progress.text.contains(text), "progress page lacks \(text)")
            }
            let events = try await WorkflowEvent.query(on: app.db).filter(\.$application.$id == id).count()
            #expect(events == 6)   // submit, accept, recommend, approve ×2, intake
        }
    }

    @Test func returnForCorrectionAndResubmission() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-04"))
            let id = try await submitted(app)
            let url = DeclarationURL(id: id)
            var unit = Browser(app)
            try await unit.login("unit1")
            try await unit.get(url.progress)
            try await unit.post(url.fire(.unitAccept))
            try await unit.get(url.progress)
            let noReason = try await unit.post(url.fire(.returnForCorrection), ["reason": " "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("请填写理由"))
            #expect(try await unit.post(url.fire(.returnForCorrection), ["reason": "请补充继续教育证书"]).status == .seeOther)
            #expect(try await record(app, id).stateValue == .returned)

            var applicant = Browser(app)
            try await applicant.login("applicant1")
            // The applicant hears of it on the home page and in the notifications (issue 9 item 9).
            let home = try await applicant.get("/home")
            #expect(home.text.contains("工作台") && home.text.contains("有2条未读通知"))
            let notices = try await applicant.get("/notifications")
            #expect(notices.text.contains("退回修改") && notices.text.contains("请补充继续教育证书"))
            try await applicant.post("/notifications/read")
            #expect(try await applicant.get("/home").text.contains("没有未读通知"))
            // The unit clerk was told of the submission, and is not told of its own return.
            let clerkNotices = try await UserNotification.query(on: app.db).join(UserAccount.self, on: \UserNotification.$user.$id == \UserAccount.$id)
                .filter(UserAccount.self, \.$username == "unit1").all()
            #expect(clerkNotices.count == 1)
            #expect(clerkNotices.first?.message.contains("张伟的申报") == true)
            let progress = try await applicant.get(url.progress)
            #expect(progress.text.contains("请补充继续教育证书"))
            try await applicant.get(url.commitment)
            try await applicant.post(url.commitment, ["agree": "1"])
            #expect(try await applicant.post(url.submit, ["acknowledgeIneligible": "1"]).status == .seeOther)
            #expect(try await record(app, id).stateValue == .submitted)
            let transitions = try await WorkflowEvent.query(on: app.db).filter(\.$application.$id == id)
                .sort(\.$occurredAt).all().map(\.transition)
            #expect(transitions == ["submit", "unit_accept", "return", "submit"])
            // Both submitted versions are kept and readable.
            let versions = try await DeclarationVersion.query(on: app.db).filter(\.$application.$id == id).sort(\.$number).all()
            #expect(versions.map(\.number) == [1, 2])
            let second = try await applicant.get(url.version(2))
            #expect(second.status == .ok && second.text.contains("第2次提交（共2次）"))
            #expect(second.text.contains("齿轮箱振动分析") && second.text.contains("上一次提交"))
            #expect(try await applicant.get(url.progress).text.contains("第1次提交的申报"))
        }
    }

    @Test func rolesThatMayNotActAreRefused() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-04"))
            let id = try await submitted(app)
            let url = DeclarationURL(id: id)
            // The applicant cannot take up their own application or open a queue.
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            #expect(try await applicant.get("/reviews").status == .forbidden)
            try await applicant.get(url.progress)
            #expect(try await applicant.post(url.fire(.unitAccept)).status == .forbidden)
            // Another unit's applicant and an expert cannot even look.
            var other = Browser(app)
            try await other.login("applicant2")
            #expect(try await other.get(url.progress).status == .forbidden)
            var expert = Browser(app)
            try await expert.login("expert1")
            #expect(try await expert.get(url.progress).status == .forbidden)
            #expect(try await expert.get("/reviews").status == .forbidden)
            // The office sees it but may not act before it reaches intake.
            var office = Browser(app)
            try await office.login("office")
            #expect(try await office.get(url.progress).status == .ok)
            #expect(try await office.post(url.fire(.acceptAtIntake), ["confirm": "1"]).status == .notFound)
            #expect(try await record(app, id).stateValue == .submitted)
            // The unit page is the unit clerk's only.
            #expect(try await office.get(url.unit).status == .forbidden)
        }
    }

    @Test func aTransitionFiredTwiceAtOnceTakesEffectOnce() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-04"))
            let id = try await submitted(app)
            let url = DeclarationURL(id: id)
            var first = Browser(app), second = Browser(app)
            try await first.login("unit1")
            try await second.login("unit1")
            try await first.get(url.progress)
            try await second.get(url.progress)
            let a = first, b = second
            async let r1 = { var x = a; return try await x.post(url.fire(.unitAccept)).status }()
            async let r2 = { var x = b; return try await x.post(url.fire(.unitAccept)).status }()
            let statuses = try await [r1, r2]
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
            let accepts = try await WorkflowEvent.query(on: app.db).filter(\.$application.$id == id)
                .filter(\.$transition == "unit_accept").count()
            #expect(accepts == 1)
            #expect(try await record(app, id).stateValue == .unitReview)
        }
    }

    @Test func batchApprovalActsOnlyOnTheBodysOwnApplications() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-04"))
            let id = try await submitted(app)
            // Set up: the unit stage done (walked in full by the test above).
            try await place(app, id, at: .departmentReview, reached: 1)

            var county = Browser(app)
            try await county.login("county1")
            try await county.get("/reviews")
            let foreign = try await county.post("/reviews/approve", ["ids[]": id.uuidString])
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.text.contains("不由您所在的机构办理"))
            #expect(try await record(app, id).stateValue == .departmentReview)

            var dept = Browser(app)
            try await dept.login("dept1")
            #expect(try await dept.get("/home").text.contains("有1件申报等待您办理"))
            let queue = try await dept.get("/reviews")
            #expect(queue.text.contains("勾选的申报审核通过"))
            let none = try await dept.post("/reviews/approve", [:])
            #expect(none.status == .unprocessableEntity)
            #expect(none.text.contains("请先勾选"))
            let done = try await dept.post("/reviews/approve", ["ids[]": id.uuidString])
            #expect(done.status == .ok)
            #expect(done.text.contains("已审核通过1件"))
            #expect(try await record(app, id).stateValue == .cityHRReview)

            // The unit clerk has no batch approval.
            var unit = Browser(app)
            try await unit.login("unit1")
            #expect(try await unit.post("/reviews/approve", ["ids[]": id.uuidString]).status == .forbidden)
        }
    }

    /// 汇总表 (六.1, 六.2): the department's list of what reached it, as a page, .xlsx and CSV;
    /// a body it has not reached has nothing to export and is told so.
    @Test func summaryTableListsWhatReachedTheBody() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-04"))
            let id = try await submitted(app)
            try await place(app, id, at: .departmentReview, reached: 1)

            var dept = Browser(app)
            try await dept.login("dept1")
            let page = try await dept.get("/summary")
            #expect(page.status == .ok)
            #expect(page.text.contains("评审材料汇总表"))
            for cell in ["张伟", "长治市示例水利勘测设计院", "大学本科", "机械设计制造及其自动化", "助理工程师（2016年9月1日）", "工程师", "机械工程"] {
                #expect(page.text.contains(cell), "summary lacks \(cell)")
            }
            let csv = try await dept.get("/summary/export?format=csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.text.components(separatedBy: "\r\n")
            #expect(lines[0].hasSuffix(SummaryTable.headers.joined(separator: ",")))
            #expect(lines[1].hasPrefix("1,张伟,"))
            let xlsx = try await dept.get("/summary/export?format=xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])   // a ZIP archive

            // The county bureau is not on this route: an empty table, and no empty download.
            var county = Browser(app)
            try await county.login("county1")
            let empty = try await county.get("/summary")
            #expect(empty.status == .ok && empty.text.contains("评审材料汇总表"))
            #expect(!empty.text.contains("张伟"))
            let refused = try await county.get("/summary/export?format=xlsx")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("汇总表中没有申报，无法导出"))
            // Applicants and experts have no summary table.
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            #expect(try await applicant.get("/summary").status == .forbidden)
        }
    }
}
