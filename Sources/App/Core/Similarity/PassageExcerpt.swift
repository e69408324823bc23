import Foundation
import Similarity

/// Turns match positions (normalized characters, as the check counts them) back into
/// the original text for the report page: a passage with a little context each side,
/// and a whole text cut into plain and matched pieces. Everything stays text: the
/// view escapes it, so nothing in an uploaded paper can become markup.
struct HighlightedText: Sendable, Equatable {
    /// The original text's Unicode scalars.
    let scalars: [Unicode.Scalar]
    /// For each normalized character, its index in `scalars`.
    let offsets: [Int32]

    /// The text as the check reads it (`Normalizer.paperText`: the reference list left out).
    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        offsets = Normalizer.paperText(text).originalOffsets
    }

    /// The original scalar range of normalized characters [start, end), or nil when
    /// the positions do not fit this text (it changed since the check).
    func originalRange(_ start: Int, _ end: Int) -> Range<Int>? {
        guard start >= 0, start < end, end <= offsets.count else { return nil }
        return Int(offsets[start])..<min(scalars.count, Int(offsets[end - 1]) + 1)
    }

    private func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range.clamped(to: 0..<scalars.count)])
        return String(view).replacingOccurrences(of: "\n", with: " ")
    }

    /// A matched passage with up to `context` scalars before and after it.
    struct Excerpt: Sendable, Equatable {
        var before: String
        var match: String
        var after: String
    }

    func excerpt(_ start: Int, _ end: Int, context: Int = 30) -> Excerpt? {
        guard let r = originalRange(start, end) else { return nil }
        return Excerpt(before: (r.lowerBound > context ? "…" : "") + string(max(0, r.lowerBound - context)..<r.lowerBound),
                       match: string(r),
                       after: string(r.upperBound..<min(scalars.count, r.upperBound + context))
                           + (r.upperBound + context < scalars.count ? "…" : ""))
    }

    /// The whole text in pieces, `true` for those inside one of `ranges` (normalized positions).
    func pieces(marking ranges: [(Int, Int)]) -> [(String, Bool)] {
        var marked = [Bool](repeating: false, count: scalars.count)
        for (s, e) in ranges { if let r = originalRange(s, e) { for i in r { marked[i] = true } } }
        var out: [(String, Bool)] = []
        var current = String.UnicodeScalarView(), state = false
        for (i, u) in scalars.enumerated() {
            if marked[i] != state, !current.isEmpty { out.append((String(current), state)); current = .init() }
            state = marked[i]
            current.append(u)
        }
        if !current.isEmpty { out.append((String(current), state)) }
        return out
    }
}
