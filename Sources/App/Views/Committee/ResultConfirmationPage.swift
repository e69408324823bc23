import Domain
import Fluent
import Plot
import Vapor

/// 审核确认 (the city HR bureau): the year's result publicities with their lists, and for
/// each list whose publicity is over with no objection open, the button that confirms it.
/// Certificates for a list are issued only after it is confirmed.
struct ResultConfirmationPage {
    struct Person: Sendable {
        var name: String
        var unit: String
        var level: String
        var specialty: String
        var objection: String
    }

    struct List: Sendable {
        var id: UUID
        var period: String
        var people: [Person]
        /// 已确认（日期，确认人） or why it cannot be confirmed yet; nil when it can.
        var status: String?
        var confirmable: Bool
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var lists: [List]
    var workingDays: Int
    /// The review year shown (`?year=`, the year in use by default).
    var years: YearPicker

    /// `year`: the year of the list just acted on (a refusal shows its year); else the picker's.
    static func load(_ req: Request, errors: [String], year asked: Int? = nil) async throws -> ResultConfirmationPage {
        var years = YearPicker.make(req, url: .resultsConfirmation)
        if let asked, years.years.contains(asked) { years.selected = asked }
        let year = years.selected
        let publicities = try await ResultPublicity.query(on: req.db).filter(\.$year == year).sort(\.$starts).all()
        var lists: [List] = []
        for p in publicities {
            let ids = p.applicationIDs
            let withdrawn = try await ResultRules.withdrawn(ids, on: req.db)
            let open = try await ResultRules.openObjections(ids, on: req.db)
            let apps = try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ ids).with(\.$applicant).with(\.$unit)
                .sort(\.$specialty).all().filter { !withdrawn.contains($0.id!) }
            let ends = LocalDate(iso: p.ends)
            let status: String?
            if let on = p.confirmedOn {
                status = "已于\(LocalDate(iso: on)?.chinese ?? on)审核确认（\(p.confirmedByName ?? "")）"
            } else if let ends, req.today <= ends {
                status = "公示期至\(ends.chinese)结束，期满后方可确认"
            } else if !open.isEmpty {
                status = "有未办结的公示异议，办结后方可确认"
            } else {
                status = nil
            }
            lists.append(List(
                id: p.id!, period: "\(LocalDate(iso: p.starts)?.chinese ?? p.starts)至\(ends?.chinese ?? p.ends)",
                people: apps.map { a in
                    Person(name: a.applicant.realName, unit: a.unit.name, level: CommitteeUI.levelLabel(a.targetLevel),
                           specialty: a.specialty, objection: open.contains(a.id!) ? "有未办结的异议" : "无")
                },
                status: status, confirmable: status == nil))
        }
        return ResultConfirmationPage(chrome: PageChrome(req: req, title: "评审结果审核确认"), csrf: try await req.csrfToken(),
                                      errors: errors, lists: lists,
                                      workingDays: try CommitteeData.integer(req, "resultPublicityWorkingDays", year: year), years: years)
    }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            years.node, CommitteeUI.errors(errors),
            .p(.text("评委会办公室公示评审通过人员名单\(workingDays)个工作日；公示期满、异议办结后，由市人社局对名单审核确认，确认后方可发放证书。")),
            .group(lists.isEmpty ? [.p(.class("muted"), .text("\(years.selected)年度尚无评审结果公示。"))] : lists.map { list in
                CommitteeUI.section("公示期：\(list.period)", id: "list-\(list.id.uuidString.prefix(8))", [
                    CommitteeUI.table(["姓名", "工作单位", "评审通过资格", "专业", "公示异议"], list.people.map { p in
                        [.text(p.name), .text(p.unit), .text(p.level), .text(p.specialty), .text(p.objection)]
                    }, empty: "名单中已无人员。"),
                    list.confirmable
                        ? CommitteeUI.form(SiteURL.confirmResults(.value(list.id)).path, csrf: csrf, [], submit: "审核确认此名单")
                        : .p(.class("status"), .text(list.status ?? "")),
                ])
            }),
        ])
    }
}
