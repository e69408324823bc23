import Domain
import Fluent
import Foundation
import Testing
import Vapor
@testable import App

/// Look-ups the administration tests share: demo organizations and accounts
/// by name, and counts to prove that a refused request changed nothing.
enum AdminFixtures {
    static let waterUnit = "长治市示例水利勘测设计院"
    static let heavyUnit = "长治示例重工机械有限公司"
    static let waterBureau = "长治市水务局"

    static func org(_ name: String, _ app: Application) async throws -> Organization {
        try #require(try await Organization.query(on: app.db).filter(\.$name == name).first())
    }

    static func account(_ username: String, _ app: Application) async throws -> UserAccount {
        try #require(try await UserAccount.query(on: app.db).filter(\.$username == username).first())
    }

    static func auditRecords(_ action: String, _ app: Application) async throws -> [AuditRecord] {
        try await AuditRecord.query(on: app.db).filter(\.$action == action).sort(\.$seq).all()
    }

    /// A valid 统一社会信用代码 for a test unit, different for each `n`.
    static func creditCode(_ n: Int) -> String {
        UnifiedSocialCreditCode.completing("91140400MA0" + String(format: "%06d", 700_000 + n))!
    }

    /// The same code with a wrong check character.
    static func badCreditCode(_ n: Int) -> String {
        let good = creditCode(n)
        let last = good.last!
        return String(good.dropLast()) + (last == "0" ? "1" : "0")
    }

    /// The temporary password shown on the one-time page.
    static func temporaryPassword(in html: String) -> String? {
        guard let range = html.range(of: #"class="temp-password">[^<]+<"#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst(#"class="temp-password">"#.count).dropLast())
    }
}
