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

    public var level: TargetLevel
    public var track: Track
    /// Required basic fields still empty, by label.
    public var missingBasics: [String]
    public var workReportCharacters: Int
    public var items: [Item]
    public var files: [File]

    public init(level: TargetLevel, track: Track, missingBasics: [String], workReportCharacters: Int,
                items: [Item], files: [File]) {
        self.level = level; self.track = track; self.missingBasics = missingBasics
        self.workReportCharacters = workReportCharacters; self.items = items; self.files = files
    }
}

public enum Checklist {
    /// A written report shorter than this is not a report (the notice asks for
    /// 基本情况 and 工作业绩综述); an uploaded one in 第八类 also counts.
    public static let minimumReportCharacters = 300

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
        /// Every item of a section needs its own evidence file in `slot`.
        func evidence(_ s: DeclarationSection, _ slot: DossierSlot, _ title: String, nameField: String) {
            let lacking = items(s).filter { files(slot, item: $0.id) == 0 }.map { $0.values[nameField] ?? "" }
            guard !items(s).isEmpty else { return }
            out.append(.init(title, required: true, satisfied: lacking.isEmpty, target: .upload(slot),
                             detail: lacking.isEmpty ? nil : "缺少：" + lacking.map { "《\($0)》" }.joined(separator: "、")))
        }

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
                evidence(.technicalMaterials, .category6, "第六类：每项实用技术材料全文", nameField: "title")
                let certLacking = items(.technicalMaterials).filter {
                    files(.expertCertificate, item: $0.id) < SectionRules.expertCount($0.values)
                }
                if !items(.technicalMaterials).isEmpty {
                    out.append(.init("推荐专家职称证书（每位推荐专家一份）", required: true, satisfied: certLacking.isEmpty,
                                     target: .upload(.expertCertificate),
                                     detail: certLacking.isEmpty ? nil : "缺少：" + certLacking.map { "《\($0.values["title"] ?? "")》" }.joined(separator: "、")))
                }
                need(.achievements, "业绩成果（至少1项）")
                evidence(.achievements, .category7, "第七类：每项业绩成果的证明材料", nameField: "name")
                upload(.submittedPaper, "送审论文全文（PDF 或 Word）")
            case .assistantEngineer:
                need(.technicalReports, "技术报告（两篇）", atLeast: 2)
                if !items(.titles).isEmpty { upload(.category4, "第四类：职称证书、聘任书") }
            case .technician:
                break
            }
        }

        upload(.duplicationReport, "送审论文抄袭率检测报告（如已检测）", required: false)
        need(.continuingEducation, "继续教育记录", required: false)
        upload(.category5, "第五类：继续教育培训合格证书", required: false)
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
