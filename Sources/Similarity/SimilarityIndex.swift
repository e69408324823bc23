/// The built inverted index over the comparison documents: fingerprint bucket ->
/// postings (global character positions), plus the documents' normalized
/// characters for exact verification. Immutable and `Sendable`: build once, check
/// many papers, from several threads if wanted.
///
/// Memory: two bytes per normalized character of the corpus, four per posting
/// (about 40 % of the characters are postings with k = 10, w = 4) and about 1.3 per
/// posting for the bucket offsets -- some 4.1 bytes per character, so about 2.1 GB
/// for 100,000 papers of 5,000 characters (measured figures in docs/similarity.md).
public struct SimilarityIndex: Sendable {
    public let parameters: WinnowingParameters

    let names: [String]
    let starts: [UInt32]
    let text: [UInt16]
    let supplementary: [UInt32: UInt32]
    /// Buckets: a 64-bit fingerprint h goes to bucket ((h >> 32) · bucketCount) >> 32.
    let bucketCount: UInt64
    let bucketStarts: [UInt32]
    let postings: [UInt32]

    init(parameters: WinnowingParameters, names: [String], starts: [UInt32], text: [UInt16],
         supplementary: [UInt32: UInt32], bucketCount: UInt64, bucketStarts: [UInt32], postings: [UInt32]) {
        self.parameters = parameters; self.names = names; self.starts = starts; self.text = text
        self.supplementary = supplementary; self.bucketCount = bucketCount
        self.bucketStarts = bucketStarts; self.postings = postings
    }

    /// An index over no documents.
    public init(parameters: WinnowingParameters = WinnowingParameters()) {
        self = SimilarityIndexBuilder(parameters: parameters).build()
    }

    public var documentCount: Int { names.count }
    /// Normalized characters held, over all documents.
    public var characterCount: Int { text.count - names.count - 1 }
    /// Fingerprints held.
    public var postingCount: Int { postings.count }
    /// Bytes held by the index's arrays (characters, postings, buckets, offsets).
    public var storageBytes: Int {
        text.capacity * 2 + postings.capacity * 4 + bucketStarts.capacity * 4 + starts.capacity * 4
            + supplementary.count * 16
    }

    public func name(of document: Int) -> String { names[document] }

    /// The ids of the documents called `name`.
    public func documents(named name: String) -> [Int] { names.indices.filter { names[$0] == name } }

    /// A document's normalized characters (what match positions count in).
    public func normalizedCharacters(of document: Int) -> [UInt32] {
        (Int(starts[document])..<(Int(starts[document + 1]) - 1)).map { character(at: $0) }
    }

    @inline(__always)
    func bucket(of hash: UInt64) -> Int { Int(((hash >> 32) &* bucketCount) >> 32) }

    @inline(__always)
    func character(at position: Int) -> UInt32 {
        let code = text[position]
        return code == SimilarityIndexBuilder.supplementaryMark ? supplementary[UInt32(position)] ?? 0 : UInt32(code)
    }

    /// The document holding global position `position` (binary search over the starts).
    @inline(__always)
    func document(containing position: Int) -> Int {
        var low = 0, high = names.count - 1
        while low < high {
            let mid = (low + high + 1) >> 1
            if Int(starts[mid]) <= position { low = mid } else { high = mid - 1 }
        }
        return low
    }

    // MARK: checking a paper

    /// The exact coverage of `paper` (normalized characters, see
    /// `Normalizer.paperCharacters`) by the indexed documents, leaving out `excluding`.
    ///
    /// Every k-gram of the paper is looked up; each posting whose first character
    /// agrees is extended left and right, character by character, on the actual
    /// texts (never past the source document's ends), giving the maximal run of equal
    /// characters on that diagonal. Runs of at least `minimumPassage` characters are
    /// the matches; everything reported is therefore an exact common passage, and
    /// winnowing's guarantee makes sure none of at least the index's guarantee
    /// threshold is missed.
    public func check(_ paper: [UInt32], minimumPassage: Int? = nil,
                      excluding excluded: Set<Int> = []) throws(SimilarityError) -> Coverage {
        let t = minimumPassage ?? parameters.guarantee
        guard t >= parameters.guarantee else {
            throw .minimumPassageBelowIndexGuarantee(requested: t, guarantee: parameters.guarantee)
        }
        let runs = maximalRuns(paper, minimumPassage: t, excluded: excluded)
        return Coverage(characters: paper.count, runs: runs, names: names)
    }

