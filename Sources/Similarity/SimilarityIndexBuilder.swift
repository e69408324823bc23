/// Collects comparison documents for a `SimilarityIndex`: normalizes each, keeps
/// its characters compactly and its winnowed fingerprints, then `build()` lays the
/// fingerprints out as an inverted index.
///
/// ```swift
/// var builder = SimilarityIndexBuilder()                        // min passage 13
/// try builder.add(name: "2021-张三-齿轮.txt", text: extractedText)  // reference list left out
/// let index = (consume builder).build()
/// let coverage = try index.check(Normalizer.paperCharacters(paperText))
/// let report = CoverageReport(coverage, threshold: 0.25)
/// ```
///
/// Storage per character is two bytes (UTF-16 code unit of the normalized
/// character; the rare characters outside the Basic Multilingual Plane are kept in a
/// side table), per fingerprint four bytes for the key while building, and in the
/// built index four bytes per posting plus about 1.3 per posting for bucket offsets.
public struct SimilarityIndexBuilder: Sendable {
    public let parameters: WinnowingParameters

    var names: [String] = []
    /// Global position of each document's first character, and one more entry: document
    /// i occupies [starts[i], starts[i + 1] − 1), followed by a boundary mark.
    var starts: [UInt32] = [1]
    /// The documents' characters, each document followed (and the first preceded) by
    /// `boundaryMark`, so that extending a match stops at a document's ends without
    /// looking up which document it is in.
    var text: [UInt16] = [SimilarityIndexBuilder.boundaryMark]
    var supplementary: [UInt32: UInt32] = [:]
    /// High 32 bits of each selected fingerprint's hash (the bucket is taken from them).
    var keys: [UInt32] = []
    /// Global position of each selected fingerprint's k-gram.
    var positions: [UInt32] = []

    /// Characters outside the BMP are stored as this code unit (a surrogate, never a scalar).
    static let supplementaryMark: UInt16 = 0xD800
    /// Between documents: another surrogate, equal to no character.
    static let boundaryMark: UInt16 = 0xDFFF

    public init(parameters: WinnowingParameters = WinnowingParameters()) {
        self.parameters = parameters
    }

    /// Number of documents added so far.
    public var documentCount: Int { names.count }

    /// Reserves room for about `documents` documents of `charactersEach` normalized characters.
    public mutating func reserveCapacity(documents: Int, charactersEach: Int) {
        let characters = documents * charactersEach
        names.reserveCapacity(documents)
        starts.reserveCapacity(documents + 1)
        text.reserveCapacity(characters + documents + 1)
        let fingerprints = characters * 2 / (parameters.window + 1) + characters / 50
        keys.reserveCapacity(fingerprints)
        positions.reserveCapacity(fingerprints)
    }

    /// Adds a document's original text: its reference list is left out unless
    /// `keepReferences`, then it is normalized. Returns the document's id.
    @discardableResult
    public mutating func add(name: String, text: String, keepReferences: Bool = false) throws(SimilarityError) -> Int {
        try add(name: name, normalized: Normalizer.paperCharacters(text, keepReferences: keepReferences))
    }

    /// Adds a document's normalized characters (see `Normalizer`). Returns the
    /// document's id: 0 for the first, then 1, 2, ...
    @discardableResult
    public mutating func add(name: String, normalized characters: [UInt32]) throws(SimilarityError) -> Int {
        let base = text.count
        guard base + characters.count + 1 < Int(UInt32.max) else { throw .capacityExceeded(characters: base + characters.count) }
        let id = names.count
        names.append(name)
        for c in characters {
            if c < 0x10000 {
                text.append(UInt16(truncatingIfNeeded: c))
            } else {
                supplementary[UInt32(text.count)] = c
                text.append(Self.supplementaryMark)
            }
        }
        text.append(Self.boundaryMark)
        starts.append(UInt32(text.count))
        characters.withUnsafeBufferPointer { buffer in
            Fingerprinter.winnow(buffer, parameters) { hash, position in
                keys.append(UInt32(truncatingIfNeeded: hash >> 32))
                positions.append(UInt32(truncatingIfNeeded: base + position))
            }
        }
        return id
    }

    /// The inverted index: fingerprints bucketed by the top 32 bits of their hash
    /// (counting sort, two passes), postings as global character positions.
    /// Consumes the builder; call it as `(consume builder).build()` (or as the
    /// builder's last use) so the build-time arrays are freed, not kept by a copy.
    public consuming func build() -> SimilarityIndex {
        let count = keys.count
        // About three postings per bucket (1.3 bytes of offsets per posting): a lookup reads
        // one offset pair and a few neighbouring positions. A key maps to its bucket by
        // multiply-shift, so the bucket count need not be a power of two.
        let bucketCount = max(1024, count / 3)
        var bucketStarts = [UInt32](repeating: 0, count: bucketCount + 1)
        var postings = [UInt32](repeating: 0, count: count)
        let scale = UInt64(bucketCount)
        keys.withUnsafeBufferPointer { keys in
            bucketStarts.withUnsafeMutableBufferPointer { starts in
                // Count bucket b into starts[b + 1]; the running sum then makes starts[b] the first slot of b.
                for key in keys { starts[Int((UInt64(key) &* scale) >> 32) &+ 1] &+= 1 }
                var sum: UInt32 = 0
                for i in 0..<starts.count { sum &+= starts[i]; starts[i] = sum }
                var fill = Array(starts)
                fill.withUnsafeMutableBufferPointer { fill in
                    positions.withUnsafeBufferPointer { positions in
                        postings.withUnsafeMutableBufferPointer { postings in
                            for i in 0..<keys.count {
                                let b = Int((UInt64(keys[i]) &* scale) >> 32)
                                postings[Int(fill[b])] = positions[i]
                                fill[b] &+= 1
                            }
                        }
                    }
                }
            }
        }
        // Release the build-time arrays before the index is handed over (peak memory).
        keys = []
        positions = []
        return SimilarityIndex(parameters: parameters, names: names, starts: starts, text: text,
                               supplementary: supplementary, bucketCount: scale,
                               bucketStarts: bucketStarts, postings: postings)
    }
}

public enum SimilarityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The index holds positions in 32 bits: about 4.29 billion normalized characters.
    case capacityExceeded(characters: Int)
    /// The index guarantees passages of `guarantee` characters; a shorter minimum
    /// passage would need a finer index.
    case minimumPassageBelowIndexGuarantee(requested: Int, guarantee: Int)

    public var description: String {
        switch self {
        case .capacityExceeded(let n):
            return "the similarity index holds at most 4294967294 characters; \(n) requested"
        case .minimumPassageBelowIndexGuarantee(let requested, let guarantee):
            return "minimum passage \(requested) is below the index's guarantee threshold \(guarantee)"
        }
    }
}
