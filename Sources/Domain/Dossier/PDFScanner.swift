/// Finds what the upload check needs to know about a PDF in one pass over its
/// bytes, chunk by chunk: whether it is encrypted and how many pages it has.
///
/// It does not parse the PDF. It looks for a few tokens:
/// - `/Encrypt` followed by a reference (`12 0 R`) or a dictionary (`<<`), as
///   in a trailer or a cross-reference stream dictionary;
/// - `/Type /Page` (whitespace optional, not `/Pages`), counted per object
///   `n g obj … endobj` so an object rewritten by an incremental update
///   counts once;
/// - `/Type /Pages` with `/Count n` in the same object: the page tree's own
///   count, used when the pages sit in compressed object streams and no page
///   object is visible;
/// - before that, `/N n` of a linearization dictionary (`/Linearized`, always
///   the first object and never compressed): "fast web view" files are often
///   the ones whose pages are compressed.
struct PDFScanner: WindowScanning {
    static let lookbehind = 24

    private(set) var encrypted = false
    /// Page dictionaries seen in each object (an uncompressed object stream holds several).
    private var pagesByObject: [Int: Int] = [:]
    /// Page dictionaries seen outside any `obj … endobj`.
    private var loosePages = 0
    /// The largest `/Count` of a `/Type /Pages` object.
    private var pageTreeCount = 0
    /// `/N` of the linearization dictionary.
    private var linearizedPages = 0
    private var current: OpenObject?

    private struct OpenObject {
        var number: Int
        var pages = 0
        var isPageTree = false
        var largestCount = 0
        var isLinearization = false
        var n: Int?
    }

    /// Visible page objects; else the page tree's count; else unknown.
    var pageCount: Int? {
        let counted = pagesByObject.values.reduce(loosePages, +)
        if counted > 0 { return counted }
        if linearizedPages > 0 { return linearizedPages }
        return pageTreeCount > 0 ? pageTreeCount : nil
    }

    private static let type = Array("Type".utf8), page = Array("/Page".utf8), count = Array("Count".utf8)
    private static let encrypt = Array("Encrypt".utf8), obj = Array("obj".utf8), endobj = Array("endobj".utf8)
    private static let linearized = Array("Linearized".utf8)

    mutating func scan(_ w: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        var i = start
        let n = w.count
        while i < n {
            let byte = w[i]
            // Only three bytes can start a token we look for, and the byte after
            // them rules out nearly all the rest cheaply (text is full of "e" and "o").
            guard byte == 0x2F || byte == 0x6F || byte == 0x65 else { i += 1; continue }
            if i + 1 < n {
                let next = w[i + 1]
                let possible = switch byte {
                case 0x2F: next == 0x54 || next == 0x43 || next == 0x45 || next == 0x4C || next == 0x4E // /T /C /E /L /N
                case 0x6F: next == 0x62                                   // ob
                default: next == 0x6E                                      // en
                }
                guard possible else { i += 1; continue }
            }
            var cursor = ByteCursor(window: w, index: i, atEnd: atEnd)
            do throws(ByteCursor.Failure) {
                switch byte {
                case 0x2F: try name(&cursor)
                case 0x6F: try objectStart(&cursor)
                default: try objectEnd(&cursor)
                }
                i = max(cursor.index, i + 1)
            } catch {
                if error == .needMore { return i }
                i += 1
            }
        }
        if atEnd { closeObject() }
        return nil
    }

    /// At a `/`: one of the names we count.
    private mutating func name(_ c: inout ByteCursor) throws(ByteCursor.Failure) {
        c.index += 1
        guard let first = try c.peek() else { throw .noMatch }
        switch first {
        case 0x54: // Type
            try c.expect(Self.type)
            try c.skipWhitespace()
            try c.expect(Self.page)
            if try c.atDelimiter() {
                if current != nil { current!.pages += 1 } else { loosePages += 1 }
                return
            }
            try c.expect([0x73]) // the "s" of /Pages
            guard try c.atDelimiter() else { throw .noMatch }
            current?.isPageTree = true
        case 0x43: // Count
            try c.expect(Self.count)
            try c.skipWhitespace(atLeastOne: true)
            let value = try c.integer()
            if current != nil { current!.largestCount = max(current!.largestCount, value) }
        case 0x45: // Encrypt
            try c.expect(Self.encrypt)
            guard try c.atDelimiter() else { throw .noMatch }
            try c.skipWhitespace()
            if try c.peek() == 0x3C {
                try c.expect([0x3C, 0x3C])
            } else {
                _ = try c.integer()
                try c.skipWhitespace(atLeastOne: true)
                _ = try c.integer()
                try c.skipWhitespace(atLeastOne: true)
                try c.expect([0x52]) // R
            }
            encrypted = true
        case 0x4C: // Linearized
            try c.expect(Self.linearized)
            guard try c.atDelimiter() else { throw .noMatch }
            current?.isLinearization = true
        case 0x4E: // N
            c.index += 1
            try c.skipWhitespace(atLeastOne: true)
            let value = try c.integer()
            if current != nil, current!.n == nil { current!.n = value }
        default:
            throw .noMatch
        }
    }

