/// Scanning a file that arrives in chunks, without ever holding it whole.
///
/// A token (`/Type /Page`, a ZIP entry header) may be split between two
/// chunks. The scanner says where a token it could not decide starts; the
/// driver keeps the bytes from there (plus a little before, for matches that
/// look back) and scans them again joined to the next chunk. Tokens are
/// bounded in length, so the bytes carried over stay small.
protocol WindowScanning: Sendable {
    /// Bytes kept before the resume point for matches that look back
    /// (the object number before `obj`).
    static var lookbehind: Int { get }
    /// Scans `window` from `start`; returns the index of a token that needs
    /// bytes past the window's end, or nil when everything was decided.
    /// With `atEnd` the file ends here, so it must never return an index.
    mutating func scan(_ window: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int?
}

struct ChunkedScan<Scanner: WindowScanning>: Sendable {
    private(set) var scanner: Scanner
    private var carry: [UInt8] = []
    private var resume = 0

    init(_ scanner: Scanner) { self.scanner = scanner }

    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        run(chunk, atEnd: false)
    }

    mutating func finish() {
        run(UnsafeRawBufferPointer(start: nil, count: 0), atEnd: true)
        carry = []
        resume = 0
    }

    /// Joins the carried bytes to the chunk (one copy per chunk, cheap next to
    /// the scan itself) and keeps what the next chunk may still need.
    private mutating func run(_ chunk: UnsafeRawBufferPointer, atEnd: Bool) {
        var window = carry
        window.append(contentsOf: chunk)
        let from = resume
        let stop = window.withUnsafeBufferPointer { scanner.scan($0, from: from, atEnd: atEnd) } ?? window.count
        let keep = max(0, stop - Scanner.lookbehind)
        carry = Array(window[keep...])
        resume = stop - keep
    }
}

/// Reads a token forward from a position of a window. It fails with
/// `needMore` when the window ends before the token is decided (unless the
/// file ends there too), so the caller can try again with more bytes.
struct ByteCursor {
    enum Failure: Error { case noMatch, needMore }

    let window: UnsafeBufferPointer<UInt8>
    var index: Int
    let atEnd: Bool

    private var outOfBytes: Failure { atEnd ? .noMatch : .needMore }

    mutating func expect(_ literal: [UInt8]) throws(Failure) {
        for byte in literal {
            guard index < window.count else { throw outOfBytes }
            guard window[index] == byte else { throw .noMatch }
            index += 1
        }
    }

    /// The next byte, or nil at the end of the file.
    func peek() throws(Failure) -> UInt8? {
        if index < window.count { return window[index] }
        if atEnd { return nil }
        throw .needMore
    }

    /// Skips up to `limit` whitespace bytes; more than that is not a token we know.
    mutating func skipWhitespace(atLeastOne: Bool = false, limit: Int = 32) throws(Failure) {
        var skipped = 0
        while let byte = try peek(), PDFSyntax.isWhitespace(byte) {
            index += 1
            skipped += 1
            if skipped > limit { throw .noMatch }
        }
        if atLeastOne && skipped == 0 { throw .noMatch }
    }

    /// A run of 1...10 decimal digits ended by a non-digit (or the file's end).
    mutating func integer() throws(Failure) -> Int {
        var value = 0, digits = 0
        while let byte = try peek(), byte >= 0x30, byte <= 0x39 {
            value = value * 10 + Int(byte - 0x30)
            digits += 1
            index += 1
            if digits > 10 { throw .noMatch }
        }
        if digits == 0 { throw .noMatch }
        return value
    }

    /// True when the next byte ends a PDF name or keyword.
    func atDelimiter() throws(Failure) -> Bool {
        guard let byte = try peek() else { return true }
        return PDFSyntax.isWhitespace(byte) || PDFSyntax.isDelimiter(byte)
    }
}

enum PDFSyntax {
    /// PDF 32000-1 7.2.2: NUL, TAB, LF, FF, CR, SPACE.
    static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0x00
    }

    /// ( ) < > [ ] { } / %
    static func isDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25: true
        default: false
        }
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
