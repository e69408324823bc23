import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 评审结果公示 (public): only a publicity that has started by the review's clock, and only
/// people still holding their result (never anyone cancelled for false materials).
struct PublicResultsPage {
    struct Publicity: Sendable {
        var heading: String
        var people: [Person]
    }

    struct Person: Sendable {
        var name: String
        var unit: String
        var level: String
        var specialty: String
    }

    var chrome: PageChrome
    var reviewTitle: String
    var publicities: [Publicity]
    /// The review year shown (issue 19): the year in use by default, `?year=` for an earlier one.
    var years: YearPicker? = nil
    /// The page of the names shown (`?page=`), counted over every publicity in order; nil
    /// renders every name without a pager.
    var pager: Pager? = nil

    /// Names per page: at 100,000 applications a year publicizes ~7,500 people, and one page of
    /// all of them was 0.9 MB (issue 18).
    static let pageSize = 100

    /// `pageSize`: names per page (tests ask for small pages).
    static func load(_ req: Request, pageSize: Int = PublicResultsPage.pageSize) async throws -> PublicResultsPage {
        let today = req.today
        // One review year at a time, under that year's own title (a 2022 list never reads as 2023's).
        let picker = YearPicker.make(req, url: .results)
        let title = req.application.policyRegistry.store(year: picker.selected)?.current.title ?? req.policies.current.title
        let publicities = try await ResultPublicity.query(on: req.db).filter(\.$year == picker.selected)
            .filter(\.$starts <= today.iso).sort(\.$starts).all()
        // Everyone listed in the year's publicities who still holds the result, with name and unit,
        // in one statement (the withdrawn filtered in it), not two per publicity nor whole records.
        let ids = Array(Set(publicities.flatMap(\.applicationIDs)))
        let holding = try await ApplicationRecord.holdingResultRows(ids, on: req.db)
        var shown: [Publicity] = []
        for p in publicities {
            let listed = Set(p.applicationIDs)
            let apps = holding.filter { listed.contains($0.id) }
            guard !apps.isEmpty else { continue }
            let status = LocalDate(iso: p.ends).map { today > $0 } == true ? "已结束" : "公示中"
            shown.append(Publicity(
                heading: "公示期：\(LocalDate(iso: p.starts)?.chinese ?? p.starts)至\(LocalDate(iso: p.ends)?.chinese ?? p.ends)（\(status)）",
                people: apps.map { Person(name: $0.name, unit: $0.unit, level: CommitteeUI.levelLabel($0.targetLevel),
                                          specialty: $0.specialty) }))
        }
        // One page of the names, the publicities in order and each one's people in its order; a
        // publicity shows its heading on every page that holds some of its people.
        let total = shown.reduce(0) { $0 + $1.people.count }
        let pager = Pager.clamped(page: Pager.requestedPage(req.query[String.self, at: "page"]), pageSize: pageSize, total: total,
                                  path: SiteURL.results.path, query: [("year", String(picker.selected))])
        var page: [Publicity] = [], start = 0
        for p in shown {
            let from = max(pager.offset, start), to = min(pager.offset + pager.pageSize, start + p.people.count)
            if from < to { page.append(Publicity(heading: p.heading, people: Array(p.people[(from - start)..<(to - start)]))) }
            start += p.people.count
        }
        return PublicResultsPage(chrome: PageChrome(req: req, title: "评审结果公示"), reviewTitle: title,
                                 publicities: page, years: picker, pager: pager)
    }

    func render() -> HTML {
        let sections: [CommitteeUI.Body] = publicities.map { p in
            CommitteeUI.section(p.heading, [
                CommitteeUI.table(["姓名", "工作单位", "评审通过资格", "专业"], p.people.map { a in
                    [.text(a.name), .text(a.unit), .text(a.level), .text(a.specialty)]
                }, id: "publicity-list"),
            ])
        }
        return CommitteeUI.page(chrome, [
            .unwrap(years) { $0.years.count > 1 ? $0.node : .empty },
            .p(.text("\(reviewTitle)评审通过人员名单。公示期内对公示人员有异议的，请向评委会办公室（电话 0355-3036240）实名反映。")),
            .group(sections.isEmpty ? [.p(.class("muted"), .text("暂无公示。"))] : sections),
            .unwrap(pager) { $0.total > 0 ? .pager($0) : .empty },
            .p(.a(.href(SiteURL.verify.path), .text("证书查验"))),
        ])
    }
}
