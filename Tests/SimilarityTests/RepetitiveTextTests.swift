import Testing
@testable import Similarity

/// Issue 18: the check stays exact on highly repetitive text, where it now hands a
/// document to its suffix automaton instead of verifying thousands of hits diagonal by
/// diagonal. Answers are compared with a brute-force reference built from the contract's
/// definition (every maximal common run of at least the minimum passage, then each
/// source's runs not lying inside another), on seeded random papers and documents over
/// tiny alphabets, so that runs repeat, overlap and nest as in a paper repeating itself.
@Suite struct RepetitiveTextTests {
    /// The reference: all maximal runs (left- and right-maximal on their diagonal) of at
    /// least `t` characters, per document, by trying every pair of positions.
    static func reference(paper: [UInt32], documents: [[UInt32]], names: [String], t: Int,
                          excluded: Set<Int>) -> Coverage {
        var all: [PassageMatch] = []
        var sources: [SourceCoverage] = []
        for (doc, d) in documents.enumerated() where !excluded.contains(doc) {
            var runs: [PassageMatch] = []
            for i in paper.indices {
                for s in d.indices where paper[i] == d[s] && (i == 0 || s == 0 || paper[i - 1] != d[s - 1]) {
                    var l = 0
                    while i + l < paper.count && s + l < d.count && paper[i + l] == d[s + l] { l += 1 }
                    if l >= t { runs.append(PassageMatch(start: i, end: i + l, sourceStart: s, sourceEnd: s + l)) }
                }
            }
            guard !runs.isEmpty else { continue }
            let kept = Coverage.outermost(runs)
            all += kept
            var mask = [Bool](repeating: false, count: paper.count)
            for m in kept { for i in m.start..<m.end { mask[i] = true } }
            sources.append(SourceCoverage(document: doc, name: names[doc], covered: mask.filter { $0 }.count, matches: kept))
        }
        var mask = [Bool](repeating: false, count: paper.count)
        for m in all { for i in m.start..<m.end { mask[i] = true } }
        sources.sort { ($0.covered, $1.name, $1.document) > ($1.covered, $0.name, $0.document) }
        return Coverage(characters: paper.count, covered: mask.filter { $0 }.count, sources: sources)
    }

    /// A repetitive text: blocks over a tiny alphabet, each repeated a few times, with
    /// occasional changed characters and, now and then, a copy of a piece of `from`.
    static func repetitive(_ random: inout TestTexts, length: Int, alphabet: [UInt32], from: [UInt32] = []) -> [UInt32] {
        var out: [UInt32] = []
        while out.count < length {
            switch random.next() % 4 {
            case 0 where !from.isEmpty:
                let a = Int(random.next() % UInt64(from.count))
                let l = 1 + Int(random.next() % UInt64(min(40, from.count - a)))
                out += from[a..<(a + l)]
            default:
                let block = (0..<(1 + Int(random.next() % 9))).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                for _ in 0..<(1 + Int(random.next() % 6)) {
                    var b = block
                    if random.next() % 5 == 0 { b[Int(random.next() % UInt64(b.count))] = alphabet[Int(random.next() % UInt64(alphabet.count))] }
                    out += b
                }
            }
        }
        return Array(out.prefix(length))
    }

    static let alphabets: [[UInt32]] = [
        [0x4E00, 0x4E8C],                                 // two characters
        [0x4E00, 0x4E8C, 0x4E09],
        [0x6587, 0x672C, 0x7814, 0x7A76, 0x7CFB],
        [0x4E00, 0x20000, 0x4E8C, 0x2A700],               // with characters outside the BMP
        Array(0x4E00..<0x4E40),                            // 64 characters: fewer repeats
    ]

