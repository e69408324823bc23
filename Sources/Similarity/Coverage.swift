/// A matched passage: the paper's normalized characters [start, end) stand, to the
/// letter, at [sourceStart, sourceEnd) of the source's normalized characters
/// (end exclusive, positions counted in normalized characters of each text).
public struct PassageMatch: Sendable, Hashable {
    public let start: Int
    public let end: Int
    public let sourceStart: Int
    public let sourceEnd: Int

    public init(start: Int, end: Int, sourceStart: Int, sourceEnd: Int) {
        self.start = start; self.end = end; self.sourceStart = sourceStart; self.sourceEnd = sourceEnd
    }

    public var length: Int { end - start }
}

/// One comparison document's share of a paper.
public struct SourceCoverage: Sendable, Equatable {
    /// The document's id in the index.
    public let document: Int
    public let name: String
    /// Paper characters lying in at least one of this source's matches.
    public let covered: Int
    /// The maximal matches, by start; a match lying inside another of the same
    /// source (the source repeating a passage) is left out, as it covers nothing more.
    public let matches: [PassageMatch]
}

/// The coverage of a paper: which of its normalized characters lie in passages of
/// at least the minimum length found in the comparison documents.
public struct Coverage: Sendable, Equatable {
    /// Normalized characters of the paper.
    public let characters: Int
    /// Characters covered by any source, each counted once however many sources hold it.
    public let covered: Int
    /// Sources with at least one match, most-covering first (ties: by name, then id).
    public let sources: [SourceCoverage]

    /// covered / characters (0 for a paper without characters).
    public var copyRatio: Double { characters == 0 ? 0 : Double(covered) / Double(characters) }

    public init(characters: Int, covered: Int, sources: [SourceCoverage]) {
        self.characters = characters; self.covered = covered; self.sources = sources
    }

    /// From each source's outermost matches, sorted by start (`SimilarityIndex.matchesBySource`).
    init(characters: Int, sources bySource: [(document: Int, matches: [PassageMatch])], names: [String]) {
        var sources: [SourceCoverage] = []
        sources.reserveCapacity(bySource.count)
        // The paper characters covered by any source: for each start, the furthest end,
        // then one sweep -- linear in the paper and the matches, however many sources overlap.
        var furthestEnd = [Int32](repeating: 0, count: characters + 1)
        for (document, matches) in bySource {
            sources.append(SourceCoverage(document: document, name: names[document],
                                          covered: Self.unionLength(matches), matches: matches))
            for m in matches where Int32(m.end) > furthestEnd[m.start] { furthestEnd[m.start] = Int32(m.end) }
        }
        var covered = 0, reach = 0
        for i in 0..<characters {
            reach = max(reach, Int(furthestEnd[i]))
            if i < reach { covered += 1 }
        }
        sources.sort { a, b in
            if a.covered != b.covered { return a.covered > b.covered }
            if a.name != b.name { return a.name < b.name }
            return a.document < b.document
        }
        self.init(characters: characters, covered: covered, sources: sources)
    }

    /// The matches not lying inside another (by paper range), sorted by start.
    static func outermost(_ matches: [PassageMatch]) -> [PassageMatch] {
        let sorted = matches.sorted { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end > b.end }
            return a.sourceStart < b.sourceStart
        }
        var kept: [PassageMatch] = []
        var furthest = -1
        for m in sorted where m.end > furthest {
            kept.append(m)
            furthest = m.end
        }
        return kept
    }

    /// Characters in the union of the matches' paper ranges.
    static func unionLength(_ matches: [PassageMatch]) -> Int {
        let sorted = matches.sorted { $0.start < $1.start }
        var total = 0, currentStart = -1, currentEnd = -1
        for m in sorted {
            if m.start > currentEnd {
                total += currentEnd - currentStart
                currentStart = m.start; currentEnd = m.end
            } else if m.end > currentEnd {
                currentEnd = m.end
            }
        }
        return total + (currentEnd - currentStart)
    }

    /// For each paper character, whether it is covered (for highlighting).
    public func coveredMask() -> [Bool] {
        var mask = [Bool](repeating: false, count: characters)
        for source in sources { for m in source.matches { for i in m.start..<m.end { mask[i] = true } } }
        return mask
    }
}
