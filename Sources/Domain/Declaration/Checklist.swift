/// The completeness checklist of a declaration for its level (五 申报材料):
/// what must be there before it can be submitted, and what is optional.
/// It checks presence, not merit: whether the papers are enough is the
/// eligibility engine's finding, shown beside it.
public struct ChecklistEntry: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case basics
        case workReport
        case section(DeclarationSection)
        case upload(DossierSlot)
        /// The choice of the one item the defense is about (九).
        case defenseItem
    }

    public let title: String
    public let required: Bool
    public let satisfied: Bool
    public let target: Target
    /// What exactly is missing, when it is.
    public let detail: String?

    public init(_ title: String, required: Bool, satisfied: Bool, target: Target, detail: String? = nil) {
        self.title = title
        self.required = required
        self.satisfied = satisfied
        self.target = target
        self.detail = detail
    }

    public var isMissing: Bool { required && !satisfied }
}

public struct ChecklistInput: Sendable {
    public struct Item: Sendable {
        public let id: String
        public let section: DeclarationSection
        public let values: FieldValues
        public init(id: String, section: DeclarationSection, values: FieldValues) {
            self.id = id; self.section = section; self.values = values
        }
    }

    public struct File: Sendable {
        public let slot: DossierSlot
        public let itemID: String?
        public init(slot: DossierSlot, itemID: String?) { self.slot = slot; self.itemID = itemID }
    }

    /// The year's counts the checklist asks for, from the policy bundle.
    public struct Rules: Sendable {
        /// Recommending experts per practical material (七.2: 三名及以上).
        public var expertsRequired: Int
        /// Technical reports of an assistant engineer (三（二）4).
        public var technicalReportsRequired: Int

        public init(expertsRequired: Int, technicalReportsRequired: Int) {
            self.expertsRequired = expertsRequired; self.technicalReportsRequired = technicalReportsRequired
        }

        public init(_ year: ReviewYear) {
            self.init(expertsRequired: year.expertsRequired, technicalReportsRequired: year.technicalReportsRequired)
        }
    }

    public var level: TargetLevel
    public var track: Track
    /// The employer's kind: public institutions add the 岗位工资审批表 (五.4 第四类).
    public var unitKind: UnitKind?
    /// Required basic fields still empty, by label.
    public var missingBasics: [String]
    public var workReportCharacters: Int
    public var items: [Item]
    public var files: [File]
    /// The item chosen for the defense (九), by id.
    public var defenseItemID: String?
    public var rules: Rules

    public init(level: TargetLevel, track: Track, unitKind: UnitKind? = nil, missingBasics: [String],
                workReportCharacters: Int, items: [Item], files: [File], defenseItemID: String? = nil, rules: Rules) {
        self.level = level; self.track = track; self.unitKind = unitKind; self.missingBasics = missingBasics
        self.workReportCharacters = workReportCharacters; self.items = items; self.files = files
        self.defenseItemID = defenseItemID; self.rules = rules
    }
}

public enum Checklist {
    /// A written report shorter than this is not a report (the notice asks for
    /// 基本情况 and 工作业绩综述); an uploaded one in 第八类 also counts.
    public static let minimumReportCharacters = 300

    /// The sections whose items can be the defense's subject (九: 学术论文、工程项目方案、
    /// 行业标准 … 皆可作为答辩的内容) and the 送审论文's entry (七.1).
    public static let defenseSections: [DeclarationSection] = [.papers, .books, .technicalMaterials]

