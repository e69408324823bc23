import Domain
import Foundation

/// Typed addresses of a declaration's pages, so links and routes agree.
struct DeclarationURL {
    let id: UUID

    var overview: String { "/applications/\(id)" }
    var basics: String { "\(overview)/basics" }
    var report: String { "\(overview)/report" }
    var commitment: String { "\(overview)/commitment" }
    var submit: String { "\(overview)/submit" }
    var withdraw: String { "\(overview)/withdraw" }
    var files: String { "\(overview)/files" }
    var dossierContents: String { "\(overview)/print/dossier" }
    var evaluationForm: String { "\(overview)/print/evaluation-form" }
    var reviewForm: String { "\(overview)/print/review-form" }
    /// 答辩材料: the item the engineer's defense will be about (九).
    var defense: String { "\(overview)/defense" }
    /// 办理进度: the route as a timeline, and the current party's actions.
    var progress: String { "\(overview)/progress" }
    func fire(_ transition: ApplicationTransition) -> String { "\(progress)/\(transition.rawValue)" }
    /// The declaration as submitted the n-th time.
    func version(_ number: Int) -> String { "\(overview)/versions/\(number)" }
    /// 单位评议推荐: the employer's part.
    var unit: String { "\(overview)/unit" }
    func unitForm(_ part: String) -> String { "\(unit)/\(part)" }

    func section(_ section: DeclarationSection) -> String { "\(overview)/sections/\(section.rawValue)" }
    func item(_ section: DeclarationSection, _ item: UUID) -> String { "\(self.section(section))/\(item)" }
    func upload(_ slot: DossierSlot) -> String { "\(files)#slot-\(slot.rawValue)" }

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
