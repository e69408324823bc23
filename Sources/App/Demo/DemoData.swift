import Domain
import Fluent
import Foundation
import Vapor

/// The demonstration data set of `serve --demo`: organizations across
/// Changzhi's districts and counties, city-direct units, a non-public unit with
/// a personnel agency, and an account for every role (shared/contracts/cli.md).
/// Created once; on every start the demo accounts' password is set to
/// DEMO_PASSWORD, or to a freshly generated one, and printed.
/// Unit names are fictional (示例); bureau names and division codes are real.
enum DemoData {
    static func load(into app: Application, quiet: Bool = false, applications: Bool = true) async throws {
        let password = app.config.demoPassword ?? generatePassword()
        let hash = try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: app.config.bcryptCost) }
        let created = try await app.transaction { db in
            let exists = try await UserAccount.query(on: db).filter(\.$username == "admin").first() != nil
            if !exists {
                let orgs = try await create(on: db, passwordHash: hash)
                if applications {
                    try await DemoApplications.create(on: db, store: FileStore(root: app.config.filesPath, threadPool: app.threadPool),
                                                      policy: app.policies.current, now: app.clock.now())
                    try await DemoCommittee.create(on: db, policy: app.policies.current, calendar: app.workingDays, now: app.clock.now())
                    try await DemoWorkflow.create(on: db, orgs: orgs, policy: app.policies.current, calendar: app.workingDays,
                                                  store: FileStore(root: app.config.filesPath, threadPool: app.threadPool),
                                                  passwordHash: hash)
                }
            }
            try await UserAccount.query(on: db).filter(\.$username ~~ DemoAccounts.usernames)
                .set(\.$passwordHash, to: hash).set(\.$failedLogins, to: 0).set(\.$lockedUntil, to: nil).update()
            try await AuditLog.append(AuditEntry(actorID: nil, actorName: "system", role: nil,
                                                 action: exists ? "demo.password.reset" : "demo.load",
                                                 ip: nil, detail: "demo accounts: \(DemoAccounts.usernames.count)"), on: db)
            return !exists
        }
        if !quiet { printAccounts(password: password, created: created, fromEnvironment: app.config.demoPassword != nil) }
    }

    @discardableResult
    private static func create(on db: any Database, passwordHash: String) async throws -> DemoOrganizations.Created {
        let orgs = try await DemoOrganizations.create(on: db)
        for account in DemoAccounts.all(orgs) {
            let user = UserAccount(username: account.username, passwordHash: passwordHash, role: account.role,
                                   organizationID: account.organizationID, realName: account.realName,
                                   idNumber: account.idNumber, mobile: account.mobile)
            try await user.create(on: db)
            try await AuditLog.append(AuditEntry(actorID: nil, actorName: "system", role: nil, action: "account.create",
                                                 objectType: "account", objectID: user.id?.uuidString, ip: nil,
                                                 detail: "demo \(account.role.rawValue) \(account.username)"), on: db)
        }
        return orgs
    }

    /// The demo's clock: the first working day of the intake window, inside the year's
    /// review (a banner says so). From there a unit can still take an application up,
    /// run its publicities from today (never backdated, 十（一）) one after another, and
    /// bring it to a booked intake day before the window closes: two rounds of five
    /// working days fit between the window's opening and its close, not from ten days
    /// before the close, where the demo used to start. The office moves the clock on.
    static func clock(for policy: Policy, calendar: WorkingDayCalendar) -> AppClock {
        let opens = policy.intake.lowerBound
        let first = (try? calendar.isWorkday(opens)) == true ? opens : (try? calendar.nextWorkday(after: opens)) ?? opens
        return .demo(startingAt: first)
    }

    /// 12 characters from four classes, e.g. "Kp7-mQ2x-R9a".
    static func generatePassword() -> String {
        let upper = Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), lower = Array("abcdefghijkmnopqrstuvwxyz"), digits = Array("23456789")
        var g = SystemRandomNumberGenerator()
        func pick(_ set: [Character]) -> Character { set.randomElement(using: &g)! }
        let groups = (0..<3).map { _ in String([pick(upper), pick(lower), pick(digits)]) + String(pick(lower)) }
        return groups.joined(separator: "-")
    }

    private static func printAccounts(password: String, created: Bool, fromEnvironment: Bool) {
        var lines = ["", created ? "演示数据已创建 (demo data created)." : "演示数据已存在 (demo data already loaded).",
                     "演示账号 (demo accounts), 密码 (password): \(password)" + (fromEnvironment ? "  [DEMO_PASSWORD]" : "  [generated]"),
                     ""]
        lines += accountTable(DemoAccounts.summary)
        lines.append("")
        print(lines.joined(separator: "\n"))
    }

    /// The account list as aligned lines: the usernames padded to the widest one plus
    /// two columns (never cut: "applicant6…applicant17" was cut to 12 characters),
    /// counting a CJK character as two columns as a terminal shows it.
    static func accountTable(_ rows: [(String, String)]) -> [String] {
        let width = (rows.map { displayWidth($0.0) }.max() ?? 0) + 2
        return rows.map { username, role in
            "  " + username + String(repeating: " ", count: width - displayWidth(username)) + role
        }
    }

    /// Terminal columns of a string: East Asian wide and fullwidth characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
                sum + 2
            default:
                sum + 1
            }
        }
    }
}
