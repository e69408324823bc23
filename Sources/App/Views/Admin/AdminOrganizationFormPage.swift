import Foundation
import Domain
import Plot
import Fluent
import Vapor

/// 新增机构 / 编辑机构 (system administrator). Without script every field is
/// shown; the employer-only fields sit in their own group and the controller
/// refuses them for other kinds rather than silently dropping what was typed.
struct AdminOrganizationFormPage {
    struct Values: Sendable {
        var name = ""
        var kind = ""
        var division = ""
        var unitKind = ""
        var creditCode = ""
        var cityDirect = false
        var aboveScale = false
        var competentDepartmentID = ""
        var personnelAgencyID = ""
    }

    var chrome: PageChrome
    var csrf: String
    /// nil when creating.
    var organizationID: UUID?
    var isActive = true
    var values = Values()
    var errors = FieldErrors()
    var departments: [Choice]
    var agencies: [Choice]

    static let kindChoices = OrganizationKind.allCases.map { Choice(value: $0.rawValue, label: $0.label) }
    static let divisionChoices = AdministrativeDivision.all.map {
        Choice(value: $0.id, label: $0.kind == .city ? "\($0.name)（市级）" : $0.name)
    }
    static let unitKindChoices = UnitKind.all.map { Choice(value: $0.code, label: $0.label) }

    var action: String {
        organizationID.map { SiteURL.admin(.organization(.value($0))).path } ?? SiteURL.admin(.organizations).path
    }

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel"),
                .p(.a(.href(SiteURL.admin(.organizations).path), .text("← 返回机构列表"))),
                .h1(.text(organizationID == nil ? "新增机构" : "编辑机构")),
                .if(!isActive, .p(.class("notice warning"), .text("此机构已停用。"))),
                .errorSummary(errors),
                .form(
                    .method(.post), .action(action), .class("stacked"), .novalidate(),
                    .csrfField(csrf),
                    .textField("name", label: "机构名称", value: values.name, error: errors["name"],
                               required: true, hint: "与公章一致的全称", maxLength: 60),
                    .selectField("kind", label: "机构类型", choices: Self.kindChoices, selected: values.kind,
                                 error: errors["kind"], required: true),
                    .selectField("division", label: "所在地区", choices: Self.divisionChoices,
                                 selected: values.division, error: errors["division"], required: true),
                    .checkboxField("cityDirect", label: "市直单位（隶属市级部门，而非县区）", checked: values.cityDirect),
                    .textField("creditCode", label: "统一社会信用代码", value: values.creditCode,
                               error: errors["creditCode"], hint: "18位；用人单位必填", autocomplete: "off",
                               maxLength: 18),
                    .fieldset(
                        .element(named: "legend", text: "用人单位信息（仅机构类型为“用人单位”时填写）"),
                        .selectField("unitKind", label: "单位性质", choices: Self.unitKindChoices,
                                     selected: values.unitKind, error: errors["unitKind"]),
                        .div(.class(errors["aboveScale"] == nil ? "" : "has-error"),
                             .unwrap(errors["aboveScale"]) { .p(.class("field-error"), .text($0)) },
                             .checkboxField("aboveScale", label: "规模以上企业（规上）", checked: values.aboveScale)),
                        .selectField("competentDepartmentID", label: "主管部门", choices: departments,
                                     selected: values.competentDepartmentID, error: errors["competentDepartmentID"],
                                     prompt: "无主管部门（按属地申报）"),
                        .selectField("personnelAgencyID", label: "人事档案代理机构", choices: agencies,
                                     selected: values.personnelAgencyID, error: errors["personnelAgencyID"],
                                     prompt: "未办理人事档案代理"),
                        .p(.class("hint"), .text("人事档案代理机构仅适用于非公经济组织和社会组织（通知四（三））。"))
                    ),
                    .submitButton(organizationID == nil ? "创建机构" : "保存")
                )
            )
        )
    }
}

extension AdminOrganizationFormPage {
    /// The form with the departments and agencies a unit may point to: inactive ones only
    /// where already chosen, never the organization itself. `values`/`errors`: as typed when refused.
    static func load(_ req: Request, id: UUID?, values: Values, errors: FieldErrors) async throws -> AdminOrganizationFormPage {
        func choices(_ kind: OrganizationKind) async throws -> [Choice] {
            try await Organization.query(on: req.db).filter(\.$kindRaw == kind.rawValue).sort(\.$name).all()
                // An inactive one stays offered only where it is already the current value.
                .filter { $0.isActive || $0.id?.uuidString == values.competentDepartmentID
                    || $0.id?.uuidString == values.personnelAgencyID }
                .filter { $0.id != id }
                .map { Choice(value: $0.id!.uuidString, label: $0.isActive ? $0.name : "\($0.name)（已停用）") }
        }
        return AdminOrganizationFormPage(
            chrome: PageChrome(req: req, title: id == nil ? "新增机构" : "编辑机构"), csrf: try await req.csrfToken(),
            organizationID: id, values: values, errors: errors,
            departments: try await choices(.competentDepartment), agencies: try await choices(.personnelAgency))
    }
}
