/// A county-level or higher area the review deals with: applicants' units report
/// through their county or district (县、区工信局 → 市人社局备案), so the interface
/// offers this list and the data stores the code, not free text.
///
/// Codes and names: 中华人民共和国民政部《中华人民共和国行政区划代码》(GB/T 2260),
/// 2022 edition, which reflects the reorganization of Changzhi approved by the State
/// Council in 2018: 城区 and 郊区 merged into 潞州区 (140403), 长治县 became 上党区
/// (140404), 屯留县 became 屯留区 (140405) and 潞城市 became 潞城区 (140406). The old codes
/// 140402, 140411, 140421, 140424 and 140481 are retired and deliberately absent.
public struct AdministrativeDivision: Hashable, Sendable, Identifiable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable, Codable {
        /// 地级市
        case city
        /// 市辖区
        case district
        /// 县
        case county
        /// 开发区: a management zone set up by the city, not a statutory division,
        /// so it has no GB/T 2260 code; units inside it still report through it.
        case developmentZone

        public var label: String {
            switch self {
            case .city: return "地级市"
            case .district: return "市辖区"
            case .county: return "县"
            case .developmentZone: return "开发区"
            }
        }
    }

    /// The 6-digit GB/T 2260 code; nil for a development zone, which has none.
    public let code: String?
    public let name: String
    public let kind: Kind

    public init(code: String?, name: String, kind: Kind) {
        self.code = code
        self.name = name
        self.kind = kind
    }

    /// The code where there is one, else the name (names are unique in this list).
    public var id: String { code ?? name }
    public var description: String { code.map { "\(name)（\($0)）" } ?? name }

    public static let changzhi = AdministrativeDivision(code: "140400", name: "长治市", kind: .city)

    /// The 12 county-level divisions of 长治市, in code order.
    public static let changzhiCounties: [AdministrativeDivision] = [
        .init(code: "140403", name: "潞州区", kind: .district),
        .init(code: "140404", name: "上党区", kind: .district),
        .init(code: "140405", name: "屯留区", kind: .district),
        .init(code: "140406", name: "潞城区", kind: .district),
        .init(code: "140423", name: "襄垣县", kind: .county),
        .init(code: "140425", name: "平顺县", kind: .county),
        .init(code: "140426", name: "黎城县", kind: .county),
        .init(code: "140427", name: "壶关县", kind: .county),
        .init(code: "140428", name: "长子县", kind: .county),
        .init(code: "140429", name: "武乡县", kind: .county),
        .init(code: "140430", name: "沁县", kind: .county),
        .init(code: "140431", name: "沁源县", kind: .county),
    ]

    public static let changzhiHighTechZone = AdministrativeDivision(
        code: nil, name: "长治高新技术产业开发区", kind: .developmentZone)

    /// Everything a unit may report through: the 12 divisions and the zone.
    public static let changzhiReportingAreas: [AdministrativeDivision] =
        changzhiCounties + [changzhiHighTechZone]

    /// The city, its divisions and the zone.
    public static let all: [AdministrativeDivision] = [changzhi] + changzhiReportingAreas

    /// Short forms seen in units' paperwork, mapped to the full name.
    static let aliases: [String: String] = [
        "长治高新区": "长治高新技术产业开发区",
        "高新区": "长治高新技术产业开发区",
    ]

    /// The division with this name (full name or a known short form), ignoring
    /// surrounding whitespace; nil if it is not one of `all`.
    public static func named(_ name: String) -> AdministrativeDivision? {
        let trimmed = String(IdentifierText.trimmed(name))
        let full = aliases[trimmed] ?? trimmed
        return all.first { $0.name == full }
    }

    /// The division with this 6-digit code; nil for an unknown or retired code.
    public static func code(_ code: String) -> AdministrativeDivision? {
        all.first { $0.code == code }
    }
}
