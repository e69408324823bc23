/// Winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for
/// document fingerprinting", SIGMOD 2003) over character k-grams of normalized text.
///
/// - noise threshold `k`: the length of a hashed k-gram; shared runs shorter than k
///   are never seen.
/// - guarantee threshold `t` (the contract's minimum passage, 13): every passage of
///   at least t characters shared by two texts contains a window of `w = t - k + 1`
///   consecutive k-grams, and winnowing selects at least one k-gram from every
///   window of an indexed text. Queries look up *every* k-gram of the paper (not only
///   its selected ones), so the shared window's selected k-gram is always met at the
///   matching position of the paper, whatever the tie-breaking between equal hashes.
///
/// Choice of k for Chinese: k is the noise threshold, so it should be long enough
/// that unrelated papers rarely share a k-gram by chance; otherwise every lookup
/// drags long posting lists of coincidences through exact verification. A paper has
/// about 5,000 k-grams and an index of 100,000 papers about 5 × 10^8 positions: some
/// 2^41 pairs. Running Chinese text carries roughly 4–5 bits per character once
/// context is taken into account (the 9–10 bits of single-character frequencies
/// drop quickly because words are two to four characters long), so chance k-gram
/// matches become rare only when k · 4.5 ≳ 41, i.e. k ≈ 9–10. k = 10 (about four
/// words) is chosen; it leaves w = 13 − 10 + 1 = 4, so about 2/(w + 1) = 40 % of an
/// indexed text's positions are kept as fingerprints. Measured on 100,000 synthetic
/// papers (docs/similarity.md): k = 10 answers in 7 ms at the 95th percentile, k = 8
/// (29 % kept, 15 % less memory) in 67 ms, k = 5 in seconds, because common word
/// pairs and triples match everywhere. Any k ≤ t keeps the guarantee; k only trades
/// index size against posting-list length, never correctness, because every
/// reported passage is verified character by character.
public struct WinnowingParameters: Sendable, Hashable {
    /// Noise threshold: characters per hashed k-gram.
    public let k: Int
    /// Guarantee threshold: every shared passage at least this long is found.
    public let guarantee: Int
    /// Window of consecutive k-grams from which one is always selected.
    public var window: Int { guarantee - k + 1 }

    /// The k chosen for Chinese text (see the type's documentation).
    public static let chineseNoiseThreshold = 10

    /// Parameters guaranteeing passages of `minimumPassage` characters (at least 1).
    public init(minimumPassage: Int = 13, noiseThreshold: Int = WinnowingParameters.chineseNoiseThreshold) {
        let t = max(1, minimumPassage)
        self.guarantee = t
        self.k = max(1, min(noiseThreshold, t))
    }
}

/// Rolling k-gram hashes and the winnowing selection.
public enum Fingerprinter {
    /// Polynomial rolling hash modulo 2^64 over (scalar + 1), finished by the
    /// murmur3 64-bit mixer so that every bit depends on every character (the
    /// winnowing minimum and the index buckets need well-spread values). Fixed
    /// constants: the same k-gram hashes the same in every document and every run.
    static let base: UInt64 = 0x9E37_79B9_7F4A_7C15 | 1

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// `base^k mod 2^64`, to roll the oldest character out.
    @inline(__always)
    static func basePower(_ k: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<k { p &*= base }
        return p
    }

    /// Calls `body(hash, position)` for each k-gram of `text` in order (position of its first character).
    @inline(__always)
    public static func forEachKGram(_ text: UnsafeBufferPointer<UInt32>, k: Int, _ body: (UInt64, Int) -> Void) {
        let n = text.count
        guard k >= 1, n >= k else { return }
        let outgoing = basePower(k)
        var rolling: UInt64 = 0
        for i in 0..<k { rolling = rolling &* base &+ UInt64(text[i] &+ 1) }
        body(mix(rolling), 0)
        var i = k
        while i < n {
            rolling = rolling &* base &+ UInt64(text[i] &+ 1) &- UInt64(text[i &- k] &+ 1) &* outgoing
            body(mix(rolling), i &- k &+ 1)
            i &+= 1
        }
    }

    /// The winnowed fingerprints of `text`: calls `body(hash, position)` for each
    /// selected k-gram, in increasing position. Robust winnowing: the minimum hash of
    /// each window of `parameters.window` k-grams is selected; on ties the one already
    /// selected is kept, otherwise the rightmost. A text shorter than the guarantee
    /// threshold yields nothing (it cannot hold a passage that long).
    public static func winnow(_ text: UnsafeBufferPointer<UInt32>, _ parameters: WinnowingParameters,
                              _ body: (UInt64, Int) -> Void) {
        let k = parameters.k, w = parameters.window
        guard text.count >= parameters.guarantee else { return }
        if w == 1 { forEachKGram(text, k: k, body); return }
        // Ring buffer of the last w hashes.
        var ring = [UInt64](repeating: .max, count: w)
        ring.withUnsafeMutableBufferPointer { ring in
            var minPosition = -1          // k-gram position of the current selection
            var minHash: UInt64 = .max
            forEachKGram(text, k: k) { hash, position in
                ring[position % w] = hash
                let windowStart = position - w + 1
                if windowStart < 0 { return }
                if minPosition < windowStart {
                    // The selection left the window (or there is none yet): rescan, rightmost minimum.
                    minHash = .max
                    var p = windowStart
                    while p <= position {
                        let h = ring[p % w]
                        if h <= minHash { minHash = h; minPosition = p }
                        p += 1
                    }
                    body(minHash, minPosition)
                } else if hash < minHash {
                    minHash = hash
                    minPosition = position
                    body(hash, position)
                }
            }
        }
    }
}
