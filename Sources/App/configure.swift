import DocumentReading
import Domain
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOSSL
import Vapor

/// Sets up storage, security, middleware and routes. Tests call this with an
/// in-memory SQLite store (or a PostgreSQL schema of their own).
public func configure(_ app: Application, config: AppConfig, migrate: Bool = true) async throws {
    if let problem = config.invalidSettings.first { throw InvalidSetting(description: problem) }
    app.config = config
    app.policies = try PolicyStore.load()
    app.workingDays = try WorkingDayCalendar.official()
    app.fragments = FragmentCache()
    try useDatabase(app, config.store, poolTimeout: .seconds(config.connectionPoolTimeoutSeconds))
    if case .postgres = config.store {} else { app.writeGate = WriteGate() }
    app.migrations.add(AppMigrations.all)
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.storage[DummyHashKey.self] = try Bcrypt.hash(SessionStore.newToken(), cost: config.bcryptCost)
    // Most forms are small; upload routes raise their own limit.
    app.routes.defaultMaxBodySize = "256kb"
    try FileManager.default.createDirectory(atPath: config.filesPath, withIntermediateDirectories: true)
    // Uploaded PDFs are read by poppler; without it they are taken with the page count unknown.
    if let warning = FileInspection.missingToolsWarning() { app.logger.warning("\(warning)") }

    // Order matters: headers wrap everything (error pages too); errors become
    // pages; then the session is loaded; then CSRF and access rules apply.
    app.middleware = Middlewares()
    app.middleware.use(LivenessMiddleware()) // GET /livez answers before every other layer
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(MetricsMiddleware()) // times everything below; answers GET /metrics itself
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(StaticAssetsMiddleware(assets: try StaticAssets.bundled.get()))
    app.middleware.use(SessionMiddleware())
    app.middleware.use(BodyLimitMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(AccessMiddleware())
    if config.logRequests { app.middleware.use(RequestLogMiddleware()) }
    // Last: a page from the cache is still a request the session and access rules let in.
    if config.pageCacheBytes > 0 {
        app.pageCache = PageCache(capacity: config.pageCacheBytes)
        app.middleware.use(PageCacheMiddleware())
    }

    try routes(app)
    // The duplication check's jobs run in the background while the server runs.
    app.lifecycle.use(SimilarityWorkerLifecycle())
    // Issue 12 item 7: anonymous CSRF key, login throttle per address, upload bound, session sweep.
    app.setUpLimits()
    // Issue 12: bcrypt on bounded threads of its own; X-Forwarded-For only from TRUSTED_PROXIES.
    app.usePasswordWork(PasswordWork.fromEnvironment(cost: config.bcryptCost))
    app.trustedProxies = TrustedProxies.fromEnvironment()
    if migrate {
        try await app.autoMigrate()
        // Years the office added after the bundled calendar (2019–2026) was shipped.
        try await CalendarAdminController.loadStored(into: app)
        // Years the office activated after the shipped one (issue 19).
        try await PolicyActivation.loadActive(into: app)
    }
    try await tuneDatabase(app, config.store)
}

private func useDatabase(_ app: Application, _ store: AppConfig.Store, poolTimeout: TimeAmount) throws {
    switch store {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, connectionPoolTimeout: poolTimeout), as: .sqlite)
    case .sqliteFile(let path):
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: poolTimeout), as: .sqlite)
    case .postgres(let url, let schema):
        var configuration = try SQLPostgresConfiguration(url: url)
        if let schema { configuration.searchPath = [schema] }
        // A test schema gets a small pool (many test apps share one server) and
        // waits longer for it, since a loaded CI machine is slow to hand one out.
        app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: schema == nil ? 4 : 2,
                                    connectionPoolTimeout: schema == nil ? poolTimeout : .seconds(60)), as: .psql)
    }
}

/// SQLite: write-ahead logging (readers don't block the writer) and a busy
/// timeout so two connections wait for each other instead of failing.
private func tuneDatabase(_ app: Application, _ store: AppConfig.Store) async throws {
    guard case .sqliteFile = store, let sql = app.db as? any SQLDatabase else { return }
    try await sql.raw("PRAGMA journal_mode=WAL").run()
    try await sql.raw("PRAGMA busy_timeout=5000").run()
}

/// An environment setting that was given but cannot be read: the start stops with it.
struct InvalidSetting: Error, CustomStringConvertible {
    let description: String
}

struct DummyHashKey: StorageKey { typealias Value = String }
