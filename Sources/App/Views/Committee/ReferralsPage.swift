import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 提交初级评委会评议 (the committee office): assistant engineers and technicians accepted
/// at intake, with their quantitative scores; those scored are referred to the 初级评委会's
/// deliberation and vote (九: juniors are reviewed without a defense).
struct ReferralsPage {
    struct Row: Sendable {
        var id: UUID
        var name: String
        var level: String
        var specialty: String
        var unit: String
        var quantitative: String?
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var rows: [Row]
    var waitingVote: Int
    /// The review year shown (`?year=`, the year in use by default).
    var years: YearPicker
    /// The year's notice (长工信〔2022〕139号), from its bundle.
    var documentNumber: String

    static func load(_ req: Request, errors: [String] = []) async throws -> ReferralsPage {
        let years = YearPicker.make(req, url: .committee(.referrals))
        let year = years.selected
        let juniors = CommitteeTier.junior.levels.map(\.jsonName)
        let accepted = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .filter(\.$state == ApplicationState.accepted.rawValue).filter(\.$targetLevel ~~ juniors)
            .with(\.$applicant).with(\.$unit).sort(\.$targetLevel).sort(\.$specialty).all()
        let q = try await CommitteeData.quantitative(for: accepted.compactMap(\.id), on: req.db)
        let waiting = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .filter(\.$state == ApplicationState.awaitingVote.rawValue).count()
        return ReferralsPage(chrome: PageChrome(req: req, title: "提交初级评委会评议"), csrf: try await req.csrfToken(), errors: errors,
                             rows: accepted.map { a in
                                 Row(id: a.id!, name: a.applicant.realName, level: CommitteeUI.levelLabel(a.targetLevel),
                                     specialty: a.specialty, unit: a.unit.name, quantitative: q[a.id!].map { "\($0)" })
                             }, waitingVote: waiting, years: years, documentNumber: try req.policies(year: year).year.documentNumber)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), years.node, CommitteeUI.errors(errors),
            .p(.text("助理工程师、技术员不参加答辩，评审成绩即量化赋分（\(documentNumber) 九）。量化赋分完成后提交初级评委会综合评议、表决。目前待表决\(waitingVote)人。")),
            .if(rows.isEmpty, .p(.class("muted"), .text("\(years.selected)年度暂无已受理、待提交评议的助理工程师、技术员。"))),
            .if(!rows.isEmpty, .form(.method(.post), .action(CommitteeUI.action(.committee(.referrals), years)), .class("stacked"), .id("referrals"), .csrfField(csrf),
                .div(.class("table-wrap"), .table(.class("data"),
                    .thead(.tr(.th(.text("选择")), .th(.text("申报人")), .th(.text("级别")), .th(.text("专业")), .th(.text("工作单位")), .th(.text("量化赋分")))),
                    .tbody(.forEach(rows) { r in
                        .tr(.td(r.quantitative == nil ? .text("—")
                                    : .input(.type(.checkbox), .name("app_\(r.id.uuidString)"), .value("1"), .id("ref-\(r.id.uuidString)"),
                                             .attribute(named: "aria-label", value: "提交\(r.name)"))),
                            .td(.text(r.name)), .td(.text(r.level)), .td(.text(r.specialty)), .td(.text(r.unit)),
                            .td(r.quantitative.map { .text($0) } ?? .a(.href(SiteURL.committee(.quantitativeScores(.value(r.id))).path), .text("未赋分，去赋分"))))
                    }))),
                .submitButton("提交初级评委会评议"))),
        ])
    }
}
