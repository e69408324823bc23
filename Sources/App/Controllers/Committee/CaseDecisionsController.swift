import Domain
import Fluent
import Vapor

/// 复查/投诉 decisions: the outcome recorded with the case's resolution and, for a
/// re-review, the `reexamine` transition, in one transaction with the audit record; a
/// closed meeting or panel is never reopened for it (the application goes back instead).
struct CaseDecisionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.caseDecision(.pattern)), use: show).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.caseDecision(.pattern)), use: decide).requires(.manageCommittee)
    }

    private func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("caseID", as: UUID.self) else { throw PageError.notFound }
        return id
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await CaseDecisionPage.load(req, caseID: try caseID(req)).render().response()
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let id = try caseID(req)
        let typed = ["outcome": CommitteeData.field(req, "outcome"), "redo": CommitteeData.field(req, "redo"),
                     "reason": CommitteeData.field(req, "reason")]
        func refuse(_ problem: String) async throws -> Response {
            try await req.audit(req.auditEntry("result.case.decide", objectType: "case", objectID: id.uuidString, outcome: .denied,
                                               detail: problem.prefix(200).description))
            return try await CaseDecisionPage.load(req, caseID: id, errors: [problem], typed: typed).render().response(status: .unprocessableEntity)
        }
        guard let c = try await ResultCase.query(on: req.db).filter(\.$id == id).with(\.$application, { $0.with(\.$applicant) }).first() else {
            throw PageError.notFound
        }
        guard try await CaseDecision.query(on: req.db).filter(\.$resultCase.$id == id).count() == 0 else {
            return try await refuse("该事项已作出决定，不能更改")
        }
        guard let outcome = ReexaminationOutcome(rawValue: typed["outcome"]!) else { return try await refuse("请选择处理结果") }
        let reason = typed["reason"]!
        guard !reason.isEmpty else { return try await refuse("请填写理由") }
        guard reason.count <= CaseDecisionPage.reasonLimit else {
            return try await refuse("理由不超过\(CaseDecisionPage.reasonLimit)字（当前\(reason.count)字）")
        }
        let a = c.application
        let chosen = ReexaminationRedo(rawValue: typed["redo"]!)
        if outcome == .rereview {
            guard let r = chosen, ReexaminationRedo.options(for: a.level).contains(r) else {
                return try await refuse(CommitteeTier.defends(a.level) ? "决定重新评审的，请选择重新进行的环节" : "助理工程师、技术员不参加答辩，只能由评委会重新评议表决")
            }
        } else if !typed["redo"]!.isEmpty {
            return try await refuse("只有“重新评审”需要选择重新进行的环节")
        }
        let redo = outcome == .rereview ? chosen : nil
        let today = req.today, actor = req.currentUser?.realName ?? "-"
        let summary = "\(c.kindLabel)处理决定：\(outcome.label)" + (redo.map { "（\($0.label)）" } ?? "") + "。\(reason)"
        let workflow = req.workflow
        let entry = req.auditEntry("result.case.decide", objectType: "case", objectID: id.uuidString,
                                   detail: "\(outcome.rawValue) \(redo?.rawValue ?? "-") application \(a.id!.uuidString)")
        struct Refused: Error { let message: String }
        do {
            try await req.transaction { db in
                try await CaseDecision(caseID: id, outcome: outcome, redo: redo, reason: reason, decidedOn: today, actorName: actor).create(on: db)
                if let redo {
                    var extra = WorkflowRunner.Extra()
                    extra.committeeActor = true
                    extra.reason = summary
                    extra.reexamineTo = redo.target(for: a.level)
                    if case .failure(let r) = try await workflow.fire(.reexamine, on: a, extra: extra, in: db) {
                        throw Refused(message: r.message)
                    }
                }
                if c.resolution == nil {
                    c.resolution = summary
                    c.resolvedOn = today.iso
                    try await c.update(on: db)
                }
                try await AuditLog.append(entry, on: db)
            }
        } catch let refused as Refused {
            return try await refuse(refused.message)
        }
        return req.redirect(to: SiteURL.committee(.caseDecision(.value(id))).path(query: ["notice": "saved"]))
    }
}
