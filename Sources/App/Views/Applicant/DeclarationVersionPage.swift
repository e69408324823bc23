import Domain
import Fluent
import Plot
import Vapor

/// One submitted version of a declaration, read-only.
struct DeclarationVersionPage {
    struct Section {
        var title: String
        var headers: [String]
        var rows: [[String]]
    }

    var chrome: PageChrome
    var number: Int
    /// How many times the declaration was submitted (a submission made before versions
    /// were kept has none to show, so the neighbours are the kept versions around this one).
    var count: Int
    var previous: Int? = nil
    var next: Int? = nil
    var submittedAt: String
    var applicant: String
    var level: String
    var specialty: String
    var sections: [Section]
    var files: [String]
    var reportCharacters: Int
    var url: DeclarationURL

    func render() -> HTML {
        Layout.page(
            chrome,
            .h1(.text("第\(number)次提交（共\(count)次）")),
            .p(.class("lead"), .text("\(applicant) · \(level) · \(specialty) · 提交于\(submittedAt)")),
            .p(.a(.href(url.progress), .text("返回办理进度")),
               .unwrap(previous) { .group(.text(" · "), .a(.href(url.version($0)), .text("上一次提交"))) },
               .unwrap(next) { .group(.text(" · "), .a(.href(url.version($0)), .text("下一次提交"))) }),
            .forEach(sections) { section in
                .section(
                    .class("panel"),
                    .h2(.text(section.title)),
                    .div(.class("table-wrap"), .table(
                        .class("data"),
                        .thead(.tr(.forEach(section.headers) { .th(.text($0)) })),
                        .tbody(.forEach(section.rows) { row in .tr(.forEach(row) { .td(.text($0)) }) })
                    ))
                )
            },
            .section(
                .class("panel"),
                .h2(.text("材料与报告")),
                .p(.text("专业技术工作报告（总结）\(reportCharacters)字。")),
                .ul(.forEach(files) { .li(.text($0)) })
            )
        )
    }
}

extension DeclarationVersionPage {
    /// Submission `number` of an application (404 when it is not kept), with how many
    /// submissions there were and which neighbours are kept: three queries.
    static func load(_ req: Request, _ application: ApplicationRecord, number: Int) async throws -> DeclarationVersionPage {
        guard let version = try await DeclarationVersion.query(on: req.db).filter(\.$application.$id == application.id!)
            .filter(\.$number == number).first() else { throw PageError.notFound }
        let content = try version.decoded()
        // 共N次 counts submissions, not kept versions (the demo's and older submissions have none).
        let count = max(try await UnitEvaluationStore.currentSubmission(application.id!, on: req.db), number)
        let kept = try await DeclarationVersion.query(on: req.db).filter(\.$application.$id == application.id!)
            .field(\.$number).all().map(\.number)
        let sections = DeclarationSection.allCases.compactMap { section -> Section? in
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
        )
    }
}
