import Domain
import Vapor
import Fluent
import Foundation
import Plot

/// One repeated section of the declaration: its saved items, and a form to
/// add one or edit one.
struct SectionPage {
    struct Row {
        var id: UUID
        var cells: [String]
        /// Why this entry does not count towards the conditions, if it does not.
        var warning: String? = nil
    }

    var chrome: PageChrome
    var frame: DeclarationFrame
    var url: DeclarationURL
    var csrf: String
    var section: DeclarationSection
    var rows: [Row]
    /// The item being edited, or nil when the form adds a new one.
    var editing: UUID?
    var values: FieldValues
    var errors: [String: String]

    func render() -> HTML {
        let headers = section.summaryFields.compactMap { section.field($0)?.label }
        return Layout.page(
            chrome,
            frame.wrap(
                .section(
                    .class("panel"),
                    .h2(.text(section.title)),
                    .p(.class("hint"), .text(section.intro)),
                    .if(rows.isEmpty, .p(.class("muted"), .text("尚未填写。"))),
                    .if(!rows.isEmpty, .div(.class("table-wrap"), .table(
                        .class("data"),
                        .thead(.tr(.forEach(headers) { .th(.text($0)) }, .if(frame.editable, .th(.text("操作"))))),
                        .tbody(.forEach(rows) { row in
                            .tr(
                                .forEach(row.cells.enumerated()) { index, cell in
                                    .td(.text(cell), .if(index == 0, .unwrap(row.warning) {
                                        .div(.span(.class("tag warn"), .text($0)))
                                    }))
                                },
                                .if(frame.editable, .td(.div(
                                    .class("row-actions"),
                                    .a(.class("button small"), .href(url.item(section, row.id)), .text("修改")),
                                    .form(.class("inline"), .method(.post), .action(url.deleteItem(section, row.id)),
                                          .attribute(named: "data-confirm", value: "确定删除这条\(section.title)吗？删除后不能恢复\(row.cells.first.map { "：\($0)" } ?? "")。"),
                                          .csrfField(csrf),
                                          .button(.type(.submit), .class("button small danger"), .text("删除")))
                                )))
                            )
                        })
                    )))
                ),
                .if(frame.editable, .section(
                    .class("panel"), .id("item-form"),
                    .h2(.text(editing == nil ? "添加\(section.title)" : "修改\(section.title)")),
                    .errorSummary(FieldErrors.from(errors)),
                    .form(
                        .method(.post), .action(editing.map { url.item(section, $0) } ?? url.section(section)), .class("stacked"),
                        .csrfField(csrf),
                        .declarationFields(section.fields, values: values, errors: errors),
                        .div(.class("actions"),
                             .button(.type(.submit), .class("button primary"), .text(editing == nil ? "添加" : "保存修改")),
                             .if(editing != nil, .a(.class("button secondary"), .href(url.section(section)), .text("取消"))))
                    )
                ))
            )
        )
    }
}

extension SectionPage {
    /// The section's entries (each with its output-date warning) and the form: a new entry,
    /// or `editing` one, with `values` as stored or as typed when refused.
    static func load(_ req: Request, _ application: ApplicationRecord, _ section: DeclarationSection,
                     editing: UUID?, values: FieldValues, errors: [String: String] = [:]) async throws -> SectionPage {
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        let url = DeclarationURL(id: application.id!)
        let window = OutputDates.window(snapshot.answer)
        let rows = snapshot.items(in: section).map { item in
            Row(id: item.id!, cells: section.summaryFields.map { name in
                section.field(name)?.display(item.values[name]) ?? ""
            }, warning: OutputDates.warning(section, item.values, window: window))
        }
        return SectionPage(chrome: PageChrome(req: req, title: section.title), frame: .make(snapshot, activePath: url.section(section), viewer: req.currentUser),
                           url: url, csrf: try await req.csrfToken(), section: section, rows: rows, editing: editing,
                           values: values, errors: errors)
    }
}
