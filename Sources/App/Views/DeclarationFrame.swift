import Domain
import Plot

/// The frame shared by a declaration's pages: its title, state, and the
/// side menu of sections with their item counts.
struct DeclarationFrame {
    struct Entry {
        var title: String
        var path: String
        var count: Int?
    }

    var heading: String
    var stateLabel: String
    var editable: Bool
    var entries: [Entry]
    var activePath: String

    static func make(_ snapshot: DeclarationSnapshot, activePath: String) -> DeclarationFrame {
        let app = snapshot.application
        let url = DeclarationURL(id: app.id!)
        let level = BasicsForm.levels.first { $0.code == app.targetLevel }?.label ?? ""
        var entries = [Entry(title: "申报概览", path: url.overview), Entry(title: "基本信息", path: url.basics)]
        entries += DeclarationSection.allCases.map {
            Entry(title: $0.title, path: url.section($0), count: snapshot.items(in: $0).count)
        }
        if app.level == .engineer, app.trackValue == .regular {
            // 九: engineers defend one item of their choice.
            entries.append(Entry(title: "答辩材料", path: url.defense))
        }
        entries += [Entry(title: level == "技术员" ? "专业技术工作总结" : "专业技术工作报告", path: url.report),
                    Entry(title: "卷宗材料上传", path: url.files, count: snapshot.files.count),
                    Entry(title: "申报人承诺与提交", path: url.commitment)]
        return DeclarationFrame(heading: "\(app.year)年度\(level)申报（\(app.specialty)）",
                                stateLabel: app.stateValue.label, editable: app.stateValue.isEditable,
                                entries: entries, activePath: activePath)
    }

    func wrap(_ content: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
        .div(
            .class("declaration"),
            .nav(
                .class("declaration-nav"), .ariaLabel("申报各部分"),
                .ul(.forEach(entries) { entry in
                    .li(.a(.href(entry.path),
                           .if(entry.path == activePath, .attribute(named: "aria-current", value: "page")),
                           .text(entry.title),
                           .unwrap(entry.count) { .span(.class("count"), .text(" \($0)")) }))
                })
            ),
            .div(
                .class("declaration-main"),
                .div(.class("page-head"), .h1(.text(heading)),
                     .span(.class("tag \(editable ? "warn" : "ok")"), .text(stateLabel))),
                .if(!editable, .p(.class("notice"), .text("申报已提交，内容已锁定。单位受理前可在“申报人承诺与提交”页撤回后修改。"))),
                .group(content)
            )
        )
    }
}
