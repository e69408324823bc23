import Testing
@testable import Similarity

/// Known-ratio cases of the duplication check (notice 七.1: above 25 % loses the
/// defense; shared/contracts/cli.md "Paper duplication check").
@Suite struct CopyRatioTests {
    /// A paper of `length` characters whose [at, at + count) is `source`'s [from, from + count),
    /// with the characters around the passage made different from the source's, so the
    /// passage cannot grow by chance.
    static func splice(_ paper: [Unicode.Scalar], at: Int, from source: [Unicode.Scalar], _ from: Int, count: Int) -> [Unicode.Scalar] {
        var p = paper
        p.replaceSubrange(at..<(at + count), with: source[from..<(from + count)])
        func differ(_ i: Int, _ j: Int) {
            guard i >= 0, i < p.count, j >= 0, j < source.count, p[i] == source[j] else { return }
            p[i] = Unicode.Scalar(p[i].value == 0x4E00 ? 0x4E01 : 0x4E00)!
        }
        differ(at - 1, from - 1)
        differ(at + count, from + count)
        return p
    }

    static func paper(copying count: Int, of length: Int = 1000, seed: UInt64 = 1) -> (paper: String, source: String) {
        var random = TestTexts(seed: seed)
        let own = random.characters(length)
        let source = random.characters(3000)
        return (splice(own, at: 300, from: source, 1200, count: count).string, source.string)
    }

    @Test("0 %: a paper sharing nothing has copy ratio 0 and no sources")
    func nothingCopied() throws {
        var random = TestTexts(seed: 7)
        let r = try report(random.text(2000), against: [("a.txt", random.text(5000)), ("b.txt", random.text(5000))])
        #expect(r.characters == 2000)
        #expect(r.copyRatio == 0)
        #expect(!r.exceedsThreshold)
        #expect(r.sources.isEmpty)
    }

    @Test("100 %: a paper that is a corpus document is wholly copied")
    func whollyCopied() throws {
        var random = TestTexts(seed: 8)
        let text = random.text(4000)
        let r = try report(text, against: [("other.txt", random.text(3000)), ("same.txt", text)])
        #expect(r.copyRatio == 1)
        #expect(r.exceedsThreshold)
        #expect(r.sources.map(\.document) == ["same.txt"])
        #expect(r.sources[0].matches == [PassageMatch(start: 0, end: 4000, sourceStart: 0, sourceEnd: 4000)])
    }

    @Test("七.1: 249 of 1000 characters copied is below 25 % and does not exceed")
    func justUnder() throws {
        let (paper, source) = Self.paper(copying: 249)
        let r = try report(paper, against: [("s.txt", source)])
        #expect(r.copyRatio == 0.249)
        #expect(!r.exceedsThreshold)
    }

    @Test("七.1: exactly 25 % does not exceed the threshold (exceedsThreshold = copyRatio > threshold)")
    func exactlyAtThreshold() throws {
        let (paper, source) = Self.paper(copying: 250)
        let r = try report(paper, against: [("s.txt", source)])
        #expect(r.copyRatio == 0.25)
        #expect(!r.exceedsThreshold)
    }

    @Test("七.1: 251 of 1000 characters copied is above 25 % and exceeds")
    func justOver() throws {
        let (paper, source) = Self.paper(copying: 251)
        let r = try report(paper, against: [("s.txt", source)])
        #expect(r.copyRatio == 0.251)
        #expect(r.exceedsThreshold)
        #expect(r.threshold == 0.25)
        #expect(r.sources.count == 1)
        #expect(r.sources[0].ratio == 0.251)
        #expect(r.sources[0].matches == [PassageMatch(start: 300, end: 551, sourceStart: 1200, sourceEnd: 1451)])
    }

    @Test("the threshold is the caller's: 0.3 is not exceeded by 0.251")
    func customThreshold() throws {
        let (paper, source) = Self.paper(copying: 251)
        let r = try report(paper, against: [("s.txt", source)], threshold: 0.3)
        #expect(!r.exceedsThreshold)
        #expect(r.threshold == 0.3)
    }

