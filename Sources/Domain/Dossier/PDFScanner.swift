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
///   count;
/// - `/N n` of a linearization dictionary (`/Linearized`, always the first
///   object and never compressed);
/// - object streams (`/Type /ObjStm`): their data is gathered, inflated and
///   each object in it scanned for the tokens above as if it stood alone
///   (`ObjectStreamCapture`), so compressed pages count too.
struct PDFScanner: WindowScanning {
    static let lookbehind = 24

    private(set) var encrypted = false
    /// Page dictionaries in each object, by object number: the last version
    /// of an object wins, whether it stands plain or in an object stream.
    private var pagesByObject: [Int: Int] = [:]
    /// Page dictionaries seen outside any `obj … endobj`.
    private var loosePages = 0
    /// `/Count` of each `/Type /Pages` object, last version wins.
    private var pageTreeCounts: [Int: Int] = [:]
    /// `/N` of the linearization dictionary.
    private var linearizedPages = 0
    private var current: OpenObject?
    /// The object stream whose data is being gathered.
    private var objectStream: ObjectStreamCapture?
    /// Scanning the objects of a decoded object stream: no `obj`, `endobj` or `stream` there.
    private var insideObjectStream = false

    private struct OpenObject {
        var number: Int
        var pages = 0, largestCount = 0
        var isPageTree = false, isLinearization = false, isObjectStream = false
        /// `/N` (a linearization's pages, an object stream's objects) and `/First`.
        var n: Int?, first: Int?
        var filter = ObjectStreamCapture.Filter.none
    }

    /// The page tree root's `/Count`, else the linearization's `/N`, else the
    /// page dictionaries counted; nil when none is seen.
    ///
    /// The root's `/Count` is what readers show (pdfinfo reports it), and the
    /// root holds every page, so it is the largest `/Count` of the current
    /// `/Pages` versions. Counting page dictionaries is the weaker signal: a
    /// page deleted by an incremental update leaves its dictionary in the
    /// file, and pages in a stream we cannot decode go unseen. `/N` is
    /// written once, when the file is linearized; it comes before the count
    /// because a linearized file shows its first page plain and the rest
    /// compressed, so a partial count is likely when the tree is unseen.
    var pageCount: Int? {
        if let tree = pageTreeCounts.values.max(), tree > 0 { return tree }
        if linearizedPages > 0 { return linearizedPages }
        let counted = pagesByObject.values.reduce(loosePages, +)
        return counted > 0 ? counted : nil
    }

    private static let type = Array("Type".utf8), page = Array("Page".utf8), count = Array("Count".utf8)
    private static let encrypt = Array("Encrypt".utf8), obj = Array("obj".utf8), endobj = Array("endobj".utf8)
    private static let linearized = Array("Linearized".utf8), objStm = Array("ObjStm".utf8)
    private static let stream = Array("stream".utf8)
    private static let fi = Array("Fi".utf8), rst = Array("rst".utf8), lter = Array("lter".utf8)

    mutating func scan(_ w: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        var i = start
        // Resuming inside an object stream's data.
        if objectStream != nil {
            switch takeObjectStream(w, from: i, atEnd: atEnd) {
            case .needMore(let at): return at
            case .ended(let at): i = at
            }
        }
        if let resume = scanTokens(w, from: i, atEnd: atEnd) { return resume }
        if atEnd { closeObject() }
        return nil
    }

