import Testing
@testable import Similarity

/// The contract's normalization: white space and punctuation (ASCII and CJK) out,
/// full-width letters and digits folded to half-width, Latin letters lower-cased.
@Suite struct NormalizerTests {
    @Test("white space of every kind is dropped (space, tab, newlines, ideographic space, no-break space)")
    func whiteSpace() {
        #expect(Normalizer.normalizedString("齿 轮\t传\n动\r\n系\u{3000}统\u{00A0}设\u{2003}计") == "齿轮传动系统设计")
    }

    @Test("ASCII punctuation is dropped, all 32 characters")
    func asciiPunctuation() {
        #expect(Normalizer.normalizedString("a!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~b") == "ab")
    }

    @Test("CJK and full-width punctuation is dropped")
    func cjkPunctuation() {
        let marks = "，。、；：？！“”‘’（）【】《》〈〉「」『』〔〕…—·～＂＃％＆＊＋－／＜＝＞＠［＼］＾＿｀｛｜｝〜〝〞"
        #expect(Normalizer.normalizedString("甲" + marks + "乙") == "甲乙")
    }

    @Test("full-width letters and digits fold to half-width; Latin letters are lower-cased")
    func foldingAndCase() {
        #expect(Normalizer.normalizedString("ＧＢ／Ｔ　５００１０－２０１０") == "gbt500102010")
        #expect(Normalizer.normalizedString("PLC Plc plc ＰＬＣ ｐｌｃ") == "plcplcplcplcplc")
        #expect(Normalizer.normalizedString("ÀÉÎ Straße") == "àéîstraße")
    }

    @Test("CJK characters, digits and other symbols are kept")
    func kept() {
        #expect(Normalizer.normalizedString("温度为35℃，误差±0.5°") == "温度为35℃误差±05°")
        #expect(Normalizer.normalizedString("〇一二三") == "〇一二三")
        #expect(Normalizer.normalizedString("α β Ω") == "αβΩ")
    }

    @Test("invisible characters (zero-width space, byte-order mark, soft hyphen, controls) are dropped")
    func invisible() {
        #expect(Normalizer.normalizedString("\u{FEFF}齿\u{200B}轮\u{00AD}传\u{0007}动\u{FE0F}") == "齿轮传动")
    }

    @Test("offsets map each normalized character back to its scalar in the original")
    func offsets() {
        let n = Normalizer.normalizeWithOffsets("（一） A，乙")
        #expect(n.string == "一a乙")
        #expect(n.originalOffsets == [1, 4, 6])
        let paper = "甲，乙 丙\n参考文献\n[1] 丁"
        let text = Normalizer.paperText(paper)
        #expect(text.characters == Normalizer.paperCharacters(paper))
        #expect(text.originalOffsets == [0, 2, 4])
    }
}

/// The reference list (from 参考文献 on) is left out by default (issue 10, item 1).
@Suite struct ReferenceListTests {
    @Test("a heading line 参考文献 starts the list; the body before it is kept")
    func plainHeading() {
        let text = "正文第一段。\n正文第二段。\n参考文献\n[1] 张三. 齿轮[J]. 机械, 2020.\n"
        #expect(ReferenceList.body(of: text) == "正文第一段。\n正文第二段。\n")
        #expect(ReferenceList.headingOffset(in: text) == 14)
    }

    @Test("heading variants: numbered, bracketed, spaced, with a colon, English, full-width")
    func variants() {
        for heading in ["六、参考文献", "6. 参考文献", "第七章 参考文献", "【参考文献】", "参 考 文 献", "参考文献：",
                        "参考文献:[1] 张三. 齿轮[J].", "主要参考文献", "References", "REFERENCES", "  7  References:",
                        "Ｒｅｆｅｒｅｎｃｅｓ", "[参考文献]"] {
            #expect(ReferenceList.headingOffset(in: "正文。\n\(heading)\n[1] 条目") == 4, "\(heading)")
        }
    }

    @Test("not a heading: a sentence mentioning references, a table-of-contents line with a page number")
    func notHeadings() {
        for line in ["参考文献[3]指出齿轮寿命与润滑有关", "如参考文献所述", "参考文献 ........ 35", "参考文献……35",
                     "references show that", "本文参考文献较多", "参考文献[1]王五. 桥梁[J]."] {
            #expect(ReferenceList.headingOffset(in: "正文。\n\(line)\n后文") == nil, "\(line)")
        }
    }

    @Test("the last heading counts: a table of contents listing 参考文献 does not cut the body")
    func lastHeadingWins() {
        let text = "目录\n1 引言\n参考文献\n\n1 引言\n正文。\n参考文献\n[1] 条目\n"
        #expect(ReferenceList.body(of: text) == "目录\n1 引言\n参考文献\n\n1 引言\n正文。\n")
    }

