import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// The employer's stage made trustworthy (issue 17, items 1, 2 and 7): honest
/// publicity dates, prints that say what happened, an opinion that agrees with its
/// items, and what a new user tripped over.
@Suite(.serialized) struct EmployerStageTests: WorkflowTestCase {
    /// Submitted on 7月4日 and taken up by unit1 on `acceptedOn`; returns the id and the unit clerk.
    func takenUp(_ app: Application, acceptedOn: String = "2022-07-04") async throws -> (UUID, Browser) {
        app.clock = .fixed(day("2022-07-04"))
        let id = try await submitted(app)
        app.clock = .fixed(day(acceptedOn))
        var unit = Browser(app)
        try await unit.login("unit1")
        try await unit.get(DeclarationURL(id: id).progress)
        #expect(try await unit.post(DeclarationURL(id: id).fire(.unitAccept)).status == .seeOther)
        return (id, unit)
    }

    func panelAndRatings(_ unit: inout Browser, _ url: DeclarationURL) async throws {
        try await unit.get(url.unit)
        var panel: [String: String] = [:]
        for (i, role) in PanelMemberRole.allCases.enumerated() {
            panel["name_\(i)"] = "评议人\(i)"; panel["role_\(i)"] = role.rawValue; panel["post_\(i)"] = "高级工程师"
        }
        #expect(try await unit.post(url.unit + "/panel", panel).status == .seeOther)
        var ratings = ["authenticity": "1"]
        for c in EvaluationCriterion.allCases { ratings["rating_\(c.rawValue)"] = "good" }
        #expect(try await unit.post(url.unit + "/ratings", ratings).status == .seeOther)
    }

    func opinionForm(decided: String, recommend: String = "yes") -> [String: String] {
        var form = Dictionary(uniqueKeysWithValues: OpinionItem.allCases.map { ("meets_\($0.rawValue)", "yes") })
        form["text"] = "该同志符合申报条件，同意推荐。"
        form["decided"] = decided
        form["recommend"] = recommend
        form["head"] = "王院长"
        return form
    }

    func auditActions(_ app: Application) async throws -> [String] {
        try await AuditRecord.query(on: app.db).all().map(\.action)
    }

    // MARK: item 1

    @Test func publicityDatesAreHonestAndAMistypedDateCanBeCorrected() async throws {
        try await withTestApp { app in
            var (id, unit) = try await takenUp(app, acceptedOn: "2022-07-05")
            let url = DeclarationURL(id: id)
            app.clock = .fixed(day("2022-07-06"))
            try await unit.get(url.unit)
            // No backdating: yesterday is refused, with the date typed kept.
            let backdated = try await unit.post(url.unit + "/publicity/conditions", ["starts": "2022-07-05"])
            #expect(backdated.status == .unprocessableEntity)
            #expect(backdated.text.contains("开始日期不能早于今天（2022年7月6日）"))
            #expect(backdated.text.contains("value=\"2022-07-05\""))
            // Ending after the declaration period (8月25日) is refused.
            let late = try await unit.post(url.unit + "/publicity/conditions", ["starts": "2022-08-22"])
            #expect(late.status == .unprocessableEntity)
            #expect(late.text.contains("晚于本年度申报截止日（2022年8月25日）"))
            // A mistyped future date (8月4日 for 7月4日…) is accepted, and does not lock anything:
            #expect(try await unit.post(url.unit + "/publicity/conditions", ["starts": "2022-08-04"]).status == .seeOther)
            let scheduled = try await unit.get(url.unit)
            #expect(scheduled.text.contains("（未开始）") && scheduled.text.contains("更改开始日期") && scheduled.text.contains("取消该公示"))
            // …it is moved to today, with an audit record naming both periods.
            #expect(try await unit.post(url.unit + "/publicity/conditions", ["starts": "2022-07-06"]).status == .seeOther)
            let move = try #require(try await AuditRecord.query(on: app.db).filter(\.$action == "unit.publicity.move").first())
            #expect(move.detail.contains("2022-08-04..2022-08-10 -> 2022-07-06..2022-07-12"))
            // A publicity scheduled for tomorrow can be cancelled; one that has begun cannot.
            try await unit.get(url.unit)
            #expect(try await unit.post(url.unit + "/publicity/materials", ["starts": "2022-07-07"]).status == .seeOther)
            #expect(try await unit.post(url.unit + "/publicity/materials", ["cancel": "1"]).status == .seeOther)
            #expect(try await PublicityRecord.query(on: app.db).filter(\.$kind == "materials").count() == 0)
            #expect(try await auditActions(app).contains("unit.publicity.cancel"))
            let begun = try await unit.post(url.unit + "/publicity/conditions", ["cancel": "1"])
            #expect(begun.status == .unprocessableEntity)
            #expect(begun.text.contains("评审条件程序公示已于2022年7月6日开始，不能取消"))
            // Not before the day the unit took it up (a clock set back shows the rule on its own).
            app.clock = .fixed(day("2022-07-04"))
            try await unit.get(url.unit)
            let beforeAcceptance = try await unit.post(url.unit + "/publicity/materials", ["starts": "2022-07-04"])
            #expect(beforeAcceptance.status == .unprocessableEntity)
            #expect(beforeAcceptance.text.contains("开始日期不能早于单位受理该申报的日期（2022年7月5日）"))
        }
    }

