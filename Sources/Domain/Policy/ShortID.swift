/// A short ASCII identifier (a clause id such as `3.1.3`, a policy id such as
/// `changzhi-2022`) stored inline in 16 bytes. Findings carry one; keeping it free of
/// reference counting makes a finding a plain value that copies with no atomics.
public struct ShortID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public static let maxLength = 15
    private var storage: (UInt64, UInt64) = (0, 0)   // bytes 0..<15, byte 15 = length

    /// nil when longer than 15 bytes or not ASCII.
    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count <= ShortID.maxLength, utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        withUnsafeMutableBytes(of: &storage) { raw in
            for (i, b) in utf8.enumerated() { raw[i] = b }
            raw[15] = UInt8(utf8.count)
        }
    }

    public init(stringLiteral value: String) {
        guard let id = ShortID(value) else { preconditionFailure("not a short id: \(value)") }
        self = id
    }

    public var count: Int { Int(storage.1 >> 56) }

    public var description: String {
        var s = storage
        return withUnsafeBytes(of: &s) { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<Int(raw[15])]), as: UTF8.self)
        }
    }

    public static func == (a: ShortID, b: ShortID) -> Bool { a.storage == b.storage }
    public func hash(into h: inout Hasher) { h.combine(storage.0); h.combine(storage.1) }
    public static func < (a: ShortID, b: ShortID) -> Bool { a.description < b.description }

    /// Appends the bytes without building a String.
    func write(to t: inout TextBuffer) {
        var s = storage
        withUnsafeBytes(of: &s) { raw in
            t.append(raw: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), Int(raw[15]))
        }
    }
}
