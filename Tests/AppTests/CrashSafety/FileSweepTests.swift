import Fluent
import Foundation
import Testing
@testable import App

/// Issue 12 item 4: what a kill mid-upload leaves under FILES_PATH is cleared
/// when the server starts: temporary uploads are deleted, stored files without a
/// record are set aside in `orphaned/`. On SQLite (one instance, lock held)
/// everything found; on PostgreSQL only what is older than an hour, since another
/// instance may be between its file move and its commit.
@Suite struct FileSweepTests {
    private static func root() -> String {
        NSTemporaryDirectory() + "title-review-sweep-tests/" + UUID().uuidString.prefix(8).lowercased()
    }

    /// Writes a file at `relative` under `root`, last modified `age` seconds ago.
    @discardableResult
    private static func put(_ root: String, _ relative: String, age: TimeInterval = 0, bytes: Int = 10) throws -> String {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x25, count: bytes).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
        return path
    }

    private static func storageName() -> String { UUID().uuidString.lowercased() }

    private static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test func aSharedDatabaseSweepsOnlyWhatIsOlderThanAnHour() throws {
        let root = Self.root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let kept = Self.storageName(), oldOrphan = Self.storageName(), youngOrphan = Self.storageName()
        let keptPath = try Self.put(root, "\(kept.prefix(2))/\(kept)", age: 7200)
        let oldOrphanPath = try Self.put(root, "\(oldOrphan.prefix(2))/\(oldOrphan)", age: 7200)
        let youngOrphanPath = try Self.put(root, "\(youngOrphan.prefix(2))/\(youngOrphan)", age: 60)
        let oldTemp = try Self.put(root, "tmp/\(Self.storageName())", age: 3700)
        let youngTemp = try Self.put(root, "tmp/\(Self.storageName())", age: 60)
        let listing = FileSweep.list(root: root)
        #expect(listing.stored.count == 3)
        #expect(listing.temporary.count == 2)
        let outcome = FileSweep.sweep(root: root, referenced: [kept], listing: listing, everything: false)
        #expect(outcome == FileSweep.Outcome(temporaryRemoved: 1, temporaryKept: 1, orphansSetAside: 1, orphansKept: 1))
        #expect(Self.exists(keptPath))
        #expect(!Self.exists(oldOrphanPath))
        #expect(Self.exists("\(root)/orphaned/\(oldOrphan)"))
        #expect(Self.exists(youngOrphanPath))
        #expect(!Self.exists(oldTemp))
        #expect(Self.exists(youngTemp))
    }

    @Test func aSingleInstanceSweepsEverythingButRecordedFiles() throws {
        let root = Self.root()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let kept = Self.storageName(), orphan = Self.storageName()
        let keptPath = try Self.put(root, "\(kept.prefix(2))/\(kept)")
        try Self.put(root, "\(orphan.prefix(2))/\(orphan)")
        let temp = try Self.put(root, "tmp/\(Self.storageName())")
        // Not the store's: a name it never generates, a file in the wrong folder.
        let stray = try Self.put(root, "ab/not-a-uuid")
        let misplaced = Self.storageName()
        let misplacedPath = try Self.put(root, "zz/\(misplaced)")
        let listing = FileSweep.list(root: root)
        #expect(listing.other.count == 2)
        let outcome = FileSweep.sweep(root: root, referenced: [kept], listing: listing, everything: true)
        #expect(outcome == FileSweep.Outcome(temporaryRemoved: 1, temporaryKept: 0, orphansSetAside: 1, orphansKept: 0))
        #expect(Self.exists(keptPath) && !Self.exists(temp))
        #expect(Self.exists("\(root)/orphaned/\(orphan)"))
        #expect(Self.exists(stray) && Self.exists(misplacedPath))
        #expect(FileSweep.list(root: root).orphaned.count == 1)
    }

    @Test func anAbsentStoreIsEmpty() {
        let listing = FileSweep.list(root: Self.root())
        #expect(listing.stored.isEmpty && listing.temporary.isEmpty && listing.other.isEmpty)
    }

    /// At start, against the database: the demo's files all have their records and
    /// stay; the remains go, and the consistency check then finds nothing.
    @Test func theStartSweepKeepsEveryRecordedFile() async throws {
        try await withTestApp(demo: false) { app in
            try await DemoData.load(into: app, quiet: true)
            let root = app.config.filesPath
            let recorded = try await StoredFile.query(on: app.db).all().map(\.storageName)
            #expect(!recorded.isEmpty)
            #expect(try await FileSweep.referenced(recorded, on: app.db) == Set(recorded))
            let orphan = Self.storageName()
            // Two hours old: swept on SQLite and on PostgreSQL alike.
            try Self.put(root, "\(orphan.prefix(2))/\(orphan)", age: 7200)
            try Self.put(root, "tmp/\(Self.storageName())", age: 7200)
            let before = try await ConsistencyCheck.run(on: app.db, filesPath: root, filesAtRest: true)
            #expect(before.problems.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.fileWithoutRecord, .temporaryFile])

            let outcome = try await FileSweep.atStart(app)
            #expect(outcome == FileSweep.Outcome(temporaryRemoved: 1, temporaryKept: 0, orphansSetAside: 1, orphansKept: 0))
            for name in recorded { #expect(Self.exists("\(root)/\(name.prefix(2))/\(name)")) }
            let after = try await ConsistencyCheck.run(on: app.db, filesPath: root, filesAtRest: true)
            #expect(after.problems.isEmpty, "\(after.problems)")
            #expect(after.notes.contains { $0.contains("1 files set aside") })
        }
    }
}
