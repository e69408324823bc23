/// Where an application stands. Only `Workflow` moves it from one state to
/// another; controllers never assign a state.
///
/// After the employer the application waits at one reviewing body after another,
/// along its route (`shared/contracts/workflow.md`); each route step has a state of
/// its own, so a body's queue is one indexed filter on the state column.
public enum ApplicationState: String, CaseIterable, Sendable, Codable {
    /// 填写中: the applicant edits and uploads.
    case draft
    /// 已提交单位: locked, waiting for the employer to take it up (the applicant may withdraw).
    case submitted
    /// 单位评议推荐中: evaluation panel, three publicities, appraisal opinion (四（二）, 十（一）).
    case unitReview = "unit_review"
    /// 待人事代理机构审核 (四（三）).
    case agencyReview = "agency_review"
    /// 待县（区）人社局审核 (四（三）, 六.4).
    case countyHRReview = "county_hr_review"
    /// 待县（区）工信局审核 (六.1, 六.4).
    case countyIndustryReview = "county_industry_review"
    /// 待主管部门审核 (六.1, 六.2).
    case departmentReview = "department_review"
    /// 待市人社局备案 (四（三）, 六.1).
    case cityHRFiling = "city_hr_filing"
    /// 待市人社局审核 (四（三）).
    case cityHRReview = "city_hr_review"
    /// 待评委会办公室收审 (十（三）).
    case intake
    /// 评委会办公室已收审受理: the committee stage takes it from here.
    case accepted
    /// 退回修改: a reviewer sent it back; the applicant corrects and submits again.
    case returned
    /// 未通过审核: refused with a reason at some level (final for the year).
    case rejected
    /// 取消评审资格: false materials confirmed (十（二）), final for the year.
    case cancelled
    /// 已安排答辩: the committee office assigned a panel, a room and a time (九).
    case scheduled
    /// 答辩完毕，待评委会表决: the panel closed with a grade of 优 or 中.
    case defended
    /// 答辩成绩为差，列为淘汰对象 (九).
    case eliminated
    /// 待评委会评议表决: an assistant engineer or technician whose quantitative score the
    /// office recorded and referred to the 初级评委会 (九: juniors have no defense), or one
    /// whose result a 复查 sent back to the vote.
    case awaitingVote = "awaiting_vote"
    /// 评审通过: the committee's vote reached two thirds of the members present.
    case passed
    /// 评审未通过: the committee's vote fell short.
    case failed
    /// 已发证: the result was publicized and the certificate issued.
    case certified

    public var label: String {
        switch self {
        case .draft: "填写中"
        case .submitted: "已提交单位，待单位受理"
        case .unitReview: "单位评议推荐中"
        case .agencyReview: "待人事代理机构审核"
        case .countyHRReview: "待县（区）人社局审核"
        case .countyIndustryReview: "待县（区）工信局审核"
        case .departmentReview: "待主管部门审核"
        case .cityHRFiling: "待市人社局备案"
        case .cityHRReview: "待市人社局审核"
        case .intake: "待评委会办公室收审"
        case .accepted: "评委会办公室已受理"
        case .returned: "已退回修改"
        case .rejected: "未通过审核"
        case .cancelled: "已取消评审资格"
        case .scheduled: "已安排答辩"
        case .defended: "答辩完毕，待评委会表决"
        case .eliminated: "答辩成绩为差，列为淘汰对象"
        case .awaitingVote: "量化赋分完毕，待评委会评议表决"
        case .passed: "评审通过"
        case .failed: "评审未通过"
        case .certified: "评审通过，已发证"
        }
    }

    /// The applicant may change the declaration while drafting or after it came back.
    public var isEditable: Bool { self == .draft || self == .returned }

    /// Waiting for a committee's vote: engineers after their defense, juniors after referral.
    public static let votingStates: [ApplicationState] = [.defended, .awaitingVote]

    /// Nothing moves it any more this year (a 复查 decision may still send a decided
    /// result back for re-review: `ApplicationTransition.reexamine`).
    public var isFinal: Bool { self == .rejected || self == .cancelled || self == .eliminated || self == .failed || self == .certified }

    /// After intake: the committee stage (defense, vote, result, certificate).
    public var isCommitteeStage: Bool { ApplicationState.committeeStates.contains(self) }

    /// The committee stage's states, in order.
    public static let committeeStates: [ApplicationState] = [.accepted, .scheduled, .defended, .eliminated, .awaitingVote, .passed, .failed, .certified]

    /// The route step whose party must act now, if the application waits at one.
    public var step: RouteStep? {
        switch self {
        case .submitted, .unitReview: .unit
        case .agencyReview: .personnelAgency
        case .countyHRReview: .countyHR
        case .countyIndustryReview: .countyIndustryBureau
        case .departmentReview: .competentDepartment
        case .cityHRFiling: .cityHRFiling
        case .cityHRReview: .cityHRReview
        case .intake: .committeeOffice
        case .draft, .accepted, .returned, .rejected, .cancelled,
             .scheduled, .defended, .eliminated, .awaitingVote, .passed, .failed, .certified: nil
        }
    }

    /// The state in which an application waits for a route step's party.
    public static func awaiting(_ step: RouteStep) -> ApplicationState {
        switch step {
        case .unit: .unitReview
        case .personnelAgency: .agencyReview
        case .countyHR: .countyHRReview
        case .countyIndustryBureau: .countyIndustryReview
        case .competentDepartment: .departmentReview
        case .cityHRFiling: .cityHRFiling
        case .cityHRReview: .cityHRReview
        case .committeeOffice: .intake
        }
    }

    /// The states in which a level above the unit holds the application.
    public static let levelReviewStates: [ApplicationState] =
        [.agencyReview, .countyHRReview, .countyIndustryReview, .departmentReview, .cityHRFiling, .cityHRReview]
}
