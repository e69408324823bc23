import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// 七.1 in the application: 送审论文 extracted on upload, the office's check as a job in
/// the database, the report page, the rule with confirm/override, and who may see it.
@Suite struct SimilarityHTTPTests {
    typealias S = SimilarityFixtures

    /// applicant1 writes A; applicant2 copies 400 of A's 1,000 characters into 1,000
    /// (40 %, above 25 %) and starts with markup that must stay text; applicant3 is original.
    static let a = S.chinese(1000, seed: 1)
    static let copied = String(a.unicodeScalars.dropFirst(100).prefix(400))
    static let markup = "<b>粗体</b><script>alert(1)</script>"

    func threePapers(_ app: Application) async throws -> (ApplicationRecord, ApplicationRecord, ApplicationRecord) {
        let one = try await S.applicationWithPaper(app, "applicant1", paragraphs: [Self.a])
        let two = try await S.applicationWithPaper(app, "applicant2", paragraphs: [
            Self.markup, S.chinese(300, seed: 2), Self.copied, S.chinese(300, seed: 3)])
        let three = try await S.applicationWithPaper(app, "applicant3", paragraphs: [S.chinese(1000, seed: 4)])
        return (one, two, three)
    }

    func startAndRun(_ app: Application, _ b: inout Browser) async throws {
        try await b.get("/committee/similarity")
        let started = try await b.post("/committee/similarity/jobs")
        #expect(started.status == .seeOther)
        #expect(try await SimilarityWorker(app: app, workerID: "test").step())
    }

    @Test func theSubmittedPaperIsExtractedWhenUploaded() async throws {
        try await withTestApp { app in
            let record = try await S.applicationWithPaper(app, "applicant1", paragraphs: ["第一段" + Self.a], state: .draft)
            let text = try #require(try await PaperText.query(on: app.db).filter(\.$application.$id == record.id!).first())
            #expect(text.error == nil)
            #expect(text.text.contains(Self.a))
            #expect(text.characters == 1003)
            #expect(text.source == "upload" && text.year == 2022 && text.storedFileID != nil)
        }
    }

    @Test func anUnreadablePaperIsKeptWithItsReasonInChinese() async throws {
        try await withTestApp { app in
            let record = try await FilesFixtures.application(app)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            // Word's parts with no text at all: the upload stands, the reason is recorded.
            let response = try await b.upload(record, slot: .submittedPaper, label: "送审论文全文", filename: "空白论文.docx",
                                              bytes: S.docx([]))
            #expect(response.status == .seeOther)
            #expect(try await FilesFixtures.files(app).count == 1)
            let text = try #require(try await PaperText.query(on: app.db).first())
            #expect(text.error == "「空白论文.docx」：文件中没有文字内容")
            #expect(text.text.isEmpty)
            // The applicant sees why on the materials page, beside the file.
            let page = try await b.get("/applications/\(record.id!)/files")
            #expect(page.status == .ok && page.text.contains("无法用于查重：「空白论文.docx」：文件中没有文字内容"))
        }
    }

    @Test func theOfficeRunsTheCheckAndReadsTheReport() async throws {
        try await withTestApp { app in
            let (one, two, three) = try await threePapers(app)
            var office = Browser(app)
            try await office.login("office")
            try await startAndRun(app, &office)
            let job = try #require(try await SimilarityJob.query(on: app.db).first())
            #expect(job.state == "done" && job.total == 3 && job.done == 3)
            #expect(try await SimilarityWorker(app: app).step() == false)

            let list = try await office.get("/committee/similarity")
            #expect(list.status == .ok)
            #expect(list.text.contains("3 / 3") && list.text.contains("已完成"))
            #expect(list.text.contains("抄袭率超限，不予参加答辩"))

            let results = try await SimilarityRecords.latestResults(for: [one.id!, two.id!, three.id!], on: app.db)
            #expect(abs(try #require(results[two.id!]).ratio - 400.0 / 1022.0) < 0.002)
            #expect(try #require(results[three.id!]).ratio == 0)
            // applicant1's paper contains the shared passage too: 400 of 1,000.
            #expect(abs(try #require(results[one.id!]).ratio - 0.4) < 0.002)

            let report = try await office.get("/committee/similarity/\(two.id!)")
            #expect(report.status == .ok)
            #expect(report.text.contains("查重报告：王芳"))
            #expect(report.text.contains("本年度其他申报人") && report.text.contains("张伟：applicant1论文.docx"))
            #expect(report.text.contains("<mark>" + String(Self.copied.prefix(20))))
            #expect(report.text.contains("&lt;script&gt;") && !report.text.contains("<script>alert"))
            #expect(report.text.contains("本系统检测抄袭率 39.1% 超过 25%"))
        }
    }

