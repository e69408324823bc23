/// A growable UTF-8 byte buffer. The eligibility messages and the answer JSON are
/// written straight into one of these: building Swift `String`s piece by piece and
/// then encoding them would cost several allocations per finding, and the batch
/// command writes a few hundred megabytes of answers a second.
struct TextBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count: Int
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
        count = 0
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    subscript(i: Int) -> UInt8 { base[i] }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Forgets everything from `newCount` on.
    mutating func truncate(to newCount: Int) { count = min(count, max(0, newCount)) }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        let newCapacity = max(capacity * 2, needed)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ s: StaticString) {
        append(raw: s.utf8Start, s.utf8CodeUnitCount)
    }

    @inline(__always)
    mutating func append(raw p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        let dst = base + count
        // Most pieces are a few bytes of fixed text; a plain loop beats a memmove call.
        if n <= 24 {
            var i = 0
            while i < n { dst[i] = p[i]; i += 1 }
        } else {
            dst.update(from: p, count: n)
        }
        count += n
    }

    @inline(__always)
    mutating func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(contentsOf u: UnsafeBufferPointer<UInt8>) {
        if let p = u.baseAddress { append(raw: p, u.count) }
    }

    mutating func append(string s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }

    mutating func append(_ other: borrowing TextBuffer) {
        other.withBytes { append(contentsOf: $0) }
    }

    mutating func append(int value: Int) {
        if value < 0 { append(byte: UInt8(ascii: "-")) }
        var v = value.magnitude
        if v < 10 { append(byte: 48 + UInt8(v)); return }
        var digits = 0
        var t = v
        while t > 0 { digits += 1; t /= 10 }
        reserve(digits)
        var i = count + digits - 1
        while v > 0 { base[i] = 48 + UInt8(v % 10); v /= 10; i -= 1 }
        count += digits
    }

    /// A number with up to `decimals` fraction digits, trailing zeros dropped (0.25, 0.4, 300).
    mutating func append(number: Double, decimals: Int = 6) {
        if number == number.rounded(), abs(number) < 1e15 { append(int: Int(number)); return }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(number) * scale).rounded())
        if number < 0 { append(byte: UInt8(ascii: "-")) }
        append(int: scaled / Int(scale))
        var frac = scaled % Int(scale), width = decimals
        while width > 0 && frac % 10 == 0 { frac /= 10; width -= 1 }
        guard width > 0 else { return }
        append(byte: UInt8(ascii: "."))
        var digits = [UInt8](repeating: 48, count: width)
        for i in stride(from: width - 1, through: 0, by: -1) { digits[i] = 48 + UInt8(frac % 10); frac /= 10 }
        digits.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    @inline(__always)
    private mutating func append2(_ v: Int) {
        reserve(2)
        base[count] = 48 + UInt8(v / 10); base[count + 1] = 48 + UInt8(v % 10)
        count += 2
    }

    /// `YYYY-MM-DD`.
    mutating func appendISO(_ d: LocalDate) {
        append2(d.year / 100); append2(d.year % 100)
        append(byte: UInt8(ascii: "-")); append2(d.month)
        append(byte: UInt8(ascii: "-")); append2(d.day)
    }

    /// `2022年8月25日`.
    mutating func appendChinese(_ d: LocalDate) {
        append(int: d.year); append("年")
        append(int: d.month); append("月")
        append(int: d.day); append("日")
    }

    /// `2年10个月`, `3年`, `8个月`, `不足1个月`.
    mutating func appendSpan(months: Int) {
        let m = max(0, months)
        if m == 0 { append("不足1个月"); return }
        if m >= 12 { append(int: m / 12); append("年") }
        if m % 12 != 0 { append(int: m % 12); append("个月") }
    }

    /// A JSON string literal with quotes; escapes what JSON requires.
    mutating func appendJSONString(_ s: String) {
        var s = s
        s.withUTF8 { appendJSONString(utf8: $0) }
    }

    mutating func appendJSONString(utf8 u: UnsafeBufferPointer<UInt8>) {
        append(byte: UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<u.count {
            let c = u[i]
            guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
            append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i]))
            runStart = i + 1
            switch c {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            default:
                let hex: StaticString = "0123456789abcdef"
                append("\\u00")
                append(byte: hex.utf8Start[Int(c >> 4)]); append(byte: hex.utf8Start[Int(c & 15)])
            }
        }
        append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<u.count]))
        append(byte: UInt8(ascii: "\""))
    }
}
