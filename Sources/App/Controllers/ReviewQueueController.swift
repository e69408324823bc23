import Domain
import Fluent
import Vapor

/// 待我办理: the applications waiting for the actor's own body at its route step,
/// filterable by level and paged (`ReviewQueueBuilder`), with batch approval for
/// the reviewing bodies. Every row passes the same access rule as acting on it
/// (`reviewApplication`).
struct ReviewQueueController: RouteCollection {
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.reviews, use: list).requires(.reviewApplication)
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
        return try await ReviewQueueBuilder(actor: actor, db: req.db)?.count(level: nil) ?? 0
    }

    /// One page of the queue, oldest submission first (`ReviewQueueBuilder`); each
    /// row still passes the access rule it would meet when opened.
    /// The page asked for is clamped to the last one, so `?page=` never reaches an
    /// offset that overflows (a huge number would otherwise stop the process).
    private func rows(_ req: Request, level: String?, page asked: Int) async throws
        -> (rows: [ReviewQueueBuilder.Row], total: Int, page: Int) {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        guard let queue = try ReviewQueueBuilder(actor: actor, db: req.db) else { return ([], 0, 1) }
        let total = try await queue.count(level: level)
        let page = min(max(1, asked), max(1, (total + Self.pageSize - 1) / Self.pageSize))
        let rows = try await queue.page(page, size: Self.pageSize, level: level)
        return (rows.filter { AccessPolicy.decide(actor, .reviewApplication, .application($0.facts)).isAllowed }, total, page)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await render(req, notice: nil, status: .ok)
    }

    private func render(_ req: Request, notice: String?, status: HTTPResponseStatus) async throws -> Response {
        let level = req.query[String.self, at: "level"]
        let (slice, total, page) = try await rows(req, level: level, page: req.query[Int.self, at: "page"] ?? 1)
        let role = req.actor!.role
        let model = ReviewQueuePage(
            chrome: PageChrome(req: req, title: "待我办理", notice: notice), csrf: try await req.csrfToken(),
            total: total, page: page, pageSize: Self.pageSize, level: level ?? "",
            batchApprove: AccessPolicy.roles(for: .approveInBatch).contains(role),
            approveTitle: role == .cityHR ? "审核通过/备案" : "审核通过",
            rows: slice.map { r in
                ReviewQueuePage.Row(
                    id: r.facts.id.uuidString, path: DeclarationURL(id: r.facts.id).progress, applicant: r.applicantName,
                    level: BasicsForm.levels.first { $0.code == r.targetLevel }?.label ?? r.targetLevel,
                    specialty: r.specialty, unit: r.unitName, state: r.facts.state.label,
                    submittedAt: r.submittedAt.map { BeijingTime.text($0) } ?? "—")
            })
        return model.render().response(status: status)
    }

    /// 批量审核通过: each checked application is approved on its own, through the
    /// same state machine; the page says how many went through and which did not.
    @Sendable func approveChecked(req: Request) async throws -> Response {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        let ids = ((try? req.content.get([String].self, at: "ids")) ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else { return try await render(req, notice: "请先勾选要审核通过的申报。", status: .unprocessableEntity) }
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
        return try await render(req, notice: notice, status: refused.isEmpty ? .ok : .unprocessableEntity)
    }
}