    @Test func onlyTheOfficeSeesReportsAndTexts() async throws {
        try await withTestApp { app in
            let (one, two, _) = try await threePapers(app)
            var office = Browser(app)
            try await office.login("office")
            try await startAndRun(app, &office)
            let path = "/committee/similarity/\(two.id!)"
            let seen = try await office.get(path)
            #expect(seen.status == .ok && seen.text.contains(String(Self.copied.prefix(20))))

            for user in ["applicant1", "applicant2", "unit1", "cityhr", "expert1", "admin"] {
                var b = Browser(app)
                try await b.login(user)
                let home = try await b.get("/home")
                #expect(home.status == .ok)
                #expect(!home.text.contains("/committee/similarity"))
                for p in [path, "/committee/similarity", "/committee/similarity/\(one.id!)"] {
                    let r = try await b.get(p)
                    #expect(r.status == .forbidden, "\(user) \(p)")
                    #expect(!r.text.contains(String(Self.copied.prefix(20))))
                }
            }
            // The applicant's own pages never carry another applicant's text.
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            let own = try await applicant.get("/applications/\(one.id!)/files")
            #expect(own.status == .ok)
            #expect(!own.text.contains(String(S.chinese(300, seed: 2).prefix(20))))
        }
    }

    @Test func aFlagIsConfirmedOrOverriddenWithAReasonAndBlocksScheduling() async throws {
        try await withTestApp { app in
            let (_, two, three) = try await threePapers(app)
            var office = Browser(app)
            try await office.login("office")
            try await startAndRun(app, &office)
            let path = "/committee/similarity/\(two.id!)"
            let panels = try await office.get("/committee/panels")
            // Above the limit blocks at once: not waiting for a panel before any decision (七.1).
            #expect(!panels.text.contains("王芳") && panels.text.contains("李强"))

            // No reason: refused.
            try await office.get(path)
            #expect(try await office.post(path + "/decision", ["decision": "confirm", "reason": ""]).status == .unprocessableEntity)
            #expect(try await office.post(path + "/decision", ["decision": "confirm", "reason": "与张伟论文大段雷同"]).status == .seeOther)
            let confirmed = try await office.get(path)
            #expect(confirmed.text.contains("不予参加答辩（已确认）") && confirmed.text.contains("与张伟论文大段雷同"))
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "similarity.confirm").count() == 1)
            let after = try await office.get("/committee/panels")
            #expect(after.status == .ok)
            #expect(!after.text.contains("王芳") && after.text.contains("李强"))

            try await office.get(path)
            #expect(try await office.post(path + "/decision", ["decision": "override", "reason": "经核实为本人已发表论文"]).status == .seeOther)
            #expect(try await office.get(path).text.contains("超限已复核，准予参加答辩"))
            #expect(try await office.get("/committee/panels").text.contains("王芳"))