    /// Walks the unit stage to the opinion publicity (7月4日 … 7月11日), as the review flow does.
    func throughOpinion(_ app: Application, _ unit: inout Browser, _ url: DeclarationURL) async throws {
        try await panelAndRatings(&unit, url)
        #expect(try await unit.post(url.unit + "/publicity/conditions", ["starts": "2022-07-04"]).status == .seeOther)
        #expect(try await unit.post(url.unit + "/publicity/materials", ["starts": "2022-07-04"]).status == .seeOther)
        #expect(try await unit.post(url.unit + "/objection/materials", ["received": "2022-07-04", "content": "论文作者存疑"]).status == .seeOther)
        #expect(try await unit.post(url.unit + "/objection/materials/0/resolve",
                                    ["resolved": "2022-07-04", "resolution": "经核实为本人独立完成"]).status == .seeOther)
        app.clock = .fixed(day("2022-07-11"))
        try await unit.get(url.unit)
        #expect(try await unit.post(url.unit + "/opinion", opinionForm(decided: "2022-07-11")).status == .seeOther)
        #expect(try await unit.post(url.unit + "/publicity/opinion", ["starts": "2022-07-11"]).status == .seeOther)
        #expect(try await unit.post(url.unit + "/commitment", ["agree": "1"]).status == .seeOther)
    }

    @Test func aResubmissionWithChangedContentNeedsThePublicitiesAndTheOpinionAgain() async throws {
        try await withTestApp { app in
            var (id, unit) = try await takenUp(app)
            let url = DeclarationURL(id: id)
            try await throughOpinion(app, &unit, url)
            // Returned before recommending; the applicant changes a paper's title and resubmits.
            app.clock = .fixed(day("2022-07-18"))
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.returnForCorrection), ["reason": "请核对论文题目"]).status == .seeOther)
            let paper = try #require(try await ApplicationItem.query(on: app.db).filter(\.$application.$id == id)
                .filter(\.$section == DeclarationSection.papers.rawValue).first())
            var values = paper.values
            values["title"] = (values["title"] ?? "") + "（修订）"
            paper.values = values
            try await paper.update(on: app.db)
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            try await applicant.get(url.commitment)
            try await applicant.post(url.commitment, ["agree": "1"])
            #expect(try await applicant.post(url.submit, ["acknowledgeIneligible": "1"]).status == .seeOther)
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.unitAccept)).status == .seeOther)
            // The materials publicity, the opinion and its publicity covered the first submission.
            let page = try await unit.get(url.unit)
            #expect(page.text.contains("此前的个人申报材料公示（2022年7月4日至2022年7月8日）针对退回前提交的申报材料"))
            #expect(page.text.contains("此前的鉴定意见针对退回前提交的申报材料"))
            try await unit.get(url.progress)
            let refused = try await unit.post(url.fire(.recommend))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("个人申报材料公示；单位鉴定意见公示；单位鉴定意见"))
            // The conditions-and-procedure publicity is about the year's conditions: it still holds.
            #expect(!refused.text.contains("评审条件程序公示；"))
        }
    }

    @Test func aResubmissionWithTheSameContentKeepsWhatWasDone() async throws {
        try await withTestApp { app in
            var (id, unit) = try await takenUp(app)
            let url = DeclarationURL(id: id)
            try await throughOpinion(app, &unit, url)
            app.clock = .fixed(day("2022-07-18"))
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.returnForCorrection), ["reason": "请补交纸质材料"]).status == .seeOther)
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            try await applicant.get(url.commitment)
            try await applicant.post(url.commitment, ["agree": "1"])
            #expect(try await applicant.post(url.submit, ["acknowledgeIneligible": "1"]).status == .seeOther)
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.unitAccept)).status == .seeOther)
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.recommend)).status == .seeOther)
        }
    }

    // MARK: item 2

    @Test func printsShowEachPublicitysStateAndAreDraftsUntilAllAreOver() async throws {
        try await withTestApp { app in
            var (id, unit) = try await takenUp(app)
            let url = DeclarationURL(id: id)
            try await throughOpinion(app, &unit, url)
            // 7月12日: the opinion publicity runs until 7月15日.
            app.clock = .fixed(day("2022-07-12"))
            let summary = try await unit.get(url.overview + "/print/publicity-summary")
            #expect(summary.status == .ok)
            #expect(summary.text.contains("公示情况一览表（草稿）") && summary.text.contains("draft-marker"))
            #expect(summary.text.contains("单位鉴定意见公示公示中"))
            #expect(summary.text.contains("<td>公示中</td>") && summary.text.contains("<td>无异议</td>") && summary.text.contains("<td>异议已处理</td>"))
            #expect(summary.text.contains("经核实为本人独立完成"))
            #expect(!summary.text.contains("单位（盖章）"))
            let draftReport = try await unit.get(url.overview + "/print/recommendation")
            #expect(draftReport.text.contains("推荐报告（草稿）") && draftReport.text.contains("单位鉴定意见公示2022年7月11日至2022年7月15日，公示中"))
            #expect(draftReport.text.contains("个人申报材料公示2022年7月4日至2022年7月8日，异议已处理（处理情况：经核实为本人独立完成）"))
            // After the last publicity: final, stamped.
            app.clock = .fixed(day("2022-07-18"))
            let final = try await unit.get(url.overview + "/print/publicity-summary")
            #expect(!final.text.contains("草稿") && final.text.contains("单位（盖章）"))
            let report = try await unit.get(url.overview + "/print/recommendation")
            #expect(!report.text.contains("草稿") && report.text.contains("单位鉴定意见公示2022年7月11日至2022年7月15日，无异议"))
        }
    }

    @Test func anItemNotMetCannotBeRecommended() async throws {
        try await withTestApp { app in
            var (id, unit) = try await takenUp(app)
            let url = DeclarationURL(id: id)
            try await panelAndRatings(&unit, url)
            #expect(try await unit.post(url.unit + "/publicity/conditions", ["starts": "2022-07-04"]).status == .seeOther)
            #expect(try await unit.post(url.unit + "/publicity/materials", ["starts": "2022-07-04"]).status == .seeOther)
            app.clock = .fixed(day("2022-07-11"))
            try await unit.get(url.unit)
            var form = opinionForm(decided: "2022-07-11")
            form["meets_achievements"] = "no"
            let refused = try await unit.post(url.unit + "/opinion", form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("鉴定意见认定业绩成果不符合申报条件，不能“同意推荐”"))
            #expect(refused.text.contains("该同志符合申报条件，同意推荐。") && refused.text.contains("王院长"))   // typed values kept
            #expect(try await UnitEvaluationStore.load(id, on: app.db).opinion == nil)
            form["recommend"] = "no"
            #expect(try await unit.post(url.unit + "/opinion", form).status == .seeOther)
        }
    }

    // MARK: item 7

    @Test func actingTwiceOrAfterBackIsA422ThatSaysWhy() async throws {
        try await withTestApp { app in
            app.clock = .fixed(day("2022-07-04"))
            let id = try await submitted(app)
            let url = DeclarationURL(id: id)
            try await place(app, id, at: .departmentReview, reached: 1)
            var dept = Browser(app)
            try await dept.login("dept1")
            try await dept.get(url.progress)
            #expect(try await dept.post(url.fire(.approve)).status == .seeOther)
            let again = try await dept.post(url.fire(.approve))
            #expect(again.status == .unprocessableEntity)
            #expect(again.text.contains("可能已由他人处理，请刷新页面查看"))
            // Batch approval of the same one says the same.
            try await dept.get("/reviews")
            let batch = try await dept.post("/reviews/approve", ["ids[]": id.uuidString])
            #expect(batch.text.contains("可能已由他人处理，请刷新页面查看"))
            // The unit, long past its step, after Back: 422 too, on the progress and the unit pages.
            var unit = Browser(app)
            try await unit.login("unit1")
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.recommend)).status == .unprocessableEntity)
            #expect(try await unit.post(url.unit + "/publicity/conditions", ["starts": "2022-07-04"]).status == .unprocessableEntity)
            // A body never on the way is still refused with 403.
            var county = Browser(app)
            try await county.login("county1")
            try await county.get("/reviews")
            #expect(try await county.post(url.fire(.approve)).status == .forbidden)
        }
    }

    @Test func aRejectionKeepsItsReasonWhenTheBoxWasMissed() async throws {
        try await withTestApp { app in
            var (id, unit) = try await takenUp(app)
            let url = DeclarationURL(id: id)
            let page = try await unit.get(url.progress)
            // The confirmation box of 不予通过 (the third form) is required in the browser too.
            let box = try #require(page.text.range(of: "id=\"f-confirm-2\""))
            let tag = page.text[page.text[..<box.lowerBound].range(of: "<input", options: .backwards)!.lowerBound...]
                .prefix { $0 != ">" }
            #expect(tag.contains("required"), "\(tag)")
            let missed = try await unit.post(url.fire(.reject), ["reason": "业绩材料与事实不符"])
            #expect(missed.status == .unprocessableEntity)
            #expect(missed.text.contains("请勾选确认后再提交"))
            #expect(missed.text.contains(">业绩材料与事实不符</textarea>"))
            #expect(try await record(app, id).stateValue == .unitReview)
        }
    }

    @Test func aReturnedApplicantSeesTheReasonAndATrueStatus() async throws {
        try await withTestApp { app in
            var (id, unit) = try await takenUp(app)
            let url = DeclarationURL(id: id)
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.returnForCorrection), ["reason": "请补充继续教育证书"]).status == .seeOther)
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            for path in [url.overview, url.basics, url.commitment, url.files] {
                let page = try await applicant.get(path)
                #expect(page.text.contains("已退回修改：") && page.text.contains("理由：请补充继续教育证书"), "\(path) lacks the reason")
            }
            #expect(!(try await applicant.get(url.commitment)).text.contains("等待单位受理"))
            #expect(!(try await applicant.get(url.overview)).text.contains("提交单位。"))
        }
    }

    @Test func versionsCountSubmissionsEvenWhenTheFirstWasNotKept() async throws {
        try await withTestApp { app in
            var (id, unit) = try await takenUp(app)
            let url = DeclarationURL(id: id)
            // As the demo's applications: submitted once, no version kept.
            try await DeclarationVersion.query(on: app.db).filter(\.$application.$id == id).delete()
            try await unit.get(url.progress)
            #expect(try await unit.post(url.fire(.returnForCorrection), ["reason": "请补充"]).status == .seeOther)
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            try await applicant.get(url.commitment)
            try await applicant.post(url.commitment, ["agree": "1"])
            #expect(try await applicant.post(url.submit, ["acknowledgeIneligible": "1"]).status == .seeOther)
            let versions = try await DeclarationVersion.query(on: app.db).filter(\.$application.$id == id).all()
            #expect(versions.map(\.number) == [2])
            let page = try await applicant.get(url.version(2))
            #expect(page.status == .ok && page.text.contains("第2次提交（共2次）"))
            #expect(!page.text.contains("上一次提交"))
        }
    }

    @Test func receivedPageAndHomeDutiesFitWhatExists() async throws {
        try await withTestApp { app in
            _ = try await takenUp(app)
            var unit = Browser(app)
            try await unit.login("unit1")
            let received = try await unit.get("/applications/received")
            #expect(received.status == .ok)
            #expect(!received.text.contains("将在单位工作流程中提供") && received.text.contains("办理进度"))
            // unit1: a city-direct institution under 市水务局; unit2: a county enterprise without one.
            let home1 = try await unit.get("/home")
            #expect(home1.text.contains("申报工程师：用人单位评议推荐 → 主管部门审核 → 市人社局审核 → 评委会办公室收审"))
            #expect(home1.text.contains("填写评审材料汇总表，报主管部门审核"))
            var unit2 = Browser(app)
            try await unit2.login("unit2")
            let home2 = try await unit2.get("/home")
            #expect(home2.text.contains("县（区）人社局审核"))
            #expect(!home2.text.contains("报主管部门审核"))
        }
    }

    @Test func theDemoAccountListIsAlignedAndUncut() {
        let lines = DemoData.accountTable(DemoAccounts.summary)
        #expect(lines.count == DemoAccounts.summary.count)
        var roleColumns: Set<Int> = []
        for (line, row) in zip(lines, DemoAccounts.summary) {
            #expect(line.hasPrefix("  " + row.0 + " "), "username cut: \(line)")
            #expect(line.hasSuffix(row.1))
            roleColumns.insert(DemoData.displayWidth(String(line.dropLast(row.1.count))))
        }
        // The role starts at the same column on every line.
        #expect(roleColumns.count == 1)
    }

    @Test func demoUploadTimesReadTheDemoClock() async throws {
        try await withTestApp(demo: false) { app in
            app.clock = DemoData.clock(for: app.policies.current, calendar: app.workingDays)
            try await DemoData.load(into: app, quiet: true)
            let now = app.clock.now()
            let files = try await StoredFile.query(on: app.db).all()
            #expect(!files.isEmpty)
            for file in files {
                let at = try #require(file.uploadedAt)
                #expect(at <= now, "uploaded \(at), after the demo's now \(now)")
            }
        }
    }
}
