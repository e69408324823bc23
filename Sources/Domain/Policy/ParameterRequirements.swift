/// The parameters the product's rules read from a bundle, each with the JSON kind
/// and the unit it must carry. `PolicyCheck` holds a bundle to this list, so a
/// clerk's bundle that writes `"engineerBachelorYears": {"value": "四", ...}` or
/// gives it the unit 月 is refused with the place named, before anyone relies on it.
///
/// The units are the shipped bundle's own: a unit is part of what a number means
/// (4 年 is not 4 月), so a different unit is a different rule, not a typo to guess
/// around. `docs/policy-bundle.md` prints this list for the clerk.
public struct ParameterRequirement: Sendable, Equatable {
    /// The JSON shape of a parameter's `value`.
    public enum Kind: String, Sendable {
        /// A whole number (`4`).
        case integer
        /// Any number (`0.25`, `1`).
        case number
        /// A string: a contract name such as `associate` or `demerit`.
        case text
        /// `true` or `false`.
        case flag
        /// A list (`[2, 15]`, `["engineering", "science"]`).
        case list

        /// The words of a wrong-type message: `expected integer, found string`.
        var expected: String {
            switch self {
            case .integer: "integer"
            case .number: "number"
            case .text: "string"
            case .flag: "boolean"
            case .list: "list"
            }
        }
    }

    /// Which part of the product reads the parameter.
    public enum Reader: String, Sendable {
        case eligibility, pages, scoring, workflow

        /// The parenthesis of a missing-parameter message (the eligibility one is the loader's own words).
        var readsIt: String {
            switch self {
            case .eligibility: "the eligibility rules read it"
            case .pages: "the pages read it"
            case .scoring: "the defense scoring reads it"
            case .workflow: "the review workflow reads it"
            }
        }

        /// 资格审查 / 页面与通知文字 / 答辩与量化评分 / 评审流程 (for the documentation and the office's page).
        public var label: String {
            switch self {
            case .eligibility: "资格审查规则"
            case .pages: "页面与通知文字"
            case .scoring: "答辩与量化评分"
            case .workflow: "评审流程"
            }
        }
    }

    public let name: String
    public let kind: Kind
    public let unit: String
    public let reader: Reader

    init(_ name: String, _ kind: Kind, _ unit: String, _ reader: Reader) {
        self.name = name; self.kind = kind; self.unit = unit; self.reader = reader
    }