    @Test("CRLF line ends are handled and positions stay in scalars")
    func crlf() {
        let text = "正文。\r\n参考文献\r\n[1] 条目"
        #expect(ReferenceList.body(of: text) == "正文。\r\n")
    }

    @Test("the check leaves the reference list out of the paper and the documents; --keep-references counts it")
    func checkLeavesReferencesOut() throws {
        var random = TestTexts(seed: 21)
        let sharedEntries = "[1] " + random.text(40) + "[J]. 机械工程学报, 2020, 56(3): 1-9.\n[2] " + random.text(30) + "\n"
        let paperBody = random.text(500)
        let paper = paperBody + "\n参考文献\n" + sharedEntries
        let source = random.text(800) + "\n参考文献\n" + sharedEntries
        let byDefault = try report(paper, against: [("s.txt", source)])
        #expect(byDefault.characters == 500)
        #expect(byDefault.copyRatio == 0)
        let kept = try report(paper, against: [("s.txt", source)], keepReferences: true)
        let characters = Normalizer.normalize(paper).count
        #expect(kept.characters == characters)
        #expect(kept.copyRatio == Double(characters - 500) / Double(characters))
    }

    @Test("a passage before the heading keeps its normalized positions when the list is cut")
    func positionsUnchangedByCut() throws {
        var random = TestTexts(seed: 22)
        let passage = random.text(30)
        let source = random.text(40) + passage + "\n参考文献\n[1] " + random.text(50)
        let paper = random.text(10) + passage + random.text(10)
        let r = try report(paper, against: [("s.txt", source)])
        #expect(r.sources[0].matches == [PassageMatch(start: 10, end: 40, sourceStart: 40, sourceEnd: 70)])
    }
}

/// Winnowing's guarantee: every shared passage of at least t characters is found.
@Suite struct FingerprintTests {
    @Test("k = 10, t = 13, w = 4 for Chinese; k never exceeds t")
    func parameters() {
        let p = WinnowingParameters()
        #expect((p.k, p.guarantee, p.window) == (10, 13, 4))
        let small = WinnowingParameters(minimumPassage: 3)
        #expect((small.k, small.window) == (3, 1))
    }

    @Test("guarantee: 300 random placements of a 13-character passage are all found, whatever the surroundings")
    func guarantee() throws {
        var random = TestTexts(seed: 31)
        for trial in 0..<300 {
            let passage = random.characters(13)
            let before = Int(random.next() % 40), after = Int(random.next() % 40)
            let source = random.characters(before) + passage + random.characters(after)
            let paperBefore = Int(random.next() % 40)
            let paper = random.characters(paperBefore) + passage + random.characters(Int(random.next() % 40))
            let index = try makeIndex([("s.txt", source.string)])
            let coverage = try index.check(Normalizer.normalize(paper.string))
            #expect(coverage.covered >= 13, "trial \(trial)")
            let match = try #require(coverage.sources.first?.matches.first)
            #expect(match.sourceStart - match.start == before - paperBefore, "trial \(trial)")
        }
    }

    @Test("guarantee with repetitive text (equal hashes in a window): a passage of one repeated character")
    func repetitiveText() throws {
        let source = "甲乙丙" + String(repeating: "的", count: 30) + "丁"
        let paper = "戊" + String(repeating: "的", count: 13) + "己"
        let coverage = try makeIndex([("s.txt", source)]).check(Normalizer.normalize(paper))
        #expect(coverage.covered == 13)
    }

    @Test("about 2/(w+1) of the positions are selected on random text")
    func density() {
        var random = TestTexts(seed: 32)
        let text = random.characters(100_000).map(\.value)
        var count = 0
        text.withUnsafeBufferPointer { Fingerprinter.winnow($0, WinnowingParameters()) { _, _ in count += 1 } }
        #expect(count > 38_000 && count < 42_000)      // 2/5 = 40 %
    }

    @Test("candidates rank documents by shared fingerprints")
    func candidates() throws {
        var random = TestTexts(seed: 33)
        let paper = random.characters(1000)
        let index = try makeIndex([("few.txt", (random.characters(10) + paper[0..<50]).string),
                                   ("none.txt", random.text(500)),
                                   ("many.txt", (paper[100..<600] + random.characters(10)).string)])
        let ranked = index.candidates(for: paper.map(\.value))
        #expect(ranked.map(\.document) == [2, 0])
        #expect(ranked[0].sharedFingerprints > ranked[1].sharedFingerprints)
    }
}
