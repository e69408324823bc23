/// Where an uploaded file goes: the ten categories of the dossier (卷宗, 五.4)
/// and the separate items the notice asks for (送审论文, 查重报告, 照片, and the
/// recommending experts' signed recommendation forms and title certificates of
/// 七.2, the papers' search-result pages of 三（一）4, ...). Items that evidence one
/// declaration entry (a paper, a material, a report) are linked to it.
public enum DossierSlot: String, CaseIterable, Sendable {
    case category1, category2, category3, category4, category5, category6, category7, category8, category9, category10
    /// 送审论文全文 (PDF or DOCX) for the duplication check (七.1).
    case submittedPaper
    /// 送审论文知网抄袭率检测报告, if the applicant already has one (第二类).
    case duplicationReport
    /// 红底小2寸照片 (五.5).
    case photo
    /// 推荐专家本人职称证书复印件, one per expert of a practical material (七.2).
    case expertCertificate
    /// 《专家推荐意见表》 signed by one recommending expert of a practical material (七.2).
    case expertRecommendation
    /// The 知网/万方/维普 search-result page of a paper or book, stamped by the unit's
    /// personnel office (三（一）4).
    case paperSearchPage
    /// The text of an assistant engineer's technical report (三（二）4).
    case technicalReportText
    /// 专业技术岗位工资审批表 of a public-institution applicant (五.4 第四类).
    case postSalaryApproval
    /// 职称外语 or 计算机应用能力 certificate, offered voluntarily (三（七）).
    case examCertificate

    /// 第一类 … 第十类 for the categories; the category a special item is bound into.
    public var category: Int? {
        switch self {
        case .category1: 1
        case .category2, .submittedPaper, .duplicationReport: 2
        case .category3: 3
        case .category4, .postSalaryApproval, .examCertificate: 4
        case .category5: 5
        case .category6, .expertCertificate, .expertRecommendation, .paperSearchPage, .technicalReportText: 6
        case .category7: 7
        case .category8: 8
        case .category9: 9
        case .category10: 10
        case .photo: nil
        }
    }

    public var title: String {
        switch self {
        case .category1: "第一类：单位推荐报告、公示情况一览表"
        case .category2: "第二类：基本材料（业务工作总结等）"
        case .category3: "第三类：毕业证、学位证、学历证明（学信网或毕业生登记表）"
        case .category4: "第四类：职称（职业资格）证书、评审表、聘任书、专技培训证；事业单位岗位工资审批表"
        case .category5: "第五类：继续教育科目培训合格证书"
        case .category6: "第六类：论文、论著及实用技术材料（封面、目录、刊号页及内容）"
        case .category7: "第七类：业绩成果材料"
        case .category8: "第八类：工作能力有关材料（专业技术工作报告及印证材料）"
        case .category9: "第九类：奖励证件"
        case .category10: "第十类：其他"
        case .submittedPaper: "送审论文全文（用于抄袭率检测）"
        case .duplicationReport: "送审论文知网抄袭率检测报告（如已检测）"
        case .photo: "红底小2寸照片"
        case .expertCertificate: "推荐专家职称证书复印件"
        case .expertRecommendation: "《专家推荐意见表》（推荐专家本人签名）"
        case .paperSearchPage: "论文、论著的知网、万方、维普检索验证网页（加盖单位人事（职称）管理部门公章）"
        case .technicalReportText: "技术报告全文（助理工程师）"
        case .postSalaryApproval: "专业技术岗位工资审批表复印件（事业单位人员）"
        case .examCertificate: "职称外语、计算机应用能力考试合格证（自愿提供）"
        }
    }

    /// File kinds accepted, checked against the bytes.
    public var acceptedKinds: [FileKind] {
        switch self {
        case .photo: [.jpeg, .png]
        case .submittedPaper, .technicalReportText: [.pdf, .docx]
        default: [.pdf, .jpeg, .png]
        }
    }

    /// Slots the applicant fills; category 1 is the unit's (recommendation and publicity).
    public static let applicantSlots: [DossierSlot] = allCases.filter { $0 != .category1 }
}

/// The file types the system accepts, recognized by their content (DocumentReading).
public enum FileKind: String, CaseIterable, Sendable {
    case pdf, jpeg, png, docx

    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .jpeg: "JPEG 图片"
        case .png: "PNG 图片"
        case .docx: "Word 文档（DOCX）"
        }
    }

    public var mimeType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        case .docx: "docx"
        }
    }
}