    public static func entries(_ input: ChecklistInput) -> [ChecklistEntry] {
        var out: [ChecklistEntry] = []
        func items(_ s: DeclarationSection) -> [ChecklistInput.Item] { input.items.filter { $0.section == s } }
        func files(_ slot: DossierSlot, item: String? = nil) -> Int {
            input.files.filter { $0.slot == slot && (item == nil || $0.itemID == item) }.count
        }
        func need(_ s: DeclarationSection, _ title: String, atLeast n: Int = 1, required: Bool = true) {
            let count = items(s).count
            out.append(.init(title, required: required, satisfied: count >= n, target: .section(s),
                             detail: count >= n ? nil : (required ? "已填写\(count)项，至少需要\(n)项" : "未填写")))
        }
        func upload(_ slot: DossierSlot, _ title: String, required: Bool = true) {
            out.append(.init(title, required: required, satisfied: files(slot) > 0, target: .upload(slot),
                             detail: files(slot) > 0 ? nil : "尚未上传"))
        }
        /// Every item of the sections needs its own evidence files in `slot` (`per` says how many).
        func evidence(_ sections: [DeclarationSection], _ slot: DossierSlot, _ title: String, required: Bool = true,
                      per: (ChecklistInput.Item) -> Int = { _ in 1 }) {
            let all = sections.flatMap(items)
            guard !all.isEmpty else { return }
            let lacking = all.filter { files(slot, item: $0.id) < per($0) }.map { $0.values["title"] ?? $0.values["name"] ?? "" }
            out.append(.init(title, required: required, satisfied: lacking.isEmpty, target: .upload(slot),
                             detail: lacking.isEmpty ? nil : "缺少：" + lacking.map { "《\($0)》" }.joined(separator: "、")))
        }
        func evidence(_ s: DeclarationSection, _ slot: DossierSlot, _ title: String, nameField: String) {
            evidence([s], slot, title)
        }
        let experts = input.rules.expertsRequired

        out.append(.init("基本信息", required: true, satisfied: input.missingBasics.isEmpty, target: .basics,
                         detail: input.missingBasics.isEmpty ? nil : "未填写：" + input.missingBasics.joined(separator: "、")))
        need(.education, "学历学位（至少1项）")
        need(.assessments, "年度考核（至少近一年）")
        let reportName = input.level == .technician ? "专业技术工作总结" : "专业技术工作报告"
        let hasReport = input.workReportCharacters >= minimumReportCharacters || files(.category8) > 0
        out.append(.init(reportName, required: true, satisfied: hasReport, target: .workReport,
                         detail: hasReport ? nil : "在页面中撰写（不少于\(minimumReportCharacters)字）或在第八类上传"))
        upload(.category3, "第三类：毕业证、学位证及学历证明")
        upload(.photo, "红底小2寸照片")
        if input.unitKind == .publicInstitution {
            upload(.postSalaryApproval, "第四类：专业技术岗位工资审批表（事业单位人员须提供）")
        }

        if input.track == .transfer {
            need(.titles, "现任其他系列职称（同级转评）")
            upload(.category4, "第四类：现任职称证书、聘任书")
        } else {
            switch input.level {
            case .engineer:
                let doctorate = items(.education).contains { $0.values["level"] == "doctorate" }
                let qualified = !items(.titles).isEmpty || !items(.skills).isEmpty || doctorate
                out.append(.init("任职资格（助理工程师职称或技师等级）", required: true, satisfied: qualified,
                                 target: .section(.titles), detail: qualified ? nil : "尚未填写"))
                if !doctorate { upload(.category4, "第四类：职称（技师）证书、聘任书") }
                let outputs = items(.papers).count + items(.technicalMaterials).count
                out.append(.init("学术论文或实用技术材料", required: true, satisfied: outputs > 0,
                                 target: .section(.papers), detail: outputs > 0 ? nil : "尚未填写（须两篇以上）"))
                evidence(.papers, .category6, "第六类：每篇论文的封面、目录、刊号页及正文", nameField: "title")
                evidence([.papers, .books], .paperSearchPage, "每篇论文、论著的知网、万方、维普检索验证网页（加盖公章）")
                evidence(.books, .category6, "第六类：每部论著的封面、版权页、目录及本人撰写部分", nameField: "title")
                evidence(.technicalMaterials, .category6, "第六类：每项实用技术材料全文", nameField: "title")
                let fewExperts = items(.technicalMaterials).filter { SectionRules.expertCount($0.values) < experts }
                if !items(.technicalMaterials).isEmpty {
                    out.append(.init("推荐专家（每项实用技术材料\(experts)名及以上，含专业）", required: true,
                                     satisfied: fewExperts.isEmpty, target: .section(.technicalMaterials),
                                     detail: fewExperts.isEmpty ? nil : "不足\(experts)名：" + fewExperts.map { "《\($0.values["title"] ?? "")》" }.joined(separator: "、")))
                }
                evidence([.technicalMaterials], .expertRecommendation, "《专家推荐意见表》（每位推荐专家一份，本人签名）",
                         per: { max(SectionRules.expertCount($0.values), experts) })
                evidence([.technicalMaterials], .expertCertificate, "推荐专家职称证书（每位推荐专家一份）",
                         per: { max(SectionRules.expertCount($0.values), experts) })
                need(.achievements, "业绩成果（至少1项）")
                evidence(.achievements, .category7, "第七类：每项业绩成果的证明材料", nameField: "name")
                let candidates = Set(defenseSections.flatMap(items).map(\.id))
                let linked = input.files.contains { $0.slot == .submittedPaper && $0.itemID.map(candidates.contains) == true }
                out.append(.init("送审论文全文（PDF 或 Word，对应申报表中的论文或实用技术材料）", required: true, satisfied: linked,
                                 target: .upload(.submittedPaper),
                                 detail: linked ? nil : (files(.submittedPaper) > 0 ? "已上传，但未对应申报表中的条目" : "尚未上传")))
                let chosen = input.defenseItemID.map(candidates.contains) == true
                out.append(.init("答辩材料（从论文、论著、实用技术材料中选定一项）", required: true, satisfied: chosen,
                                 target: .defenseItem, detail: chosen ? nil : "尚未选定"))
            case .assistantEngineer:
                let reports = input.rules.technicalReportsRequired
                need(.technicalReports, "技术报告（\(reports)篇）", atLeast: reports)
                evidence(.technicalReports, .technicalReportText, "技术报告全文（每篇一份）", nameField: "title")
                if !items(.titles).isEmpty { upload(.category4, "第四类：职称证书、聘任书") }
            case .technician:
                break
            }
        }

        upload(.duplicationReport, "送审论文抄袭率检测报告（如已检测）", required: false)
        need(.continuingEducation, "继续教育记录", required: false)
        upload(.category5, "第五类：继续教育培训合格证书", required: false)
        need(.examCertificates, "职称外语、计算机应用能力合格证（自愿提供）", required: false)
        upload(.examCertificate, "职称外语、计算机应用能力考试合格证（自愿提供）", required: false)
        need(.awards, "奖励", required: false)
        upload(.category9, "第九类：奖励证件", required: false)
        upload(.category10, "第十类：其他材料", required: false)
        return out
    }

    /// Titles of what is required and missing (blocks submission).
    public static func missing(_ input: ChecklistInput) -> [String] {
        entries(input).filter(\.isMissing).map { entry in entry.detail.map { "\(entry.title)（\($0)）" } ?? entry.title }
    }
}
