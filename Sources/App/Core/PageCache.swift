import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Whole rendered pages, kept per session and address while nothing has changed (issue 18:
/// queue pages at 2,000/s on two cores; building them from the database costs ~2 ms).
///
/// Correct by construction, not by remembering to invalidate:
/// - A page is stored and found under its **version**: the data generation (moved on by the
///   database at every committed change, from any instance or command: `DataGeneration`),
///   the minute of the application's clock (every date decision reads it; no page says
///   more than the minute), and a local count that moves when this process changes a rule
///   it holds in memory (a calendar year, a policy year, the demo's date). The cache holds
///   one version: a request under another version empties it. So a page can only be served
///   while the data, the minute and the rules it was rendered from are still current.
///   The version is taken before the page reads anything, so a page stored under it was
///   rendered from data at least that new.
/// - A page is keyed by the **session** (not the person): never one visitor's page in
///   another's; a new sign-in is a new session. A page for a visitor without a session is
///   only stored when it used nothing of the visitor's (no anonymous form token).
/// - Only routes that declare `cachesPage()` take part: pages that only read (a page
///   whose GET writes, e.g. an audit record of a download, must not be served without it).
/// - Only a 200 HTML answer that sets no cookie is stored.
///
/// Bounded by bytes (`PAGE_CACHE_BYTES`, 32 MiB by default; 0 switches it off); the oldest
/// stored page goes first.
final class PageCache: @unchecked Sendable {
    struct Version: Equatable, Sendable {
        let generation: Int64
        let minute: Int64
        let local: Int
    }

    struct Page: Sendable {
        let headers: HTTPHeaders
        let body: ByteBuffer
    }

    /// Hits, misses and stores since the start (shown by `/metrics`).
    struct Counts: Sendable { var hits = 0, misses = 0, stored = 0, cleared = 0 }

    let capacity: Int
    private let lock = NIOLock()
    private var version: Version?
    private var local = 0
    private var pages: [String: (page: Page, serial: Int)] = [:]
    /// Keys in the order they were stored, with the serial of that store (a key stored
    /// again has a later serial; the earlier place in the line is then skipped).
    private var line: [(key: String, serial: Int)] = []
    private var lineStart = 0
    private var serial = 0
    private var bytes = 0
    private var counts = Counts()

    init(capacity: Int) { self.capacity = capacity }

    /// The version for a request that read `generation` at `now`.
    func version(generation: Int64, now: Date) -> Version {
        let minute = Int64((now.timeIntervalSince1970 / 60).rounded(.down))
        return lock.withLock { Version(generation: generation, minute: minute, local: local) }
    }

    /// A rule held in memory changed (after the change is in place): every page goes.
    func rulesChanged() {
        lock.withLock {
            local += 1
            clearLocked()
        }
    }

    func page(_ key: String, at version: Version) -> Page? {
        lock.withLock {
            adopt(version)
            if let found = pages[key] {
                counts.hits += 1
                return found.page
            }
            counts.misses += 1
            return nil
        }
    }

    func store(_ page: Page, key: String, at version: Version) {
        let size = page.body.readableBytes + key.utf8.count
        guard size <= capacity / 8 else { return }
        lock.withLock {
            // A page rendered under a version that is no longer the cache's is not kept.
            guard self.version == version else { return }
            if let old = pages[key] { bytes -= old.page.body.readableBytes + key.utf8.count }
            serial += 1
            pages[key] = (page, serial)
            line.append((key, serial))
            bytes += size
            counts.stored += 1
            while bytes > capacity, lineStart < line.count {
                let oldest = line[lineStart]
                lineStart += 1
                if let entry = pages[oldest.key], entry.serial == oldest.serial {
                    pages[oldest.key] = nil
                    bytes -= entry.page.body.readableBytes + oldest.key.utf8.count
                }
            }
            if lineStart > 1024, lineStart * 2 > line.count {
                line.removeFirst(lineStart)
                lineStart = 0
            }
        }
    }

    var currentCounts: Counts { lock.withLock { counts } }
    var storedBytes: Int { lock.withLock { bytes } }

    private func adopt(_ requested: Version) {
        guard version != requested else { return }
        version = requested
        clearLocked()
    }

    private func clearLocked() {
        if !pages.isEmpty { counts.cleared += 1 }
        pages.removeAll(keepingCapacity: true)
        line.removeAll(keepingCapacity: true)
        lineStart = 0
        bytes = 0
    }
}

extension Application {
    private struct PageCacheKey: StorageKey { typealias Value = PageCache }

    /// nil when switched off (`PAGE_CACHE_BYTES=0`).
    var pageCache: PageCache? {
        get { storage[PageCacheKey.self] }
        set { storage[PageCacheKey.self] = newValue }
    }
}

private struct DataGenerationKey: StorageKey { typealias Value = Int64 }
private struct VisitorTokenUsedKey: StorageKey { typealias Value = Bool }

extension Request {
    /// The data generation read with the session (nil: no session was read).
    var dataGeneration: Int64? {
        get { storage[DataGenerationKey.self] }
        set { storage[DataGenerationKey.self] = newValue }
    }

    /// The page carries something of this visitor's own without a session (the anonymous
    /// form token): it must not be stored for the next visitor.
    var usedVisitorToken: Bool {
        get { storage[VisitorTokenUsedKey.self] ?? false }
        set { storage[VisitorTokenUsedKey.self] = newValue }
    }
}
