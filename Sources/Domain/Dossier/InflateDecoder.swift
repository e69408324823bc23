// The DEFLATE decoder behind `Inflate` (RFC 1951 section 3.2).

/// One decompression: input position and bit buffer, the output buffer, and
/// the two Huffman tables, all in manually managed memory freed on `deinit`
/// (noncopyable, so there is exactly one owner).
struct InflateDecoder: ~Copyable {
    private let input: UnsafeBufferPointer<UInt8>
    private var pos: Int
    /// Input bits not yet consumed, first bit lowest; `bitCount` of them are valid.
    private var bits: UInt64 = 0
    private var bitCount = 0
    private var out: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private let limit: Int
    /// Both tables, the code lengths being read, and the length/distance base tables.
    private let memory: UnsafeMutablePointer<UInt16>
    private let lit: HuffmanTable, dist: HuffmanTable
    private let lengths: UnsafeMutablePointer<UInt16>, bases: UnsafeMutablePointer<UInt16>

    // RFC 1951 3.2.5: length codes 257...285 and distance codes 0...29.
    private static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                               35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [UInt16] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                                3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                                 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                                 8193, 12289, 16385, 24577]
    private static let distanceExtra: [UInt16] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                                  7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order code-length code lengths are sent in (3.2.7).
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    init(input: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int) {
        self.input = input; pos = start; self.limit = limit
        // A guess that fits most PDF object streams; grows by doubling.
        capacity = min(limit, max(4096, input.count * 4))
        out = .allocate(capacity: capacity)
        let words = 2 * HuffmanTable.storage + 320 + 118
        memory = .allocate(capacity: words)
        memory.initialize(repeating: 0, count: words)
        lit = HuffmanTable(memory)
        dist = HuffmanTable(memory + HuffmanTable.storage)
        lengths = memory + 2 * HuffmanTable.storage
        bases = lengths + 320
        for (k, table) in [Self.lengthBase, Self.lengthExtra, Self.distanceBase, Self.distanceExtra].enumerated() {
            (bases + [0, 29, 58, 88][k]).update(from: table, count: table.count)
        }
    }

    deinit { out.deallocate(); memory.deallocate() }

    /// All blocks, up to and including the one marked final.
    mutating func inflate() throws(Inflate.Failure) {
        var final = false
        while !final {
            final = try take(1) == 1
            switch try take(2) {
            case 0: try stored()
            case 1:
                // Fixed code (3.2.6): 0-143: 8 bits, 144-255: 9, 256-279: 7, 280-287: 8; distances 5 bits.
                for s in 0..<288 { lengths[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8 }
                try lit.build(lengths, 288)
                (lengths + 288).update(repeating: 5, count: 30)
                try dist.build(lengths + 288, 30)
                try codes()
            case 2: try dynamicTables(); try codes()
            default: throw .invalidBlockType
            }
        }
    }

    consuming func output() -> [UInt8] { Array(UnsafeBufferPointer(start: out, count: count)) }

    /// The big-endian Adler-32 after the last block, on a byte boundary.
    mutating func readTrailer() throws(Inflate.Failure) -> UInt32 {
        alignToByte()
        guard pos + 4 <= input.count else { throw .truncated }
        var value: UInt32 = 0
        for k in 0..<4 { value = value << 8 | UInt32(input[pos + k]) }
        pos += 4
        return value
    }

    func adler32() -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0, i = 0
        while i < count {
            let end = min(i + 5552, count) // the most bytes before b can overflow 32 bits
            while i < end { a &+= UInt32(out[i]); b &+= a; i += 1 }
            a %= 65521; b %= 65521
        }
        return b << 16 | a
    }

    // MARK: Bits

    /// Tops the bit buffer up to at least 56 bits while input remains. With 8
    /// bytes left it loads a whole word: the bits past `bitCount` are then the
    /// next bytes' own, and OR-ing them in again later changes nothing.
    private mutating func refill() {
        if pos + 8 <= input.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(input.baseAddress! + pos).loadUnaligned(as: UInt64.self))
            bits |= word &<< UInt64(bitCount)
            pos += (63 - bitCount) >> 3
            bitCount |= 56
        } else {
            while bitCount <= 56, pos < input.count {
                bits |= UInt64(input[pos]) &<< UInt64(bitCount); pos += 1; bitCount += 8
            }
        }
    }

    private mutating func take(_ n: Int) throws(Inflate.Failure) -> Int {
        if bitCount < n { refill(); if bitCount < n { throw .truncated } }
        let value = Int(truncatingIfNeeded: bits & (1 &<< UInt64(n) &- 1))
        bits &>>= UInt64(n); bitCount -= n
        return value
    }

    /// Drops the partial byte and gives back the whole bytes still buffered.
    private mutating func alignToByte() {
        bitCount -= bitCount & 7
        pos -= bitCount >> 3
        bits = 0; bitCount = 0
    }

    private mutating func decode(_ table: HuffmanTable) throws(Inflate.Failure) -> Int {
        if bitCount < 15 { refill() }
        let entry = Int(table.fast[Int(truncatingIfNeeded: bits) & (HuffmanTable.fastSize - 1)])
        let len = entry & 15
        if len != 0, len <= bitCount {
            bits &>>= UInt64(len); bitCount -= len
            return entry >> 4
        }
        // Longer than the table, unassigned, or near the end of the input: one bit at a time.
        var code = 0, first = 0, index = 0
        for len in 1...15 {
            code |= try take(1)
            let n = Int(table.counts[len])
            if code - first < n { return Int(table.symbols[index + code - first]) }
            index += n; first = (first + n) << 1; code <<= 1
            if index >= Int(table.counts[0]) { break } // no longer codes: these bits match none
        }
        throw .invalidSymbol
    }

    // MARK: Blocks

    private mutating func stored() throws(Inflate.Failure) {
        alignToByte()
        guard pos + 4 <= input.count else { throw .truncated }
        let len = Int(input[pos]) | Int(input[pos + 1]) << 8
        let nlen = Int(input[pos + 2]) | Int(input[pos + 3]) << 8
        guard len == ~nlen & 0xFFFF else { throw .storedLengthMismatch }
        pos += 4
        guard pos + len <= input.count else { throw .truncated }
        try reserve(len)
        (out + count).initialize(from: input.baseAddress! + pos, count: len)
        count += len; pos += len
    }

    /// 3.2.7: the code-length code, then the literal/length and distance code lengths.
    private mutating func dynamicTables() throws(Inflate.Failure) {
        let nlit = try take(5) + 257, ndist = try take(5) + 1, nclen = try take(4) + 4
        guard nlit <= 286, ndist <= 30 else { throw .invalidCodeLengths }
        lengths.update(repeating: 0, count: 19)
        for k in 0..<nclen { lengths[Self.codeLengthOrder[k]] = UInt16(try take(3)) }
        try lit.build(lengths, 19) // the literal table's memory is free until its own build
        var k = 0
        while k < nlit + ndist {
            let symbol = try decode(lit)
            if symbol < 16 { lengths[k] = UInt16(symbol); k += 1; continue }
            var value: UInt16 = 0, repeats: Int
            switch symbol {
            case 16:
                guard k > 0 else { throw .invalidCodeLengths }
                value = lengths[k - 1]; repeats = try take(2) + 3
            case 17: repeats = try take(3) + 3
            default: repeats = try take(7) + 11
            }
            guard k + repeats <= nlit + ndist else { throw .invalidCodeLengths }
            (lengths + k).update(repeating: value, count: repeats)
            k += repeats
        }
        guard lengths[256] != 0 else { throw .invalidCodeLengths } // end-of-block must be codable
        try lit.build(lengths, nlit)
        try dist.build(lengths + nlit, ndist)
    }

    /// Literals and back-references up to end-of-block (256).
    private mutating func codes() throws(Inflate.Failure) {
        while true {
            let symbol = try decode(lit)
            if symbol < 256 {
                if count == capacity { try reserve(1) }
                out[count] = UInt8(truncatingIfNeeded: symbol); count += 1
                continue
            }
            if symbol == 256 { return }
            guard symbol <= 285 else { throw .invalidSymbol }
            let length = Int(bases[symbol - 257]) + (try take(Int(bases[29 + symbol - 257])))
            let code = try decode(dist)
            guard code < 30 else { throw .invalidSymbol }
            let distance = Int(bases[58 + code]) + (try take(Int(bases[88 + code])))
            guard distance <= count else { throw .distanceTooFar }
            try reserve(length)
            let to = out + count, from = to - distance
            if distance == 1 {
                to.initialize(repeating: from.pointee, count: length)
            } else if distance >= length {
                to.initialize(from: from, count: length) // no overlap
            } else {
                for i in 0..<length { to[i] = from[i] } // overlap repeats the last `distance` bytes
            }
            count += length
        }
    }

    /// Room for `extra` more bytes, doubling the buffer; never past `limit`.
    private mutating func reserve(_ extra: Int) throws(Inflate.Failure) {
        let needed = count + extra
        guard needed > capacity else { return }
        guard needed <= limit else { throw .outputLimit }
        let size = min(limit, max(needed, capacity * 2))
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        grown.initialize(from: out, count: count)
        out.deallocate()
        out = grown; capacity = size
    }
}
