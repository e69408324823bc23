/// `UnitKind` (declared with the eligibility profile's enumerations) as the
/// organization directory uses it: a label to show and a stable code to store.
extension UnitKind {
    public static let all: [UnitKind] = [.publicInstitution, .enterprise, .nonPublic, .socialOrganization]

    public var label: String {
        switch self {
        case .publicInstitution: "事业单位"
        case .enterprise: "企业"
        case .nonPublic: "非公经济组织"
        case .socialOrganization: "社会组织"
        }
    }

    /// The contract's spelling (public_institution, ...), used in the database too.
    public var code: String {
        switch self {
        case .publicInstitution: "public_institution"
        case .enterprise: "enterprise"
        case .nonPublic: "non_public"
        case .socialOrganization: "social_organization"
        }
    }

    public init?(code: String) {
        guard let kind = UnitKind.all.first(where: { $0.code == code }) else { return nil }
        self = kind
    }
}
