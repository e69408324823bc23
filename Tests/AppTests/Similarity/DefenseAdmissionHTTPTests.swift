import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// 七.1 without loopholes (低于25%的参与答辩，高于25%的取消答辩资格): an engineer waits for a
/// panel only with a recorded ratio at or below the limit; a paper whose text cannot be
/// read waits for the external ratio; an override answers the ratios it was made on; the
/// decision's reason is held to the form's limit.
@Suite struct DefenseAdmissionHTTPTests {
    typealias S = SimilarityFixtures

    func run(_ app: Application, _ office: inout Browser) async throws {
        try await office.get("/committee/similarity")
        #expect(try await office.post("/committee/similarity/jobs").status == .seeOther)
        #expect(try await SimilarityWorker(app: app, workerID: "test").step())
    }

    func waitingNames(_ office: inout Browser) async throws -> String {
        let page = try await office.get("/committee/panels")
        guard let start = page.text.range(of: "id=\"waiting\"") else { return "" }
        return String(page.text[start.upperBound...]).components(separatedBy: "</section>").first ?? ""
    }

    @Test func withoutARecordedRatioNobodyWaitsForAPanel() async throws {
        try await withTestApp { app in
            let original = try await S.applicationWithPaper(app, "applicant3", paragraphs: [S.chinese(1000, seed: 4)])
            var office = Browser(app)
            try await office.login("office")
            // Not yet checked: not admitted.
            #expect(!(try await waitingNames(&office)).contains("李强"))
            try await run(app, &office)
            #expect(try await waitingNames(&office).contains("李强"))
            let report = try await office.get("/committee/similarity/\(original.id!)")
            #expect(report.text.contains("可参加答辩"))
        }
    }

    @Test func aPaperWithoutTextWaitsForTheExternalRatio() async throws {
        try await withTestApp { app in
            // An image-only paper: Word's parts with no text (what pdftotext gives for a scan).
            let scanned = try await S.applicationWithPaper(app, "applicant3", paragraphs: [])
            var office = Browser(app)
            try await office.login("office")
            try await run(app, &office)
            let path = "/committee/similarity/\(scanned.id!)"
            let report = try await office.get(path)
            #expect(report.text.contains("暂不能参加答辩") && report.text.contains("须由评委会办公室录入外部检测报告的抄袭率"))
            #expect(!(try await waitingNames(&office)).contains("李强"))
            // Nothing to override without a ratio above the limit.
            try await office.get(path)
            #expect(try await office.post(path + "/decision", ["decision": "override", "reason": "扫描件"]).status == .unprocessableEntity)
            try await office.get(path)
            #expect(try await office.post(path + "/external", ["externalRatio": "8.5"]).status == .seeOther)
            #expect(try await waitingNames(&office).contains("李强"))
        }
    }

    @Test func anOverrideCoversTheRatiosItWasMadeOnAndItsReasonIsHeldToTheForm() async throws {
        try await withTestApp { app in
            let a = S.chinese(1000, seed: 1)
            _ = try await S.applicationWithPaper(app, "applicant1", paragraphs: [a])
            let copier = try await S.applicationWithPaper(app, "applicant2", paragraphs: [
                S.chinese(300, seed: 2), String(a.unicodeScalars.dropFirst(100).prefix(400)), S.chinese(300, seed: 3)])
            var office = Browser(app)
            try await office.login("office")
            try await run(app, &office)
            let path = "/committee/similarity/\(copier.id!)"
            #expect(!(try await waitingNames(&office)).contains("王芳"))
            // The reason: the form's maxlength on the server too, what was typed kept.
            try await office.get(path)
            let long = String(repeating: "理", count: 501)
            let refused = try await office.post(path + "/decision", ["decision": "override", "reason": long])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("不超过500字") && refused.text.contains(long))
            try await office.get(path)
            #expect(try await office.post(path + "/decision", ["decision": "override", "reason": "经核实为本人已发表论文"]).status == .seeOther)
            let overridden = try await office.get(path)
            #expect(overridden.text.contains("超限已复核，准予参加答辩") && overridden.text.contains("经核实为本人已发表论文"))
            #expect(try await waitingNames(&office).contains("王芳"))
            let audit = try #require(try await AuditRecord.query(on: app.db).filter(\.$action == "similarity.override").first())
            #expect(audit.detail.contains("经核实为本人已发表论文"))
            // Then the external report comes in above the limit too: blocked again until decided again.
            try await office.get(path)
            #expect(try await office.post(path + "/external", ["externalRatio": "31"]).status == .seeOther)
            let again = try await office.get(path)
            #expect(again.text.contains("外部检测报告抄袭率 31% 超过 25%") && again.text.contains("须重新确认或复核"))
            #expect(!(try await waitingNames(&office)).contains("王芳"))
        }
    }
}
