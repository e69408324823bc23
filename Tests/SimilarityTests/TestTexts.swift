@testable import Similarity

/// Deterministic Chinese test texts. Characters are drawn from the 20,902 CJK
/// Unified Ideographs, so two independent texts share no passage of 13 characters
/// by chance (the odds are about 20,902^-13 per pair of positions).
struct TestTexts {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` random CJK characters.
    mutating func characters(_ count: Int) -> [Unicode.Scalar] {
        (0..<count).map { _ in Unicode.Scalar(0x4E00 + UInt32(next() % 20_902))! }
    }

    /// `count` random CJK characters as a string.
    mutating func text(_ count: Int) -> String { String(String.UnicodeScalarView(characters(count))) }
}

extension Array where Element == Unicode.Scalar {
    var string: String { String(String.UnicodeScalarView(self)) }
}

extension ArraySlice where Element == Unicode.Scalar {
    var string: String { String(String.UnicodeScalarView(self)) }
}

/// An index over named texts (original text; reference lists left out unless asked).
func makeIndex(_ documents: [(String, String)], minimumPassage: Int = 13, keepReferences: Bool = false) throws -> SimilarityIndex {
    var builder = SimilarityIndexBuilder(parameters: WinnowingParameters(minimumPassage: minimumPassage))
    for (name, text) in documents { try builder.add(name: name, text: text, keepReferences: keepReferences) }
    return builder.build()
}

/// The contract's report of `paper` against `documents`.
func report(_ paper: String, against documents: [(String, String)], threshold: Double = 0.25,
            minimumPassage: Int = 13, keepReferences: Bool = false, excluding: [String] = []) throws -> CoverageReport {
    let index = try makeIndex(documents, minimumPassage: minimumPassage, keepReferences: keepReferences)
    let excluded = Set(excluding.flatMap { index.documents(named: $0) })
    let coverage = try index.check(Normalizer.paperCharacters(paper, keepReferences: keepReferences),
                                   minimumPassage: minimumPassage, excluding: excluded)
    return CoverageReport(coverage, threshold: threshold)
}
