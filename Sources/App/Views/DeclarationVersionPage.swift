import Plot

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
