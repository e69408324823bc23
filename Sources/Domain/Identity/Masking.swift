/// Hides the middle of a personal identifier before it is shown on a page, written
/// to a log or exported: a list of applicants must let an officer tell rows apart
/// (first and last characters) without exposing the whole ID or phone number.
public enum Masking: Sendable {
    /// Keeps `keepFirst` leading and `keepLast` trailing characters and replaces each
    /// character between them with `*`, so the masked text keeps the original length
    /// ("140***********1234", "138****5678").
    ///
    /// A string too short to have a middle (count <= keepFirst + keepLast) is masked
    /// entirely: showing it whole would leak it, which is what masking is for.
    /// Counts are in `Character`s, so a full-width or Chinese character is one position.
    public static func middle(_ s: String, keepFirst: Int = 3, keepLast: Int = 4) -> String {
        let chars = Array(s)
        let first = max(0, keepFirst), last = max(0, keepLast)
        guard chars.count > first + last else {
            return String(repeating: "*", count: chars.count)
        }
        let hidden = chars.count - first - last
        return String(chars[..<first]) + String(repeating: "*", count: hidden)
            + String(chars[(chars.count - last)...])
    }
}
