import Foundation

/// 七.1: a submitted paper (送审论文) whose copy ratio is above the limit loses its
/// place in the defense. The notice says "低于25%参与答辩，高于25%取消" and leaves exactly
/// 25% open; the bundle decides it (`copyRatioAtLimitDefends`). The same rule is applied
/// to our own check's ratio and to the external report's ratio the office enters.
public struct CopyRatioRule: Sendable, Equatable {
    /// The limit as a fraction (0.25).
    public let limit: Double
    /// Whether a ratio exactly at the limit still defends.
    public let atLimitDefends: Bool

    /// Ratios closer than this to the limit count as "exactly at" it: 250 of 1,000
    /// characters and an entered "25%" must meet the same reading, whatever the
    /// floating-point rounding of the division.
    static let tolerance = 1e-9

    public init(limit: Double, atLimitDefends: Bool) {
        self.limit = limit
        self.atLimitDefends = atLimitDefends
    }

    public init(_ year: ReviewYear) {
        self.init(limit: year.copyRatioLimit, atLimitDefends: year.copyRatioAtLimitDefends)
    }

    /// Whether `ratio` (a fraction 0...1) takes the defense away.
    public func exceeds(_ ratio: Double) -> Bool {
        if abs(ratio - limit) <= Self.tolerance { return !atLimitDefends }
        return ratio > limit
    }

    /// The external report's ratio as the office types it: "23.5", "23.5%" or "23.5％",
    /// a percentage from 0 to 100. Returns the fraction, or a message in Chinese.
    public static func parsePercent(_ raw: String) -> Result<Double, PercentError> {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") || text.hasSuffix("％") { text.removeLast() }
        text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(.empty) }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), text.filter({ $0 == "." }).count <= 1,
              text.first != ".", text.last != ".", let value = Double(text) else {
            return .failure(.notANumber(raw))
        }
        guard value >= 0, value <= 100 else { return .failure(.outOfRange(raw)) }
        return .success(value / 100)
    }

    public enum PercentError: Error, Equatable, Sendable {
        case empty
        case notANumber(String)
        case outOfRange(String)

        public var message: String {
            switch self {
            case .empty: "请填写外部检测报告的抄袭率（0–100%）"
            case .notANumber(let s): "外部检测报告的抄袭率「\(s)」不是数字，请填写如 12.5 或 12.5%"
            case .outOfRange(let s): "外部检测报告的抄袭率「\(s)」应在 0% 到 100% 之间"
            }
        }
    }
}
