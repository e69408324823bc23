import Domain
import Exports
import Fluent
import Vapor

/// 评审材料汇总表 (六.1, 六.2): what a reporting body passes on, as a page and as
/// .xlsx and CSV downloads. Rows pass `SummaryTable.includes` and the same access
/// rule as opening the application; personal numbers are not in the table.
struct SummaryTableController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.summary, use: show).requires(.viewSummaryTable)
        routes.get(.summaryExport, use: export).requires(.viewSummaryTable)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let level = req.query[String.self, at: "level"] ?? ""
        let rows = try await SummaryTableBuilder(req: req).rows(level: level)
        return SummaryTablePage(chrome: PageChrome(req: req, title: "评审材料汇总表"), level: level,
                                cells: SummaryTable.cells(rows), error: nil).render().response()
    }

    @Sendable func export(req: Request) async throws -> Response {
        let level = req.query[String.self, at: "level"] ?? ""
        let format = try ExportFormat(query: req)
        let rows = try await SummaryTableBuilder(req: req).rows(level: level)
        guard !rows.isEmpty else {
            return SummaryTablePage(chrome: PageChrome(req: req, title: "评审材料汇总表"), level: level, cells: [],
                                    error: "汇总表中没有申报，无法导出；申报推荐或报送到本机构后再导出。")
                .render().response(status: .unprocessableEntity)
        }
        let org = req.currentUser?.$organization.value?.name ?? ""
        let table = ExportTable(title: "评审材料汇总表", headers: SummaryTable.headers,
                                rows: SummaryTable.cells(rows).map { cells in
                                    cells.enumerated().map { $0.offset == 0 ? .number($0.element) : .text($0.element) }
                                })
        try await req.audit(req.auditEntry("summary.export", detail: "\(format.rawValue) \(rows.count) rows"))
        return try format.response(table, asciiName: "summary", chineseName: "评审材料汇总表-\(org)-\(req.today.iso)")
    }
}

/// The summary table's rows for the signed-in body: two queries (applications
/// with their applicants and units, then their education and title items).
struct SummaryTableBuilder {
    let req: Request

    func rows(level: String) async throws -> [SummaryTable.Row] {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        var query = ApplicationRecord.query(on: req.db)
            .filter(\.$state !~ [ApplicationState.draft.rawValue, ApplicationState.submitted.rawValue])
            .with(\.$applicant).with(\.$unit).sort(\.$submittedAt, .ascending)
        switch actor.role {
        case .unitClerk: query = query.filter(\.$unit.$id == actor.organizationID)
        case .countyHR, .countyBureau: query = query.filter(\.$routeCounty == (actor.organizationDivision ?? "-"))
        default: break
        }
        if !level.isEmpty { query = query.filter(\.$targetLevel == level) }
        let applications = try await query.all().filter { record in
            guard let facts = try? record.facts() else { return false }
            return SummaryTable.includes(actor, facts)
                && AccessPolicy.decide(actor, .viewApplication, .application(facts)).isAllowed
        }
        let ids = applications.compactMap(\.id)
        let items = ids.isEmpty ? [] : try await ApplicationItem.query(on: req.db).filter(\.$application.$id ~~ ids)
            .filter(\.$section ~~ [DeclarationSection.education.rawValue, DeclarationSection.titles.rawValue]).all()
        let byApplication = Dictionary(grouping: items, by: { $0.$application.id })
        let education = DeclarationSection.education, titles = DeclarationSection.titles
        return applications.map { app in
            let mine = byApplication[app.id!] ?? []
            let schools = mine.filter { $0.section == education.rawValue }
            let highest = SummaryTable.highestEducation(schools.compactMap { $0.values["level"] })
            let school = schools.first { $0.values["level"] == highest }
            let title = mine.filter { $0.section == titles.rawValue }
                .max { ($0.values["qualified"] ?? "") < ($1.values["qualified"] ?? "") }
            let id = app.applicant.idNumber.flatMap { try? ResidentIDNumber($0, today: req.today) }
            return SummaryTable.Row(
                name: app.applicant.realName, sex: id?.sex.label ?? "", birth: id?.birthDate, unit: app.unit.name,
                education: education.field("level")?.display(highest) ?? "", major: school?.values["major"] ?? "",
                currentTitle: title?.values["name"] ?? "", titleDate: title?.values["qualified"].flatMap { LocalDate(iso: $0) },
                targetLevel: BasicsForm.levels.first { $0.code == app.targetLevel }?.label ?? app.targetLevel,
                specialty: app.specialty, state: app.stateValue.label)
        }
    }
}
