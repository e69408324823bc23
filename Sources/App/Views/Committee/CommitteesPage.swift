import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 评委会组成 (the committee office): the year's 中级评委会 and 初级评委会 (四（三）) with
/// their members and offices, what still keeps each from sitting, and the form that forms
/// or re-forms one from the expert pool (closed once one of its meetings has started voting).
struct CommitteesPage {
    struct Member: Sendable {
        var name: String
        var specialty: String
        var organization: String
        var role: CommitteeRole
    }

    struct Committee: Sendable {
        var tier: CommitteeTier
        var name: String
        var term: String
        var members: [Member]
        var problems: [String]
        /// A meeting of it has started voting: its membership is fixed.
        var locked: Bool
    }

    struct Candidate: Sendable {
        var id: UUID
        var label: String
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var year: Int
    var committees: [Committee]
    var candidates: [Candidate]
    var rules: CommitteeRules
    /// What the office typed, kept after a refusal.
    var typed: [String: String]
    /// The review year shown (`?year=`, the year in use by default).
    var years: YearPicker
    /// The year's notice (长工信〔2022〕139号), from its bundle.
    var documentNumber: String

    static func load(_ req: Request, errors: [String] = [], typed: [String: String] = [:]) async throws -> CommitteesPage {
        let years = YearPicker.make(req, url: .committee(.committees))
        let year = years.selected
        let rules = try CommitteeRules(policy: req.policies(year: year).current)
        let records = try await ReviewCommitteeRecord.query(on: req.db).filter(\.$year == year).all()
        let ids = records.compactMap(\.id)
        let members = ids.isEmpty ? [] : try await ReviewCommitteeMember.query(on: req.db).filter(\.$committee.$id ~~ ids)
            .with(\.$expert) { $0.with(\.$organization) }.all()
        let voting = ids.isEmpty ? [] : try await CommitteeMeeting.query(on: req.db).filter(\.$committee.$id ~~ ids)
            .filter(\.$votingStartedAt != nil).all().compactMap { $0.$committee.id }
        let committees: [Committee] = CommitteeTier.allCases.compactMap { tier in
            guard let r = records.first(where: { $0.tier == tier.rawValue }) else { return nil }
            let own = members.filter { $0.$committee.id == r.id }
                .sorted { (CommitteeRole.allCases.firstIndex(of: $0.roleValue)!, $0.expert.name) < (CommitteeRole.allCases.firstIndex(of: $1.roleValue)!, $1.expert.name) }
            return Committee(tier: tier, name: r.name, term: "\(r.termStart) 至 \(r.termEnd)",
                             members: own.map { Member(name: $0.expert.name, specialty: $0.expert.specialty,
                                                       organization: $0.expert.organization.name, role: $0.roleValue) },
                             problems: rules.problems(roles: own.map(\.roleValue)), locked: voting.contains(r.id!))
        }
        let pool = try await CommitteeData.activePool(on: req.db, today: req.today)
        return CommitteesPage(
            chrome: PageChrome(req: req, title: "评委会组成"), csrf: try await req.csrfToken(), errors: errors, year: year,
            committees: committees,
            candidates: pool.map { Candidate(id: $0.id!, label: "\($0.name)（\($0.title)，\($0.specialty)，\($0.organization.name)）") },
            rules: rules, typed: typed, years: years, documentNumber: try req.policies(year: year).year.documentNumber)
    }

    static let roleChoices = [Choice(value: CommitteeRole.member.rawValue, label: CommitteeRole.member.label),
                              Choice(value: CommitteeRole.viceChair.rawValue, label: CommitteeRole.viceChair.label),
                              Choice(value: CommitteeRole.chair.rawValue, label: CommitteeRole.chair.label)]

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), years.node, CommitteeUI.errors(errors),
            .p(.text("\(year)年度评审：工程师由中级评委会在答辩后评议表决，助理工程师、技术员由初级评委会依据材料和量化赋分评议表决（\(documentNumber) 四（三）、九）。"
                     + "评委会组成人员应当是单数，不少于\(rules.minimumMembers)人，设主任委员一名，可设副主任委员；每届任期不超过\(rules.memberTermYears)年；"
                     + "会议须有不少于\(rules.quorum)的成员出席并由主任委员或副主任委员主持，同意票不少于出席且未回避成员的\(rules.passShare)为通过（《职称评审管理暂行规定》，参数见年度政策）。")),
            .group(CommitteeTier.allCases.map { tier in
                let c = committees.first { $0.tier == tier }
                return CommitteeUI.section(tier.label, id: "committee-\(tier.rawValue)", [
                    .unwrap(c, { c in
                        .group(
                            .p(.text("名称：\(c.name)；任期：\(c.term)；成员\(c.members.count)人" + (c.locked ? "（已有会议开始表决，组成不再更改）" : ""))),
                            .if(!c.problems.isEmpty, .p(.class("field-error"), .text("尚不能开会：" + c.problems.joined(separator: "；")))),
                            CommitteeUI.table(["姓名", "职务", "专业", "工作单位"], c.members.map {
                                [.text($0.name), .text($0.role.label), .text($0.specialty), .text($0.organization)]
                            }, id: "members-\(tier.rawValue)")
                        )
                    }, else: .p(.class("muted"), .text("尚未组建。")))
                ])
            }),
            CommitteeUI.section("组建或调整评委会", id: "form-committee", [
                CommitteeUI.form(CommitteeUI.action(.committee(.committees), years), csrf: csrf, [
                    .selectField("tier", label: "评委会", choices: CommitteeTier.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
                                 selected: typed["tier"], required: true),
                    .textField("name", label: "名称（证书、会议纪要上使用）", value: typed["name"], required: true, maxLength: 60),
                    .textField("termStart", label: "任期起", value: typed["termStart"], type: "date", required: true),
                    .textField("termEnd", label: "任期止", value: typed["termEnd"], type: "date", required: true),
                    .fieldset(.element(named: "legend", text: "成员（从在任专家中选择职务；不选为不参加）"),
                              .forEach(candidates) { c in
                                  .selectField("role_\(c.id.uuidString)", label: c.label, choices: Self.roleChoices,
                                               selected: typed["role_\(c.id.uuidString)"], prompt: "不参加")
                              }),
                ], submit: "保存评委会"),
            ]),
        ])
    }
}
