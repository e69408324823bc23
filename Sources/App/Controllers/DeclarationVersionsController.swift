import Domain
import Fluent
import Vapor

/// 历次提交: the declaration as it was at each submission, read-only, for whoever
/// may open the application (a return and a resubmission keep both versions).
struct DeclarationVersionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.application(.pattern, .version(.pattern)), use: show).requires(.viewApplication)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let application = try await req.application(for: .viewApplication)
        guard let number = req.parameters.get("number", as: Int.self),
              let version = try await DeclarationVersion.query(on: req.db).filter(\.$application.$id == application.id!)
                .filter(\.$number == number).first() else { throw PageError.notFound }
        let content = try version.decoded()
        // 共N次 counts submissions, not kept versions (the demo's and older submissions have none).
        let count = max(try await UnitEvaluationStore.currentSubmission(application.id!, on: req.db), number)
        let kept = try await DeclarationVersion.query(on: req.db).filter(\.$application.$id == application.id!)
            .field(\.$number).all().map(\.number)
        let sections = DeclarationSection.allCases.compactMap { section -> DeclarationVersionPage.Section? in
            let items = content.items.filter { $0.section == section.rawValue }
            guard !items.isEmpty else { return nil }
            return .init(title: section.title, headers: section.summaryFields.map { section.field($0)?.label ?? $0 },
                         rows: items.map { item in section.summaryFields.map { section.field($0)?.display(item.values[$0]) ?? "" } })
        }
        return DeclarationVersionPage(
            chrome: PageChrome(req: req, title: "第\(number)次提交"), number: number, count: count,
            previous: kept.filter { $0 < number }.max(), next: kept.filter { $0 > number }.min(),
            submittedAt: BeijingTime.text(version.submittedAt), applicant: application.applicant.realName,
            level: BasicsForm.levels.first { $0.code == content.targetLevel }?.label ?? content.targetLevel,
            specialty: content.specialty, sections: sections,
            files: content.files.map { "\(DossierSlot(rawValue: $0.slot)?.title ?? $0.slot)：\($0.name)" },
            reportCharacters: content.workReport.count, url: DeclarationURL(id: application.id!)
        ).render().response()
    }
}
