/// Small text helpers shared by the identifier types. Kept ASCII-strict on purpose:
/// `Character.isNumber` also accepts full-width and other-script digits ("１", "٣"),
/// which an official number never contains and a database lookup would not match.
enum IdentifierText {
    /// The value of an ASCII digit 0-9, nil for anything else.
    static func asciiDigit(_ c: Character) -> Int? {
        guard let a = c.asciiValue, a >= 48, a <= 57 else { return nil }
        return Int(a - 48)
    }

    /// Drops leading and trailing whitespace (including the ideographic space U+3000
    /// that Chinese input methods insert) without touching the inside of the text.
    static func trimmed(_ text: String) -> Substring {
        let start = text.drop(while: \.isWhitespace)
        var end = start.endIndex
        while end > start.startIndex {
            let before = start.index(before: end)
            guard start[before].isWhitespace else { break }
            end = before
        }
        return start[start.startIndex..<end]
    }
}
