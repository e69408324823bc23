import Foundation
import Vapor

/// Settings read once from the environment (README: 配置).
public struct AppConfig: Sendable {
    public enum Store: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        /// `schema` isolates a test's tables on a shared server (search_path).
        case postgres(url: String, schema: String?)
    }

    public var store: Store
    public var filesPath: String
    public var secureCookies: Bool
    public var demoPassword: String?
    /// bcrypt cost: 12 in production; tests lower it so hundreds of logins stay fast.
    public var bcryptCost: Int
    /// Sessions end after this long without a request (30 minutes).
    public var sessionIdleSeconds: Int
    /// Failed logins before an account locks, and for how long.
    public var lockoutThreshold: Int
    public var lockoutSeconds: Int
    /// Emit request logs (never with bodies or query strings).
    public var logRequests: Bool
    /// PUBLIC_BASE_URL: where the public pages are reached (e.g. https://zcps.changzhi.gov.cn),
    /// without a trailing slash; certificate QR links are built from it, never from the Host header.
    public var publicBaseURL: String = "http://localhost:8080"
    /// The background sweep of idle sessions (`SessionSweeper`). Tests switch it off: a
    /// test that ages a session to see the middleware expire it raced the sweep, which
    /// deleted the row first once the test app had lived past the sweep's first delay.
    public var sweepsSessions: Bool = true
    /// How long a request waits for a database connection before it fails. Tests wait
    /// longer: on a loaded CI machine running 150 suites at once, a stress test's requests
    /// waited past 10 s for the SQLite pool (PostgreSQL test schemas already wait 60 s).
    public var connectionPoolTimeoutSeconds: Int64 = 10
    /// PAGE_CACHE_BYTES: the most the page cache (`PageCache`) holds; 0 switches it off.
    public var pageCacheBytes: Int = 32 << 20
    /// Settings that were given but could not be read: `configure` refuses to start with them.
    public var invalidSettings: [String] = []

    public init(store: Store, filesPath: String = "./data/files", secureCookies: Bool = false,
                demoPassword: String? = nil, bcryptCost: Int = 12, sessionIdleSeconds: Int = 30 * 60,
                lockoutThreshold: Int = 5, lockoutSeconds: Int = 15 * 60, logRequests: Bool = true) {
        self.store = store
        self.filesPath = filesPath
        self.secureCookies = secureCookies
        self.demoPassword = demoPassword
        self.bcryptCost = bcryptCost
        self.sessionIdleSeconds = sessionIdleSeconds
        self.lockoutThreshold = lockoutThreshold
        self.lockoutSeconds = lockoutSeconds
        self.logRequests = logRequests
    }

    /// DATABASE_URL (PostgreSQL) wins over DATABASE_PATH (SQLite file).
    public static func fromEnvironment() -> AppConfig {
        let env = ProcessInfo.processInfo.environment
        let store: Store
        if let url = env["DATABASE_URL"], !url.isEmpty {
            store = .postgres(url: url, schema: nil)
        } else {
            store = .sqliteFile(env["DATABASE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data/title-review.sqlite")
        }
        return AppConfig(
            store: store,
            filesPath: env["FILES_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data/files",
            secureCookies: env["SECURE_COOKIES"] == "1",
            demoPassword: env["DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
            bcryptCost: Int(env["BCRYPT_COST"] ?? "") ?? 12
        ).withPublicBaseURL(env["PUBLIC_BASE_URL"]).withPageCacheBytes(env["PAGE_CACHE_BYTES"])
    }

    /// The same settings with PAGE_CACHE_BYTES applied when set; a value that is not a
    /// whole number of bytes stops the start rather than running with a guess.
    public func withPageCacheBytes(_ value: String?) -> AppConfig {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return self }
        var copy = self
        if let bytes = Int(value), bytes >= 0 {
            copy.pageCacheBytes = bytes
        } else {
            copy.invalidSettings.append("PAGE_CACHE_BYTES=\"\(value.prefix(200))\" is not a number of bytes (0 switches the page cache off)")
        }
        return copy
    }

    /// The same settings with PUBLIC_BASE_URL applied when set (trailing slashes dropped).
    public func withPublicBaseURL(_ url: String?) -> AppConfig {
        var copy = self
        if let url = url?.trimmingCharacters(in: .whitespaces), !url.isEmpty {
            copy.publicBaseURL = String(url.reversed().drop(while: { $0 == "/" }).reversed())
        }
        return copy
    }

    /// "30分钟": the idle limit as messages say it.
    public var sessionIdleText: String { Self.minutes(sessionIdleSeconds) }
    /// "15分钟": the lockout as messages say it.
    public var lockoutText: String { Self.minutes(lockoutSeconds) }

    static func minutes(_ seconds: Int) -> String {
        seconds % 60 == 0 ? "\(seconds / 60)分钟" : "\(seconds)秒"
    }

    public var databaseName: String {
        if case .postgres = store { return "postgres" }
        return "sqlite"
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    public var config: AppConfig {
        get { storage[ConfigKey.self] ?? AppConfig(store: .sqliteMemory) }
        set { storage[ConfigKey.self] = newValue }
    }
}

extension Request {
    var config: AppConfig { application.config }
}
