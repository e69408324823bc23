import Domain
import Fluent
import Vapor

/// 待我办理: the applications waiting for the actor's own body at its route step,
/// filterable by level and paged (`ReviewQueuePage.load`, `ReviewQueueQuery`), with batch approval for
/// the reviewing bodies. Every row passes the same access rule as acting on it
/// (`reviewApplication`).
struct ReviewQueueController: RouteCollection {
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.reviews, use: list).requires(.reviewApplication).cachesPage()
        routes.post(.approveReviews, use: approveChecked).requires(.approveInBatch)
    }

    /// The states in which each role acts.
    static func states(for role: Role) -> [ApplicationState] {
        switch role {
        case .unitClerk: [.submitted, .unitReview]
        case .personnelAgency: [.agencyReview]
        case .countyHR: [.countyHRReview]
        case .countyBureau: [.countyIndustryReview]
        case .competentDepartment: [.departmentReview]
        case .cityHR: [.cityHRFiling, .cityHRReview]
        case .committeeOffice: [.intake]
        case .applicant, .expert, .systemAdministrator: []
        }
    }

    /// How many applications wait for the actor's body (the home page shows it).
    static func waitingCount(_ req: Request) async throws -> Int {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        return try await ReviewQueueQuery(actor: actor, db: req.db)?.count(level: nil) ?? 0
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await ReviewQueuePage.load(req, notice: nil).render().response()
    }

    /// 批量审核通过: each checked application is approved on its own, through the
    /// same state machine; the page says how many went through and which did not.
    @Sendable func approveChecked(req: Request) async throws -> Response {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        let ids = ((try? req.content.get([String].self, at: "ids")) ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else { return try await ReviewQueuePage.load(req, notice: "请先勾选要审核通过的申报。").render().response(status: .unprocessableEntity) }
        var passed = 0
        var refused: [String] = []
        for id in ids.prefix(Self.pageSize) {
            guard let application = try await ApplicationRecord.query(on: req.db).filter(\.$id == id)
                .with(\.$applicant).with(\.$unit).first() else { continue }
            let facts = try application.facts()
            guard AccessPolicy.decide(actor, .reviewApplication, .application(facts)).isAllowed else {
                // Approved already (a second click, a colleague) versus never this body's.
                let why = ReviewParty.hasReached(actor, facts) ? TransitionRefusal.wrongState(application.stateValue).message
                    : "不由您所在的机构办理"
                refused.append("\(application.applicant.realName)：\(why)"); continue
            }
            switch try await req.workflow.fire(.approve, on: application) {
            case .success: passed += 1
            case .failure(let refusal): refused.append("\(application.applicant.realName)：\(refusal.message)")
            }
        }
        let notice = "已审核通过\(passed)件。" + (refused.isEmpty ? "" : "未通过操作：" + refused.joined(separator: "；"))
        return try await ReviewQueuePage.load(req, notice: notice).render().response(status: refused.isEmpty ? .ok : .unprocessableEntity)
    }
}
