import Domain
import Exports
import Fluent
import Vapor

/// 评审材料汇总表 (六.1, 六.2): what a reporting body passes on, as a page, as the
/// notice's form printed on A4 landscape, and as .xlsx and CSV downloads. Rows pass
/// `SummaryTable.includes` (never a returned or rejected application) and the same
/// access rule as opening the application; mobiles are masked for all but those
/// `PersonalData` allows.
struct SummaryTableController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.summary, use: show).requires(.viewSummaryTable)
        routes.get(.summaryPrint, use: print).requires(.viewSummaryTable)
        routes.get(.summaryExport, use: export).requires(.viewSummaryTable)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let level = req.query[String.self, at: "level"] ?? ""
        let rows = try await SummaryTableBuilder(req: req).rows(level: level)
        return SummaryTablePage(chrome: PageChrome(req: req, title: "评审材料汇总表"), level: level,
                                cells: SummaryTable.cells(rows), error: nil).render().response()
    }

    @Sendable func print(req: Request) async throws -> Response {
        let level = req.query[String.self, at: "level"] ?? ""
        let rows = try await SummaryTableBuilder(req: req).rows(level: level)
        let year = try ReviewYear(req.policies.current)
        return SummaryTablePrintPage(
            year: year.year, reportingBody: req.currentUser?.$organization.value?.name ?? "",
            date: req.today.chinese, level: BasicsForm.levels.first { $0.code == level }?.label,
            back: level.isEmpty ? SiteURL.summary.path : SiteURL.summary.path(query: ["level": level]),
            cells: SummaryTable.cells(rows)
        ).render().response()
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
/// with their applicants and units, then the declaration items the columns count).
struct SummaryTableBuilder {
    let req: Request

    /// The sections whose items fill a column: education and titles by value, the rest counted.
    static let sections: [DeclarationSection] = [.education, .titles, .papers, .books, .technicalMaterials,
                                                 .technicalReports, .achievements]

    func rows(level: String) async throws -> [SummaryTable.Row] {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        var query = ApplicationRecord.query(on: req.db)
            .filter(\.$state ~~ SummaryTable.listedStates.map(\.rawValue))
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
            .filter(\.$section ~~ Self.sections.map(\.rawValue)).all()
        let byApplication = Dictionary(grouping: items, by: { $0.$application.id })
        let education = DeclarationSection.education
        return applications.map { app in
            let mine = byApplication[app.id!] ?? []
            func section(_ s: DeclarationSection) -> [ApplicationItem] { mine.filter { $0.section == s.rawValue } }
            let schools = section(.education)
            let highest = SummaryTable.highestEducation(schools.compactMap { $0.values["level"] })
            let school = schools.first { $0.values["level"] == highest }
            let title = section(.titles).max { ($0.values["qualified"] ?? "") < ($1.values["qualified"] ?? "") }
            let id = app.applicant.idNumber.flatMap { try? ResidentIDNumber($0, today: req.today) }
            let phone = app.applicant.mobile.map { PersonalData(viewer: actor, owner: app.$applicant.id).mobile($0) } ?? ""
            return SummaryTable.Row(
                name: app.applicant.realName, sex: id?.sex.label ?? "", birth: id?.birthDate, unit: app.unit.name,
                education: education.field("level")?.display(highest) ?? "", school: school?.values["school"] ?? "",
                major: school?.values["major"] ?? "", graduated: school?.values["graduated"].flatMap { LocalDate(iso: $0) },
                workStart: app.basicValues["workStart"].flatMap { LocalDate(iso: $0) },
                currentTitle: title?.values["name"] ?? "", titleDate: title?.values["qualified"].flatMap { LocalDate(iso: $0) },
                targetLevel: BasicsForm.levels.first { $0.code == app.targetLevel }?.label ?? app.targetLevel,
                specialty: app.specialty,
                papers: SummaryTable.writtenWork(papers: section(.papers).count, books: section(.books).count,
                                                 technicalMaterials: section(.technicalMaterials).count,
                                                 technicalReports: section(.technicalReports).count),
                achievements: section(.achievements).count, phone: phone, state: app.stateValue.label,
                transfer: app.trackValue == .transfer)
        }
    }
}
