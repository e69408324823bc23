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
    ///
    /// Bounded on repetitive text: a document whose verification has cost more than
    /// building and walking its automaton would (see `budget`) is verified instead by one walk
    /// of the paper through the document's suffix automaton, which gives the same
    /// matches in linear time (`SuffixAutomaton.outermostMatches`); and a k-gram whose
    /// bucket holds many postings is looked up once per distinct k-gram of the paper,
    /// not once per occurrence. Time is O(paper + corpus + reported matches) per
    /// document concerned, memory O(paper + largest such document + matches).
    public func check(_ paper: [UInt32], minimumPassage: Int? = nil,
                      excluding excluded: Set<Int> = []) throws(SimilarityError) -> Coverage {
        try check(paper, minimumPassage: minimumPassage, excluding: excluded, verification: .automatic)
    }

    /// How documents are verified; `automatic` except in tests, which force each way
    /// to show that both give the same answers.
    enum Verification { case automatic, diagonalsOnly, automatonOnly, paperAutomatonOnly }

    func check(_ paper: [UInt32], minimumPassage: Int?, excluding excluded: Set<Int>,
               verification: Verification) throws(SimilarityError) -> Coverage {
        let t = minimumPassage ?? parameters.guarantee
        guard t >= parameters.guarantee else {
            throw .minimumPassageBelowIndexGuarantee(requested: t, guarantee: parameters.guarantee)
        }
        return Coverage(characters: paper.count, sources: matchesBySource(paper, minimumPassage: t, excluded: excluded,
                                                                          verification: verification), names: names)
    }

    /// A maximal common run: paper [start, end) equals document `document`'s [sourceStart, sourceEnd).
    struct Run {
        var document: Int
        var start: Int, end: Int
        var sourceStart: Int, sourceEnd: Int
    }

    /// A bucket holding more postings than this is looked up once per distinct paper
    /// k-gram (its verified postings kept as a "class"), not once per occurrence: with
    /// about three postings per bucket, only the k-grams a corpus repeats get there.
    static let heavyBucket = 16
    /// What a hit costs against a document's verification budget, in characters compared.
    static let hitCost = 32

    /// Per document, its outermost matches sorted by start (documents without any left out).
    func matchesBySource(_ paper: [UInt32], minimumPassage t: Int, excluded: Set<Int>,
                         verification: Verification) -> [(document: Int, matches: [PassageMatch])] {
        let n = paper.count
        guard n >= t, !names.isEmpty, !postings.isEmpty else { return [] }
        let documentCount = names.count
        // Per document: 0 = verified diagonal by diagonal, 1 = handed to its automaton, 2 = excluded.
        var mode = [UInt8](repeating: 0, count: documentCount)
        for d in excluded where d >= 0 && d < documentCount { mode[d] = 2 }
        // Character steps spent verifying each document diagonal by diagonal, against its budget.
        var work = [Int](repeating: 0, count: documentCount)
        var handedOver = false
        @inline(__always) func budget(_ doc: Int) -> Int {
            switch verification {
            // In about nanoseconds: a hit costs ~32 (a table look-up), a character compared 1;
            // an automaton ~16 per character to build (over the shorter of document and
            // paper) and ~2 per character of the other to walk. A copied paper (a hit at
            // 40 % of its characters) stays well inside.
            case .automatic:
                let m = Int(starts[doc + 1]) - Int(starts[doc])
                return 16 * min(m, n) + 2 * max(m, n) + 4_096
            case .diagonalsOnly: return .max
            case .automatonOnly, .paperAutomatonOnly: return 0
            }
        }
        var runs: [Run] = []
        // For each diagonal (source position − paper position), where the last run found
        // on it ends in the paper: later hits inside that run would find it again.
        var diagonalEnd: [Int: Int] = [:]
        // Heavy buckets: per distinct paper k-gram (full 64-bit hash), its postings whose k
        // characters equal the paper's, with their documents; documents handed to the
        // automaton are dropped from these lists as they are met.
        var classOf: [UInt64: Int] = [:]
        var classes: [[(document: Int32, position: UInt32)]] = []
        var classRepresentative: [Int] = []
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
                        /// Verifies the hit (q, s) of document `doc` on its diagonal.
                        @inline(__always) func verify(_ q: Int, _ s: Int, _ doc: Int) {
                            let d = s &- q
                            if let end = diagonalEnd[d], q < end { work[doc] &+= Self.hitCost; return }
                            // Boundary marks stop both extensions at the document's ends.
                            var a = q, sa = s
                            while a > 0 && same(p[a &- 1], sa &- 1) { a &-= 1; sa &-= 1 }
                            var e = q &+ 1, se = s &+ 1
                            while e < n && same(p[e], se) { e &+= 1; se &+= 1 }
                            work[doc] &+= Self.hitCost &+ (e &- a)
                            if work[doc] > budget(doc) { mode[doc] = 1; handedOver = true }
                            // Only a long run is remembered: later hits on a short one (chance
                            // k-gram matches, the bulk of all hits) re-extend it in a few
                            // comparisons, which is cheaper than a table entry for each.
                            guard e &- a >= t else { return }
                            diagonalEnd[d] = e
                            let docStart = Int(starts[doc])
                            runs.append(Run(document: doc, start: a, end: e,
                                            sourceStart: sa &- docStart, sourceEnd: se &- docStart))
                        }
                        /// A hit from a light bucket, verified as before issue 18 (the document is looked
                        /// up only for a long run): at most `heavyBucket` such hits per paper position, and a
                        /// run's extension is paid for by the hits on its diagonal (one posting in every w
                        /// positions of a source), so this path is linear without a budget.
                        @inline(__always) func verifyLight(_ q: Int, _ s: Int) {
                            let d = s &- q
                            if let end = diagonalEnd[d], q < end { return }
                            var a = q, sa = s
                            while a > 0 && same(p[a &- 1], sa &- 1) { a &-= 1; sa &-= 1 }
                            var e = q &+ 1, se = s &+ 1
                            while e < n && same(p[e], se) { e &+= 1; se &+= 1 }
                            guard e &- a >= t else { return }
                            diagonalEnd[d] = e
                            let doc = document(containing: s)
                            // Excluded: not reported. Handed to the automaton: the walk will find it.
                            if verification == .automatonOnly || verification == .paperAutomatonOnly, mode[doc] == 0 {
                                mode[doc] = 1; handedOver = true
                            }
                            guard mode[doc] == 0 else { return }
                            let docStart = Int(starts[doc])
                            runs.append(Run(document: doc, start: a, end: e,
                                            sourceStart: sa &- docStart, sourceEnd: se &- docStart))
                        }
                        Fingerprinter.forEachKGram(p, k: k) { hash, q in
                            let b = Int(((hash >> 32) &* scale) >> 32)
                            let bucketStart = Int(buckets[b])
                            let bucketEnd = Int(buckets[b &+ 1])
                            if bucketEnd &- bucketStart <= Self.heavyBucket {
                                var i = bucketStart
                                while i < bucketEnd {
                                    let s = Int(postings[i])
                                    i &+= 1
                                    guard same(p[q], s) else { continue }
                                    // Once documents are handed to the automaton, their hits are skipped here too
                                    // (no extension, no table entry); until then this is the path of old.
                                    if handedOver && mode[document(containing: s)] != 0 { continue }
                                    verifyLight(q, s)
                                }
                                return
                            }
                            let c: Int
                            if let known = classOf[hash] {
                                // Another k-gram with the same 64-bit hash (vanishingly rare) is looked up
                                // as a light bucket would be, so no posting of its own is ever missed.
                                let representative = classRepresentative[known]
                                var j = 0
                                while j < k && p[q &+ j] == p[representative &+ j] { j &+= 1 }
                                guard j == k else {
                                    for i in bucketStart..<bucketEnd {
                                        let s = Int(postings[i])
                                        guard same(p[q], s) else { continue }
                                        let doc = document(containing: s)
                                        guard mode[doc] == 0 else { continue }
                                        verify(q, s, doc)
                                    }
                                    return
                                }
                                c = known
                            } else {
                                var members: [(document: Int32, position: UInt32)] = []
                                for i in bucketStart..<bucketEnd {
                                    let s = Int(postings[i])
                                    var j = 0
                                    while j < k && same(p[q &+ j], s &+ j) { j &+= 1 }
                                    guard j == k else { continue }
                                    let doc = document(containing: s)
                                    guard mode[doc] == 0 else { continue }
                                    members.append((Int32(doc), UInt32(s)))
                                }
                                c = classes.count
                                classes.append(members)
                                classRepresentative.append(q)
                                classOf[hash] = c
                            }
                            // Visit the class's postings, dropping those of documents no longer verified here.
                            var kept = 0
                            let count = classes[c].count
                            for i in 0..<count {
                                let member = classes[c][i]
                                let doc = Int(member.document)
                                guard mode[doc] == 0 else { continue }
                                verify(q, Int(member.position), doc)
                                if mode[doc] == 0 { classes[c][kept] = member; kept &+= 1 }
                            }
                            if kept < count { classes[c].removeLast(count - kept) }
                        }
                    }
                }
            }
        }
        classes = []
        classOf = [:]
        diagonalEnd = [:]

        var byDocument: [Int: [PassageMatch]] = [:]
        for run in runs where mode[run.document] == 0 {
            byDocument[run.document, default: []].append(
                PassageMatch(start: run.start, end: run.end, sourceStart: run.sourceStart, sourceEnd: run.sourceEnd))
        }
        runs = []
        var result: [(document: Int, matches: [PassageMatch])] = []
        for (document, matches) in byDocument { result.append((document, Coverage.outermost(matches))) }
        // The automaton is built over the shorter side: the document, or (once) the paper.
        var paperAutomaton: PaperAutomaton?
        for doc in 0..<documentCount where mode[doc] == 1 {
            let characters = normalizedCharacters(of: doc)
            let overPaper = verification == .paperAutomatonOnly
                || (verification == .automatic && characters.count > n)
            let matches = characters.withUnsafeBufferPointer { d in
                paper.withUnsafeBufferPointer { p in
                    if overPaper {
                        if paperAutomaton == nil { paperAutomaton = PaperAutomaton(p) }
                        return paperAutomaton!.outermostMatches(of: d, paperCount: n, minimumPassage: t)
                    }
                    return SuffixAutomaton(d).outermostMatches(of: p, minimumPassage: t)
                }
            }
            if !matches.isEmpty { result.append((doc, matches)) }
        }
        return result
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