    @Test("contract: a passage of 12 normalized characters is not copied, one of 13 is")
    func twelveVersusThirteen() throws {
        let (p12, s12) = Self.paper(copying: 12, seed: 3)
        #expect(try report(p12, against: [("s.txt", s12)]).copyRatio == 0)
        let (p13, s13) = Self.paper(copying: 13, seed: 3)
        let r = try report(p13, against: [("s.txt", s13)])
        #expect(r.copyRatio == 0.013)
        #expect(r.sources.first?.matches == [PassageMatch(start: 300, end: 313, sourceStart: 1200, sourceEnd: 1213)])
    }

    @Test("--min-passage: with 20, a 19-character passage does not count and a 20-character one does")
    func customMinimumPassage() throws {
        let (p19, s19) = Self.paper(copying: 19, seed: 4)
        #expect(try report(p19, against: [("s.txt", s19)], minimumPassage: 20).copyRatio == 0)
        let (p20, s20) = Self.paper(copying: 20, seed: 4)
        #expect(try report(p20, against: [("s.txt", s20)], minimumPassage: 20).copyRatio == 0.02)
        // A minimum below 5 (the noise threshold) still works: k shrinks to it.
        let (p3, s3) = Self.paper(copying: 3, seed: 4)
        #expect(try report(p3, against: [("s.txt", s3)], minimumPassage: 3).copyRatio >= 0.003)
    }

    @Test("a passage must stand in one document: 10 characters from each of two sources is not copied")
    func passageAcrossTwoSourcesIsNotCopied() throws {
        var random = TestTexts(seed: 11)
        let own = random.characters(1000)
        let a = random.characters(500), b = random.characters(500)
        var paper = Self.splice(own, at: 100, from: a, 200, count: 10)
        paper = Self.splice(paper, at: 110, from: b, 300, count: 10)
        let r = try report(paper.string, against: [("a.txt", a.string), ("b.txt", b.string)])
        #expect(r.copyRatio == 0)
    }

    @Test("several sources: overlapping passages count once in copyRatio, fully in each source's ratio, most-covering first")
    func overlappingSourcesCountOnce() throws {
        var random = TestTexts(seed: 12)
        let paper = random.characters(1000)
        // a.txt holds the paper's [100, 300), b.txt its [200, 450): 150 + 100 + ... overlap [200, 300).
        let a = random.characters(50) + paper[100..<300] + random.characters(50)
        let b = random.characters(80) + paper[200..<450] + random.characters(20)
        let r = try report(paper.string, against: [("a.txt", a.string), ("b.txt", b.string)])
        #expect(r.characters == 1000)
        #expect(r.copyRatio == 0.35)               // [100, 450)
        #expect(r.sources.map(\.document) == ["b.txt", "a.txt"])
        #expect(r.sources[0].ratio == 0.25)
        #expect(r.sources[1].ratio == 0.2)
        #expect(r.sources[0].matches == [PassageMatch(start: 200, end: 450, sourceStart: 80, sourceEnd: 330)])
        #expect(r.sources[1].matches == [PassageMatch(start: 100, end: 300, sourceStart: 50, sourceEnd: 250)])
    }

    @Test("--exclude: an excluded document's passages count as not copied; others still count")
    func exclusion() throws {
        var random = TestTexts(seed: 13)
        let paper = random.characters(1000)
        let own = random.characters(10) + paper[0..<600] + random.characters(10)     // the applicant's earlier paper
        let other = random.characters(10) + paper[500..<700] + random.characters(10)
        let documents = [("own-2021.txt", own.string), ("other.txt", other.string)]
        let all = try report(paper.string, against: documents)
        #expect(all.copyRatio == 0.7)
        #expect(all.exceedsThreshold)
        let excluded = try report(paper.string, against: documents, excluding: ["own-2021.txt"])
        #expect(excluded.copyRatio == 0.2)
        #expect(!excluded.exceedsThreshold)
        #expect(excluded.sources.map(\.document) == ["other.txt"])
    }

    @Test("a source repeating a passage yields one match for it")
    func repeatedPassageInSource() throws {
        var random = TestTexts(seed: 14)
        let paper = random.characters(500)
        let passage = Array(paper[100..<160])
        let source = random.characters(30) + passage + random.characters(30) + passage + random.characters(30)
        let r = try report(paper.string, against: [("s.txt", source.string)])
        #expect(r.copyRatio == 60.0 / 500.0)
        #expect(r.sources[0].matches == [PassageMatch(start: 100, end: 160, sourceStart: 30, sourceEnd: 90)])
    }

