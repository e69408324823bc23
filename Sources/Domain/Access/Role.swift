/// The roles of the review, each bound to one organization (GLOSSARY.md).
public enum Role: String, CaseIterable, Sendable, Codable {
    case applicant
    case unitClerk
    case competentDepartment
    case countyBureau
    /// 县（区）人社局: reviews non-public units' applications by locality (四（三）).
    case countyHR
    /// 公共就业和人才服务机构: passes on the applications of staff whose files it holds (四（三）).
    case personnelAgency
    case cityHR
    case committeeOffice
    case expert
    case systemAdministrator

    /// The name a user reads on screen.
    public var label: String {
        switch self {
        case .applicant: "申报人"
        case .unitClerk: "单位经办人"
        case .competentDepartment: "主管部门"
        case .countyBureau: "县（区）工信局"
        case .countyHR: "县（区）人社局"
        case .personnelAgency: "人事档案代理机构"
        case .cityHR: "市人社局"
        case .committeeOffice: "评委会办公室"
        case .expert: "评审专家"
        case .systemAdministrator: "系统管理员"
        }
    }

    /// The organization kinds an account of this role may belong to. An expert
    /// works somewhere (an employer, a bureau, a university): any kind will do.
    public var allowedOrganizationKinds: Set<OrganizationKind> {
        switch self {
        case .applicant, .unitClerk: [.unit]
        case .competentDepartment: [.competentDepartment]
        case .countyBureau: [.countyBureau]
        case .countyHR: [.countyHR]
        case .personnelAgency: [.personnelAgency]
        case .cityHR: [.cityHR]
        case .committeeOffice: [.committeeOffice]
        case .expert: Set(OrganizationKind.allCases)
        case .systemAdministrator: [.cityIndustryBureau, .committeeOffice]
        }
    }
}
