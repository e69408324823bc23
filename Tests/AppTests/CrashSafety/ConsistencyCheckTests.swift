import Fluent
import Foundation
import Testing
import Vapor
@testable import App
import Domain

/// Issue 12 item 4: `title-review consistency` finds what a half-written change
/// would leave: a file record without its file (or with another size or digest),
/// a stored file or temporary upload nobody refers to, a state without the event
/// into it, an event without its audit record and an audit record without its
/// event (`WorkflowRunner` commits the three together). Each test breaks the
/// demo's data one way and expects exactly that problem.
@Suite struct ConsistencyCheckTests {
    private static func check(_ app: Application, atRest: Bool = true, digests: Bool = false) async throws -> ConsistencyCheck.Report {
        try await ConsistencyCheck.run(on: app.db, filesPath: app.config.filesPath, filesAtRest: atRest, digests: digests)
    }

    private static func kinds(_ report: ConsistencyCheck.Report) -> [ConsistencyCheck.Kind] {
        report.problems.map(\.kind).sorted { $0.rawValue < $1.rawValue }
    }

    private static func path(_ app: Application, _ file: StoredFile) -> String {
        "\(app.config.filesPath)/\(file.storageName.prefix(2))/\(file.storageName)"
    }

    /// The demo applicant's application, withdrawn through the page (a real transition).
    private static func withdraw(_ app: Application, _ username: String) async throws -> UUID {
        var b = Browser(app)
        try await b.login(username)
        let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == username).first())
        let application = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$applicant.$id == user.id!).first())
        let id = try application.requireID()
        try await b.get("/applications/\(id.uuidString)/commitment")
        #expect(try await b.post("/applications/\(id.uuidString)/withdraw").status == .seeOther)
        return id
    }

    @Test func theDemoDataIsConsistent() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            let report = try await Self.check(app, digests: true)
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.applications > 10)
            #expect(report.fileRecords > 0 && report.fileRecords == report.storedFiles)
            #expect(report.temporaryFiles == 0)
            #expect(report.notes.contains { $0.contains("serve --demo") })
            #expect(ConsistencyCommand.render(report).last?.hasPrefix("consistent: ") == true)
        }
    }

    @Test func aMissingResizedOrAlteredFileIsReportedByItsRecord() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            let files = try await StoredFile.query(on: app.db).sort(\.$storageName).all()
            try #require(files.count >= 3)
            try FileManager.default.removeItem(atPath: Self.path(app, files[0]))
            try Data("short".utf8).write(to: URL(fileURLWithPath: Self.path(app, files[1])))
            // Same size, one byte changed: only the SHA-256 tells.
            var bytes = try Data(contentsOf: URL(fileURLWithPath: Self.path(app, files[2])))
            bytes[bytes.count - 1] ^= 0xff
            try bytes.write(to: URL(fileURLWithPath: Self.path(app, files[2])))

            let cheap = try await Self.check(app)
            #expect(Self.kinds(cheap) == [.fileMissing, .fileSize])
            #expect(cheap.problems(of: .fileMissing).first?.text
                    == "file record \(files[0].id!.uuidString.lowercased()) (application \(files[0].$application.id.uuidString.lowercased())): stored file \(files[0].storageName.prefix(2))/\(files[0].storageName) is missing")
            #expect(cheap.problems(of: .fileSize).first?.text.contains("stored file is 5 bytes, the record says \(files[1].size)") == true)
            let full = try await Self.check(app, digests: true)
            #expect(Self.kinds(full) == [.fileDigest, .fileMissing, .fileSize])
            #expect(ConsistencyCommand.render(full).last?.hasPrefix("inconsistent: 3 problems") == true)
        }
    }

    @Test func anUnrecordedFileOrTemporaryUploadIsAProblemOnlyWhenNoUploadCanBeInFlight() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            let root = app.config.filesPath
            let name = UUID().uuidString.lowercased()
            try FileManager.default.createDirectory(atPath: "\(root)/\(name.prefix(2))", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: "\(root)/tmp", withIntermediateDirectories: true)
            try Data("%PDF-1.4".utf8).write(to: URL(fileURLWithPath: "\(root)/\(name.prefix(2))/\(name)"))
            try Data("%PDF".utf8).write(to: URL(fileURLWithPath: "\(root)/tmp/\(UUID().uuidString.lowercased())"))

            // A server may be running: young remains may be uploads about to commit.
            let running = try await Self.check(app, atRest: false)
            #expect(running.problems.isEmpty, "\(running.problems)")
            #expect(running.notes.contains { $0.hasPrefix("2 temporary or unrecorded files younger than an hour") })
            // An hour later they are remains, server or not.
            let later = try await ConsistencyCheck.run(on: app.db, filesPath: root, filesAtRest: false, now: Date().addingTimeInterval(3700))
            #expect(Self.kinds(later) == [.fileWithoutRecord, .temporaryFile])
            // No server (SQLite lock free): remains whatever their age.
            let atRest = try await Self.check(app)
            #expect(Self.kinds(atRest) == [.fileWithoutRecord, .temporaryFile])
            #expect(atRest.problems(of: .fileWithoutRecord).first?.text.hasPrefix("stored file \(name.prefix(2))/\(name) (8 bytes, ") == true)
        }
    }

    /// A declaration made after the demo's load, moved as `WorkflowRunner` moves it:
    /// the state, the event and the audit record.
    private static func declaration(_ app: Application, year: Int, moves: [(ApplicationTransition, ApplicationState, ApplicationState)]) async throws -> UUID {
        let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "applicant2").first())
        let record = ApplicationRecord(applicantID: user.id!, unitID: user.$organization.id, year: year, policyID: app.policies.current.id,
                                       targetLevel: .engineer, track: .regular, specialty: "机械工程")
        try await record.create(on: app.db)
        let id = try record.requireID()
        for (transition, from, to) in moves {
            record.state = to.rawValue
            try await record.update(on: app.db)
            try await WorkflowEvent(applicationID: id, occurredAt: Date(), actorID: user.id, actorName: user.realName, organizationName: "",
                                    transition: transition.rawValue, fromState: from.rawValue, toState: to.rawValue, opinion: "").create(on: app.db)
            let entry = AuditEntry(actorID: user.id, actorName: user.username, role: "applicant", action: transition.auditAction,
                                   objectType: "application", objectID: id.uuidString, ip: nil,
                                   detail: "\(from.rawValue) -> \(to.rawValue)")
            try await app.transaction { db in try await AuditLog.append(entry, on: db) }
        }
        return id
    }

    @Test func aTransitionMissingItsAuditRecordOrItsEventIsReported() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            let cycle: [(ApplicationTransition, ApplicationState, ApplicationState)] =
                [(.submit, .draft, .submitted), (.withdraw, .submitted, .draft), (.submit, .draft, .submitted)]
            let first = try await Self.declaration(app, year: 2023, moves: cycle)
            let second = try await Self.declaration(app, year: 2024, moves: Array(cycle.prefix(2)))
            #expect(try await Self.check(app).problems.isEmpty)

            // The first loses one of its two submissions' audit records: one event stands unaudited.
            let audits = try await AuditRecord.query(on: app.db).filter(\.$action == "application.submit")
                .filter(\.$objectID == first.uuidString).sort(\.$seq).all()
            try #require(audits.count == 2)
            try await audits[1].delete(on: app.db)
            let noAudit = try await Self.check(app)
            #expect(Self.kinds(noAudit) == [.eventWithoutAudit])
            #expect(noAudit.problems.first?.text == "application \(first.uuidString.lowercased()): workflow event submit draft -> submitted has no audit record")

            // The second loses its withdrawal's event: the audit record stands alone, the draft has no event into it.
            try await WorkflowEvent.query(on: app.db).filter(\.$application.$id == second).filter(\.$transition == "withdraw").delete()
            let noEvent = try await Self.check(app)
            #expect(Self.kinds(noEvent) == [.auditWithoutEvent, .eventWithoutAudit, .stateWithoutEvent])
            #expect(noEvent.problems(of: .stateWithoutEvent).first?.text
                    == "application \(second.uuidString.lowercased()) is in state draft without a workflow event into it")
            #expect(noEvent.problems(of: .auditWithoutEvent).first?.text
                    == "application \(second.uuidString.lowercased()): audit record application.withdraw submitted -> draft has no workflow event")
        }
    }

    /// Through the pages: a demo declaration withdrawn and submitted again stays consistent,
    /// and an audit record without its event is found on a demo declaration too.
    @Test func realTransitionsOnTheDemoStayConsistent() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            let li = try await Self.withdraw(app, "applicant3")
            #expect(try await Self.check(app).problems.isEmpty)
            try await WorkflowEvent.query(on: app.db).filter(\.$application.$id == li).filter(\.$transition == "withdraw").delete()
            #expect(Self.kinds(try await Self.check(app)) == [.auditWithoutEvent, .stateWithoutEvent])
        }
    }

    @Test func aStateChangedWithoutItsEventIsReported() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            let draft = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$state == "draft").first())
            draft.state = "submitted"
            try await draft.update(on: app.db)
            let report = try await Self.check(app)
            #expect(Self.kinds(report) == [.stateWithoutEvent])
        }
    }

    /// The demo's own history is excused only by its `demo.load` record.
    @Test func withoutTheDemoLoadRecordEveryEventNeedsItsAuditRecord() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            try await AuditRecord.query(on: app.db).filter(\.$action == "demo.load").delete()
            let report = try await Self.check(app)
            #expect(!report.problems.isEmpty)
            #expect(Set(report.problems.map(\.kind)) == [.eventWithoutAudit])
        }
    }

    @Test func fiftyLinesAtMostThenACount() {
        var report = ConsistencyCheck.Report()
        report.problems = (1...60).map { ConsistencyCheck.Problem(kind: .fileMissing, text: "problem \($0)") }
        let lines = ConsistencyCommand.render(report)
        #expect(lines.count == 52)
        #expect(lines[49] == "problem 50")
        #expect(lines[50] == "… and 10 more problems")
        #expect(lines[51].hasPrefix("inconsistent: 60 problems in "))
    }
}
