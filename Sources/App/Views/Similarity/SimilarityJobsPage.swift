import Foundation
import Plot

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
