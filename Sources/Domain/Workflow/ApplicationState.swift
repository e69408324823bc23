/// Where an application stands. Only `Workflow` moves it from one state to
/// another; controllers never assign a state.
public enum ApplicationState: String, CaseIterable, Sendable, Codable {
    /// 填写中: the applicant edits and uploads.
    case draft
    /// 已提交单位: locked, waiting for the employer to act (民主评议 comes next).
    case submitted

    public var label: String {
        switch self {
        case .draft: "填写中"
        case .submitted: "已提交单位，待单位受理"
        }
    }

    /// The applicant may change the declaration only while drafting.
    public var isEditable: Bool { self == .draft }
}

/// The typed transitions: who may fire each, from which state, to which.
public enum ApplicationTransition: String, CaseIterable, Sendable {
    /// 提交: the applicant submits the signed declaration to the employer.
    case submit
    /// 撤回: the applicant takes it back before the employer acts.
    case withdraw

    public var label: String {
        switch self {
        case .submit: "提交单位"
        case .withdraw: "撤回申报"
        }
    }

    public var from: ApplicationState {
        switch self {
        case .submit: .draft
        case .withdraw: .submitted
        }
    }

    public var to: ApplicationState {
        switch self {
        case .submit: .submitted
        case .withdraw: .draft
        }
    }

    public var roles: Set<Role> { [.applicant] }

    /// The audit action name of this transition.
    public var auditAction: String { "application.\(rawValue)" }
}
