import Domain
import Plot
import Vapor

/// 申报人承诺 and submission to the employer, or withdrawal before it acts.
struct CommitmentPage {
    /// The record's duration and the notice's number are the bundle's.
    static func commitmentText(_ year: ReviewYear) -> [String] {
        ["本人郑重承诺：",
         "一、本人所填写的申报信息和提交的学历、资历、论文论著、业绩成果、获奖等全部材料真实、准确、合法、有效，不存在弄虚作假、伪造、变造证件或剽窃他人作品和学术成果等行为。",
         "二、本人遵守职称评审的各项纪律，不以任何不正当手段影响评审工作。",
         "三、如有违反，本人愿接受取消当年评审资格、记入职称评审诚信档案库（记录期限\(year.integrityRecordYears)年）并纳入全国信用信息共享平台等处理，并承担相应责任。",
         "（依据：\(year.documentNumber) 十（二）“双承诺”制）"]
    }

    var review: ReviewYear

    var chrome: PageChrome
    var frame: DeclarationFrame
    var url: DeclarationURL
    var csrf: String
    var signedAt: String?
    var submittedAt: String?
    var canSubmit: Bool
    var canWithdraw: Bool
    var missing: [String]
    /// The self-check's failing findings when its verdict is 暂不符合: shown next to
    /// the submit button, which then asks for an explicit acknowledgement.
    var failingFindings: [String] = []
    var integrityNotice: String?
    var error: String?

    func render() -> HTML {
        Layout.page(
            chrome,
            frame.wrap(
                .section(
                    .class("panel commitment"),
                    .h2(.text("申报人承诺")),
                    .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                    .div(.class("commitment-text"), .forEach(Self.commitmentText(review)) { .p(.text($0)) }),
                    .unwrap(signedAt) { at in .p(.class("notice"), .text(frame.isApplicant ? "您已于\(at)签署本承诺。" : "申报人已于\(at)签署本承诺。")) },
                    .if(signedAt == nil && !frame.isApplicant, .p(.class("muted"), .text("申报人尚未签署本承诺。"))),
                    .if(signedAt == nil && frame.editable, .form(
                        .method(.post), .action(url.commitment), .class("stacked"),
                        .csrfField(csrf),
                        .checkboxField("agree", label: "我已阅读并同意以上承诺，对所提交材料的真实性负责", checked: false),
                        .submitButton("签署承诺")
                    ))
                ),
                .section(
                    .class("panel"),
                    .h2(.text("提交单位")),
                    .unwrap(integrityNotice) { .div(.class("error-summary"), .p(.text($0))) },
                    .if(!missing.isEmpty && frame.editable, .div(
                        .class("notice warning"),
                        .p(.text("提交前还需完成：")),
                        .ul(.forEach(missing) { .li(.text($0)) }),
                        .p(.a(.href(url.overview + "#checklist"), .text("查看材料完整性清单")))
                    )),
                    .unwrap(submittedAt) { .p(.text("已于\($0)提交单位，等待单位受理。")) },
                    .if(canSubmit, .form(
                        .method(.post), .action(url.submit),
                        .csrfField(csrf),
                        .p(.class("hint"), .text("提交后申报内容将锁定，由单位组织民主评议和公示。")),
                        .if(!failingFindings.isEmpty, .div(
                            .class("notice warning"), .id("ineligible-warning"), .attribute(named: "role", value: "alert"),
                            .p(.strong(.text("条件自测结果：暂不符合申报条件。")), .text("未满足的条件：")),
                            .ul(.forEach(failingFindings) { .li(.text($0)) }),
                            .p(.text("仍可提交，由单位和各级审核机构审核；不符合条件的申报可能被退回。")),
                            .checkboxField("acknowledgeIneligible", label: "我已了解以上未满足的条件，仍要提交", checked: false)
                        )),
                        .submitButton("提交单位")
                    )),
                    .if(canWithdraw, .form(
                        .method(.post), .action(url.withdraw), .attribute(named: "data-confirm", value: "确定撤回申报吗？撤回后可修改，但需重新签署承诺并再次提交。"),
                        .csrfField(csrf),
                        .p(.class("hint"), .text("单位受理前可撤回申报，撤回后可修改并重新提交（需重新签署承诺）。")),
                        .submitButton("撤回申报", style: "danger")
                    ))
                )
            )
        )
    }
}

extension CommitmentPage {
    /// The declaration as it stands and, for its applicant, an integrity record in force.
    /// `error`: why a signature, submission or withdrawal was refused.
    static func load(_ req: Request, _ application: ApplicationRecord, error: String? = nil) async throws -> CommitmentPage {
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        let url = DeclarationURL(id: application.id!)
        let isOwner = application.$applicant.id == req.currentUser?.id
        let record = isOwner ? try await application.applicantIntegrityRecordUntil(today: req.today, on: req.db) : nil
        let state = application.stateValue
        return CommitmentPage(
            review: try req.policies(for: application).year, chrome: PageChrome(req: req, title: "承诺与提交"), frame: .make(snapshot, activePath: url.commitment, viewer: req.currentUser), url: url,
            csrf: try await req.csrfToken(), signedAt: application.commitmentSignedAt.map { BeijingTime.text($0) },
            // "等待单位受理" only while it does; later states are on the progress page's timeline.
            submittedAt: state == .submitted ? application.submittedAt.map { BeijingTime.text($0) } : nil,
            canSubmit: isOwner && state.isEditable && application.commitmentSignedAt != nil,
            canWithdraw: isOwner && Workflow.available(from: state, role: .applicant).contains(.withdraw),
            missing: snapshot.missing,
            failingFindings: snapshot.answer.verdict == .ineligible
                ? snapshot.answer.findings.filter { $0.outcome == .fail }.map(\.message) : [],
            integrityNotice: record.map { TransitionRefusal.integrityRecord(until: $0).message },
            error: error)
    }
}
