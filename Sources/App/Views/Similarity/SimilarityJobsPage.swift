import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 论文查重 (七.1), the committee office's page: start the check for the year's
/// accepted applications, follow its progress (n of m), and see each application's
/// ratio, the external report's ratio and its admission to the defense.
struct SimilarityJobsPage {
    struct Job {
        var state: String
        var progress: String
        var requested: String
        var finished: String
        var error: String?
    }

    struct Row {
        var id: UUID
        var applicant: String
        var unit: String
        var specialty: String
        var ours: String
        var external: String
        var status: String
        var flagged: Bool
    }

    var chrome: PageChrome
    var csrf: String
    var picker: YearPicker
    var year: Int { picker.selected }
    var rule: String
    var jobs: [Job]
    var active: Bool
    var corpusCount: Int
    var rows: [Row]
    var errors: [String]

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), picker.node, CommitteeUI.errors(errors),
            .p(.class("hint"), .text("七.1（\(year)年度）：\(rule)。本系统把每篇送审论文与本年度其他申报人的送审论文、往年送审论文和导入的参考文献库比对，连续13个字及以上逐字相同的部分计为抄袭；参考文献列表不计。参考文献库已有\(corpusCount)篇。")),
            CommitteeUI.section("查重任务", id: "jobs", [
                .if(active, .p(.id("job-active"), .text("查重任务正在进行，"), .a(.href(SiteURL.committee(.similarity).path(query: ["year": String(year)])), .text("刷新查看进度")), .text("。"))),
                .if(!active, CommitteeUI.form(SiteURL.committee(.similarityJobs).path(query: ["year": String(year)]), csrf: csrf, id: "start", [
                    .p(.text("对\(year)年度已受理的全部申报进行查重（在后台进行，可离开本页）。")),
                ], submit: "开始查重")),
                CommitteeUI.table(["状态", "进度", "开始时间", "完成时间", "说明"], jobs.map { j in
                    [.text(j.state), .text(j.progress), .text(j.requested), .text(j.finished), .text(j.error ?? "")]
                }, id: "job-list", empty: "尚未进行查重。"),
            ]),
            CommitteeUI.section("\(year)年度各申报的检测结果", id: "results", [
                CommitteeUI.table(["申报人", "工作单位", "申报专业", "本系统抄袭率", "外部检测报告", "答辩资格", "报告"], rows.map { r in
                    [.text(r.applicant), .text(r.unit), .text(r.specialty), .text(r.ours), .text(r.external),
                     r.flagged ? .strong(.class("flag"), .text(r.status)) : .text(r.status),
                     .a(.href(SiteURL.committee(.similarityReport(.value(r.id))).path), .text("查看\(r.applicant)的查重报告"))]
                }, id: "similarity-results", empty: "\(year)年度尚无已受理的申报。"),
            ]),
        ])
    }
}

extension SimilarityJobsPage {
    /// Five queries: the year's last jobs, its accepted applications, their latest results and
    /// reviews, and the size of the reference corpus.
    static func load(_ req: Request, errors: [String] = []) async throws -> SimilarityJobsPage {
        // The year shown: `?year=` when known, else the year in use; judged by that year's bundle
        // (the picker offers only years the registry holds).
        let picker = YearPicker.make(req, url: .committee(.similarity)), year = picker.selected
        let yearStore = req.application.policyRegistry.store(year: year) ?? req.policies
        let rule = CopyRatioRule(yearStore.year)
        let jobs = try await SimilarityJob.query(on: req.db).filter(\.$year == year).sort(\.$requestedAt, .descending).range(..<20).all()
        let applications = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .filter(\.$state ~~ SimilarityRecords.acceptedStates.map(\.rawValue)).with(\.$applicant).with(\.$unit)
            .sort(\.$specialty).all()
        let ids = applications.compactMap(\.id)
        let results = try await SimilarityRecords.latestResults(for: ids, on: req.db)
        let reviews = try await SimilarityRecords.reviews(for: ids, on: req.db)
        let corpus = try await PaperText.query(on: req.db).filter(\.$source == PaperText.Source.corpus.rawValue)
            .filter(\.$error == nil).count()
        var rows: [Row] = []
        for app in applications {
            let id = app.id!
            let admission = try SimilarityRecords.admission(rule, result: results[id], review: reviews[id])
            let ours: String
            if let r = results[id] { ours = r.error == nil ? DefenseAdmission.percent(r.ratio) : "无法检测" } else { ours = "尚未检测" }
            rows.append(.init(id: id, applicant: app.applicant.realName, unit: app.unit.name, specialty: app.specialty,
                              ours: ours, external: reviews[id]?.externalRatio.map(DefenseAdmission.percent) ?? "未录入",
                              status: admission.label, flagged: !admission.admitsDefense))
        }
        return SimilarityJobsPage(
            chrome: PageChrome(req: req, title: "论文查重"), csrf: try await req.csrfToken(), picker: picker,
            rule: yearStore.year.copyRatioRule,
            jobs: jobs.map { j in
                .init(state: Self.stateLabel(j.state), progress: j.stateValue == .queued ? "等待开始" : "\(j.done) / \(j.total)",
                      requested: Self.time(j.requestedAt), finished: Self.time(j.finishedAt), error: j.error)
            },
            active: jobs.contains { $0.stateValue == .queued || $0.stateValue == .running },
            corpusCount: corpus, rows: rows, errors: errors)
    }

    private static func stateLabel(_ state: String) -> String {
        switch SimilarityJob.State(rawValue: state) {
        case .queued: "排队中"
        case .running: "进行中"
        case .done: "已完成"
        case .failed: "出错"
        case nil: state
        }
    }

    private static func time(_ seconds: Double?) -> String {
        seconds.map { BeijingTime.text(Date(timeIntervalSince1970: $0)) } ?? ""
    }
}
