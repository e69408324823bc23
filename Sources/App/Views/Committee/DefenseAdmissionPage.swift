import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 答辩通知书 (the applicant and whoever may see the application): the panel, room and time,
/// printable; before a slot is set, a page in the site's frame saying so.
struct DefenseAdmissionPage {
    struct Slot: Sendable {
        var panel: String
        var room: String
        var startsAt: String
    }

    var chrome: PageChrome
    var applicationID: UUID
    var applicant: String
    var specialty: String
    var state: String
    var slot: Slot?
    var materialsWeight: String
    var onsiteWeight: String
    var committee: String

    static func load(_ req: Request, _ application: ApplicationRecord) async throws -> DefenseAdmissionPage {
        let slot = try await DefenseSlot.query(on: req.db).filter(\.$application.$id == application.id!).with(\.$panel).first()
        return DefenseAdmissionPage(
            chrome: PageChrome(req: req, title: slot == nil ? "答辩安排" : "答辩通知书"), applicationID: application.id!,
            applicant: application.applicant.realName, specialty: application.specialty, state: application.stateValue.label,
            slot: slot.map { Slot(panel: "\($0.panel.specialty)评审组", room: $0.room, startsAt: $0.startsAt) },
            materialsWeight: DefenseWeightsText.materials(req, year: application.year),
            onsiteWeight: DefenseWeightsText.onsite(req, year: application.year),
            committee: ResultsController.committeeName(req))
    }

    func render() -> HTML {
        guard let slot else {
            return CommitteeUI.page(chrome, [.p(.class("muted"), .text("尚未安排答辩。当前状态：\(state)。"))])
        }
        // A printable sheet: no site frame, the print stylesheet only.
        return HTML(.attribute(named: "lang", value: "zh-CN"),
            .head(.meta(.charset(.utf8)), .element(named: "title", text: chrome.title), .link(.rel(.stylesheet), .href(PrintLayout.stylesheet))),
            .body(.main(.id("admission"),
                .h1(.text(chrome.title)),
                .p(.text("\(applicant)同志：")),
                .p(.text("您申报的工程师（\(specialty)专业）已由评委会办公室受理，请按以下安排参加答辩：")),
                .ul(.li(.text("评审组：\(slot.panel)")), .li(.text("答辩地点：\(slot.room)")),
                    .li(.text("答辩时间：\(slot.startsAt)"))),
                .p(.text("请携带本通知书和居民身份证按时到场。答辩成绩实行百分制，答辩材料学术水平评价占\(materialsWeight)，现场答辩评价占\(onsiteWeight)。")),
                .p(.text("\(committee)办公室")),
                .p(.a(.href(DeclarationURL(id: applicationID).progress), .text("返回办理进度")))
            )))
    }
}
