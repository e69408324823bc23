import Domain
import Plot
import Fluent
import Vapor

/// 新建账号 (system administrator): any role in an organization of a kind the
/// role allows. The password may be left blank for a generated temporary one.
struct AdminAccountFormPage {
    struct Values: Sendable {
        var realName = ""
        var username = ""
        var role = ""
        var organizationID = ""
        var idNumber = ""
        var mobile = ""
    }

    var chrome: PageChrome
    var csrf: String
    var organizations: [Choice]
    var values = Values()
    var errors = FieldErrors()

    /// Which organization kinds each role may belong to, for the hint.
    static var roleRules: [(String, String)] {
        Role.allCases.map { role in
            let kinds = OrganizationKind.allCases.filter { role.allowedOrganizationKinds.contains($0) }
            return (role.label, kinds.count == OrganizationKind.allCases.count
                ? "任意机构" : kinds.map(\.label).joined(separator: "、"))
        }
    }

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel narrow"),
                .p(.a(.href(SiteURL.admin(.accounts).path), .text("← 返回账号列表"))),
                .h1(.text("新建账号")),
                .errorSummary(errors),
                .form(
                    .method(.post), .action(SiteURL.admin(.accounts).path), .class("stacked"), .novalidate(),
                    .csrfField(csrf),
                    .textField("realName", label: "真实姓名", value: values.realName, error: errors["realName"],
                               required: true, autocomplete: "off", maxLength: 30),
                    .textField("username", label: "用户名", value: values.username, error: errors["username"],
                               required: true, hint: "4–32位字母、数字、下划线或连字符，以字母开头",
                               autocomplete: "off", maxLength: 32),
                    .selectField("role", label: "角色", choices: AdminAccountsPage.roleChoices,
                                 selected: values.role, error: errors["role"], required: true),
                    .selectField("organizationID", label: "所属机构", choices: organizations,
                                 selected: values.organizationID, error: errors["organizationID"], required: true),
                    .details(
                        .summary(.text("角色与机构类型的对应")),
                        .ul(.forEach(Self.roleRules) { rule in .li(.text("\(rule.0)：\(rule.1)")) })
                    ),
                    .textField("idNumber", label: "居民身份证号码", value: values.idNumber, error: errors["idNumber"],
                               hint: "申报人必填，其他角色可不填", autocomplete: "off", maxLength: 18),
                    .textField("mobile", label: "手机号码", value: values.mobile, error: errors["mobile"], type: "tel",
                               hint: "申报人、单位经办人必填", autocomplete: "off", maxLength: 20),
                    .textField("password", label: "初始密码", error: errors["password"], type: "password",
                               hint: "留空则由系统生成临时密码，创建后只显示一次。" + PasswordRules.hint,
                               autocomplete: "new-password", maxLength: 64),
                    .textField("confirm", label: "再次输入初始密码", error: errors["confirm"], type: "password",
                               autocomplete: "new-password", maxLength: 64),
                    .p(.class("hint"), .text("管理员开设的账号首次登录后须修改密码。")),
                    .submitButton("创建账号")
                )
            )
        )
    }
}

extension AdminAccountFormPage {
    /// The form with the active organizations to choose from; `values`/`errors`: as typed when refused.
    static func load(_ req: Request, values: Values, errors: FieldErrors) async throws -> AdminAccountFormPage {
        AdminAccountFormPage(chrome: PageChrome(req: req, title: "新建账号"), csrf: try await req.csrfToken(),
                             organizations: try await Organization.choices(activeOnly: true, on: req.db),
                             values: values, errors: errors)
    }
}
