import Foundation
import Testing
@testable import App

/// Issue 12 item 3: SQLite serves one instance. `serve` holds an exclusive flock on
/// `<database>.lock`; a second holder is refused at once, and the lock is free
/// again when the first lets go (the kernel also drops it when a process dies).
@Suite struct SingleInstanceLockTests {
    private static func lockPath() -> String {
        NSTemporaryDirectory() + "title-review-lock-tests/" + UUID().uuidString.prefix(8).lowercased() + "/db.sqlite.lock"
    }

    @Test func theSecondHolderIsRefusedUntilTheFirstReleases() throws {
        let path = Self.lockPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        #expect(!SingleInstanceLock.isHeld(path))
        let first = try SingleInstanceLock.acquire(path)
        #expect(SingleInstanceLock.isHeld(path))
        // A second open file of the same lock: refused, not queued.
        #expect(throws: SingleInstanceLock.Failure.held(lockPath: path)) { _ = try SingleInstanceLock.acquire(path) }
        // The holder's process id is in the file for a person to read.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "\(ProcessInfo.processInfo.processIdentifier)\n")
        first.release()
        #expect(!SingleInstanceLock.isHeld(path))
        let again = try SingleInstanceLock.acquire(path)
        #expect(SingleInstanceLock.isHeld(path))
        again.release()
    }

    @Test func theLockFileSitsBesideTheDatabaseAndTheRefusalIsOneEnglishLine() {
        #expect(SingleInstanceLock.path(forDatabase: "data/title-review.sqlite") == "data/title-review.sqlite.lock")
        let line = SingleInstanceLock.refusal(database: "data/title-review.sqlite", .held(lockPath: "data/title-review.sqlite.lock"))
        #expect(line == "serve: another title-review server is already using data/title-review.sqlite (lock data/title-review.sqlite.lock); SQLite serves one instance, use PostgreSQL (DATABASE_URL) for several")
        #expect(!line.contains("\n"))
    }

    /// `restore` takes the same lock, so it never writes under a running server.
    @Test func restoreIsRefusedUnderARunningServer() throws {
        let database = NSTemporaryDirectory() + "restore-lock-" + UUID().uuidString + ".sqlite"
        let path = SingleInstanceLock.path(forDatabase: database)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let server = try SingleInstanceLock.acquire(path)
        defer { server.release() }
        do {
            _ = try SingleInstanceLock.acquire(path)
            Issue.record("a second holder was let in")
        } catch {
            let line = SingleInstanceLock.refusal(database: database, error, command: "restore")
            #expect(line.hasPrefix("restore: another title-review server is already using \(database)"))
            #expect(!line.contains("\n"))
        }
    }

    @Test func onlyASQLiteFileIsLocked() throws {
        #expect(try ServeCommand.singleInstanceLock(.postgres(url: "postgres://localhost/x", schema: nil)) == nil)
        #expect(try ServeCommand.singleInstanceLock(.sqliteMemory) == nil)
        let path = Self.lockPath()
        let database = String(path.dropLast(".lock".count))
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let lock = try #require(try ServeCommand.singleInstanceLock(.sqliteFile(database)))
        #expect(lock.path == path)
        // The consistency check knows a server is running: files may be in flight.
        #expect(!ConsistencyCommand.filesAtRest(.sqliteFile(database)))
        lock.release()
        #expect(ConsistencyCommand.filesAtRest(.sqliteFile(database)))
        #expect(!ConsistencyCommand.filesAtRest(.postgres(url: "postgres://localhost/x", schema: nil)))
    }
}
