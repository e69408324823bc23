/// Everything an actor may try. Every protected route names one of these, and
/// `AccessPolicy` is the only place that says who may do it.
public enum Action: String, CaseIterable, Sendable {
    /// The signed-in home page and one's own account page.
    case viewOwnHome
    case changeOwnPassword
    /// Organizations: list, create, edit (system administrator).
    case manageOrganizations
    /// Accounts of every role: list, create, disable, enable, reset password.
    case manageAccounts
    /// A competent department creates and manages its units' clerks.
    case manageUnitClerks
    /// Browse the audit log.
    case viewAuditLog
    /// See an ID number or mobile number unmasked.
    case viewPersonalData
    /// See the directory of organizations (bureaus, departments, units).
    case viewOrganizationDirectory
    /// Start, fill and submit one's own declaration (申报).
    case declare
    /// Change a declaration: its sections, files and commitment.
    case editApplication
    /// Read a declaration and download its files.
    case viewApplication
    /// List the declarations that reached one's desk (each row still checked with viewApplication).
    case listApplications
    /// The employer's part: take up, evaluation panel, three publicities, appraisal
    /// opinion, unit commitment, recommendation (四（二）, 十（一）（二）).
    case evaluateApplication
    /// Act on an application waiting at one's own route step: approve, return, reject
    /// (逐级审核), or the office's intake.
    case reviewApplication
    /// Approve several checked applications at once (the reviewing bodies' queues);
    /// each one is still checked with `reviewApplication`.
    case approveInBatch
    /// Reopen the year's declarations for a named unit outside the period, with a
    /// recorded reason (the committee office, 十（三）).
    case reopenDeclarations
    /// The committee stage run by the committee office: the expert pool, panels and
    /// recusal, defense scheduling, quantitative scores, meetings, results, certificates.
    case manageCommittee
    /// A panel expert reads their panel's applicants and enters their own scores; the
    /// object rule refuses an applicant the expert has a conflict with (回避).
    case scoreDefense
    /// A committee member casts a secret ballot; the object rule refuses conflicts too.
    case castBallot
    /// 评审材料汇总表: the reporting bodies' list of what they pass on, and its exports.
    case viewSummaryTable
    /// 收审: open appointment days, check batches in (the committee office).
    case manageIntake
    /// 预约收审: book a day for one's batch (units and reporting bodies, never applicants).
    case bookIntake
    /// 评审费: record payments, see totals and export them (the committee office).
    case manageFees
    /// 论文查重 (七.1): run the duplication check, read the reports and papers' texts,
    /// enter the external ratio, confirm or override the flag (the committee office).
    case checkSimilarity
    /// 举报疑似虚假材料: any reviewer (unit, reviewing bodies, the office, panel experts)
    /// reports suspected false materials with evidence; the office confirms (十（二））.
    case flagIntegrity
    /// 审核确认: the city HR bureau reads a result publicity's list once it is over and
    /// confirms it; certificates for the list are issued only after (人社部《职称评审管理
    /// 暂行规定》: results are confirmed by the HR department).
    case confirmResults
    /// One's own in-app notifications.
    case viewNotifications
    /// 工作日历: add next year's official holiday schedule (the committee office).
    case manageCalendar
    /// 年度政策: upload a new year's policy bundle, see it checked and compared with the
    /// year in use (the committee office; issue 19).
    case managePolicies
}