    @Test("seeded random repetitive inputs: the same coverage, sources and matches as the brute-force reference, every way of verifying",
          arguments: 0..<12)
    func matchesReference(batch: UInt64) throws {
        var random = TestTexts(seed: 1_000 + batch)
        for _ in 0..<25 {
            let alphabet = Self.alphabets[Int(random.next() % UInt64(Self.alphabets.count))]
            let guarantee = [1, 2, 3, 4, 6, 13][Int(random.next() % 6)]
            let t = guarantee + (random.next() % 3 == 0 ? Int(random.next() % 4) : 0)
            let k = Int(random.next() % 2) == 0 ? WinnowingParameters.chineseNoiseThreshold : 1 + Int(random.next() % 4)
            let paper = Self.repetitive(&random, length: 1 + Int(random.next() % 220), alphabet: alphabet)
            var documents: [[UInt32]] = []
            for _ in 0..<Int(random.next() % 6) {
                documents.append(Self.repetitive(&random, length: 1 + Int(random.next() % 300), alphabet: alphabet, from: paper))
            }
            let names = documents.indices.map { "d\($0 % 3).txt" }          // repeated names: ties broken by id
            var builder = SimilarityIndexBuilder(parameters: WinnowingParameters(minimumPassage: guarantee, noiseThreshold: k))
            for (i, d) in documents.enumerated() { try builder.add(name: names[i], normalized: d) }
            let index = builder.build()
            let excluded: Set<Int> = documents.isEmpty || random.next() % 4 != 0 ? [] : [Int(random.next() % UInt64(documents.count))]
            let expected = Self.reference(paper: paper, documents: documents, names: names, t: t, excluded: excluded)
            for way in [SimilarityIndex.Verification.automatic, .diagonalsOnly, .automatonOnly, .paperAutomatonOnly] {
                let got = try index.check(paper, minimumPassage: t, excluding: excluded, verification: way)
                #expect(got == expected, "\(way), t \(t), k \(index.parameters.k), paper \(paper.count), documents \(documents.map(\.count))")
                if got != expected { return }
            }
        }
    }

    @Test("a paper repeating a paragraph against documents repeating parts of it: linear, and the automaton agrees with the automatic choice")
    func repeatedParagraph() throws {
        var random = TestTexts(seed: 77)
        let paragraph = random.characters(300).map(\.value)
        let paper = Array((0..<200).flatMap { _ in paragraph })       // 60,000 characters
        var builder = SimilarityIndexBuilder()
        for i in 0..<40 {
            let from = i * 7 % 300, length = 30 + i * 11 % 250
            let piece = Array((paragraph + paragraph)[from..<(from + length)]) + random.characters(5).map(\.value)
            try builder.add(name: "d\(i).txt", normalized: Array((0..<(3_000 / piece.count + 1)).flatMap { _ in piece }))
        }
        let index = builder.build()
        let clock = ContinuousClock()
        var automatic: Coverage?
        let elapsed = try clock.measure { automatic = try index.check(paper) }
        let coverage = try #require(automatic)
        #expect(coverage.copyRatio == 1)
        #expect(coverage.sources.count == 40)
        #expect(try index.check(paper, minimumPassage: nil, excluding: [], verification: .automatonOnly) == coverage)
        #expect(try index.check(paper, minimumPassage: nil, excluding: [], verification: .paperAutomatonOnly) == coverage)
        // Every match is exact and at least 13 characters long.
        for source in coverage.sources {
            let d = index.normalizedCharacters(of: source.document)
            for m in source.matches {
                #expect(m.length >= 13 && Array(paper[m.start..<m.end]) == Array(d[m.sourceStart..<m.sourceEnd]))
            }
        }
        // Was quadratic (hundreds of thousands of hits per document, each extended); debug build, shared machine.
        #expect(elapsed < .seconds(20), "\(elapsed)")
    }

    @Test("--min-passage 1: every character found anywhere in the documents is covered")
    func minimumPassageOne() throws {
        var random = TestTexts(seed: 78)
        let alphabet = random.characters(40).map(\.value)
        let paper = (0..<20_000).map { _ in alphabet[Int(random.next() % 40)] }
        var builder = SimilarityIndexBuilder(parameters: WinnowingParameters(minimumPassage: 1))
        for i in 0..<30 { try builder.add(name: "d\(i).txt", normalized: (0..<2_000).map { _ in alphabet[Int(random.next() % 30)] }) }
        let index = builder.build()
        let coverage = try index.check(paper, minimumPassage: 1)
        let present = Set(alphabet.prefix(30))
        #expect(coverage.covered == paper.filter(present.contains).count)
        #expect(coverage.sources.count == 30)
    }
}
