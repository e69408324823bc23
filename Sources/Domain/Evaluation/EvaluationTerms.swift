/// The employer's evaluation panel (评议组, 四（二）): who sits on it.
public enum PanelMemberRole: String, CaseIterable, Sendable, Codable {
    case massRepresentative = "mass_representative"
    case peerExpert = "peer_expert"
    case unitLeader = "unit_leader"
    case researchManagement = "research_management"

    public var label: String {
        switch self {
        case .massRepresentative: "群众代表"
        case .peerExpert: "同行专家"
        case .unitLeader: "单位领导"
        case .researchManagement: "科研管理部门代表"
        }
    }
}

public struct PanelMember: Sendable, Equatable, Codable {
    public var name: String
    public var role: PanelMemberRole
    /// 职务或职称, as the panel list prints it.
    public var post: String

    public init(name: String, role: PanelMemberRole, post: String) {
        self.name = name; self.role = role; self.post = post
    }
}

/// What the panel rates (四（二）: 职业道德、工作态度、学术技术水平、工作能力和业绩贡献).
public enum EvaluationCriterion: String, CaseIterable, Sendable, Codable {
    case ethics, attitude, academicLevel = "academic_level", ability, contribution

    public var label: String {
        switch self {
        case .ethics: "职业道德"
        case .attitude: "工作态度"
        case .academicLevel: "学术技术水平"
        case .ability: "工作能力"
        case .contribution: "业绩贡献"
        }
    }
}

public enum EvaluationRating: String, CaseIterable, Sendable, Codable {
    case excellent, good, adequate, poor

    public var label: String {
        switch self {
        case .excellent: "优秀"
        case .good: "良好"
        case .adequate: "合格"
        case .poor: "不合格"
        }
    }
}

/// What the appraisal opinion must state (四（二）: 学历、资历、工作能力、业绩成果、学术技术是否符合申报条件).
public enum OpinionItem: String, CaseIterable, Sendable, Codable {
    case education, seniority, ability, achievements, academic

    public var label: String {
        switch self {
        case .education: "学历"
        case .seniority: "资历"
        case .ability: "工作能力"
        case .achievements: "业绩成果"
        case .academic: "学术技术"
        }
    }
}

/// The three publicities (十（一）“三公示”).
public enum PublicityKind: String, CaseIterable, Sendable, Codable {
    case conditions, materials, opinion

    public var label: String {
        switch self {
        case .conditions: "评审条件程序公示"
        case .materials: "个人申报材料公示"
        case .opinion: "单位鉴定意见公示"
        }
    }
}
