import Domain
import Vapor
import Foundation
import Fluent
import Plot

/// 基本信息: the level and specialty, the person beyond the account, the status
/// questions of clause 二, probation.
struct BasicsPage {
    struct Person {
        var name: String
        var idNumber: String
        var sex: String
        var birthDate: String
        var mobile: String
        var unit: String
        var unitKind: String
    }

    var chrome: PageChrome
    var frame: DeclarationFrame
    var url: DeclarationURL
    var csrf: String
    var person: Person
    var values: FieldValues
    var errors: [String: String]

    func render() -> HTML {
        Layout.page(
            chrome,
            frame.wrap(
                .section(
                    .class("panel"),
                    .h2(.text("个人信息（来自账号）")),
                    .dl(.class("facts"),
                        .dt(.text("姓名")), .dd(.text(person.name)),
                        .dt(.text("身份证号")), .dd(.text(person.idNumber)),
                        .dt(.text("性别")), .dd(.text(person.sex)),
                        .dt(.text("出生日期")), .dd(.text(person.birthDate)),
                        .dt(.text("手机号码")), .dd(.text(person.mobile)),
                        .dt(.text("工作单位")), .dd(.text("\(person.unit)（\(person.unitKind)）"))),
                    .p(.class("hint"), .text("姓名、身份证号、手机号、单位如需更正，请联系单位经办人或系统管理员。"))
                ),
                .section(
                    .class("panel"),
                    .h2(.text("申报信息")),
                    .errorSummary(FieldErrors.from(errors)),
                    .if(frame.editable, .form(
                        .method(.post), .action(url.basics), .class("stacked"),
                        .csrfField(csrf),
                        .declarationFields(BasicsForm.application + BasicsForm.fields, values: values, errors: errors),
                        .submitButton("保存")
                    )),
                    .if(!frame.editable, .declarationValues(BasicsForm.application + BasicsForm.fields, values: values))
                )
            )
        )
    }
}

extension BasicsPage {
    /// `values`: the form's values (stored, or as typed when refused). Personal data is
    /// masked unless the viewer is its owner (`PersonalData`).
    static func load(_ req: Request, _ application: ApplicationRecord, values: FieldValues,
                     errors: [String: String] = [:]) async throws -> BasicsPage {
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        let applicant = application.applicant
        let shows = PersonalData(viewer: req.actor, owner: applicant.id!)
        let parsed = applicant.idNumber.flatMap { try? ResidentIDNumber($0, today: req.today) }
        let url = DeclarationURL(id: application.id!)
        return BasicsPage(
            chrome: PageChrome(req: req, title: "基本信息"), frame: .make(snapshot, activePath: url.basics, viewer: req.currentUser), url: url,
            csrf: try await req.csrfToken(),
            person: .init(name: applicant.realName, idNumber: applicant.idNumber.map(shows.idNumber) ?? "—",
                          sex: parsed?.sex.label ?? "—", birthDate: parsed?.birthDate.chinese ?? "—",
                          mobile: applicant.mobile.map(shows.mobile) ?? "—", unit: application.unit.name,
                          unitKind: application.unit.unitKind?.label ?? "—"),
            values: values, errors: errors)
    }
}