    private mutating func scanTokens(_ w: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        var i = start
        let n = w.count
        while i < n {
            let byte = w[i]
            // Only four bytes can start a token we look for, and the byte after
            // them rules out nearly all the rest cheaply (text is full of "e" and "o").
            guard byte == 0x2F || byte == 0x6F || byte == 0x65 || byte == 0x73 else { i += 1; continue }
            if i + 1 < n {
                let next = w[i + 1]
                let possible = switch byte {
                case 0x2F: next == 0x54 || next == 0x43 || next == 0x45 || next == 0x4C || next == 0x4E
                    || next == 0x46                                        // /T /C /E /L /N /F
                case 0x6F: next == 0x62 && !insideObjectStream             // ob
                case 0x65: next == 0x6E && !insideObjectStream             // en
                default: next == 0x74 && current?.isObjectStream == true && !insideObjectStream // st
                }
                guard possible else { i += 1; continue }
            }
            var cursor = ByteCursor(window: w, index: i, atEnd: atEnd)
            do throws(ByteCursor.Failure) {
                switch byte {
                case 0x2F: try name(&cursor)
                case 0x6F: try objectStart(&cursor)
                case 0x65: try objectEnd(&cursor)
                default: try streamStart(&cursor)
                }
                i = max(cursor.index, i + 1)
            } catch {
                if error == .needMore { return i }
                i += 1
                continue
            }
            if objectStream != nil {
                switch takeObjectStream(w, from: i, atEnd: atEnd) {
                case .needMore(let at): return at
                case .ended(let at): i = at
                }
            }
        }
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
            try c.expect([0x2F])
            if try c.peek() == 0x4F { // /ObjStm
                try c.expect(Self.objStm)
                guard try c.atDelimiter() else { throw .noMatch }
                current?.isObjectStream = true
                return
            }
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
        case 0x46: // First, Filter
            try c.expect(Self.fi)
            if try c.peek() == 0x72 {
                try c.expect(Self.rst)
                try c.skipWhitespace(atLeastOne: true)
                let value = try c.integer()
                if current != nil, current!.first == nil { current!.first = value }
                return
            }
            try c.expect(Self.lter)
            guard try c.atDelimiter() else { throw .noMatch }
            try c.skipWhitespace()
            current?.filter = try ObjectStreamCapture.filter(at: &c)
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

    /// At an `s` inside an object stream's object: `stream` and its end of
    /// line start the data, which `takeObjectStream` gathers from there.
    private mutating func streamStart(_ c: inout ByteCursor) throws(ByteCursor.Failure) {
        guard let object = current, object.isObjectStream, !insideObjectStream else { throw .noMatch }
        // Not the tail of `endstream` or of a longer word.
        if c.index > 0 {
            let before = c.window[c.index - 1]
            guard PDFSyntax.isWhitespace(before) || PDFSyntax.isDelimiter(before) else { throw .noMatch }
        }
        try c.expect(Self.stream)
        // LF or CR LF as the standard says; a lone CR is tolerated.
        guard let eol = try c.peek(), eol == 0x0A || eol == 0x0D else { throw .noMatch }
        c.index += 1
        if eol == 0x0D, try c.peek() == 0x0A { c.index += 1 }
        objectStream = ObjectStreamCapture(filter: object.filter, count: object.n, first: object.first)
    }

    /// Feeds the object stream's data to its capture; at `endstream`, scans
    /// each object it holds under its own number, as if it stood plain.
    private mutating func takeObjectStream(_ w: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> ObjectStreamCapture.Step {
        let step = objectStream!.take(w, from: start, atEnd: atEnd)
        guard case .ended = step, let capture = objectStream else { return step }
        objectStream = nil
        current?.isObjectStream = false
        guard let (text, objects) = capture.objects() else { return step }
        let container = current
        insideObjectStream = true
        text.withUnsafeBufferPointer { all in
            for object in objects {
                current = OpenObject(number: object.number)
                _ = scanTokens(UnsafeBufferPointer(rebasing: all[object.range]), from: 0, atEnd: true)
                closeObject()
            }
        }
        insideObjectStream = false
        current = container
        return step
    }

    /// At an `e`: `endobj` closes the object.
    private mutating func objectEnd(_ c: inout ByteCursor) throws(ByteCursor.Failure) {
        try c.expect(Self.endobj)
        guard try c.atDelimiter() else { throw .noMatch }
        closeObject()
    }

    private mutating func closeObject() {
        guard let object = current else { return }
        // Objects without pages are kept only to replace an earlier version
        // that had some: a file has many objects and few pages.
        if object.pages > 0 || pagesByObject[object.number] != nil { pagesByObject[object.number] = object.pages }
        if object.isPageTree || pageTreeCounts[object.number] != nil {
            pageTreeCounts[object.number] = object.isPageTree ? object.largestCount : nil
        }
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
