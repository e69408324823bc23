/// Lower-case hexadecimal of bytes (digests: session token hashes, the audit chain, file
/// hashes). Written out because `String(format: "%02x")` per byte went through Foundation's
/// formatter: a twentieth of every signed-in request's time (issue 18's profile).
extension Sequence where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
