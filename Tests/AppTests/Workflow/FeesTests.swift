import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// 评审费 (issue 17 item 5): a form per row with ids of its own, the paid date inside
/// the review year and not after today, a correction with its reason and an audit
/// record of the old and new values, totals by the body that delivered the application.
@Suite(.serialized) struct FeesTests: WorkflowTestCase {
    /// Test set-up: accepted at intake as the intake page would record it (the
    /// intake tests walk the booking itself).
    func accept(_ app: Application, _ id: UUID) async throws {
        try await place(app, id, at: .accepted, reached: try await record(app, id).route().count - 1)
        try await WorkflowEvent(applicationID: id, occurredAt: Date(), actorID: nil, actorName: "李文静",
                                organizationName: "评委会办公室", transition: ApplicationTransition.acceptAtIntake.rawValue,
                                fromState: ApplicationState.intake.rawValue, toState: ApplicationState.accepted.rawValue,
                                opinion: "").create(on: app.db)
    }

    /// 张伟's engineer declaration (route rule 1: … → 市人社局审核 → 评委会), and a junior
    /// of the same unit whose route ends 主管部门 → 评委会 (六.2), both accepted.
    func twoAccepted(_ app: Application) async throws -> (engineer: UUID, junior: UUID) {
        app.clock = .fixed(day("2022-07-20"))
        let engineer = try await submitted(app)
        try await accept(app, engineer)
        let first = try await record(app, engineer)
        let other = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant2").first())
        let junior = ApplicationRecord(applicantID: other.id!, unitID: first.$unit.id, year: first.year, policyID: first.policyID,
                                       targetLevel: .technician, track: .regular, specialty: "机械工程")
        junior.routeText = [RouteStep.unit, .competentDepartment, .committeeOffice].map(\.rawValue).joined(separator: ",")
        junior.submittedAt = Date()
        try await junior.create(on: app.db)
        try await accept(app, junior.id!)
        return (engineer, junior.id!)
    }

    func due(_ app: Application, _ level: TargetLevel) throws -> Int {
        try #require(ReviewFee.amount(for: level, policy: app.policies.current))
    }

