/// The data of one object stream (`n 0 obj << /Type /ObjStm /N … /First …
/// >> stream … endstream`), gathered as the upload streams by, then decoded
/// and cut into the objects it holds (PDF 32000-1 7.5.7).
///
/// Many PDF 1.5+ writers (pdfTeX and qpdf by default, Acrobat's optimizer)
/// put the page dictionaries and the page tree in these streams,
/// compressed, so a scan of the raw bytes sees no page at all.
///
/// Memory stays bounded: only this stream is buffered, and only up to
/// `maxEncodedBytes` (an object stream of page dictionaries is a few KB to
/// a few hundred KB); a larger one is skipped, not held.
struct ObjectStreamCapture: Sendable {
    static let maxEncodedBytes = 4 << 20
    /// Zip-bomb guard: a stream that decodes to more is skipped.
    static let maxDecodedBytes = 8 << 20

    enum Filter: Sendable { case none, flate, unsupported }

    let filter: Filter
    /// `/N`, the number of objects, and `/First`, where the first one starts.
    let count: Int?, first: Int?
    private var data: [UInt8] = []
    private var skipped = false

    init(filter: Filter, count: Int?, first: Int?) {
        self.filter = filter; self.count = count; self.first = first
        // Nothing to gain from the bytes of a stream we cannot decode.
        skipped = filter == .unsupported
    }

    private static let flateDecode = Array("/FlateDecode".utf8)

    /// The value of `/Filter`: `/FlateDecode` or `[/FlateDecode]` is the one
    /// filter we can undo; a chain (`[/ASCII85Decode /FlateDecode]`) or
    /// another filter is not.
    static func filter(at c: inout ByteCursor) throws(ByteCursor.Failure) -> Filter {
        do throws(ByteCursor.Failure) {
            let inArray = try c.peek() == 0x5B
            if inArray { c.index += 1; try c.skipWhitespace() }
            try c.expect(flateDecode)
            guard try c.atDelimiter() else { return .unsupported }
            if inArray { try c.skipWhitespace(); try c.expect([0x5D]) }
            return .flate
        } catch {
            if error == .needMore { throw error }
            return .unsupported
        }
    }

    enum Step: Equatable {
        /// `endstream` starts here; the data is complete.
        case ended(at: Int)
        /// Everything before this index is taken; scan again from it with more bytes.
        case needMore(at: Int)
    }

    private static let endstream = Array("endstream".utf8)

    /// Takes stream data from `start` up to the `endstream` keyword. The
    /// keyword, not `/Length`, ends it: the length is often an indirect
    /// reference to an object further on. Compressed data that happens to
    /// hold the word is cut short and then fails to inflate: it is skipped.
    mutating func take(_ w: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Step {
        let n = w.count, keyword = Self.endstream
        var i = start
        while i + keyword.count <= n {
            if w[i] == 0x65, w[i + 1] == 0x6E, w[i + 2] == 0x64, // "end"
               UnsafeBufferPointer(rebasing: w[(i + 3)..<(i + keyword.count)]).elementsEqual(keyword[3...]) {
                append(w, start..<i)
                return .ended(at: i)
            }
            i += 1
        }
        if atEnd {
            skipped = true // the file ends inside the stream
            return .ended(at: n)
        }
        // The last bytes may be the start of the keyword: keep them for the next chunk.
        let safe = max(start, n - (keyword.count - 1))
        append(w, start..<safe)
        return .needMore(at: safe)
    }

    private mutating func append(_ w: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !skipped, !range.isEmpty else { return }
        guard data.count + range.count <= Self.maxEncodedBytes else {
            skipped = true
            data = []
            return
        }
        data.append(contentsOf: UnsafeBufferPointer(rebasing: w[range]))
    }

    /// The decoded stream and, for each object in it, its number and bytes,
    /// in the order they are stored; nil when the stream could not be
    /// decoded or its header does not hold together.
    func objects() -> (text: [UInt8], objects: [(number: Int, range: Range<Int>)])? {
        guard !skipped, let count, let first, count > 0, first > 0 else { return nil }
        let text: [UInt8]
        switch filter {
        case .none: text = data
        case .flate:
            // Trailing end-of-line bytes before `endstream` follow the final
            // block and are ignored; a missing or wrong checksum is tolerated,
            // as PDF readers do.
            guard let decoded = try? Inflate.zlib(data, limit: Self.maxDecodedBytes, verifyChecksum: false) else { return nil }
            text = decoded
        case .unsupported: return nil
        }
        guard first <= text.count else { return nil }
        // The header: `count` pairs of object number and offset from `first`.
        var starts: [(number: Int, offset: Int)] = []
        starts.reserveCapacity(min(count, first / 2))
        var i = 0
        func integer() -> Int? {
            while i < first, PDFSyntax.isWhitespace(text[i]) { i += 1 }
            var value = 0, digits = 0
            while i < first, PDFSyntax.isDigit(text[i]), digits < 10 {
                value = value * 10 + Int(text[i] - 0x30); i += 1; digits += 1
            }
            return digits > 0 ? value : nil
        }
        for _ in 0..<count {
            guard let number = integer(), let offset = integer(), offset <= text.count - first else { return nil }
            starts.append((number, first + offset))
        }
        // Offsets should rise; sorting costs little and makes each object end where the next begins.
        starts.sort { $0.offset < $1.offset }
        let objects = starts.indices.map { k in
            (number: starts[k].number, range: starts[k].offset..<(k + 1 < starts.count ? starts[k + 1].offset : text.count))
        }
        return (text, objects)
    }
}
