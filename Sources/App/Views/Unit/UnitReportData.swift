import Domain
import Vapor

/// What the prints of 第一类 (推荐报告, 公示情况一览表) and the publicity notice read: the
/// declaration as print text, the unit's evaluation and the year in use, with the
/// wording they share for a publicity's state and for why a print is still a draft.
struct UnitReportData {
    var print: PrintFormData
    var evaluation: UnitEvaluation
    var year: ReviewYear

    static func load(_ req: Request, _ application: ApplicationRecord) async throws -> UnitReportData {
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        let data = PrintFormData(snapshot: snapshot, personalData: PersonalData(viewer: req.actor, owner: application.$applicant.id),
                                 today: req.today, workerGrades: PrintFormData.workerGrades(req.policies.current))
        return UnitReportData(print: data, evaluation: try await UnitEvaluationStore.load(application.id!, on: req.db),
                              year: req.policies.year)
    }

    /// The page to go back to: the application's progress.
    var back: String { DeclarationURL(id: print.snapshot.application.id!).progress }

    /// Why a print of 第一类 is still a draft: the publicities not yet all over
    /// without an open objection (十（一）), or the opinion not yet given for the
    /// declaration as now submitted. nil when it may be printed as final.
    func draftReason(today: LocalDate, rules: UnitEvaluation.Rules) -> String? {
        var reasons: [String] = []
        for kind in PublicityKind.allCases {
            guard let p = evaluation.publicities[kind] else { reasons.append("\(kind.label)尚未进行"); continue }
            guard let status = try? UnitEvaluation.status(p, today: today, rules: rules) else {
                reasons.append("\(kind.label)的结束日无法按官方日历确定"); continue
            }
            if !status.isFinal { reasons.append("\(kind.label)\(status.label)") }
        }
        if evaluation.opinion == nil { reasons.append("单位鉴定意见尚未针对本次提交的申报出具") }
        return reasons.isEmpty ? nil : "草稿：" + reasons.joined(separator: "；")
            + "。公示期满且无未处理异议后方可作为正式材料盖章装订（十（一））。"
    }

    /// One publicity's real state for the prints: 未开始 / 公示中 / 无异议 / 异议已处理 / 有N条异议未处理.
    static func state(_ p: Publicity, today: LocalDate, rules: UnitEvaluation.Rules) -> String {
        (try? UnitEvaluation.status(p, today: today, rules: rules).label) ?? "结束日无法确定"
    }
}