    @Test func eachRowHasItsOwnFormAndNoIDRepeats() async throws {
        try await withTestApp { app in
            let (engineer, junior) = try await twoAccepted(app)
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/fees")
            #expect(page.status == .ok)
            #expect(page.text.contains("action=\"/fees/\(engineer)/pay\"") && page.text.contains("action=\"/fees/\(junior)/pay\""))
            let ids = page.text.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
            #expect(ids.count > 8)
            #expect(Set(ids).count == ids.count, "repeated ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys)")
            // Every label points at its own field.
            for label in page.text.matches(of: /<label for="([^"]+)"/) { #expect(ids.contains(String(label.1))) }
            // The amounts offered are the policy's, per level.
            let e = FeesPage.fieldID(.pay, "amount", engineer), j = FeesPage.fieldID(.pay, "amount", junior)
            #expect(page.text.contains("id=\"f-\(e)\" value=\"\(try due(app, .engineer))\""))
            #expect(page.text.contains("id=\"f-\(j)\" value=\"\(try due(app, .technician))\""))
        }
    }

    @Test func paidDateLiesInTheReviewYearAndNotAfterToday() async throws {
        try await withTestApp { app in
            let (engineer, _) = try await twoAccepted(app)
            let fee = String(try due(app, .engineer))
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/fees")
            let cases: [([String: String], String)] = [
                (["receipt": "CZ-1", "paidOn": "2021-12-31", "amount": fee], "缴费日期须在2022年1月1日至2022年7月20日之间"),
                (["receipt": "CZ-1", "paidOn": "2022-07-21", "amount": fee], "缴费日期须在2022年1月1日至2022年7月20日之间"),
                (["receipt": "CZ-1", "paidOn": "7月1日", "amount": fee], "请按“年-月-日”填写有效的缴费日期"),
                (["receipt": "CZ-1", "paidOn": "2022-07-01", "amount": "三百"], "实收金额须为整数（元）"),
                (["receipt": "CZ-1", "paidOn": "2022-07-01", "amount": String(Int(fee)! + 1)], "实收金额须在1至\(fee)元之间"),
                (["receipt": "", "paidOn": "2022-07-01", "amount": fee], "请填写收据号"),
            ]
            for (form, message) in cases {
                let refused = try await office.post("/fees/\(engineer)/pay", form)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("<h1>评审费</h1>"))
                #expect(refused.text.contains(message), "\(form) not refused with \(message)")
                for (field, typed) in form where !typed.isEmpty {
                    let id = FeesPage.fieldID(.pay, field, engineer)
                    #expect(refused.text.contains("id=\"f-\(id)\" value=\"\(typed)\""), "\(field) typed value lost")
                }
                #expect(!refused.text.contains("Fatal") && !refused.text.contains("Abort"))
            }
            #expect(try await FeePayment.query(on: app.db).count() == 0)
            let paid = try await office.post("/fees/\(engineer)/pay", ["receipt": "CZ-1", "paidOn": "2022-07-20", "amount": fee])
            #expect(paid.status == .seeOther)
            let payment = try #require(try await FeePayment.query(on: app.db).first())
            #expect(payment.paidOn == "2022-07-20" && payment.amount == Int(fee))
        }
    }

    @Test func correctionNeedsAReasonAndKeepsTheOldAndNewValuesInTheAudit() async throws {
        try await withTestApp { app in
            let (engineer, junior) = try await twoAccepted(app)
            let fee = String(try due(app, .engineer))
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/fees")
            // Nothing recorded yet: nothing to correct.
            let nothing = try await office.post("/fees/\(junior)/correct", ["receipt": "X", "paidOn": "2022-07-20", "amount": "1", "reason": "录错"])
            #expect(nothing.status == .unprocessableEntity && nothing.text.contains("尚未登记缴费，无法更正"))
            #expect(try await office.post("/fees/\(engineer)/pay", ["receipt": "CZ-1", "paidOn": "2022-07-19", "amount": fee]).status == .seeOther)
            let page = try await office.get("/fees")
            #expect(page.text.contains("已缴 \(fee)元，收据CZ-1，2022年7月19日"))
            #expect(page.text.contains("action=\"/fees/\(engineer)/correct\""))

            // No reason: refused, what was typed kept, the form open, nothing changed.
            let noReason = try await office.post("/fees/\(engineer)/correct", ["receipt": "CZ-0001", "paidOn": "2022-07-18", "amount": fee, "reason": "  "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("请填写更正原因"))
            #expect(noReason.text.contains("id=\"f-\(FeesPage.fieldID(.correct, "receipt", engineer))\" value=\"CZ-0001\""))
            #expect(noReason.text.contains("<details open=\"open\">"))
            let late = try await office.post("/fees/\(engineer)/correct", ["receipt": "CZ-0001", "paidOn": "2023-01-02", "amount": fee, "reason": "收据号录错"])
            #expect(late.status == .unprocessableEntity && late.text.contains("缴费日期须在2022年1月1日至2022年7月20日之间"))
            #expect(late.text.contains("收据号录错</textarea>"))
            let same = try await office.post("/fees/\(engineer)/correct", ["receipt": "CZ-1", "paidOn": "2022-07-19", "amount": fee, "reason": "核对"])
            #expect(same.status == .unprocessableEntity && same.text.contains("与原记录相同"))
            var payment = try #require(try await FeePayment.query(on: app.db).first())
            #expect(payment.receiptNo == "CZ-1" && payment.paidOn == "2022-07-19")
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "fee.correct").count() == 0)

            // Another role may not correct.
            var cityHR = Browser(app)
            try await cityHR.login("cityhr")
            try await cityHR.get("/home")
            #expect(try await cityHR.post("/fees/\(engineer)/correct", ["receipt": "Z", "paidOn": "2022-07-18", "amount": fee, "reason": "x"]).status == .forbidden)

            let done = try await office.post("/fees/\(engineer)/correct", ["receipt": "CZ-0001", "paidOn": "2022-07-18", "amount": fee, "reason": "收据号录错"])
            #expect(done.status == .seeOther)
            payment = try #require(try await FeePayment.query(on: app.db).first())
            #expect(payment.receiptNo == "CZ-0001" && payment.paidOn == "2022-07-18" && payment.amount == Int(fee))
            let audit = try await AuditRecord.query(on: app.db).filter(\.$action == "fee.correct").all()
            #expect(audit.count == 1)
            #expect(audit.first?.detail == "原：收据号CZ-1，缴费日期2022-07-19，实收\(fee)元；改为：收据号CZ-0001，缴费日期2022-07-18，实收\(fee)元；原因：收据号录错")
            // Recording twice is still refused (a correction is the way).
            let twice = try await office.post("/fees/\(engineer)/pay", ["receipt": "CZ-2", "paidOn": "2022-07-20", "amount": fee])
            #expect(twice.status == .unprocessableEntity && twice.text.contains("请使用“更正”"))
        }
    }

    @Test func totalsAreGroupedByTheBodyThatDeliveredTheApplication() async throws {
        try await withTestApp { app in
            let (engineer, junior) = try await twoAccepted(app)
            let intermediate = try due(app, .engineer), initial = try due(app, .technician)
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/fees")
            #expect(try await office.post("/fees/\(junior)/pay", ["receipt": "CZ-9", "paidOn": "2022-07-20", "amount": String(initial)]).status == .seeOther)
            let page = try await office.get("/fees")
            #expect(page.status == .ok)
            let totals = try #require(page.text.components(separatedBy: "id=\"totals\"").last?.components(separatedBy: "id=\"payments\"").first)
            let byBody = try #require(totals.components(separatedBy: "按报送单位").last)
            // Route rule 1 ends at 市人社局审核; the junior's (六.2) at the competent department.
            #expect(byBody.contains("<tr><td>长治市人力资源和社会保障局</td><td>1</td><td>\(intermediate)</td><td>0</td></tr>"))
            #expect(byBody.contains("<tr><td>长治市水务局</td><td>1</td><td>\(initial)</td><td>\(initial)</td></tr>"))
            #expect(byBody.contains("<td>合计</td><td>2</td><td>\(intermediate + initial)</td><td>\(initial)</td>"))
            _ = engineer
        }
    }
}