    @Test("a passage copied twice into the paper is covered at both places")
    func passageTwiceInPaper() throws {
        var random = TestTexts(seed: 15)
        let source = random.characters(300)
        let paper = random.characters(100) + source[50..<90] + random.characters(100) + source[50..<90] + random.characters(20)
        let r = try report(paper.string, against: [("s.txt", source.string)])
        #expect(r.copyRatio == 80.0 / 300.0)
        #expect(r.sources[0].matches.map(\.start) == [100, 240])
    }

    @Test("normalization: spaces, punctuation, full-width letters and digits and case are undone before matching")
    func perturbationsAreUndone() throws {
        let source = "本文采用PLC控制系统，对Q345钢材的焊接工艺进行了研究，结果表明焊缝强度提高了35%。"
        let paper = "本 文 采 用 ｐｌｃ 控制系统;对ｑ３４５钢材的“焊接工艺”进行了研究!\n结果表明：焊缝强度提高了 ３５ ％……"
        let r = try report(paper, against: [("s.txt", source)])
        #expect(Normalizer.normalizedString(paper) == Normalizer.normalizedString(source))
        #expect(r.copyRatio == 1)
        let n = Normalizer.normalize(source).count
        #expect(r.sources[0].matches == [PassageMatch(start: 0, end: n, sourceStart: 0, sourceEnd: n)])
    }

    @Test("match positions count normalized characters of both texts, end exclusive")
    func positionsAreNormalized() throws {
        var random = TestTexts(seed: 16)
        let passage = random.text(20)
        // Punctuation and spaces before the passage shift original offsets, not normalized ones.
        let paper = "标题。\n\n" + random.text(7) + "，“" + passage + "”。" + random.text(10)
        let source = random.text(3) + " , . ;" + random.text(2) + passage
        let r = try report(paper, against: [("s.txt", source)])
        #expect(r.sources[0].matches == [PassageMatch(start: 2 + 7, end: 2 + 7 + 20, sourceStart: 5, sourceEnd: 25)])
        #expect(r.characters == 2 + 7 + 20 + 10)
    }

    @Test("characters outside the Basic Multilingual Plane match exactly and only themselves")
    func supplementaryCharacters() throws {
        var random = TestTexts(seed: 17)
        let rare = (0..<20).map { Unicode.Scalar(0x20000 + UInt32($0) * 7)! }
        let passage = random.characters(5) + rare + random.characters(5)
        let paper = random.characters(50) + passage + random.characters(50)
        var altered = passage
        altered[12] = Unicode.Scalar(0x2A700)!       // another rare character in the middle
        let r = try report(paper.string, against: [("s.txt", (random.characters(9) + passage).string)])
        #expect(r.copyRatio == 30.0 / 130.0)
        #expect(r.sources[0].matches == [PassageMatch(start: 50, end: 80, sourceStart: 9, sourceEnd: 39)])
        let split = try report(paper.string, against: [("s.txt", altered.string)])
        // Only the two halves around the altered character remain: 12 and 17 characters.
        #expect(split.copyRatio == 17.0 / 130.0)
    }

    @Test("an empty paper has ratio 0, not NaN")
    func emptyPaper() throws {
        let r = try report("，。 \n", against: [("s.txt", "本文采用控制系统对钢材的焊接工艺进行了研究")])
        #expect(r.characters == 0)
        #expect(r.copyRatio == 0)
        #expect(!r.exceedsThreshold)
    }

    @Test("a minimum passage below the index's guarantee threshold is refused, never silently missed")
    func minimumBelowGuarantee() throws {
        let index = try makeIndex([("s.txt", "本文采用控制系统对钢材的焊接工艺进行了研究")])
        #expect(throws: SimilarityError.minimumPassageBelowIndexGuarantee(requested: 10, guarantee: 13)) {
            try index.check(Normalizer.normalize("本文采用控制系统"), minimumPassage: 10)
        }
    }
}
