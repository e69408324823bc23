import Foundation

/// The batch core behind `title-review eligibility`: input bytes to output bytes.
///
/// - `.document`: one profile object (answer: one object) or an array of them
///   (answer: an array, in order).
/// - `.jsonLines`: one profile per line, one answer per line, in order; blank lines
///   are skipped.
///
/// The input is cut into chunks at element or line boundaries and the chunks are
/// decoded, evaluated and written concurrently on all cores, then joined in order.
/// Invalid input throws the first error in input order, prefixed by where it is
/// (`line 3: …` or `[2].…`), and no output is produced.
public enum EligibilityBatch {
    public enum Format: Sendable { case document, jsonLines }

    public static func run(_ input: [UInt8], format: Format, engine: EligibilityEngine,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(JSONInputError) -> [UInt8] {
        let parts = try runChunks(input, format: format, engine: engine, threads: threads)
        var total = 0
        for p in parts { total += p.count }
        var out: [UInt8] = []
        out.reserveCapacity(total)
        for p in parts { out.append(contentsOf: p) }
        return out
    }

    /// The same output as `run`, as consecutive pieces (saves joining them when the
    /// caller writes them out one by one).
    public static func runChunks(_ input: [UInt8], format: Format, engine: EligibilityEngine,
                                 threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(JSONInputError) -> [[UInt8]] {
        try input.withUnsafeBufferPointer { (buffer) throws(JSONInputError) -> [[UInt8]] in
            try runChunks(buffer, format: format, engine: engine, threads: threads)
        }
    }

    /// For input that is already in memory elsewhere, e.g. a memory-mapped file.
    public static func runChunks(_ input: Data, format: Format, engine: EligibilityEngine,
                                 threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(JSONInputError) -> [[UInt8]] {
        // `Data.withUnsafeBytes` rethrows untyped errors; carry the typed one out in a Result.
        let result = input.withUnsafeBytes { raw -> Result<[[UInt8]], JSONInputError> in
            do throws(JSONInputError) {
                return .success(try runChunks(raw.bindMemory(to: UInt8.self), format: format, engine: engine, threads: threads))
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    static func runChunks(_ buffer: UnsafeBufferPointer<UInt8>, format: Format, engine: EligibilityEngine,
                          threads: Int) throws(JSONInputError) -> [[UInt8]] {
        switch format {
        case .jsonLines: return try jsonLines(buffer, engine, threads)
        case .document: return try document(buffer, engine, threads)
        }
    }

    // MARK: documents

    private static func document(_ buffer: UnsafeBufferPointer<UInt8>, _ engine: EligibilityEngine,
                                 _ threads: Int) throws(JSONInputError) -> [[UInt8]] {
        var s = JSONScanner(buffer)
        switch s.peekKind() {
        case .object:
            let profile = try ProfileJSON.decodeProfile(&s)
            try s.expectEnd()
            var o = TextBuffer(capacity: 2048)
            AnswerJSON.encode(engine.evaluate(profile), into: &o)
            o.append(byte: 0x0A)
            return [o.bytes]
        case .array:
            // Find the elements first (syntax only), then decode them in parallel.
            var spans: [Int] = []
            try s.beginArray()
            var first = true
            while try s.nextElement(first: &first) {
                s.skipWhitespace()
                spans.append(s.pos)
                do { try s.skipValue() } catch { throw error.prefixed(.index(spans.count - 1)) }
            }
            try s.expectEnd()
            if spans.isEmpty { return [Array("[]\n".utf8)] }
            let pieces = try parallel(count: spans.count, threads: threads) { (range, o, out) throws(JSONInputError) in
                var s = JSONScanner(buffer)
                for i in range {
                    s.pos = spans[i]
                    let profile: Profile
                    do throws(JSONInputError) { profile = try ProfileJSON.decodeProfile(&s) } catch { throw error.prefixed(.index(i)) }
                    o.append(i == 0 ? "[\n" : ",\n")
                    AnswerJSON.encode(engine.evaluate(profile), into: &o)
                    o.flush(into: &out)
                }
            }
            return pieces + [Array("\n]\n".utf8)]
        case .end:
            throw s.syntaxError("empty input, expected a profile object or an array of them")
        default:
            let k = s.peekKind()
            if k == .invalid { throw s.syntaxError("unexpected character") }
            throw JSONInputError(problem: "expected a profile object or an array of them, found \(k.name)")
        }
    }

    // MARK: JSON lines

    private static func jsonLines(_ buffer: UnsafeBufferPointer<UInt8>, _ engine: EligibilityEngine,
                                  _ threads: Int) throws(JSONInputError) -> [[UInt8]] {
        let n = buffer.count
        guard n > 0, let base = buffer.baseAddress else { return [] }
        // Cut the bytes into pieces that end at line breaks; each piece finds its own
        // lines, so no single thread has to scan the whole input first.
        let pieces = threads <= 1 || n < 1 << 16 ? 1 : threads * 8
        var cuts = [0]
        for k in 1..<pieces {
            var at = max(n * k / pieces, cuts.last!)
            if let nl = memchr(base + at, 0x0A, n - at) { at = base.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1 } else { at = n }
            cuts.append(at)
        }
        cuts.append(n)
        return try parallel(count: pieces, threads: threads, estimate: { (n * $0.count / pieces) * 3 / 2 }) { (range, o, out) throws(JSONInputError) in
            for piece in range {
                var a = cuts[piece]
                let stop = cuts[piece + 1]
                while a < stop {
                    let nl = memchr(base + a, 0x0A, stop - a)
                    let b = nl.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? stop
                    defer { a = b + 1 }
                    var s = JSONScanner(UnsafeBufferPointer(start: base + a, count: b - a))
                    s.reportsLines = false
                    if s.peekKind() == .end { continue }   // a blank line
                    do throws(JSONInputError) {
                        guard s.peekKind() == .object else { throw s.typeError(expected: "a profile object") }
                        let profile = try ProfileJSON.decodeProfile(&s)
                        try s.expectEnd()
                        AnswerJSON.encode(engine.evaluate(profile), into: &o)
                        o.append(byte: 0x0A)
                        o.flush(into: &out)
                    } catch {
                        throw JSONInputError(problem: "line \(lineNumber(buffer, at: a)): \(error.description)")
                    }
                }
            }
        }
    }

    private static func lineNumber(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        var line = 1
        for i in 0..<offset where buffer[i] == 0x0A { line += 1 }
        return line
    }

    // MARK: parallel chunks

    /// Runs `work` over `0..<count` split into contiguous chunks on up to `threads`
    /// threads; returns the chunks' outputs in order, or the first error in order.
    private static func parallel(count: Int, threads: Int, estimate: @escaping (Range<Int>) -> Int = { $0.count * 2048 },
                                 _ work: @escaping (Range<Int>, inout TextBuffer, inout [UInt8]) throws(JSONInputError) -> Void) throws(JSONInputError) -> [[UInt8]] {
        // Several chunks per thread even out uneven profiles; tiny inputs stay on one thread.
        let chunks = threads <= 1 || count < 16 ? 1 : min(count, threads * 8)
        let slots = UnsafeMutableBufferPointer<Result<[UInt8], JSONInputError>?>.allocate(capacity: chunks)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize(); slots.deallocate() }
        let run = { (c: Int) in
            let range = (count * c / chunks)..<(count * (c + 1) / chunks)
            // Each answer is written into a small scratch buffer that stays in cache,
            // then moved into the chunk's output in one copy.
            var scratch = TextBuffer(capacity: 4096)
            var out: [UInt8] = []
            out.reserveCapacity(estimate(range))
            do throws(JSONInputError) {
                try work(range, &scratch, &out)
                slots[c] = .success(out)
            } catch {
                slots[c] = .failure(error)
            }
        }
        if chunks == 1 {
            run(0)
        } else {
            // Each iteration writes only its own slot; concurrentPerform returns after all.
            let box = UncheckedSendable(run)
            DispatchQueue.concurrentPerform(iterations: chunks) { box.value($0) }
        }
        var out: [[UInt8]] = []
        out.reserveCapacity(chunks)
        for c in 0..<chunks {
            switch slots[c]! {
            case .success(let bytes): out.append(bytes)
            case .failure(let e): throw e
            }
        }
        return out
    }
}

/// Carries a non-Sendable closure into `concurrentPerform`; safe here because every
/// iteration touches disjoint memory and the input is read-only.
private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

extension TextBuffer {
    /// Moves the bytes written so far to the end of `out` and empties the buffer.
    @inline(__always)
    mutating func flush(into out: inout [UInt8]) {
        withBytes { out.append(contentsOf: $0) }
        truncate(to: 0)
    }
}
