import Foundation
import Testing
@testable import Domain

/// The batch core behind the command: documents, arrays, JSON lines, order, errors.
@Suite struct BatchTests {
    static let profiles: [Profile] = {
        var g = ProfileGenerator(seed: 99)
        return (0..<700).map { _ in g.profile() }
    }()

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
    func run(_ input: String, _ format: EligibilityBatch.Format, threads: Int = 2) throws(JSONInputError) -> String {
        text(try EligibilityBatch.run(Array(input.utf8), format: format, engine: shippedEngine, threads: threads))
    }
    func failure(_ input: String, _ format: EligibilityBatch.Format) -> String {
        do { _ = try run(input, format); return "succeeded" } catch { return error.description }
    }

    @Test func oneObjectGivesOneAnswer() throws {
        let p = try baseProfile("engineer")
        let out = try run(ProfileJSON.encodeString(p), .document)
        #expect(out == AnswerJSON.encodeString(shippedEngine.evaluate(p)) + "\n")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(json["policy"] as? String == "changzhi-2022")
        #expect(json["verdict"] as? String == "eligible")
        #expect(json["route"] as? String == "bachelor_or_associate")
        #expect(json["earliestEligible"] == nil)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 8)
        #expect(findings[0]["rule"] as? String == "exclusions" && findings[0]["clause"] as? String == "2")
        #expect(findings.allSatisfy { ($0["message"] as? String)?.isEmpty == false && $0["outcome"] as? String == "pass" })
    }

    @Test func answerCarriesEarliestEligible() throws {
        let p = try baseProfile("engineer", #"{"unit":{"kind":"public_institution","professionalPost":true},"titles":[{"series":"engineering","tier":"assistant","qualified":"2018-06-30","appointed":"2019-03-01"}]}"#)
        let out = try run(ProfileJSON.encodeString(p), .document)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "ineligible")
        #expect(json["earliestEligible"] as? String == "2023-03-01")
        let tenure = try #require((json["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "tenure" })
        #expect(tenure["clause"] as? String == "3.1.3" && tenure["outcome"] as? String == "fail")
        #expect(tenure["interpretations"] as? [String] == ["I1-reference-dates", "I2-tenure-start", "I3-year-counting", "I7-engineer-routes"])
    }

    @Test func arrayGivesAnArrayInOrder() throws {
        let input = "[" + Self.profiles.map(ProfileJSON.encodeString).joined(separator: ",\n ") + "]"
        let out = try run(input, .document)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(parsed.count == Self.profiles.count)
        for (i, p) in Self.profiles.enumerated() {
            #expect(parsed[i]["verdict"] as? String == shippedEngine.evaluate(p).verdict.jsonName)
            #expect(parsed[i]["targetLevel"] as? String == p.targetLevel.jsonName)
        }
        #expect(try run("[]", .document) == "[]\n")
        #expect(try run(" [ ] ", .document) == "[]\n")
    }

    @Test func jsonLinesKeepOrderWhateverTheThreads() throws {
        let input = Self.profiles.map(ProfileJSON.encodeString).joined(separator: "\n") + "\n"
        let expected = Self.profiles.map { AnswerJSON.encodeString(shippedEngine.evaluate($0)) + "\n" }.joined()
        for threads in [1, 2, 3, 8] { #expect(try run(input, .jsonLines, threads: threads) == expected, "threads \(threads)") }
        // Large enough to be split into many pieces.
        let big = String(repeating: input, count: 30)
        let expectedBig = String(repeating: expected, count: 30)
        #expect(try run(big, .jsonLines, threads: 2) == expectedBig)
    }

    @Test func jsonLinesSkipBlankLinesAndAcceptCRLF() throws {
        let a = ProfileJSON.encodeString(Self.profiles[0]), b = ProfileJSON.encodeString(Self.profiles[1])
        let out = try run("\n" + a + "\r\n   \n\n" + b, .jsonLines)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(String(lines[1]) == AnswerJSON.encodeString(shippedEngine.evaluate(Self.profiles[1])))
        #expect(try run("", .jsonLines) == "")
    }

    @Test func errorsNameTheLineOrElement() {
        let good = ProfileJSON.encodeString(Self.profiles[0])
        let bad = #"{"targetLevel":"engineer","unit":{"kind":"enterprise"},"education":[{"level":"phd"}],"assessments":[]}"#
        #expect(failure([good, "", bad, good].joined(separator: "\n"), .jsonLines)
                == #"line 3: education[0].level: unknown value "phd" (expected one of: doctorate, master, second_bachelor, bachelor, associate, secondary_vocational, high_school)"#)
        #expect(failure(good + "\n[1]\n", .jsonLines) == "line 2: expected a profile object, found array")
        #expect(failure(good + "\n{\"targetLevel\":\n", .jsonLines) == "line 2: targetLevel: invalid JSON at column 16: unexpected end of input")
        #expect(failure("[" + good + ",\n" + #"{"targetLevel":"engineer"}"# + "]", .document) == "[1].unit: missing required field")
        #expect(failure("[" + good + ",]", .document).hasPrefix("[1]: invalid JSON at line 1"))
        #expect(failure("[1]", .document) == "[0]: expected object, found number")
        #expect(failure("\"profile\"", .document) == "expected a profile object or an array of them, found string")
        #expect(failure("", .document) == "invalid JSON at line 1, column 1: empty input, expected a profile object or an array of them")
    }

    /// With many bad lines spread over all chunks, the first in input order is reported.
    @Test func theFirstErrorInInputOrderWins() {
        var lines = Self.profiles.map(ProfileJSON.encodeString)
        lines = String(repeating: lines.joined(separator: "\n") + "\n", count: 20).split(separator: "\n").map(String.init)
        lines[9000] = #"{"targetLevel":"boss"}"#
        lines[11000] = "{"
        lines[13000] = "nonsense"
        #expect(failure(lines.joined(separator: "\n"), .jsonLines)
                == #"line 9001: targetLevel: unknown value "boss" (expected one of: engineer, assistant_engineer, technician)"#)
    }

    @Test func dataInputMatchesArrayInput() throws {
        let input = Self.profiles.map(ProfileJSON.encodeString).joined(separator: "\n")
        let fromData = try EligibilityBatch.runChunks(Data(input.utf8), format: .jsonLines, engine: shippedEngine).joined()
        #expect(Array(fromData) == (try EligibilityBatch.run(Array(input.utf8), format: .jsonLines, engine: shippedEngine)))
    }
}
