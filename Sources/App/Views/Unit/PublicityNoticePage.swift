import Domain
import Plot
import Vapor

/// 公示 for the unit's notice board: what is publicized, for how long on the
/// official calendar, and where objections go (十（一））.
struct PublicityNoticePage {
    var applicant: PrintApplicant
    var back: String
    var kind: PublicityKind
    var publicity: Publicity
    var days: Int
    var documentNumber: String
    var minimumDays: Int
    var opinion: AppraisalOpinion?

    func render() -> HTML {
        let subject: String = switch kind {
        case .conditions: "\(applicant.level)任职资格的评审条件和申报程序"
        case .materials: "\(applicant.name)同志申报\(applicant.level)任职资格的个人申报材料"
        case .opinion: "本单位对\(applicant.name)同志申报\(applicant.level)任职资格的鉴定意见"
        }
        return PrintLayout.page(
            title: "公示", backLink: back, hint: "A4纸打印，张贴于单位公示栏",
            .div(
                .class("sheet"),
                .h1(.class("form-heading"), .text("公　示")),
                .p(.text("根据《关于开展工程系列（非建筑、建材、环保专业）中、初级专业技术职务任职资格评审工作的通知》（\(documentNumber)）要求，现将\(subject)予以公示。")),
                .unwrap(opinion) { o in .p(.text("鉴定意见：\(o.text)")) },
                .p(.text("公示期：\(publicity.starts.chinese)至\(publicity.ends.chinese)，共\(days)个工作日（不少于\(minimumDays)个工作日）。")),
                .p(.text("公示期间，如对公示内容有异议，请以书面形式向本单位人事（职称）管理部门反映，反映人须署真实姓名。")),
                .p(.class("signature"), .text(applicant.unit)),
                .p(.class("signature"), .text(publicity.starts.chinese))
            )
        )
    }
}

extension PublicityNoticePage {
    /// One publicity of the unit's evaluation, refused until it has started.
    static func load(_ req: Request, _ application: ApplicationRecord, kind: PublicityKind) async throws -> PublicityNoticePage {
        let data = try await UnitReportData.load(req, application)
        guard let p = data.evaluation.publicities[kind] else { throw PageError.badRequest("\(kind.label)尚未开始") }
        let days = try req.workingDays.workdays(from: p.starts, through: p.ends)
        return PublicityNoticePage(applicant: data.print.applicant, back: data.back,
                                   kind: kind, publicity: p, days: days, documentNumber: req.policies.current.documentNumber,
                                   minimumDays: data.year.publicityWorkingDays, opinion: kind == .opinion ? data.evaluation.opinion : nil)
    }
}
