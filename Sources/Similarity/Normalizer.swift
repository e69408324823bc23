/// The contract's normalization (shared/contracts/cli.md, "Paper duplication check"):
/// white space and punctuation (ASCII and CJK) are dropped, full-width letters and
/// digits are folded to half-width, Latin letters are lower-cased. Everything the
/// check counts -- characters, passages, positions -- is in these normalized
/// characters (Unicode scalars), so a copied passage cannot hide behind re-spacing,
/// re-punctuating, full-width digits or a change of case.
///
/// Besides what the contract names, invisible characters (controls, format
/// characters such as zero-width spaces and byte-order marks, variation selectors)
/// are dropped too: they are not text a reader sees, so they must not break a passage.
public enum Normalizer {
    /// The normalized characters of `text`, as Unicode scalar values.
    public static func normalize(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count / 2)
        forEachScalar(text) { value, _ in
            let folded = fold(value)
            if folded != 0 { out.append(folded) }
        }
        return out
    }

    /// The normalized characters of `text` together with, for each, its offset in
    /// `text.unicodeScalars` -- what a page needs to highlight a matched passage in
    /// the original text.
    public static func normalizeWithOffsets(_ text: String) -> NormalizedText {
        var out: [UInt32] = []
        var offsets: [Int32] = []
        out.reserveCapacity(text.utf8.count / 2)
        offsets.reserveCapacity(text.utf8.count / 2)
        forEachScalar(text) { value, index in
            let folded = fold(value)
            if folded != 0 {
                out.append(folded)
                offsets.append(Int32(truncatingIfNeeded: index))
            }
        }
        return NormalizedText(characters: out, originalOffsets: offsets)
    }

    /// One scalar folded: its normalized value, or 0 when it is dropped.
    /// (U+0000 is a control character, so 0 never stands for a kept character.)
    @inline(__always)
    public static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x80 { return UInt32(asciiFold[Int(value)]) }
        // CJK Unified Ideographs: the bulk of a Chinese paper takes this one test.
        if value >= 0x4E00 && value <= 0x9FFF { return value }
        // Full-width ASCII (！ to ～): fold to ASCII, then ASCII's rule applies
        // (letters lower-cased, digits kept, punctuation dropped).
        if value >= 0xFF01 && value <= 0xFF5E { return UInt32(asciiFold[Int(value - 0xFEE0)]) }
        return foldRare(value)
    }

    private static func foldRare(_ value: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        // Variation selectors: invisible.
        if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return 0 }
        let properties = scalar.properties
        if properties.isWhitespace { return 0 }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format:
            return 0
        case .uppercaseLetter, .titlecaseLetter:
            // Latin letters beyond ASCII (À, Ž, ...) are lower-cased too; other scripts keep their case.
            if isLatin(value) {
                let lower = properties.lowercaseMapping.unicodeScalars
                if lower.count == 1, let first = lower.first { return first.value }
            }
            return value
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            // The CJK Symbols and Punctuation block's marks (〒, 〓, 〠 ...) count as CJK punctuation.
            if (0x3000...0x303F).contains(value) { return 0 }
            return value
        default:
            return value
        }
    }

    @inline(__always)
    private static func isLatin(_ value: UInt32) -> Bool {
        (0x00C0...0x024F).contains(value) || (0x1E00...0x1EFF).contains(value) || (0x2C60...0x2C7F).contains(value)
            || (0xA720...0xA7FF).contains(value)
    }

    /// ASCII: letters lower-cased, digits kept, everything else (space, controls and
    /// the 32 punctuation characters !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~) dropped.
    private static let asciiFold: [UInt8] = (0..<128).map { (c: Int) -> UInt8 in
        switch c {
        case 0x30...0x39, 0x61...0x7A: return UInt8(c)
        case 0x41...0x5A: return UInt8(c + 0x20)
        default: return 0
        }
    }

    /// Calls `body(scalarValue, scalarIndex)` for every Unicode scalar of `text`,
    /// decoding its UTF-8 directly (a Swift string's UTF-8 is always valid), which is
    /// several times faster than iterating `unicodeScalars` on a large text.
    @inline(__always)
    static func forEachScalar(_ text: String, _ body: (UInt32, Int) -> Void) {
        var copy = text
        copy.withUTF8 { bytes in
            let count = bytes.count
            var i = 0, index = 0
            while i < count {
                let b0 = UInt32(bytes[i])
                var value: UInt32
                if b0 < 0x80 {
                    value = b0; i &+= 1
                } else if b0 < 0xE0 {
                    value = (b0 & 0x1F) << 6 | UInt32(bytes[i &+ 1] & 0x3F); i &+= 2
                } else if b0 < 0xF0 {
                    value = (b0 & 0x0F) << 12 | UInt32(bytes[i &+ 1] & 0x3F) << 6 | UInt32(bytes[i &+ 2] & 0x3F)
                    i &+= 3
                } else {
                    value = (b0 & 0x07) << 18 | UInt32(bytes[i &+ 1] & 0x3F) << 12
                        | UInt32(bytes[i &+ 2] & 0x3F) << 6 | UInt32(bytes[i &+ 3] & 0x3F)
                    i &+= 4
                }
                body(value, index)
                index &+= 1
            }
        }
    }
}

/// A normalized text with, for each character, its offset in the original text's
/// Unicode scalars.
public struct NormalizedText: Sendable, Equatable {
    public var characters: [UInt32]
    /// `originalOffsets[i]` is the index in `original.unicodeScalars` of `characters[i]`.
    public var originalOffsets: [Int32]

    public init(characters: [UInt32], originalOffsets: [Int32]) {
        self.characters = characters
        self.originalOffsets = originalOffsets
    }

    /// The normalized characters as a string (for display and tests).
    public var string: String {
        var s = String.UnicodeScalarView()
        for c in characters { if let u = Unicode.Scalar(c) { s.append(u) } }
        return String(s)
    }
}

extension Normalizer {
    /// The normalized characters of `text` as a string (for display and tests).
    public static func normalizedString(_ text: String) -> String {
        NormalizedText(characters: normalize(text), originalOffsets: []).string
    }
}

extension Normalizer {
    /// A paper's characters as the check counts them: the reference list (from the
    /// 参考文献 heading on, see `ReferenceList`) left out unless `keepReferences`,
    /// then normalized.
    public static func paperCharacters(_ text: String, keepReferences: Bool = false) -> [UInt32] {
        normalize(keepReferences ? text : ReferenceList.body(of: text))
    }

    /// The same characters as `paperCharacters`, each with its offset in
    /// `text.unicodeScalars` (the body is a prefix of the text, so offsets hold for the
    /// whole original): what a report page needs to highlight a match's [start, end).
    public static func paperText(_ text: String, keepReferences: Bool = false) -> NormalizedText {
        normalizeWithOffsets(keepReferences ? text : ReferenceList.body(of: text))
    }
}
