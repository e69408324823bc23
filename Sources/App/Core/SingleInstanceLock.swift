#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive, non-blocking `flock` on `<database file>.lock`, held for the
/// life of `serve` on a SQLite file (issue 12 item 3). SQLite serves one
/// instance: two servers on one file would each believe no upload of the other
/// is in flight and sweep its files at start, and their write gates would not
/// see each other. The kernel drops the lock when the process ends, even on
/// SIGKILL, so a crashed server never leaves a stale lock behind; the file
/// itself stays and only says which process held it last.
///
/// Batch commands (migrate, seed, audit verify, backup, consistency) do not
/// take it: they are meant to run beside a server.
final class SingleInstanceLock: @unchecked Sendable {
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// The lock file that guards a SQLite database file.
    static func path(forDatabase database: String) -> String { database + ".lock" }

    enum Failure: Error, Equatable {
        /// Another process (or another open file of this one) holds the lock.
        case held(lockPath: String)
        /// The lock file cannot be created or opened (directory missing, permissions).
        case cannotOpen(lockPath: String, errno: Int32)
    }

    /// Takes the lock or fails at once (never waits). Creates the directory and
    /// the file when missing, and writes this process id into it.
    static func acquire(_ path: String) throws(Failure) -> SingleInstanceLock {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotOpen(lockPath: path, errno: errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw .held(lockPath: path) }
            throw .cannotOpen(lockPath: path, errno: code)
        }
        // Who holds it, for a person looking at the file; the flock is what counts.
        if ftruncate(fd, 0) == 0 {
            let text = "\(getpid())\n"
            _ = text.withCString { write(fd, $0, strlen($0)) }
        }
        return SingleInstanceLock(path: path, descriptor: fd)
    }

    /// True when some process holds the lock now (the lock is not taken).
    static func isHeld(_ path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// Gives the lock up (also done when the process ends).
    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    /// The one line `serve` (or `restore`) prints when the lock is held elsewhere
    /// (cli.md: English, one line).
    static func refusal(database: String, _ failure: Failure, command: String = "serve") -> String {
        switch failure {
        case .held(let lockPath):
            "\(command): another title-review server is already using \(database) (lock \(lockPath)); "
                + "SQLite serves one instance, use PostgreSQL (DATABASE_URL) for several"
        case .cannotOpen(let lockPath, let code):
            "\(command): cannot open the lock file \(lockPath) for \(database): \(String(cString: strerror(code)))"
        }
    }
}