    /// Every parameter a rule reads, in the order of the shipped bundle. The eligibility
    /// rules' list matches `EligibilityParameters`; the others match `ReviewYear`,
    /// `DefenseRules`, `QuantitativeTable` and the committee pages.
    public static let all: [ParameterRequirement] = [
        .init("educationMinimumEngineer", .text, "学历层次", .eligibility),
        .init("educationMinimumAssistantEngineer", .text, "学历层次", .eligibility),
        .init("educationMinimumTechnician", .text, "学历层次", .eligibility),
        .init("relatedDisciplines", .list, "学科门类", .eligibility),
        .init("engineerMasterYears", .integer, "年", .eligibility),
        .init("engineerBachelorYears", .integer, "年", .eligibility),
        .init("engineerWorkerTechnicianYears", .integer, "年", .eligibility),
        .init("workerTechnicianGrades", .list, "技术等级", .eligibility),
        .init("engineeringDegreeReduction", .integer, "年", .eligibility),
        .init("engineeringDegreeMinimum", .text, "学历层次", .eligibility),
        .init("grassrootsYears", .integer, "年", .eligibility),
        .init("grassrootsEducationMinimum", .text, "学历层次", .eligibility),
        .init("assistantAssociateYears", .integer, "年", .eligibility),
        .init("assistantSecondaryVocationalYears", .integer, "年", .eligibility),
        .init("probationYears", .integer, "年", .eligibility),
        .init("technicianDirectEducationMinimum", .text, "学历层次", .eligibility),
        .init("papersRequired", .integer, "篇", .eligibility),
        .init("technicalMaterialsRequired", .integer, "项", .eligibility),
        .init("paperMinCharacters", .integer, "字", .eligibility),
        .init("technicalMaterialMinCharacters", .integer, "字", .eligibility),
        .init("expertRecommendationsRequired", .integer, "名", .eligibility),
        .init("achievementsRequired", .integer, "项", .eligibility),
        .init("leadRank", .integer, "名", .eligibility),
        .init("backboneRanksNational", .list, "名次", .eligibility),
        .init("backboneRanksProvincial", .list, "名次", .eligibility),
        .init("backboneRanksCity", .list, "名次", .eligibility),
        .init("backboneRanksLargeEnterprise", .list, "名次", .eligibility),
        .init("projectMinimumLevels", .list, "项目级别", .eligibility),
        .init("fundedMinimumLevels", .list, "资金支持级别", .eligibility),
        .init("planningMinimumLevels", .list, "规划级别", .eligibility),
        .init("technicalReportsRequired", .integer, "篇", .eligibility),
        .init("assessmentsPerTenureYear", .integer, "次/年", .eligibility),
        .init("recentAssessmentYears", .integer, "个年度", .eligibility),
        .init("passingAssessmentResults", .list, "考核等次", .eligibility),
        .init("uncountedAssessmentResults", .list, "考核等次", .eligibility),
        .init("transferTierEngineer", .text, "职称层级", .eligibility),
        .init("transferTierAssistantEngineer", .text, "职称层级", .eligibility),
        .init("transferTierTechnician", .text, "职称层级", .eligibility),
        .init("transferEngineeringPostYears", .integer, "年", .eligibility),
        .init("governmentSanctionMinimum", .text, "处分种类", .eligibility),
        .init("partySanctionMinimum", .text, "处分种类", .eligibility),
        .init("reviewFeeIntermediate", .integer, "元", .pages),
        .init("reviewFeeJunior", .integer, "元", .pages),
        .init("copyRatioLimit", .number, "比例", .pages),
        .init("copyRatioAtLimitDefends", .flag, "是/否", .pages),
        .init("defenseMaterialWeight", .number, "比例", .scoring),
        .init("defenseLiveWeight", .number, "比例", .scoring),
        .init("defenseGradeRatio", .list, "比例", .scoring),
        .init("reviewScoreDefenseWeight", .number, "比例", .scoring),
        .init("defensePanelSize", .integer, "人", .workflow),
        .init("defenseMinimumScorers", .integer, "人", .scoring),
        .init("quantitativeItemKinds", .list, "赋分项目", .scoring),
        .init("quantitativeItemPoints", .list, "分/项", .scoring),
        .init("quantitativeItemCaps", .list, "分", .scoring),
        .init("resultPublicityWorkingDays", .integer, "工作日", .workflow),
        .init("appealDays", .integer, "日", .workflow),
        .init("publicityMinimumWorkingDays", .integer, "工作日", .workflow),
        .init("integrityRecordYears", .integer, "年", .pages),
        .init("committeeMinimumMembers", .integer, "人", .workflow),
        .init("committeeQuorum", .list, "比例", .workflow),
        .init("committeePassShare", .list, "比例", .workflow),
        .init("committeeMemberTermYears", .integer, "年", .workflow),
        .init("evaluationFormCopies", .integer, "份", .pages),
        .init("reviewFormCopies", .integer, "份", .pages),
        .init("submittedPaperCopies", .integer, "份", .pages),
    ]

    /// Checks the bundle's entry for this parameter: present, its value of the right
    /// kind, its unit the expected one. The first problem names its place.
    func check(in parameters: BundleNode) throws(JSONInputError) {
        guard let entry = try parameters.optionalField(name) else {
            throw JSONInputError(path: parameters.path + [.key(name)], problem: "missing required field (\(reader.readsIt))")
        }
        let value = try entry.field("value")
        let fits: Bool
        switch (kind, value.value) {
        case (.integer, .number(let n)): fits = n == n.rounded() && abs(n) < 1e15
        case (.number, .number): fits = true
        case (.text, .string): fits = true
        case (.flag, .bool): fits = true
        case (.list, .array): fits = true
        default: fits = false
        }
        if !fits {
            if kind == .integer, case .number = value.value { throw value.error("expected integer, found a number with decimals") }
            throw value.typeError(kind.expected)
        }
        let unitNode = try entry.field("unit")
        let found = try unitNode.string()
        if found != unit { throw unitNode.error("expected unit \"\(unit)\", found \"\(found)\"") }
    }
}
