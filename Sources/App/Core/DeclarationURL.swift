import Domain
import Foundation

/// The addresses of one declaration's pages, as `SiteURL`s with the id filled
/// in: the routes are registered from the same `SiteURL` values, so links and
/// routes agree.
struct DeclarationURL {
    let id: UUID

    private func path(_ page: SiteURL.ApplicationPage) -> String { SiteURL.application(.value(id), page).path }

    var overview: String { path(.overview) }
    var basics: String { path(.basics) }
    var report: String { path(.report) }
    var commitment: String { path(.commitment) }
    var submit: String { path(.submit) }
    var withdraw: String { path(.withdraw) }
    var files: String { path(.files) }
    func file(_ fileID: UUID) -> String { path(.file(.value(fileID))) }
    func deleteFile(_ fileID: UUID) -> String { path(.deleteFile(.value(fileID))) }
    var dossierContents: String { path(.print(.dossier)) }
    var evaluationForm: String { path(.print(.evaluationForm)) }
    var reviewForm: String { path(.print(.reviewForm)) }
    var recommendation: String { path(.print(.recommendation)) }
    var publicitySummary: String { path(.print(.publicitySummary)) }
    func publicityNotice(_ kind: PublicityKind) -> String { path(.publicityNotice(.value(kind))) }
    /// 答辩材料: the item the engineer's defense will be about (九).
    var defense: String { path(.defense) }
    /// 办理进度: the route as a timeline, and the current party's actions.
    var progress: String { path(.progress) }
    func fire(_ transition: ApplicationTransition) -> String { path(.transition(.value(transition))) }
    /// The declaration as submitted the n-th time.
    func version(_ number: Int) -> String { path(.version(.value(number))) }
    /// 单位评议推荐: the employer's part.
    var unit: String { path(.unit(.overview)) }
    func unitPage(_ page: SiteURL.UnitPage) -> String { path(.unit(page)) }
    var certificate: String { path(.certificate) }
    var admission: String { path(.admission) }
    var integrityFlag: String { path(.integrityFlag) }

    func section(_ section: DeclarationSection) -> String { path(.section(.value(section))) }
    func item(_ section: DeclarationSection, _ item: UUID) -> String { path(.item(.value(section), .value(item))) }
    func deleteItem(_ section: DeclarationSection, _ item: UUID) -> String {
        path(.deleteItem(.value(section), .value(item)))
    }
    func upload(_ slot: DossierSlot) -> String { SiteURL.application(.value(id), .files).path(fragment: "slot-\(slot.rawValue)") }

    /// Where a checklist entry or a finding sends the applicant.
    func target(_ target: ChecklistEntry.Target) -> String {
        switch target {
        case .basics: basics
        case .workReport: report
        case .section(let s): section(s)
        case .upload(let slot): upload(slot)
        case .defenseItem: defense
        }
    }
}
