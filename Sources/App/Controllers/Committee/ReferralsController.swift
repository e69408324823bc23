import Domain
import Fluent
import Vapor

/// 提交初级评委会评议: the office refers scored assistant engineers and technicians to the
/// vote, each through `Workflow` (`referToCommittee`: junior level, a quantitative score).
struct ReferralsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.referrals), use: show).requires(.manageCommittee).cachesPage()
        routes.post(.committee(.referrals), use: refer).requires(.manageCommittee)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await ReferralsPage.load(req).render().response()
    }

    @Sendable func refer(req: Request) async throws -> Response {
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let ids = fields.filter { $0.key.hasPrefix("app_") && $0.value == "1" }.compactMap { UUID(uuidString: String($0.key.dropFirst(4))) }
        guard !ids.isEmpty else {
            return try await ReferralsPage.load(req, errors: ["请至少选择一位申报人"]).render().response(status: .unprocessableEntity)
        }
        // The year shown on the list the form was sent from.
        let year = YearPicker.make(req, url: .committee(.referrals)).selected
        let apps = try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ ids).filter(\.$year == year).with(\.$applicant).all()
        let scored = try await CommitteeData.quantitative(for: apps.compactMap(\.id), on: req.db)
        var problems: [String] = []
        if apps.count < ids.count { problems.append("所选申报中有不属于\(year)年度的记录，已忽略") }
        for a in apps {
            var extra = WorkflowRunner.Extra()
            extra.committeeActor = true
            extra.quantitativeScored = scored[a.id!] != nil
            extra.reason = scored[a.id!].map { "量化赋分\($0)分，提交初级评委会评议" } ?? ""
            if case .failure(let r) = try await req.workflow.fire(.referToCommittee, on: a, extra: extra) {
                problems.append("\(a.applicant.realName)：\(r.message)")
            }
        }
        guard problems.isEmpty else {
            return try await ReferralsPage.load(req, errors: problems).render().response(status: .unprocessableEntity)
        }
        return req.redirect(to: CommitteeYear.path(req, .committee(.referrals), year: year, notice: "saved"))
    }
}
