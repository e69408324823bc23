/// The reference list of a paper (参考文献 and what follows it), which the check
/// leaves out by default (issue 10, item 1): cited titles are shared by many papers
/// and are not copied prose.
///
/// The list starts at a heading line: a line whose words, once white space is
/// removed, are 参考文献 (or 主要参考文献, References, Reference, Bibliography, in any
/// case), optionally after a number (`六、`, `6.`, `第六章`, `[`) and optionally
/// followed by a colon and the first entry (`参考文献：[1] ...`). A line that merely
/// mentions references in a sentence (`参考文献[3]指出`), or a table-of-contents line
/// with a page number (`参考文献 ........ 35`), is not a heading. When several lines qualify
/// the last one is taken, so that a table of contents never cuts the body.
///
/// Cutting at the heading is a truncation of the original text, so positions of
/// normalized characters before the heading are the same with or without the list.
public enum ReferenceList {
    /// The offset, in `text.unicodeScalars`, of the start of the reference-list
    /// heading line, or nil when the text has none.
    public static func headingOffset(in text: String) -> Int? {
        guard let byteOffset = headingByteOffset(in: text) else { return nil }
        return text.utf8.prefix(byteOffset).reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// `text` without its reference list (the heading line and everything after it).
    public static func body(of text: String) -> String {
        guard let byteOffset = headingByteOffset(in: text) else { return text }
        let utf8 = text.utf8
        return String(utf8[utf8.startIndex..<utf8.index(utf8.startIndex, offsetBy: byteOffset)])!
    }

    /// The UTF-8 offset of the last heading line's start. Lines are split at LF, CR
    /// and form feed (pdftotext's page break). Most lines are rejected after a few
    /// bytes: the first character past numbering and spaces must begin a heading word.
    static func headingByteOffset(in text: String) -> Int? {
        var copy = text
        return copy.withUTF8 { bytes -> Int? in
            var found: Int?
            var lineStart = 0
            let n = bytes.count
            var i = 0
            while i <= n {
                if i == n || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x0C {
                    if i > lineStart, mayBeHeading(bytes, lineStart, i),
                       isHeading(decode(bytes, lineStart, min(i, lineStart + 800))) {
                        found = lineStart
                    }
                    lineStart = i + 1
                }
                i += 1
            }
            return found
        }
    }

    /// The first scalar at or after `i` and the index after it.
    @inline(__always)
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, i + 1) }
        if b0 < 0xE0, i + 1 < end { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), i + 2) }
        if b0 < 0xF0, i + 2 < end {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), i + 3)
        }
        if i + 3 < end {
            return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F), i + 4)
        }
        return (0xFFFD, end)
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var i = start
        while i < end {
            let (value, next) = scalar(bytes, i, end)
            out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            i = next
        }
        return out
    }

    /// Quick test: past white space and numbering, does a heading word's first letter follow?
    private static func mayBeHeading(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var skipped = 0
        while i < end && skipped < 24 {
            let (value, next) = scalar(bytes, i, end)
            guard let s = Unicode.Scalar(value) else { return false }
            if headingInitials.contains(value) { return true }
            guard s.properties.isWhitespace || isNumberingOrDecoration(s) || (0xFF10...0xFF19).contains(value) else { return false }
            i = next
            skipped += 1
        }
        return false
    }

    /// 主, 参, and r / b in any case and width.
    private static let headingInitials: Set<UInt32> = [0x4E3B, 0x53C2, 0x72, 0x52, 0x62, 0x42, 0xFF52, 0xFF32, 0xFF42, 0xFF22]

    private static let headings: [[Unicode.Scalar]] = ["主要参考文献", "参考文献", "references", "reference", "bibliography"]
        .map { Array($0.unicodeScalars) }

    static func isHeading(_ line: [Unicode.Scalar]) -> Bool {
        // Compact: white space out, Latin lower-cased, full-width folded.
        var compact: [Unicode.Scalar] = []
        compact.reserveCapacity(line.count)
        for scalar in line where !scalar.properties.isWhitespace {
            var value = scalar.value
            if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 }
            if value >= 0x41 && value <= 0x5A { value += 0x20 }
            compact.append(Unicode.Scalar(value) ?? scalar)
        }
        guard !compact.isEmpty else { return false }
        // Skip a leading number or decoration: digits, Chinese numerals, 第/章/节/部分, brackets, dots.
        var i = 0
        while i < compact.count, isNumberingOrDecoration(compact[i]) { i += 1 }
        for heading in headings {
            let end = i + heading.count
            guard end <= compact.count, Array(compact[i..<end]) == heading else { continue }
            // After the word: nothing, closing decoration, or a colon and the first entry.
            var j = end
            while j < compact.count, isClosingDecoration(compact[j]) { j += 1 }
            if j == compact.count { return true }
            // A colon may start the list on the heading's line ("参考文献：[1] ..."). Not a
            // bracket: "参考文献[3]指出..." is a sentence citing, and cutting there would
            // hide the rest of the paper from the check.
            return compact[j] == ":"
        }
        return false
    }

    private static func isNumberingOrDecoration(_ s: Unicode.Scalar) -> Bool {
        if s.value >= 0x30 && s.value <= 0x39 { return true }
        return "一二三四五六七八九十百零〇第章节部分.、．)）(（[]【】〔〕#*·•§".unicodeScalars.contains(s)
    }

    private static func isClosingDecoration(_ s: Unicode.Scalar) -> Bool {
        ")）]】〕》>.。·•*#".unicodeScalars.contains(s)
    }
}
