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

    static func load(_ req: Request) async throws -> PublicResultsPage {
        let today = req.today
        let publicities = try await ResultPublicity.query(on: req.db).filter(\.$starts <= today.iso).sort(\.$starts).all()
        var shown: [Publicity] = []
        for p in publicities {
            let withdrawn = try await ResultRules.withdrawn(p.applicationIDs, on: req.db)
            let apps = try await ApplicationRecord.query(on: req.db).filter(\.$id ~~ p.applicationIDs)
                .filter(\.$state ~~ [ApplicationState.passed.rawValue, ApplicationState.certified.rawValue])
                .with(\.$applicant).with(\.$unit).sort(\.$specialty).all().filter { !withdrawn.contains($0.id!) }
            guard !apps.isEmpty else { continue }
            let status = LocalDate(iso: p.ends).map { today > $0 } == true ? "已结束" : "公示中"
            shown.append(Publicity(
                heading: "公示期：\(LocalDate(iso: p.starts)?.chinese ?? p.starts)至\(LocalDate(iso: p.ends)?.chinese ?? p.ends)（\(status)）",
                people: apps.map { Person(name: $0.applicant.realName, unit: $0.unit.name, level: CommitteeUI.levelLabel($0.targetLevel),
                                          specialty: $0.specialty) }))
        }
        return PublicResultsPage(chrome: PageChrome(req: req, title: "评审结果公示"), reviewTitle: req.policies.current.title,
                                 publicities: shown)
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
            .p(.text("\(reviewTitle)评审通过人员名单。公示期内对公示人员有异议的，请向评委会办公室（电话 0355-3036240）实名反映。")),
            .group(sections.isEmpty ? [.p(.class("muted"), .text("暂无公示。"))] : sections),
            .p(.a(.href(SiteURL.verify.path), .text("证书查验"))),
        ])
    }
}
