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
    /// The applicant may change the declaration now (their own, still a draft).
    var editable: Bool
    /// Who is looking: the applicant, or a reviewer (unit, bodies, office) who reads
    /// it read-only and is addressed as such (issue 8, item 7).
    var viewer: Viewer = .applicant
    var entries: [Entry]
    var activePath: String
    /// Who returned it, when and why, while it is returned for correction.
    var returnNote: DeclarationSnapshot.ReturnNote? = nil

    enum Viewer: Equatable {
        case applicant
        /// A reviewing party, by its role's label (单位经办人、评委会办公室 ...).
        case reviewer(String)
    }

    /// `viewer` is the signed-in account: the applicant edits their own draft; anyone
    /// else the access policy lets in reads it.
    static func make(_ snapshot: DeclarationSnapshot, activePath: String, viewer account: UserAccount?) -> DeclarationFrame {
        let app = snapshot.application
        let isApplicant = account?.id != nil && account?.id == app.$applicant.id
        let viewer: Viewer = isApplicant ? .applicant : .reviewer(account?.role.label ?? "审核人")
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
                                stateLabel: app.stateValue.label, editable: isApplicant && app.stateValue.isEditable,
                                viewer: viewer, entries: entries, activePath: activePath, returnNote: snapshot.returnNote)
    }

    var isApplicant: Bool { viewer == .applicant }

    /// The line under the heading when the page is read-only.
    var readOnlyNotice: String? {
        switch viewer {
        case .reviewer(let role):
            "您正以\(role)身份查阅该申报，内容只读；修改只能由申报人本人在撤回后进行。"
        case .applicant where !editable:
            "申报已提交，内容已锁定，以下为只读显示。单位受理前可在“申报人承诺与提交”页撤回后修改。"
        case .applicant:
            nil
        }
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
                .unwrap(returnNote) { note in
                    .div(.class("error-summary"), .id("return-note"), .attribute(named: "role", value: "alert"),
                         .p(.strong(.text("已退回修改：")),
                            .text("\(note.organization)于\(note.when)退回，理由：\(note.reason)")),
                         .if(isApplicant, .p(.text("请按退回理由修改后，在“申报人承诺与提交”页重新提交。"))))
                },
                .unwrap(readOnlyNotice) { .p(.class("notice read-only"), .id("read-only-notice"), .text($0)) },
                .group(content)
            )
        )
    }
}
