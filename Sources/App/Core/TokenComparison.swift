/// The one comparison for secrets (CSRF tokens, session token hashes): it takes
/// the same time whatever position the first difference is at, so response
/// times do not leak how much of a guess was right (issue 8, item 4).
enum TokenComparison {
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        // Lengths are not secret (tokens have a fixed length); contents are.
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
