/// 性别 as the resident ID number encodes it (GB 11643-1999, the 17th digit:
/// odd for male, even for female).
public enum Sex: String, Hashable, Sendable, CaseIterable, Codable {
    case male
    case female

    /// The interface label: 男 / 女.
    public var label: String {
        switch self {
        case .male: return "男"
        case .female: return "女"
        }
    }
}
