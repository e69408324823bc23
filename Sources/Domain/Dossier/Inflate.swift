/// zlib (RFC 1950) and DEFLATE (RFC 1951) decompression, written from the
/// RFCs, for the `/FlateDecode` object streams of PDFs. Pure Swift so Domain
/// needs no system library.
///
/// The input is untrusted, so the output is capped by `limit`: a few KB of
/// deflate can expand to gigabytes. Every read is bounds-checked against the
/// input, and every back-reference against the output so far.
public enum Inflate {
    public enum Failure: Error, Equatable, Sendable {
        case truncated             // the input ended inside a block (or before the checksum)
        case presetDictionary      // FDICT: the stream needs a dictionary we do not have
        case invalidBlockType      // block type 3, reserved
        case storedLengthMismatch  // a stored block's LEN is not the complement of NLEN
        case invalidCodeLengths    // lengths no Huffman code has: over-subscribed, bad repeat, no end-of-block
        case invalidSymbol         // bits that match no code, or a length/distance symbol out of range
        case distanceTooFar        // a back-reference to before the start of the output
        case outputLimit           // the output would grow past `limit`
        case checksumMismatch      // the zlib trailer's Adler-32 differs from the output's
    }

    /// A zlib stream; raw deflate when the first two bytes are not a zlib
    /// header (some PDF writers omit it). PDF readers tolerate a missing or
    /// wrong Adler-32, so `verifyChecksum: false` accepts those.
    public static func zlib(_ bytes: [UInt8], limit: Int, verifyChecksum: Bool = true) throws(Failure) -> [UInt8] {
        guard bytes.count >= 2, isZlibHeader(bytes[0], bytes[1]) else { return try raw(bytes, limit: limit) }
        if bytes[1] & 0x20 != 0 { throw .presetDictionary }
        do throws(Failure) {
            return try run(bytes, from: 2, limit: limit, trailer: verifyChecksum ? .verify : .skip)
        } catch {
            // A raw stream can start with two bytes that pass the header check (1 in ~500).
            if error == .outputLimit { throw error }
            if let output = try? raw(bytes, limit: limit) { return output }
            throw error
        }
    }

    /// Raw DEFLATE, no header or trailer.
    public static func raw(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        try run(bytes, from: 0, limit: limit, trailer: .none)
    }

    /// CM 8 (deflate), window ≤ 32 KB, and the header as a multiple of 31.
    static func isZlibHeader(_ cmf: UInt8, _ flg: UInt8) -> Bool {
        cmf & 0x0F == 8 && cmf >> 4 <= 7 && (Int(cmf) << 8 | Int(flg)) % 31 == 0
    }

    enum Trailer { case none, verify, skip }

    private static func run(_ bytes: [UInt8], from start: Int, limit: Int, trailer: Trailer) throws(Failure) -> [UInt8] {
        try bytes.withUnsafeBufferPointer { input in
            Result { () throws(Failure) -> [UInt8] in
                var decoder = InflateDecoder(input: input, at: start, limit: max(0, limit))
                try decoder.inflate()
                guard trailer != .none else { return decoder.output() }
                let stored = try? decoder.readTrailer()
                if trailer == .verify {
                    guard let stored else { throw .truncated }
                    guard stored == decoder.adler32() else { throw .checksumMismatch }
                }
                return decoder.output()
            }
        }.get()
    }
}

/// A canonical Huffman code (RFC 1951 3.2.2) as two views of one buffer:
/// `fast`, indexed by the next `fastBits` input bits (codes are packed
/// first-bit-first, so the index is the bit-reversed code) and holding
/// `symbol << 4 | length`, 0 where the code is longer or unassigned; and
/// `counts`/`symbols` for decoding those bit by bit.
struct HuffmanTable {
    static let fastBits = 10, fastSize = 1 << fastBits, maxSymbols = 288
    static let storage = fastSize + 16 + 16 + maxSymbols

    let fast: UnsafeMutablePointer<UInt16>
    let counts: UnsafeMutablePointer<UInt16>   // codes of each length 1...15; [0]: codes in all
    let offsets: UnsafeMutablePointer<UInt16>  // scratch: where each length starts in `symbols`
    let symbols: UnsafeMutablePointer<UInt16>  // by code length, then symbol value

    init(_ base: UnsafeMutablePointer<UInt16>) {
        fast = base; counts = base + Self.fastSize; offsets = counts + 16; symbols = offsets + 16
    }

    /// Builds the code from `lengths[0..<n]`. Over-subscribed lengths are
    /// refused; an incomplete code is accepted (RFC 1951 allows a single
    /// distance code) and its unused bit patterns decode as errors.
    func build(_ lengths: UnsafePointer<UInt16>, _ n: Int) throws(Inflate.Failure) {
        counts.update(repeating: 0, count: 16)
        for s in 0..<n { counts[Int(lengths[s])] += 1 }
        counts[0] = UInt16(n) - counts[0]
        var left = 1
        for len in 1...15 {
            left = left << 1 - Int(counts[len])
            if left < 0 { throw .invalidCodeLengths }
        }
        offsets[1] = 0
        for len in 1..<15 { offsets[len + 1] = offsets[len] + counts[len] }
        for s in 0..<n where lengths[s] != 0 {
            let len = Int(lengths[s])
            symbols[Int(offsets[len])] = UInt16(s)
            offsets[len] += 1
        }
        fast.update(repeating: 0, count: Self.fastSize)
        var code = 0, index = 0
        for len in 1...Self.fastBits {
            for _ in 0..<Int(counts[len]) {
                var reversed = 0
                for bit in 0..<len where code & (1 << bit) != 0 { reversed |= 1 << (len - 1 - bit) }
                let entry = symbols[index] << 4 | UInt16(len)
                while reversed < Self.fastSize { fast[reversed] = entry; reversed += 1 << len }
                code += 1; index += 1
            }
            code <<= 1
        }
    }
}
