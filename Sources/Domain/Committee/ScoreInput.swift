/// Reads a score typed into a form: a number from 0 to 100 with at most one decimal
/// (九: 答辩成绩实行百分制; the scoring contract's rule 1), checked on its exact
/// decimal value. Messages are Chinese and name the field.
public enum ScoreInput {
    public static func parse(_ text: String, field: String, maximum: Tenths = DefenseScoreEntry.maximum)
        -> Result<Tenths, ScoreInputError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(ScoreInputError(message: "请填写\(field)")) }
        guard let literal = DecimalLiteral(trimmed) else {
            return .failure(ScoreInputError(message: "\(field)须为数字（如 85 或 78.5），填写的“\(trimmed.prefix(20))”不是数字"))
        }
        if literal.negative && !literal.isZero { return .failure(ScoreInputError(message: "\(field)不能为负数")) }
        guard literal.decimals <= 1, let t = literal.scaled(by: 1) else {
            return .failure(ScoreInputError(message: "\(field)最多保留一位小数"))
        }
        guard t <= maximum.rawValue else {
            return .failure(ScoreInputError(message: "\(field)实行百分制，最高\(maximum)分，填写的\(trimmed)超过上限"))
        }
        return .success(Tenths(t))
    }
}

public struct ScoreInputError: Error, Equatable, Sendable {
    public let message: String
}

import Foundation
