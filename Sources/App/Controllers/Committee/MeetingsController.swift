import Domain
import Fluent
import Plot
import SQLKit
import Vapor

/// 评委会会议: members (a chair, an odd number), attendance and quorum, deliberation
/// notes, the secret ballot per applicant entered by each member or by the office from
/// paper ballots, the decision by `CommitteeVote` and printable minutes.
struct MeetingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.committee(.meetings), use: list).requires(.manageCommittee)
        routes.post(.committee(.meetings), use: create).requires(.manageCommittee)
        routes.get(.committee(.meeting(.pattern, nil)), use: show).requires(.manageCommittee)
        routes.post(.committee(.meeting(.pattern, .attendance)), use: attendance).requires(.manageCommittee)
        routes.post(.committee(.meeting(.pattern, .ballots)), use: paperBallot).requires(.manageCommittee)
        routes.post(.committee(.meeting(.pattern, .close)), use: close).requires(.manageCommittee)
        routes.get(.committee(.meeting(.pattern, .minutes)), use: minutes).requires(.manageCommittee)
    }

    @Sendable func list(req: Request) async throws -> Response { try await renderList(req, errors: [], status: .ok) }

    func renderList(_ req: Request, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        let csrf = try await req.csrfToken()
        let meetings = try await CommitteeMeeting.query(on: req.db).sort(\.$createdAt).all()
        let experts = try await CommitteeData.activePool(on: req.db, today: req.today)
        return CommitteeUI.page(PageChrome(req: req, title: "评委会会议"), [
            CommitteeUI.officeMenu(), CommitteeUI.errors(errors),
            CommitteeUI.table(["会议日期", "状态"], meetings.map { m in
                [.a(.href(SiteURL.committee(.meeting(.value(m.id!), nil)).path), .text(m.heldOn)), .text(m.isClosed ? "已表决" : "进行中")]
            }, id: "meetings"),
            CommitteeUI.section("召开会议", id: "new-meeting", [
                .p(.text("评委会成员须为奇数，设主任委员一名；出席人数不少于成员的2/3方可表决，同意票数达到出席人数的2/3以上为通过（《职称评审管理暂行规定》）。")),
                CommitteeUI.form(SiteURL.committee(.meetings).path, csrf: csrf, [
                    .textField("heldOn", label: "会议日期", type: "date", required: true),
                    .div(.h3(.text("成员")), .forEach(experts) { e in
                        .checkboxField("member_\(e.id!.uuidString)", label: "\(e.name)（\(e.specialty)，\(e.organization.name)）", checked: false)
                    }),
                    .selectField("chair", label: "主任委员", choices: experts.map { Choice(value: $0.id!.uuidString, label: $0.name) },
                                 selected: nil, required: true),
                ], submit: "创建会议"),
            ]),
        ]).response(status: status)
    }

    @Sendable func create(req: Request) async throws -> Response {
        guard let day = LocalDate(iso: CommitteeData.field(req, "heldOn")) else {
            return try await renderList(req, errors: ["请填写会议日期"], status: .unprocessableEntity)
        }
        let pool = try await CommitteeData.activePool(on: req.db, today: req.today)
        let chosen = pool.filter { CommitteeData.field(req, "member_\($0.id!.uuidString)") == "1" }
        guard let chair = UUID(uuidString: CommitteeData.field(req, "chair")), chosen.contains(where: { $0.id == chair }) else {
            return try await renderList(req, errors: ["主任委员须为勾选的成员之一"], status: .unprocessableEntity)
        }
        guard chosen.count % 2 == 1 else {
            return try await renderList(req, errors: ["评委会成员须为奇数（当前勾选\(chosen.count)人）"], status: .unprocessableEntity)
        }
        let year = req.policies.current.applicationDate.year
        let members = chosen.map { $0.id! }
        let audit = req.auditEntry("meeting.create")
        // In a gated write transaction (its inner transaction joins it): on SQLite writes queue.
        let meeting = try await req.transaction { db in
            try await MeetingBallots.create(db, year: year, heldOn: day, members: members, chair: chair, audit: audit)
        }
        return req.redirect(to: SiteURL.committee(.meeting(.value(meeting.id!), nil)).path(query: ["notice": "created"]))
    }

    private func meeting(_ req: Request) async throws -> CommitteeMeeting {
        guard let id = req.parameters.get("meetingID", as: UUID.self), let m = try await CommitteeMeeting.find(id, on: req.db) else {
            throw PageError.notFound
        }
        return m
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await render(req, try await meeting(req), errors: [], status: .ok)
    }

    func render(_ req: Request, _ meeting: CommitteeMeeting, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        let csrf = try await req.csrfToken()
        let snap = try await MeetingSnapshot.load(meeting, on: req.db)
        let id = meeting.id!
        let quorum = CommitteeVote.hasQuorum(present: snap.present.count, members: snap.members.count)
        return CommitteeUI.page(PageChrome(req: req, title: "评委会会议（\(meeting.heldOn)）"), [
            CommitteeUI.officeMenu(), CommitteeUI.errors(errors),
            .p(.id("quorum"), .text("应到\(snap.members.count)人，实到\(snap.present.count)人；" + (quorum ? "已达法定人数，可以表决" : "不足2/3，不得表决"))),
            .p(.a(.href(SiteURL.committee(.meeting(.value(id), .minutes)).path), .text("会议纪要（可打印）"))),
            CommitteeUI.section("出席登记", id: "attendance", [
                .form(.method(.post), .action(SiteURL.committee(.meeting(.value(id), .attendance)).path), .class("stacked"), .csrfField(csrf),
                      .forEach(snap.members) { m in
                          .checkboxField("present_\(m.id!.uuidString)", label: m.expert.name + (m.isChair ? "（主任委员）" : ""), checked: m.present)
                      },
                      .textAreaField("notes", label: "评议记录", value: meeting.notes, rows: 4, maxLength: 4000),
                      .if(!meeting.isClosed, .submitButton("保存出席与评议记录"))),
            ]),
            CommitteeUI.section("表决（无记名）", id: "ballots", [
                .p(.text("每位出席成员对每位申报人投一票：同意、反对或弃权（弃权按不同意计）。系统只记录“已投票”与票数，不记录谁投了什么。")),
                CommitteeUI.table(["申报人", "专业", "答辩等次", "已投票", "同意", "反对", "弃权"], snap.applicants.map { a in
                    let t = snap.tally(a.id!)
                    return [.text(a.applicant.realName), .text(a.specialty), .text(a.stateValue.label),
                            .text("\(snap.voted(a.id!))/\(snap.present.count)"),
                            .text(meeting.isClosed ? "\(t.agree)" : "表决结束后公布"), .text(meeting.isClosed ? "\(t.disagree)" : "—"),
                            .text(meeting.isClosed ? "\(t.abstain)" : "—")]
                }, id: "ballot-list", empty: "暂无待表决的申报人（答辩等次为优、中者）。"),
                .if(!meeting.isClosed, CommitteeUI.form(SiteURL.committee(.meeting(.value(id), .ballots)).path, csrf: csrf, id: "paper-ballot", [
                    .selectField("expertID", label: "投票成员（纸质选票）", choices: snap.present.map { Choice(value: $0.$expert.id.uuidString, label: $0.expert.name) },
                                 selected: nil, required: true),
                    .selectField("applicationID", label: "申报人", choices: snap.applicants.map { Choice(value: $0.id!.uuidString, label: $0.applicant.realName) },
                                 selected: nil, required: true),
                    .selectField("choice", label: "票决", choices: MeetingBallots.choices, selected: nil, required: true),
                ], submit: "录入纸质选票", style: "secondary")),
                .if(!meeting.isClosed, CommitteeUI.form(SiteURL.committee(.meeting(.value(id), .close)).path, csrf: csrf, id: "close-vote", [
                    .checkboxField("confirm", label: "表决已结束，按票数确定评审结果", checked: false),
                ], submit: "结束表决并确定结果", style: "danger")),
            ]),
        ]).response(status: status)
    }

    @Sendable func attendance(req: Request) async throws -> Response {
        let meeting = try await meeting(req)
        guard !meeting.isClosed else { return try await render(req, meeting, errors: ["会议已结束表决"], status: .unprocessableEntity) }
        let members = try await MeetingMember.query(on: req.db).filter(\.$meeting.$id == meeting.id!).all()
        let voted = try await BallotMarker.query(on: req.db).filter(\.$meetingID == meeting.id!).all().map(\.expertID)
        try await req.transaction { db in
            for m in members {
                let present = CommitteeData.field(req, "present_\(m.id!.uuidString)") == "1"
                // Someone who has voted was there: attendance cannot be taken back after a ballot.
                m.present = present || voted.contains(m.$expert.id)
                try await m.update(on: db)
            }
            meeting.notes = String(CommitteeData.field(req, "notes").prefix(4000))
            try await meeting.update(on: db)
            try await AuditLog.append(req.auditEntry("meeting.attendance", objectType: "meeting", objectID: meeting.id!.uuidString), on: db)
        }
        return req.redirect(to: SiteURL.committee(.meeting(.value(meeting.id!), nil)).path(query: ["notice": "saved"]))
    }

    @Sendable func paperBallot(req: Request) async throws -> Response {
        let meeting = try await meeting(req)
        guard let expertID = UUID(uuidString: CommitteeData.field(req, "expertID")), let expert = try await Expert.find(expertID, on: req.db),
              let appID = UUID(uuidString: CommitteeData.field(req, "applicationID")) else {
            return try await render(req, meeting, errors: ["请选择投票成员和申报人"], status: .unprocessableEntity)
        }
        if let problem = try await MeetingBallots.cast(req, meetingID: meeting.id!, applicationID: appID, expert: expert,
                                                       choice: CommitteeData.field(req, "choice"), checkAccess: false) {
            return try await render(req, meeting, errors: [problem], status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.committee(.meeting(.value(meeting.id!), nil)).path(query: ["notice": "saved"], fragment: "ballots"))
    }

    @Sendable func close(req: Request) async throws -> Response {
        let meeting = try await meeting(req)
        guard !meeting.isClosed else { return req.redirect(to: SiteURL.committee(.meeting(.value(meeting.id!), nil)).path) }
        guard CommitteeData.field(req, "confirm") == "1" else {
            return try await render(req, meeting, errors: ["请勾选确认表决已结束"], status: .unprocessableEntity)
        }
        let snap = try await MeetingSnapshot.load(meeting, on: req.db)
        guard CommitteeVote.hasQuorum(present: snap.present.count, members: snap.members.count) else {
            let d = CommitteeVote.decide(members: snap.members.count, present: snap.present.count, agree: 0, disagree: 0, abstain: 0)
            return try await render(req, meeting, errors: [d.explanation], status: .unprocessableEntity)
        }
        // Each applicant's decision from the ballots, worked out before anything is written.
        let decisions: [(ApplicationRecord, WorkflowRunner.Extra)] = snap.applicants.map { a in
            let t = snap.tally(a.id!)
            let d = CommitteeVote.decide(members: snap.members.count, present: snap.present.count, agree: t.agree,
                                         disagree: t.disagree, abstain: t.abstain)
            var extra = WorkflowRunner.Extra()
            extra.committeeActor = true
            extra.votePassed = d.outcome == .passed
            extra.reason = d.explanation
            return (a, extra)
        }
        // One transaction, as the panel lead's close: the meeting closed by a conditional
        // update (a second click finds it closed), every applicant's vote recorded, the
        // audit record; if any applicant cannot move, nothing is written and the meeting
        // stays open with the reasons shown.
        struct CloseRefused: Error { let problems: [String] }
        let meetingID = meeting.id!
        let entry = req.auditEntry("meeting.close", objectType: "meeting", objectID: meetingID.uuidString)
        do {
            try await req.transaction { db in
                guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "needs SQL") }
                let closed = try await sql.update(CommitteeMeeting.schema).set("state", to: "closed")
                    .where("id", .equal, meetingID).where("state", .notEqual, "closed").returning("id").all()
                guard !closed.isEmpty else { return }
                var problems: [String] = []
                for (a, extra) in decisions {
                    try await MeetingBallots.ensureTally(db, meetingID: meetingID, applicationID: a.id!)
                    if case .failure(let r) = try await req.workflow.fire(.recordVote, on: a, extra: extra, in: db) {
                        problems.append("\(a.applicant.realName)：\(r.message)")
                    }
                }
                guard problems.isEmpty else { throw CloseRefused(problems: problems) }
                try await AuditLog.append(entry, on: db)
            }
        } catch let refused as CloseRefused {
            return try await render(req, meeting, errors: refused.problems, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.committee(.meeting(.value(meeting.id!), .minutes)).path)
    }

    @Sendable func minutes(req: Request) async throws -> Response {
        let meeting = try await meeting(req)
        let snap = try await MeetingSnapshot.load(meeting, on: req.db, includeDecided: true)
        let title = "\(req.policies.current.title)评审委员会会议纪要"
        let rows: [[CommitteeUI.Body]] = snap.applicants.map { a in
            let t = snap.tally(a.id!)
            let d = CommitteeVote.decide(members: snap.members.count, present: snap.present.count, agree: t.agree,
                                         disagree: t.disagree, abstain: t.abstain)
            return [.text(a.applicant.realName), .text(a.unit.name), .text(a.specialty), .text("\(t.agree)"), .text("\(t.disagree)"),
                    .text("\(t.abstain)"), .text(meeting.isClosed ? d.explanation : "表决尚未结束")]
        }
        let html = HTML(.attribute(named: "lang", value: "zh-CN"),
            .head(.meta(.charset(.utf8)), .element(named: "title", text: title), .link(.rel(.stylesheet), .href(PrintLayout.stylesheet))),
            .body(.main(
                .h1(.text(title)),
                .p(.text("会议日期：\(LocalDate(iso: meeting.heldOn)?.chinese ?? meeting.heldOn)")),
                .p(.text("主任委员：\(snap.members.first(where: \.isChair)?.expert.name ?? "—")；应到\(snap.members.count)人，实到\(snap.present.count)人：" + snap.present.map(\.expert.name).joined(separator: "、"))),
                .p(.text("缺席：" + (snap.members.filter { !$0.present }.map(\.expert.name).joined(separator: "、").nonEmpty ?? "无"))),
                .h2(.text("评议记录")), .p(.text(meeting.notes.isEmpty ? "—" : meeting.notes)),
                .h2(.text("无记名投票结果")),
                CommitteeUI.table(["申报人", "工作单位", "专业", "同意", "反对", "弃权", "结果"], rows, id: "minutes"),
                .p(.text("记录人：________    主任委员签字：________"))
            )))
        return html.response()
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// A meeting with its members, attendance, the applicants to vote on and the tallies.
struct MeetingSnapshot {
    let meeting: CommitteeMeeting
    let members: [MeetingMember]
    let applicants: [ApplicationRecord]
    let tallies: [BallotTally]
    let markers: [BallotMarker]

    var present: [MeetingMember] { members.filter(\.present) }

    static func load(_ meeting: CommitteeMeeting, on db: any Database, includeDecided: Bool = true) async throws -> MeetingSnapshot {
        let members = try await MeetingMember.query(on: db).filter(\.$meeting.$id == meeting.id!).with(\.$expert).all()
            .sorted { ($0.isChair ? 0 : 1, $0.expert.name) < ($1.isChair ? 0 : 1, $1.expert.name) }
        let tallies = try await BallotTally.query(on: db).filter(\.$meetingID == meeting.id!).all()
        // The applicants: those waiting for a vote, and those this meeting decided.
        let decided = Set(tallies.map(\.applicationID))
        let states = meeting.isClosed ? [ApplicationState.passed, .failed, .certified] : [.defended]
        let candidates = try await ApplicationRecord.query(on: db).filter(\.$state ~~ states.map(\.rawValue))
            .filter(\.$year == meeting.year).with(\.$applicant).with(\.$unit).sort(\.$specialty).all()
        let applicants = meeting.isClosed ? candidates.filter { decided.contains($0.id!) } : candidates
        let markers = try await BallotMarker.query(on: db).filter(\.$meetingID == meeting.id!).all()
        return MeetingSnapshot(meeting: meeting, members: members, applicants: applicants, tallies: tallies, markers: markers)
    }

    func tally(_ applicationID: UUID) -> (agree: Int, disagree: Int, abstain: Int) {
        guard let t = tallies.first(where: { $0.applicationID == applicationID }) else { return (0, 0, 0) }
        return (t.agree, t.disagree, t.abstain)
    }

    func voted(_ applicationID: UUID) -> Int { markers.filter { $0.applicationID == applicationID }.count }
}
