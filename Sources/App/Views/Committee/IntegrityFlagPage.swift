import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 举报疑似虚假材料 (any reviewer of the application): the evidence form, kept as typed
/// when it is refused (十（二））.
struct IntegrityFlagPage {
    var chrome: PageChrome
    var csrf: String
    var applicationID: UUID
    var applicant: String
    var error: String?
    var evidence: String

    static func load(_ req: Request, _ a: ApplicationRecord, error: String? = nil, evidence: String = "") async throws -> IntegrityFlagPage {
        IntegrityFlagPage(chrome: PageChrome(req: req, title: "举报疑似虚假材料"), csrf: try await req.csrfToken(), applicationID: a.id!,
                          applicant: "\(a.applicant.realName)，\(CommitteeUI.levelLabel(a.targetLevel))，\(a.specialty)，\(a.unit.name)",
                          error: error, evidence: evidence)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.errors(error.map { [$0] } ?? []),
            .p(.text("申报人：\(applicant)。")),
            .p(.text("发现申报材料可能虚假的，请写明疑点和证据，提交评委会办公室核查。经核实的，取消评审资格并记入职称评审诚信档案库（十（二））。")),
            CommitteeUI.form(SiteURL.application(.value(applicationID), .integrityFlag).path, csrf: csrf, id: "integrity-flag-form", [
                .textAreaField("evidence", label: "疑点与证据", value: evidence, error: error, required: true, rows: 5,
                               maxLength: IntegrityController.evidenceMax),
            ], submit: "提交评委会办公室核查"),
            .p(.a(.href(DeclarationURL(id: applicationID).progress), .text("返回办理进度"))),
        ])
    }
}
