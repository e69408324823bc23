/// One party on an application's way from the employer to the committee office
/// (`shared/contracts/workflow.md`, sections 四（三）, 六 and 十 of the notice).
/// The raw values are the contract's step names, written by `title-review route`.
///
/// Which steps an application passes, in which order, is policy data (the bundle's
/// `routes`); what each party does and on which clause is the bundle's `routeSteps`
/// (`Policy.routeStepInfo`). The names here are not yearly, so they live in code.
public enum RouteStep: String, CaseIterable, Sendable, Codable {
    /// 用人单位: evaluation panel, three publicities, appraisal opinion, recommendation (四（二）, 十（一）).
    case unit
    /// 公共就业和人才服务机构 holding a non-public employee's personnel file (四（三）).
    case personnelAgency
    /// 县（区）人社局 reviews by locality (四（三）, 六（四）).
    case countyHR
    /// 县（区）工信局 reviews and fills the summary table (六（一）, 六（四）).
    case countyIndustryBureau
    /// 市直主管部门 reviews (六（一）, 六（二）).
    case competentDepartment
    /// 市人社局备案: county applications for the intermediate level (四（三）, 六（一）).
    case cityHRFiling
    /// 市人社局审核: city-direct applications for the intermediate level (四（三）).
    case cityHRReview
    /// 评委会办公室收审 (十（三）).
    case committeeOffice

    /// The step's name on a timeline: who acts and how.
    public var label: String {
        switch self {
        case .unit: "用人单位评议推荐"
        case .personnelAgency: "人事档案代理机构报送"
        case .countyHR: "县（区）人社局审核"
        case .countyIndustryBureau: "县（区）工信局审核"
        case .competentDepartment: "主管部门审核"
        case .cityHRFiling: "市人社局备案"
        case .cityHRReview: "市人社局审核"
        case .committeeOffice: "评委会办公室收审"
        }
    }
}

/// The route input's `ownership`: a public unit (国有、集体企事业单位) or a non-public
/// economic or social organization (非公经济组织和社会组织), which applies by
/// locality (四（三）).
public enum UnitOwnership: String, CaseIterable, Sendable, Codable {
    case publicSector = "public"
    case nonPublic = "non_public"

    public var label: String {
        switch self {
        case .publicSector: "企事业单位"
        case .nonPublic: "非公经济组织和社会组织"
        }
    }

    /// The ownership of a unit of the eligibility contract's kind: enterprises and
    /// public institutions are public, non-public and social organizations are not.
    public init(_ kind: UnitKind) {
        switch kind {
        case .publicInstitution, .enterprise: self = .publicSector
        case .nonPublic, .socialOrganization: self = .nonPublic
        }
    }
}

/// What the route depends on about the applicant's unit (the contract's `unit`).
public struct RouteUnit: Sendable, Equatable {
    /// 市直单位.
    public var cityDirect: Bool
    /// GB/T 2260 code of the county or district where the unit is (one of
    /// `AdministrativeDivision.changzhiCounties`); needed only when a county body
    /// is on the route.
    public var county: String?
    public var ownership: UnitOwnership
    /// 有主管部门.
    public var hasCompetentDepartment: Bool
    /// 人事档案由公共就业和人才服务机构代理. Only a non-public unit's staff pass
    /// through the agency (四（三）); for public units the value is ignored.
    public var personnelAgency: Bool

    public init(cityDirect: Bool, county: String?, ownership: UnitOwnership, hasCompetentDepartment: Bool,
                personnelAgency: Bool = false) {
        self.cityDirect = cityDirect
        self.county = county
        self.ownership = ownership
        self.hasCompetentDepartment = hasCompetentDepartment
        self.personnelAgency = personnelAgency
    }
}

/// The parties an application passes, in order, and the county whose bodies act.
public struct ApplicationRoute: Sendable, Equatable {
    public let steps: [RouteStep]
    /// The unit's county when a county body is on the route, else nil (W4).
    public let county: String?
    /// The bundle rule that gave the route (`R1`, `R2`, `R3`).
    public let ruleID: String

    public init(steps: [RouteStep], county: String?, ruleID: String) {
        self.steps = steps
        self.county = county
        self.ruleID = ruleID
    }

    /// The contract's output: `{"route":["unit",...],"county":"140404"}` (or `"county":null`).
    public var json: String {
        var out = TextBuffer()
        out.append("{\"route\":[")
        for (i, step) in steps.enumerated() {
            if i > 0 { out.append(",") }
            out.appendJSONString(step.rawValue)
        }
        out.append("],\"county\":")
        if let county { out.appendJSONString(county) } else { out.append("null") }
        out.append("}")
        return out.string
    }
}

/// Why no route can be given for a unit.
public enum RouteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A county body is on the route but the unit names no county.
    case countyMissing
    /// The county is not one of Changzhi's 12 county-level codes.
    case unknownCounty(String)
    /// The policy has no route for this unit (a loaded bundle covers every unit, so
    /// this means a bundle built by hand).
    case noRule

    /// For the person filling in the unit's details.
    public var message: String {
        switch self {
        case .countyMissing: "该单位的申报须经所在县（区）审核，请选择单位所在的县（区）"
        case .unknownCounty(let code): "“\(code)”不是长治市所辖县（区）的行政区划代码"
        case .noRule: "本年度评审政策未规定该类单位的申报程序，请联系评委会办公室"
        }
    }

    /// The command-line contract's line: the field and the problem.
    public var description: String {
        switch self {
        case .countyMissing:
            return "unit.county: missing required field (a county or district body is on this route)"
        case .unknownCounty(let code):
            var quoted = TextBuffer()
            quoted.appendJSONString(code)
            let codes = AdministrativeDivision.changzhiCounties.compactMap(\.code).joined(separator: ", ")
            return "unit.county: unknown county \(quoted.string) (expected one of: \(codes))"
        case .noRule:
            return "unit: no route in the policy for this unit"
        }
    }
}
