/// Reads a score typed into a form: a number from 0 to 100 with at most one decimal
/// (九: 答辩成绩实行百分制; the scoring contract's rule 1), checked on its exact
/// decimal value. Messages are Chinese and name the field.
public enum ScoreInput {
    public static func parse(_ text: String, field: String, maximum: Tenths = DefenseScoreEntry.maximum)
        -> Result<Tenths, ScoreInputError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(ScoreInputError(message: "请填写\(field)")) }
        // A form takes plain decimals only: ASCII digits with an optional fraction. JSON's
        // `1e2`, a sign (`+5`, `-0`), `NaN` and other scripts' digits (`８５`, `٨٥`) are
        // refused here, before the exact reading, so what is stored is what was meant.
        guard Self.isPlainDecimal(trimmed), let literal = DecimalLiteral(trimmed) else {
            return .failure(ScoreInputError(message: "\(field)须为0至\(maximum)的数字（如 85 或 78.5，半角数字，不带正负号或指数），填写的“\(trimmed.prefix(20))”不符合"))
        }
        guard literal.decimals <= 1, let t = literal.scaled(by: 1) else {
            return .failure(ScoreInputError(message: "\(field)最多保留一位小数"))
        }
        guard t <= maximum.rawValue else {
            return .failure(ScoreInputError(message: "\(field)实行百分制，最高\(maximum)分，填写的\(trimmed)超过上限"))
        }
        return .success(Tenths(t))
    }

    /// `85`, `78.5`, `100.0`: ASCII digits, then at most one point followed by digits.
    static func isPlainDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), text.utf8.count <= 20 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }
}

public struct ScoreInputError: Error, Equatable, Sendable {
    public let message: String
}

import Foundation
