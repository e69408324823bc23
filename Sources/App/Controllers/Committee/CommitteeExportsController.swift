import Domain
import Exports
import Fluent
import Foundation
import Vapor

/// 导出 (issue 11 item 10): the raw defense scores, the grades and review scores, the vote
/// tallies and the results as .xlsx and CSV through `Exports`; the passed list also as the
/// JSON file handed up to the provincial and national 职称评审信息查询平台, whose format
/// docs/platform-export.md documents. Office only; every export is audited. Each export
/// is of one review year (`?year=`, the year in use by default; issue 19 item 2), so a
/// year's results stay exportable after the next year opens. Page: `CommitteeExportsPage`.
struct CommitteeExportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.exports), use: index).requires(.manageCommittee)
        routes.get(.committee(.platformExport), use: platform).requires(.manageCommittee).cachesPage()
        routes.get(.committee(.export(.pattern)), use: export).requires(.manageCommittee)
    }

    static let kinds: [(String, String)] = [("scores", "答辩原始评分"), ("rankings", "答辩等次与评审成绩"),
                                            ("votes", "评委会表决计票"), ("results", "评审结果与证书")]

    /// The year an export is of.
    static func year(_ req: Request) -> Int { YearPicker.make(req, url: .committee(.exports)).selected }

    @Sendable func index(req: Request) async throws -> Response {
        CommitteeExportsPage.load(req).render().response()
    }

    @Sendable func export(req: Request) async throws -> Response {
        let format = try ExportFormat(query: req)
        guard let kind = req.parameters.get("kind"), let title = Self.kinds.first(where: { $0.0 == kind })?.1 else {
            throw PageError.notFound
        }
        let table: ExportTable
        switch kind {
        case "scores": table = try await Self.scores(req, title: title)
        case "rankings": table = try await Self.rankings(req, title: title)
        case "votes": table = try await Self.votes(req, title: title)
        default: table = try await Self.results(req, title: title)
        }
        try await req.audit(req.auditEntry("committee.export", detail: "\(kind) \(format.rawValue) \(table.rows.count) rows"))
        // The shared download path (ExportFormat): an ASCII file name and the Chinese one.
        return try format.response(table, asciiName: kind, chineseName: title)
    }

    /// Every raw score of the year's panels (members still on the panel), from which any
    /// number on the pages can be recomputed with `title-review defense grade`.
    static func scores(_ req: Request, title: String) async throws -> ExportTable {
        let panels = try await DefensePanel.query(on: req.db).filter(\.$year == year(req))
            .sort(\.$specialty).all()
        var rows: [[ExportTable.Cell]] = []
        for p in panels {
            let snap = try await PanelSnapshot.load(p, on: req.db)
            // 十（二）: nobody cancelled for false materials appears in any export.
            let withdrawn = try await ResultRules.withdrawn(snap.slots.map { $0.$application.id }, on: req.db)
            for slot in snap.slots where !withdrawn.contains(slot.$application.id) {
                for s in snap.scores where s.$application.id == slot.$application.id {
                    let expert = snap.members.first { $0.$expert.id == s.$expert.id }?.expert.name ?? ""
                    rows.append([.text("\(p.specialty)评审组"), .text(slot.application.applicant.realName), .text(expert),
                                 .number(Tenths(s.materials).description), .number(Tenths(s.onsite).description),
                                 .text(p.isClosed ? "已结束评分" : "评分中")])
                }
            }
        }
        return ExportTable(title: title, headers: ["评审组", "申报人", "专家", "答辩材料学术水平评价", "现场答辩评价", "评审组状态"], rows: rows)
    }

    static func rankings(_ req: Request, title: String) async throws -> ExportTable {
        RankingsPage.exportTable(try await RankingsPage.rows(req, year: year(req)), title: title)
    }

    /// The tallies only: nobody, the office included, can see who voted what.
    static func votes(_ req: Request, title: String) async throws -> ExportTable {
        let meetings = try await CommitteeMeeting.query(on: req.db).filter(\.$year == year(req))
            .sort(\.$heldOn).all()
        var rows: [[ExportTable.Cell]] = []
        for m in meetings {
            let snap = try await MeetingSnapshot.load(m, on: req.db)
            let withdrawn = try await ResultRules.withdrawn(snap.applicants.map { $0.id! }, on: req.db)
            for a in snap.applicants where snap.tallies.contains(where: { $0.applicationID == a.id! }) && !withdrawn.contains(a.id!) {
                let t = snap.tally(a.id!)
                let d = CommitteeVote.decide(members: snap.members.count, present: snap.present.count, agree: t.agree,
                                             disagree: t.disagree, abstain: t.abstain)
                rows.append([.text(m.heldOn), .text(a.applicant.realName), .text(a.specialty), .number(String(snap.members.count)),
                             .number(String(snap.present.count)), .number(String(t.agree)), .number(String(t.disagree)),
                             .number(String(t.abstain)), .text(d.outcome == .passed ? "通过" : d.outcome == .failed ? "未通过" : "不足法定人数")])
            }
        }
        return ExportTable(title: title, headers: ["会议日期", "申报人", "专业", "应到", "实到", "同意", "反对", "弃权", "结果"], rows: rows)
    }

    static func results(_ req: Request, title: String) async throws -> ExportTable {
        let year = year(req)
        // 十（二）: a cancelled application (and a revoked certificate) is left out, as on the public list.
        let all = try await ApplicationRecord.query(on: req.db).filter(\.$year == year)
            .filter(\.$state ~~ [ApplicationState.passed, .failed, .certified, .eliminated].map(\.rawValue))
            .with(\.$applicant).with(\.$unit).sort(\.$specialty).all()
        let withdrawn = try await ResultRules.withdrawn(all.map { $0.id! }, on: req.db)
        let apps = all.filter { !withdrawn.contains($0.id!) }
        let certs = try await CertificateRecord.query(on: req.db).filter(\.$application.$id ~~ apps.map { $0.id! }).all()
        return ExportTable(title: title, headers: ["姓名", "工作单位", "级别", "专业", "结果", "证书编号", "验证码", "发证日期", "证书状态"],
                           rows: apps.map { a in
                               let c = certs.first { $0.$application.id == a.id! }
                               return [.text(a.applicant.realName), .text(a.unit.name), .text(CommitteeUI.levelLabel(a.targetLevel)),
                                       .text(a.specialty), .text(a.stateValue.label), .text(c?.number ?? ""), .text(c?.code ?? ""),
                                       .text(c?.issuedOn ?? ""), .text(c == nil ? "" : (c?.revokedOn == nil ? "有效" : "已撤销"))]
                           })
    }

    /// The passed list for the 职称评审信息查询平台: certificates issued and not revoked.
    @Sendable func platform(req: Request) async throws -> Response {
        let year = Self.year(req)
        let issued = try await CertificateRecord.query(on: req.db).filter(\.$revokedOn == nil)
            .with(\.$application).sort(\.$number).all().filter { $0.application.year == year }
        let withdrawn = try await ResultRules.withdrawn(issued.map { $0.$application.id }, on: req.db)
        let certs = issued.filter { !withdrawn.contains($0.$application.id) }
        let file = PlatformPassedList(
            format: PlatformPassedList.formatName, formatVersion: 1, committee: ResultsController.committeeName(req),
            year: year, generatedAt: PlatformPassedList.timestamp(req.clock.now()), count: certs.count,
            records: certs.map { c in
                .init(name: c.holderName, maskedIdNumber: c.maskedID, title: c.title, level: c.application.targetLevel,
                      specialty: c.specialty, committee: c.committee, qualifiedOn: c.issuedOn, certificateNumber: c.number,
                      verificationCode: c.code, verificationURL: "\(req.config.publicBaseURL)/verify/\(c.code)")
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try await req.audit(req.auditEntry("committee.export", detail: "platform.json \(certs.count) rows"))
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"passed-list-\(year).json\"")
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(file)))
    }
}

/// The file format of docs/platform-export.md (version 1).
struct PlatformPassedList: Codable, Sendable {
    static let formatName = "changzhi-title-review/passed-list"

    struct Record: Codable, Sendable {
        var name: String
        var maskedIdNumber: String
        var title: String
        var level: String
        var specialty: String
        /// The committee that passed this person, as on the certificate (中级 for engineers,
        /// 初级 for assistant engineers and technicians; 四（三））.
        var committee: String
        var qualifiedOn: String
        var certificateNumber: String
        var verificationCode: String
        var verificationURL: String
    }

    var format: String
    var formatVersion: Int
    var committee: String
    var year: Int
    var generatedAt: String
    var count: Int
    var records: [Record]

    /// `2022-11-30T10:40:00+08:00`: Beijing time, as the platform reads it.
    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