    /// At an `o`: `obj` preceded by `number generation` opens an object.
    private mutating func objectStart(_ c: inout ByteCursor) throws(ByteCursor.Failure) {
        let at = c.index
        try c.expect(Self.obj)
        guard try c.atDelimiter() else { throw .noMatch }
        guard let number = Self.objectNumber(before: at, in: c.window) else { throw .noMatch }
        closeObject()
        current = OpenObject(number: number)
    }

    /// At an `e`: `endobj` closes the object.
    private mutating func objectEnd(_ c: inout ByteCursor) throws(ByteCursor.Failure) {
        try c.expect(Self.endobj)
        guard try c.atDelimiter() else { throw .noMatch }
        closeObject()
    }

    private mutating func closeObject() {
        guard let object = current else { return }
        pagesByObject[object.number] = object.pages
        if object.isPageTree { pageTreeCount = max(pageTreeCount, object.largestCount) }
        if object.isLinearization, let n = object.n { linearizedPages = n }
        current = nil
    }

    /// Reads `12 0 ` backwards from the `obj` at `index`.
    private static func objectNumber(before index: Int, in w: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = index - 1
        func skipSpace() -> Bool {
            var skipped = false
            while i >= 0, PDFSyntax.isWhitespace(w[i]) { i -= 1; skipped = true }
            return skipped
        }
        func digitsBack() -> Int? {
            var end = i
            while i >= 0, PDFSyntax.isDigit(w[i]) { i -= 1 }
            guard end > i, end - i <= 10 else { return nil }
            var value = 0
            end = i + 1
            while end <= index - 1, PDFSyntax.isDigit(w[end]) { value = value * 10 + Int(w[end] - 0x30); end += 1 }
            return value
        }
        guard skipSpace(), digitsBack() != nil, skipSpace(), let number = digitsBack() else { return nil }
        // The number must start a token, not end a longer word.
        if i >= 0, !(PDFSyntax.isWhitespace(w[i]) || PDFSyntax.isDelimiter(w[i])) { return nil }
        return number
    }
}

/// Finds the entry names of a ZIP archive as they stream by: each local file
/// header (`PK\3\4`, name at offset 30) and, at the end, each central
/// directory header (`PK\1\2`, name at offset 46). A DOCX has
/// `[Content_Types].xml` and entries under `word/`.
struct ZipEntryScanner: WindowScanning {
    static let lookbehind = 0
    static let longestName = 512

    private(set) var hasContentTypes = false
    private(set) var hasWordPart = false
    private(set) var entries = 0

    var looksLikeDOCX: Bool { hasContentTypes && hasWordPart }

    private static let contentTypes = Array("[Content_Types].xml".utf8), word = Array("word/".utf8)

    mutating func scan(_ w: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        var i = start
        let n = w.count
        while i < n {
            guard w[i] == 0x50 else { i += 1; continue }
            // Not enough bytes to read the fixed header: decide with the next chunk.
            guard i + 4 <= n else { return atEnd ? nil : i }
            guard w[i + 1] == 0x4B, (w[i + 2] == 3 && w[i + 3] == 4) || (w[i + 2] == 1 && w[i + 3] == 2) else {
                i += 1; continue
            }
            let local = w[i + 2] == 3
            let fixed = local ? 30 : 46
            let lengthAt = i + (local ? 26 : 28)
            guard lengthAt + 2 <= n else { return atEnd ? nil : i }
            let length = Int(w[lengthAt]) | Int(w[lengthAt + 1]) << 8
            guard length > 0, length <= Self.longestName else { i += 4; continue }
            guard i + fixed + length <= n else { return atEnd ? nil : i }
            let name = UnsafeBufferPointer(rebasing: w[(i + fixed)..<(i + fixed + length)])
            entries += 1
            if name.elementsEqual(Self.contentTypes) { hasContentTypes = true }
            if name.starts(with: Self.word) { hasWordPart = true }
            i += 4
        }
        return nil
    }
}
