import Foundation
import NIOConcurrencyHelpers

/// At most `permits` uploads are received at once (issue 12, item 7); the others
/// wait their turn. Each upload holds a write buffer, a temp file and, when it ends,
/// a poppler child process, so twenty 20 MB uploads at once would otherwise mean
/// twenty of each; bounded, resident memory stays flat however many arrive.
final class UploadLimiter: Sendable {
    let permits: Int
    private struct State {
        var inUse = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = NIOLockedValueBox(State())

    init(permits: Int = 4) { self.permits = max(1, permits) }

    /// Uploads running now (for /metrics and tests).
    var active: Int { state.withLockedValue { $0.inUse } }
    var queued: Int { state.withLockedValue { $0.waiting.count } }

    func withPermit<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLockedValue { s -> Bool in
                if s.inUse < permits { s.inUse += 1; return true }
                s.waiting.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLockedValue { s -> CheckedContinuation<Void, Never>? in
            if s.waiting.isEmpty { s.inUse -= 1; return nil }
            return s.waiting.removeFirst() // the permit passes straight to the next upload
        }
        next?.resume()
    }
}