            // Nothing to decide below the limit.
            try await office.get("/committee/similarity/\(three.id!)")
            #expect(try await office.post("/committee/similarity/\(three.id!)/decision",
                                          ["decision": "confirm", "reason": "x"]).status == .unprocessableEntity)
        }
    }

    @Test func theExternalRatioIsValidatedAndAppliesTheSameRule() async throws {
        try await withTestApp { app in
            let (_, _, three) = try await threePapers(app)
            var office = Browser(app)
            try await office.login("office")
            try await startAndRun(app, &office)
            let path = "/committee/similarity/\(three.id!)"
            let page = try await office.get(path)
            #expect(page.text.contains("可参加答辩"))
            let bad = try await office.post(path + "/external", ["externalRatio": "130"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("应在 0% 到 100% 之间"))
            #expect(try await office.post(path + "/external", ["externalRatio": "25%"]).status == .seeOther)
            // Exactly at the limit still defends (copyRatioAtLimitDefends).
            #expect(try await office.get(path).text.contains("可参加答辩"))
            try await office.get(path)
            #expect(try await office.post(path + "/external", ["externalRatio": "25.1"]).status == .seeOther)
            let flagged = try await office.get(path)
            #expect(flagged.text.contains("外部检测报告抄袭率 25.1% 超过 25%"))
            #expect(flagged.text.contains("抄袭率超限，不予参加答辩"))
        }
    }

    @Test func aJobLeftRunningByADeadWorkerIsReclaimedAfterItsLease() async throws {
        try await withTestApp { app in
            _ = try await threePapers(app)
            let now = app.clock.now().timeIntervalSince1970
            let held = SimilarityJob(year: 2022, requestedAt: app.clock.now(), requestedBy: nil)
            held.state = "running"; held.leaseUntil = now + 60; held.claimedBy = "alive"
            try await held.create(on: app.db)
            // A live lease is left alone.
            #expect(try await SimilarityWorker(app: app).step() == false)
            held.leaseUntil = now - 1; held.claimedBy = "dead"
            try await held.update(on: app.db)
            #expect(try await SimilarityWorker(app: app, workerID: "second").step())
            let job = try #require(try await SimilarityJob.find(held.id, on: app.db))
            #expect(job.state == "done" && job.done == 3 && job.claimedBy == "second")
            #expect(try await SimilarityResult.query(on: app.db).filter(\.$job.$id == held.id!).count() == 3)
        }
    }

    @Test func anImportedCorpusIsASource() async throws {
        try await withTestApp { app in
            let folder = NSTemporaryDirectory() + "corpus-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let earlier = S.chinese(800, seed: 9)
            try earlier.write(toFile: folder + "/2021-赵六-齿轮.txt", atomically: true, encoding: .utf8)
            try "".write(toFile: folder + "/.hidden", atomically: true, encoding: .utf8)
            let documents = try CorpusImport.read(folder)
            #expect(documents.map(\.name) == ["2021-赵六-齿轮.txt"])
            #expect(try await SimilarityImportCommand.store(documents, year: 2021, on: app) == 1)
            // An unreadable document stops the import, naming it.
            try "".write(toFile: folder + "/empty.txt", atomically: true, encoding: .utf8)
            #expect(throws: CorpusImport.Failure.self) { try CorpusImport.read(folder) }

            let copier = try await S.applicationWithPaper(app, "applicant4", paragraphs: [
                String(earlier.unicodeScalars.prefix(300)), S.chinese(700, seed: 10)])
            var office = Browser(app)
            try await office.login("office")
            try await startAndRun(app, &office)
            let report = try await office.get("/committee/similarity/\(copier.id!)")
            #expect(report.text.contains("参考文献库") && report.text.contains("2021-赵六-齿轮.txt（2021年）"))
            #expect(report.text.contains("30%"))
        }
    }

    @Test func aZipCorpusIsReadWithinItsBoundsAndAnUnreadableEntryIsNamed() throws {
        let folder = NSTemporaryDirectory() + "corpus-zip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = folder + "/papers.zip"
        try Data(S.zip([("2020年/钱七-桥梁.txt", S.chinese(200, seed: 11)), ("__MACOSX/._钱七-桥梁.txt", "x"),
                        (".DS_Store", "x")])).write(to: URL(fileURLWithPath: good))
        let documents = try CorpusImport.read(good)
        #expect(documents.map(\.name) == ["钱七-桥梁.txt"] && documents[0].characters == 200)
        let bad = folder + "/bad.zip"
        try Data(S.zip([("a.txt", S.chinese(50, seed: 12)), ("b.txt", "")])).write(to: URL(fileURLWithPath: bad))
        #expect(throws: CorpusImport.Failure(description: "\(bad)/b.txt: empty document (no text)")) { try CorpusImport.read(bad) }
        #expect(throws: CorpusImport.Failure.self) { try CorpusImport.read(folder + "/missing.zip") }
    }

    @Test func twoWorkersRacingForOneJobRunItOnce() async throws {
        try await withTestApp { app in
            _ = try await threePapers(app)
            try await SimilarityJob(year: 2022, requestedAt: app.clock.now(), requestedBy: nil).create(on: app.db)
            // Claims race (FOR UPDATE SKIP LOCKED on PostgreSQL, the single writer on SQLite).
            async let first = SimilarityWorker(app: app, workerID: "w1").claim()
            async let second = SimilarityWorker(app: app, workerID: "w2").claim()
            let claims = try await [first, second]
            #expect(claims.compactMap { $0 }.count == 1)
            let job = try #require(try await SimilarityJob.query(on: app.db).first())
            #expect(job.state == "running" && ["w1", "w2"].contains(job.claimedBy ?? ""))
        }
    }
}
