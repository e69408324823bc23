import Domain
import Fluent
import Plot
import Vapor

/// 我的申报: the applicant's declaration for the year, or the form to start one.
struct ApplicationStartPage {
    var chrome: PageChrome
    var csrf: String
    var year: Int
    var unitName: String
    /// 2022年6月1日至2022年8月25日 (the bundle's declaration period).
    var period: String
    /// Why no declaration can be started today, when it cannot.
    var closed: String?
    var values: FieldValues
    var errors: [String: String]
    /// Quick-check answers carried into the basic information (hidden fields).
    var carried: FieldValues = [:]
    /// The overview of this year's declaration, when the applicant already has one.
    var existing: String? = nil
    /// The applicant's declarations of earlier review years (link, label): once a new year
    /// is in use they stay readable, answered by their own year's bundle (issue 19).
    var earlier: [Choice] = []

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("panel narrow"),
                .h1(.text("开始\(year)年度申报")),
                .p(.class("lead"), .text("每人每年度只能申报一个级别。开始前可先到“评审条件”页快速自测。申报单位：\(unitName)。申报期：\(period)。")),
                .unwrap(closed) { .div(.class("error-summary"), .id("declaration-closed"), .attribute(named: "role", value: "alert"), .p(.text($0))) },
                .errorSummary(FieldErrors.from(errors)),
                .unwrap(existing) { .p(.class("notice"), .id("existing-declaration"),
                                       .text("您本年度的申报已存在："), .a(.href($0), .text("查看和继续填写已有的申报"))) },
                .if(!carried.isEmpty, .p(.class("notice"), .id("carried-answers"),
                                         .text("已带入快速自测中的\(carried.count)项回答，开始后可在“基本信息”中核对修改。"))),
                .if(closed == nil, .form(
                    .method(.post), .action(SiteURL.applications.path), .class("stacked"),
                    .csrfField(csrf),
                    .forEach(carried.sorted { $0.key < $1.key }) { .input(.type(.hidden), .name("carried.\($0.key)"), .value($0.value)) },
                    .declarationFields(BasicsForm.application, values: values, errors: errors),
                    .submitButton("开始填写")
                )),
                .if(!earlier.isEmpty, .group(
                    .h2(.text("往年的申报")),
                    .ul(.id("earlier-declarations"), .forEach(earlier) { .li(.a(.href($0.value), .text($0.label))) })
                ))
            )
        )
    }
}

extension FieldErrors {
    static func from(_ messages: [String: String], general: [String] = []) -> FieldErrors {
        var errors = FieldErrors()
        for (field, message) in messages { errors.add(field, message) }
        for message in general { errors.addGeneral(message) }
        return errors
    }
}

extension ApplicationStartPage {
    /// The applicant's unit, whether a declaration may be started today, and their
    /// declarations of earlier years. `values`/`errors`: the form as typed; `existing`:
    /// the overview of this year's declaration when a second one was refused.
    static func load(_ req: Request, values: FieldValues, errors: [String: String], carried: FieldValues = [:],
                     existing: String? = nil) async throws -> ApplicationStartPage {
        let user = req.currentUser!
        let unit = try await user.$organization.get(on: req.db)
        let year = req.policies.current.applicationDate.year
        let earlier = try await ApplicationRecord.query(on: req.db).filter(\.$applicant.$id == user.requireID())
            .filter(\.$year < year).sort(\.$year, .descending).all()
        return ApplicationStartPage(chrome: PageChrome(req: req, title: "我的申报"), csrf: try await req.csrfToken(),
                                    year: req.policies.current.applicationDate.year, unitName: unit.name,
                                    period: req.policies.year.declarationText,
                                    closed: try await req.declarationRefusal(.start, unitID: unit.requireID()),
                                    values: values, errors: errors, carried: carried, existing: existing,
                                    earlier: earlier.map { a in
                                        Choice(value: DeclarationURL(id: a.id!).overview,
                                               label: "\(a.year)年度\(BasicsForm.levels.first { $0.code == a.targetLevel }?.label ?? "")申报（\(a.specialty)，\(a.stateValue.label)）")
                                    })
    }
}
