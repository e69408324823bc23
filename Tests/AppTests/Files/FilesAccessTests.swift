import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

@Suite struct FilesAccessTests {
    typealias F = FilesFixtures

    /// An application of applicant1 with one uploaded PDF; returns the file.
    private func uploaded(_ app: Application, _ record: ApplicationRecord) async throws -> StoredFile {
        var b = Browser(app)
        try await b.openFiles("applicant1", record)
        let response = try await b.upload(record, slot: .category3, label: "毕业证书", filename: "毕业证书 (1).pdf",
                                          bytes: F.pdf(pages: 2))
        #expect(response.status == .seeOther)
        return try #require(try await F.files(app).first)
    }

    private func paths(_ record: ApplicationRecord, _ file: StoredFile) -> [String] {
        let base = "/applications/\(record.id!.uuidString)"
        return ["\(base)/files", "\(base)/files/\(file.id!.uuidString)", "\(base)/print/dossier"]
    }

    @Test func ownerDownloadsWithTheRightHeaders() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            let file = try await uploaded(app, record)
            var b = Browser(app)
            try await b.login("applicant1")
            let response = try await b.get("/applications/\(record.id!.uuidString)/files/\(file.id!.uuidString)")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.serialize() == "application/pdf")
            #expect(response.headers.first(name: .contentDisposition)
                == "attachment; filename*=UTF-8''%E6%AF%95%E4%B8%9A%E8%AF%81%E4%B9%A6%20%281%29.pdf")
            #expect(Array(response.body.readableBytesView) == F.pdf(pages: 2))
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }

    @Test func aFileOfAnotherApplicationIsNotFound() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            let file = try await uploaded(app, record)
            let second = try await F.application(app, year: 2021)
            var b = Browser(app)
            try await b.login("applicant1")
            #expect(try await b.get("/applications/\(second.id!.uuidString)/files/\(file.id!.uuidString)").status == .notFound)
            #expect(try await b.get("/applications/\(record.id!.uuidString)/files/\(UUID().uuidString)").status == .notFound)
        }
    }

    @Test func anotherApplicantIsRefused() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            let file = try await uploaded(app, record)
            var b = Browser(app)
            try await b.login("applicant2")
            for path in paths(record, file) {
                #expect(try await b.get(path).status == .forbidden, "\(path)")
            }
            try await b.get("/home")
            #expect(try await b.upload(record, slot: .category3, label: "x", filename: "x.pdf", bytes: F.pdf(pages: 1))
                .status == .forbidden)
            #expect(try await b.post("/applications/\(record.id!.uuidString)/files/\(file.id!.uuidString)/delete")
                .status == .forbidden)
            #expect(try await F.files(app).count == 1)
        }
    }

    @Test func unitClerkSeesOwnUnitsFilesOnlyOnceSubmitted() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            let file = try await uploaded(app, record)
            var clerk = Browser(app)
            try await clerk.login("unit1")
            for path in paths(record, file) {
                #expect(try await clerk.get(path).status == .forbidden, "draft: \(path)")
            }
            try await F.setState(record, .submitted, app)
            for path in paths(record, file) {
                #expect(try await clerk.get(path).status == .ok, "submitted: \(path)")
            }
            let page = try await clerk.get(paths(record, file)[0])
            #expect(!page.text.contains("enctype=\"multipart/form-data\""), "no upload form for the clerk")
            #expect(!page.text.contains("/delete"))

            // Another unit's submitted application stays out of reach.
            let foreign = try await F.application(app, applicant: "applicant2", state: .submitted)
            #expect(try await clerk.get("/applications/\(foreign.id!.uuidString)/files").status == .forbidden)
        }
    }

    @Test func officeSeesSubmittedApplicationsOnly() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            let file = try await uploaded(app, record)
            var office = Browser(app)
            try await office.login("office")
            #expect(try await office.get(paths(record, file)[1]).status == .forbidden)
            try await F.setState(record, .submitted, app)
            for path in paths(record, file) {
                #expect(try await office.get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test func ownerDeletesWhileDraftButNotOnceSubmitted() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            let first = try await uploaded(app, record)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            try await b.upload(record, slot: .category3, label: "学位证书", filename: "学位证书.pdf", bytes: F.pdf(pages: 1))
            let second = try #require(try await F.files(app).first { $0.id != first.id })
            let base = "/applications/\(record.id!.uuidString)/files"

            let deleted = try await b.post("\(base)/\(first.id!.uuidString)/delete")
            #expect(deleted.status == .seeOther)
            #expect(try await F.files(app).map(\.id) == [second.id])
            #expect(!F.filesOnDisk(app).contains { $0.hasSuffix(first.storageName) })
            let audit = try #require(try await AdminFixtures.auditRecords("file.delete", app).first)
            #expect(audit.objectID == record.id!.uuidString && audit.detail.hasPrefix("slot=category3 type=pdf"))

            try await F.setState(record, .submitted, app)
            try await b.get(base)
            let refused = try await b.post("\(base)/\(second.id!.uuidString)/delete")
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("申报已提交"))
            #expect(try await F.files(app).count == 1)
            #expect(F.filesOnDisk(app).contains { $0.hasSuffix(second.storageName) })
            #expect(try await b.upload(record, slot: .category3, label: "x", filename: "x.pdf", bytes: F.pdf(pages: 1))
                .status == .forbidden)
        }
    }

    @Test func deleteWithoutTokenIsRefused() async throws {
        try await withTestApp { app in
            let record = try await F.application(app)
            let file = try await uploaded(app, record)
            var b = Browser(app)
            try await b.openFiles("applicant1", record)
            let response = try await b.post("/applications/\(record.id!.uuidString)/files/\(file.id!.uuidString)/delete",
                                            csrf: .some(nil))
            #expect(response.status == .forbidden)
            #expect(try await F.files(app).count == 1)
        }
    }
}
