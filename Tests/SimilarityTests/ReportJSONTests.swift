import Testing
@testable import Similarity

/// The contract's JSON (shared/contracts/cli.md, "Paper duplication check"), now written in
/// pieces so that a report of millions of matches is never held whole.
@Suite struct ReportJSONTests {
    static func coverage(matchesEach: Int) -> Coverage {
        let a = (0..<matchesEach).map { PassageMatch(start: $0 * 20, end: $0 * 20 + 13, sourceStart: $0, sourceEnd: $0 + 13) }
        return Coverage(characters: 1000, covered: 300, sources: [
            SourceCoverage(document: 3, name: "2021-张三-\"齿轮\"\n.txt", covered: 300, matches: a),
            SourceCoverage(document: 0, name: "b.txt", covered: 0, matches: []),
        ])
    }

    @Test func theContractsShape() {
        let json = CoverageReport(Self.coverage(matchesEach: 2), threshold: 0.25).json
        #expect(json == #"{"characters":1000,"copyRatio":0.3,"exceedsThreshold":true,"threshold":0.25,"sources":["#
                + #"{"document":"2021-张三-\"齿轮\"\n.txt","ratio":0.3,"matches":[{"start":0,"end":13,"sourceStart":0,"sourceEnd":13},"#
                + #"{"start":20,"end":33,"sourceStart":1,"sourceEnd":14}]},{"document":"b.txt","ratio":0.0,"matches":[]}]}"#)
    }

    @Test func piecesMakeTheWholeAndStaySmall() {
        let report = CoverageReport(Self.coverage(matchesEach: 20_000), threshold: 0.25)
        var whole: [UInt8] = []
        var largest = 0, pieces = 0
        report.writeJSON { piece in whole.append(contentsOf: piece); largest = max(largest, piece.count); pieces += 1 }
        #expect(String(decoding: whole, as: UTF8.self) == report.json)
        #expect(pieces > 10)
        #expect(largest < 70_000)
        #expect(report.json.hasSuffix(#"{"start":399980,"end":399993,"sourceStart":19999,"sourceEnd":20012}]},{"document":"b.txt","ratio":0.0,"matches":[]}]}"#))
    }
}
