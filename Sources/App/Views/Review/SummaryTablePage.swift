import Domain
import Fluent
import Plot
import Vapor

/// 评审材料汇总表 on screen, with its downloads.
struct SummaryTablePage {
    var chrome: PageChrome
    var level: String
    /// The rows for the signed-in body; the print page and the downloads use the same.
    var rows: [SummaryTable.Row]
    var error: String?

    var cells: [[String]] { SummaryTable.cells(rows) }

    func render() -> HTML {
        let levels = [Choice(value: "", label: "全部级别")] + BasicsForm.levels.map { Choice(value: $0.code, label: $0.label) }
        let print = level.isEmpty ? SiteURL.summaryPrint.path : SiteURL.summaryPrint.path(query: ["level": level])
        func export(_ format: String) -> String {
            level.isEmpty ? SiteURL.summaryExport.path(query: ["format": format])
                : SiteURL.summaryExport.path(query: ["format": format, "level": level])
        }
        return Layout.page(
            chrome,
            .h1(.text("评审材料汇总表")),
            .p(.class("hint"), .text("县（区）工信局、市直主管部门和市直单位填写的《\(SummaryTable.formTitle)》（六.1、六.2），列出推荐或报送到本机构、仍在办理或已评审通过的申报；已退回修改或未通过审核的不列入。")),
            .unwrap(error) { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
            .form(
                .method(.get), .action(SiteURL.summary.path), .class("filters"),
                .selectField("level", label: "申报级别", choices: levels, selected: level, prompt: nil),
                .submitButton("筛选", style: "secondary")
            ),
            .p(.a(.class("button secondary"), .href(print), .text("打印汇总表（A4横向）")), .text(" "),
               .a(.class("button secondary"), .href(export("xlsx")), .text("下载 Excel（.xlsx）")),
               .text(" "), .a(.class("button secondary"), .href(export("csv")), .text("下载 CSV"))),
            // The columns show even when no application is listed: the body sees what its table holds.
            .div(.class("table-wrap"), .table(
                .class("data"),
                .thead(.tr(.forEach(SummaryTable.headers) { .th(.text($0)) })),
                .tbody(
                    .if(cells.isEmpty, .tr(.td(.attribute(named: "colspan", value: String(SummaryTable.headers.count)),
                                               .class("muted"), .text("暂无申报。")))),
                    .forEach(cells) { row in .tr(.forEach(row) { .td(.text($0)) }) }
                )
            ))
        )
    }
}

extension SummaryTablePage {
    static func load(_ req: Request, level: String, error: String? = nil) async throws -> SummaryTablePage {
        SummaryTablePage(chrome: PageChrome(req: req, title: "评审材料汇总表"), level: level,
                         rows: try await rows(req, level: level), error: error)
    }

    /// The summary table's rows for the signed-in body: two queries (applications with
    /// their applicants and units, then the declaration items the columns count).
    static func rows(_ req: Request, level: String) async throws -> [SummaryTable.Row] {
        guard let actor = req.actor else { throw PageError.signInRequired(expired: false) }
        let applications = try await ApplicationRecord.listedInSummaryTable(for: actor, level: level, on: req.db)
        let byApplication = try await ApplicationItem.summaryTableItems(of: applications.compactMap(\.id), on: req.db)
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
