/// The bodies the notice names (一、四、六): who files, who reviews, who employs.
public enum OrganizationKind: String, CaseIterable, Sendable, Codable {
    /// 长治市人力资源和社会保障局: manages the review, files county applications (备案).
    case cityHR
    /// 长治市工业和信息化局: issues the notice; hosts the committee office.
    case cityIndustryBureau
    /// 评委会办公室 (市工信局编制人事科): intake, checks, defense, committee.
    case committeeOffice
    /// 县、区工信局: reviews its county's applications.
    case countyBureau
    /// 县、区人社局: reviews non-public units' applications by locality.
    case countyHR
    /// 主管部门: the supervising department of city-direct units.
    case competentDepartment
    /// 用人单位: an employer.
    case unit
    /// 公共就业和人才服务机构: holds the personnel files of non-public staff.
    case personnelAgency

    public var label: String {
        switch self {
        case .cityHR: "市人社局"
        case .cityIndustryBureau: "市工信局"
        case .committeeOffice: "评委会办公室"
        case .countyBureau: "县（区）工信局"
        case .countyHR: "县（区）人社局"
        case .competentDepartment: "主管部门"
        case .unit: "用人单位"
        case .personnelAgency: "人事档案代理机构"
        }
    }
}
