import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// 年度政策 (issue 19, item 3, first slice): the office uploads a bundle, sees it
/// checked and compared with the year in use; a bundle that is not whole is refused
/// with the place of its first problem and nothing is stored; other roles get 403.
@Suite struct PoliciesPageTests {
    static let example = try! Policy.bundleBytes(id: "changzhi-2023-example")

    /// A shipped bundle with an RFC 7396 merge patch applied.
    static func bundle(_ id: String = "changzhi-2022", patch: String) throws -> [UInt8] {
        try JSONValue.parse(Policy.bundleBytes(id: id)).merged(with: JSONValue.parse(Array(patch.utf8))).serialized
    }

    /// Posts a file as the page's form does (csrf first, then the file).
    func upload(_ browser: inout Browser, _ bytes: [UInt8], filename: String = "bundle.json",
                csrf override: String?? = .none) async throws -> TestingHTTPResponse {
        var parts: [MultipartBody.Part] = []
        switch override {
        case .none: if let csrf = browser.csrf { parts.append(.field("csrf", csrf)) }
        case .some(.some(let token)): parts.append(.field("csrf", token))
        case .some(.none): break
        }
        parts.append(.file(name: "bundle", filename: filename, bytes: bytes))
        return try await browser.sendMultipart("/policies", MultipartBody(parts: parts))
    }

    func stored(_ app: Application) async throws -> [String] {
        try await PolicyBundleRecord.query(on: app.db).all().map(\.bundleID).sorted()
    }

    @Test func theOfficeUploadsTheExampleAndSeesOnlyDatesChange() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/policies")
            #expect(page.status == .ok)
            #expect(page.text.contains("changzhi-2022") && page.text.contains(#"enctype="multipart/form-data""#))
            #expect(page.text.contains("尚未上传"))

            let saved = try await upload(&office, Self.example, filename: "changzhi-2023-example.json")
            #expect(saved.status == .seeOther, "\(saved.text)")
            #expect(saved.location == "/policies/changzhi-2023-example/diff?notice=saved")
            #expect(try await stored(app) == ["changzhi-2023-example"])
            let audit = try await AuditRecord.query(on: app.db).filter(\.$action == "policy.upload").all()
            #expect(audit.count == 1 && audit.first?.objectID == "changzhi-2023-example")

            let diff = try await office.get("/policies/changzhi-2023-example/diff")
            #expect(diff.status == .ok)
            #expect(diff.text.contains("年限计算截止日") && diff.text.contains("2022年12月31日") && diff.text.contains("2023年12月31日"))
            #expect(diff.text.contains("参数（数值和单位）没有变化") && diff.text.contains("条款原文没有变化"))
            #expect(diff.text.contains("示例文件"))
            // Interpretations name their dates, so their wording moved with them.
            #expect(diff.text.contains("I1-reference-dates"))
            // Stored, listed, and not in use: the year in use is still 2022.
            #expect(try await office.get("/policies").text.contains("查看变化"))
            #expect(app.policies.current.id == "changzhi-2022")
        }
    }

    @Test func aChangedParameterAndClauseShowOldAndNew() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/policies")
            let bytes = try Self.bundle("changzhi-2023-example", patch: #"{"id": "changzhi-2023-fees", "parameters": {"reviewFeeJunior": {"value": 280}}}"#)
            #expect(try await upload(&office, bytes).status == .seeOther)
            let diff = try await office.get("/policies/changzhi-2023-fees/diff")
            #expect(diff.text.contains("reviewFeeJunior") && diff.text.contains("260 元") && diff.text.contains("280 元"))
        }
    }

    @Test func bundlesThatAreNotWholeAreRefusedAndNotStored() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/policies")
            let notJSON = try await upload(&office, Array("{\"id\": \"x\",".utf8), filename: "broken.json")
            #expect(notJSON.status == .unprocessableEntity)
            #expect(notJSON.text.contains("政策文件不是有效的JSON") && notJSON.text.contains("broken.json"))
            let missing = try await upload(&office, try Self.bundle(patch: #"{"id": "y", "parameters": {"engineerBachelorYears": null}}"#))
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains("第一个问题在 parameters.engineerBachelorYears：missing required field"))
            let unit = try await upload(&office, try Self.bundle(patch: #"{"id": "y", "parameters": {"engineerBachelorYears": {"unit": "月"}}}"#))
            #expect(unit.text.contains("parameters.engineerBachelorYears.unit"))
            let dates = try await upload(&office, try Self.bundle(patch: #"{"id": "y", "intake": {"closes": "2023-01-05"}}"#))
            #expect(dates.text.contains("第一个问题在 intake.closes"))
            let failing = try await upload(&office, try Self.bundle(patch: #"{"id": "y", "parameters": {"engineerBachelorYears": {"value": 5}}}"#))
            #expect(failing.text.contains("第一个问题在 testCases[0]"))
            let empty = try await upload(&office, [])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("请选择要上传的政策文件"))
            // The bundle in use is never uploaded over.
            let active = try await upload(&office, try Policy.bundleBytes(id: "changzhi-2022"))
            #expect(active.status == .unprocessableEntity && active.text.contains("正在使用"))
            #expect(try await stored(app).isEmpty)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "policy.upload").count() == 0)
            // A stored bundle is never overwritten either.
            #expect(try await upload(&office, Self.example).status == .seeOther)
            try await office.get("/policies")
            let again = try await upload(&office, try Self.bundle("changzhi-2023-example", patch: #"{"title": "改过的"}"#))
            #expect(again.status == .unprocessableEntity && again.text.contains("已经上传过"))
            #expect(try await PolicyBundleRecord.query(on: app.db).first()?.title.contains("改过的") == false)
        }
    }

    @Test func theFormNeedsItsToken() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/policies")
            let forged = try await upload(&office, Self.example, csrf: .some(nil))
            #expect(forged.status == .forbidden)
            #expect(try await stored(app).isEmpty)
        }
    }

    @Test func otherRolesAreRefused() async throws {
        try await withTestApp { app in
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/policies")
            #expect(try await upload(&office, Self.example).status == .seeOther)
            for username in ["admin", "cityhr", "county1", "dept1", "countyhr1", "agency1", "unit1", "applicant1", "expert1"] {
                var other = Browser(app)
                try await other.login(username)
                #expect(try await other.get("/policies").status == .forbidden, "\(username)")
                #expect(try await other.get("/policies/changzhi-2023-example/diff").status == .forbidden, "\(username)")
                let post = try await upload(&other, try Self.bundle("changzhi-2023-example", patch: #"{"id": "z"}"#))
                #expect(post.status == .forbidden, "\(username)")
            }
            #expect(try await stored(app) == ["changzhi-2023-example"])
            for role in Role.allCases where role != .committeeOffice {
                #expect(!AccessPolicy.roles(for: .managePolicies).contains(role))
            }
        }
    }
}