    /// A maximal common run: paper [start, end) equals document `document`'s [sourceStart, sourceEnd).
    struct Run {
        var document: Int
        var start: Int, end: Int
        var sourceStart: Int, sourceEnd: Int
    }

    func maximalRuns(_ paper: [UInt32], minimumPassage t: Int, excluded: Set<Int>) -> [Run] {
        let n = paper.count
        guard n >= t, !names.isEmpty, !postings.isEmpty else { return [] }
        var runs: [Run] = []
        // For each diagonal (source position − paper position), where the last run found
        // on it ends in the paper: later hits inside that run would find it again.
        var diagonalEnd: [Int: Int] = [:]
        let k = parameters.k
        let scale = bucketCount
        paper.withUnsafeBufferPointer { p in
            text.withUnsafeBufferPointer { src in
                bucketStarts.withUnsafeBufferPointer { buckets in
                    postings.withUnsafeBufferPointer { postings in
                        @inline(__always) func same(_ c: UInt32, _ s: Int) -> Bool {
                            let code = src[s]
                            if code != SimilarityIndexBuilder.supplementaryMark { return UInt32(code) == c }
                            return supplementary[UInt32(s)] == c
                        }
                        Fingerprinter.forEachKGram(p, k: k) { hash, q in
                            let b = Int(((hash >> 32) &* scale) >> 32)
                            var i = Int(buckets[b])
                            let bucketEnd = Int(buckets[b &+ 1])
                            while i < bucketEnd {
                                let s = Int(postings[i])
                                i &+= 1
                                guard same(p[q], s) else { continue }
                                let d = s &- q
                                if let end = diagonalEnd[d], q < end { continue }
                                // Boundary marks stop both extensions at the document's ends.
                                var a = q, sa = s
                                while a > 0 && same(p[a &- 1], sa &- 1) { a &-= 1; sa &-= 1 }
                                var e = q &+ 1, se = s &+ 1
                                while e < n && same(p[e], se) { e &+= 1; se &+= 1 }
                                // Only a long run is remembered: later hits on a short one (chance
                                // k-gram matches, the bulk of all hits) re-extend it in a few
                                // comparisons, which is cheaper than a table entry for each.
                                guard e &- a >= t else { continue }
                                diagonalEnd[d] = e
                                let doc = document(containing: s)
                                if excluded.contains(doc) { continue }
                                let docStart = Int(starts[doc])
                                runs.append(Run(document: doc, start: a, end: e,
                                                sourceStart: sa &- docStart, sourceEnd: se &- docStart))
                            }
                        }
                    }
                }
            }
        }
        return runs
    }

    /// A document sharing fingerprints with a paper, and how many.
    public struct Candidate: Sendable, Equatable {
        public let document: Int
        public let sharedFingerprints: Int
    }

    /// The documents sharing k-grams with `paper` at indexed fingerprints, most shared
    /// first: a quick ranking of likely sources (before, or instead of, `check`).
    /// Counts are of (paper k-gram, posting) pairs whose k characters agree.
    public func candidates(for paper: [UInt32], excluding excluded: Set<Int> = [], limit: Int = 20) -> [Candidate] {
        let k = parameters.k
        guard paper.count >= k, !postings.isEmpty else { return [] }
        var counts: [Int: Int] = [:]
        paper.withUnsafeBufferPointer { p in
            Fingerprinter.forEachKGram(p, k: k) { hash, q in
                let b = bucket(of: hash)
                for i in Int(bucketStarts[b])..<Int(bucketStarts[b + 1]) {
                    let s = Int(postings[i])
                    let doc = document(containing: s)
                    guard !excluded.contains(doc), s + k < Int(starts[doc + 1]) else { continue }
                    if (0..<k).allSatisfy({ character(at: s + $0) == p[q + $0] }) { counts[doc, default: 0] += 1 }
                }
            }
        }
        return counts.map { Candidate(document: $0.key, sharedFingerprints: $0.value) }
            .sorted { ($0.sharedFingerprints, $1.document) > ($1.sharedFingerprints, $0.document) }
            .prefix(limit).map { $0 }
    }
}
