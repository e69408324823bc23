import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// The committee stage over HTTP with the demo's committee data: recusal on every path
/// (a conflicted expert never sees the applicant), scores validated and kept, the lead
/// closes, the grades with their rule, ballots one per member, /verify (九, 十; 人社部
/// 《职称评审管理暂行规定》2019).
@Suite(.serialized) struct CommitteeStageTests {
    /// Loads the demo's committee data (accounts are loaded by `withTestApp`).
    func loadCommittee(_ app: Application) async throws {
        let now = app.clock.now()
        try await app.transaction { db in
            try await DemoCommittee.create(on: db, policy: app.policies.current, calendar: app.workingDays, now: now)
        }
    }

    /// A new meeting of the demo's 中级评委会 (seven members, 周正 chair, 吴敏 vice-chair).
    func intermediateMeeting(_ app: Application) async throws -> CommitteeMeeting {
        let committee = try #require(try await ReviewCommitteeRecord.query(on: app.db).filter(\.$tier == "intermediate").first())
        return try await app.transaction { db in
            try await MeetingBallots.create(db, committee: committee, heldOn: LocalDate(iso: "2022-09-15")!,
                                            audit: AuditEntry(actorID: nil, actorName: "t", role: nil, action: "meeting.create", ip: nil))
        }
    }

    func electricalPanel(_ app: Application) async throws -> DefensePanel {
        try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "电气工程").first())
    }

    @Test func conflictedExpertNeverSeesTheApplicantAndScoresAreValidated() async throws {
        try await withTestApp { app in
            app.clock = .fixed(LocalDate(iso: "2022-08-15")!.beijingMorning)
            try await loadCommittee(app)
            let panel = try await electricalPanel(app)
            let members = try await DefensePanelMember.query(on: app.db).filter(\.$panel.$id == panel.id!)
                .with(\.$expert) { $0.with(\.$user) }.all()
            #expect(members.count == 5)
            // expert7 declared a conflict with 刘洋: never drawn, and refused on every path.
            #expect(!members.contains { $0.expert.user?.username == "expert7" })
            #expect(panel.excluded.contains("郭峰") && panel.excluded.contains("专家本人申请回避"))
            let lead = try #require(members.first { $0.isLead }?.expert.user?.username)
            let other = try #require(members.first { !$0.isLead }?.expert.user?.username)
            let liu = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$specialty == "电气工程").first())

            // A member with a conflict pinned later by the office is refused, and the list hides the applicant.
            let otherExpert = try #require(members.first { $0.expert.user?.username == other }?.expert)
            try await ExpertConflict(expertID: otherExpert.id!, applicationID: liu.id!, source: "office", reason: "亲属关系").create(on: app.db)
            var conflicted = Browser(app)
            try await conflicted.login(other)
            let page = try await conflicted.get("/expert/panels/\(panel.id!)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("刘洋"), "a conflicted expert must not see the applicant on the panel page")
            let post = try await conflicted.post("/expert/panels/\(panel.id!)/scores/\(liu.id!)", ["materials": "80", "onsite": "80"])
            #expect(post.status == .forbidden)
            #expect(try await conflicted.get("/applications/\(liu.id!)/progress").status == .forbidden)
            try await ExpertConflict.query(on: app.db).filter(\.$expert.$id == otherExpert.id!).delete()

            // Scores: out of range and two decimals are refused in Chinese, the typed value kept.
            var leadBrowser = Browser(app)
            try await leadBrowser.login(lead)
            let shown = try await leadBrowser.get("/expert/panels/\(panel.id!)")
            #expect(shown.text.contains("刘洋"))
            let bad = try await leadBrowser.post("/expert/panels/\(panel.id!)/scores/\(liu.id!)", ["materials": "101", "onsite": "78.55"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("最高100分") && bad.text.contains("最多保留一位小数") && bad.text.contains("78.55"))
            #expect(try await DefenseScoreRecord.query(on: app.db).count() == 5)   // only the demo's closed panel

            // Closing before everyone scored is refused.
            let early = try await leadBrowser.post("/expert/panels/\(panel.id!)/close", ["confirm": "1"])
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("尚未给刘洋评分"))

            // Every member scores; a member sees only their own scores before the close.
            for (i, m) in members.enumerated() {
                var b = Browser(app)
                try await b.login(m.expert.user!.username)
                try await b.get("/expert/panels/\(panel.id!)")
                let r = try await b.post("/expert/panels/\(panel.id!)/scores/\(liu.id!)", ["materials": "8\(i).5", "onsite": "7\(i)"])
                #expect(r.status == .seeOther)
            }
            let before = try await conflicted.get("/expert/panels/\(panel.id!)")
            #expect(!before.text.contains("答辩成绩 "))
            try await leadBrowser.get("/expert/panels/\(panel.id!)")
            #expect(try await leadBrowser.post("/expert/panels/\(panel.id!)/close", ["confirm": "1"]).status == .seeOther)
            let after = try await leadBrowser.get("/expert/panels/\(panel.id!)")
            // One applicant: rank 1 of 1, 3:6:1 gives 0/1/0 → 中 (scoring contract rule 3).
            #expect(after.text.contains("等次：中") && after.text.contains("第1名，共1人"))
            #expect(try await ApplicationRecord.find(liu.id!, on: app.db)?.stateValue == .defended)
            // The number is the Domain's: mean of (m×0.4 + o×0.6) over the five.
            let entries = (0..<5).map { i in DefenseScoreEntry(applicant: "A", expert: "\(i)", materials: Tenths(800 + i * 10 + 5), onsite: Tenths(700 + i * 10)) }
            let expected = DefenseGrading.grade(entries, rules: try DefenseRules(policy: app.policies.current)).applicants[0].defenseScore
            #expect(after.text.contains("答辩成绩 \(expected)"))
            // A changed score after the close is refused and nothing changes.
            let late = try await leadBrowser.post("/expert/panels/\(panel.id!)/scores/\(liu.id!)", ["materials": "99", "onsite": "99"])
            #expect(late.status == .unprocessableEntity)
            #expect(late.text.contains("已结束评分"))
        }
    }

    @Test func ballotOncePerMemberAndVerifyCertificate() async throws {
        try await withTestApp { app in
            app.clock = .fixed(LocalDate(iso: "2022-08-15")!.beijingMorning)
            try await loadCommittee(app)
            // The demo certificate verifies without login; an unknown code is refused.
            let cert = try #require(try await CertificateRecord.query(on: app.db).first())
            var anon = Browser(app)
            let ok = try await anon.get("/verify/\(cert.code)")
            #expect(ok.status == .ok)
            #expect(ok.text.contains("王芳") && ok.text.contains("工程师") && ok.text.contains(cert.maskedID))
            #expect(cert.maskedID.contains("*"))
            let missing = try await anon.get("/verify/ZZZZZZZZZZZZ")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("不存在"))
            // The public list shows a publicity once it has started on the review's clock (issue 16, item 6).
            let publicity = try #require(try await ResultPublicity.query(on: app.db).first())
            app.clock = .fixed(LocalDate(iso: publicity.starts)!.beijingMorning)
            #expect(try await anon.get("/results").text.contains("王芳"))
            app.clock = .fixed(LocalDate(iso: "2022-08-15")!.beijingMorning)

            // A meeting of the 中级评委会 (seven members): the office cannot see who voted what;
            // a second ballot is refused.
            let liu = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$specialty == "电气工程").with(\.$applicant).first())
            liu.state = ApplicationState.defended.rawValue
            try await liu.update(on: app.db)
            let meeting = try await intermediateMeeting(app)
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/committee/meetings/\(meeting.id!)")
            #expect(page.text.contains("不足2/3，不得表决"))
            let members = try await MeetingMember.query(on: app.db).filter(\.$meeting.$id == meeting.id!).with(\.$expert) { $0.with(\.$user) }.all()
                .sorted { $0.expert.name < $1.expert.name }
            #expect(members.count == 7)
            // Without quorum a ballot is refused.
            let noQuorum = try await office.post("/committee/meetings/\(meeting.id!)/ballots",
                                                 ["expertID": members[0].$expert.id.uuidString, "applicationID": liu.id!.uuidString, "choice": "agree"])
            #expect(noQuorum.status == .unprocessableEntity && noQuorum.text.contains("不足法定人数"))
            // Five present: the chair, and four without a conflict with 刘洋 (郭峰 declared one).
            let present = [members.first { $0.roleValue == .chair }!] + members.filter { $0.roleValue != .chair && $0.expert.name != "郭峰" }.prefix(4)
            var attendance: [String: String] = [:]
            for m in present { attendance["present_\(m.id!.uuidString)"] = "1" }
            #expect(try await office.post("/committee/meetings/\(meeting.id!)/attendance", attendance).status == .seeOther)
            try await office.get("/committee/meetings/\(meeting.id!)")
            #expect(try await office.post("/committee/meetings/\(meeting.id!)/start", ["confirm": "1"]).status == .seeOther)
            // The member on their own device.
            let voter = try #require(present.first { $0.expert.user != nil })
            var member = Browser(app)
            try await member.login(voter.expert.user!.username)
            try await member.get("/expert/meetings/\(meeting.id!)")
            let own = try await member.post("/expert/meetings/\(meeting.id!)/ballots/\(liu.id!)", ["choice": "agree"])
            #expect(own.status == .seeOther, "\(own.text.components(separatedBy: "error-summary").dropFirst().first?.prefix(300) ?? "")")
            let again = try await member.post("/expert/meetings/\(meeting.id!)/ballots/\(liu.id!)", ["choice": "disagree"])
            #expect(again.status == .unprocessableEntity && again.text.contains("已对该申报人投过票"))
            // Nothing stored ties a choice to a voter: the markers carry no choice, the tally no voter.
            let tally = try #require(try await BallotTally.query(on: app.db).filter(\.$meetingID == meeting.id!).first())
            #expect(tally.agree == 1 && tally.disagree == 0)
            let during = try await office.get("/committee/meetings/\(meeting.id!)")
            #expect(during.text.contains("表决结束后公布"))
            // Three paper ballots, then the close: 4 of 5 present agree (≥ 2/3) → passed.
            for m in present where m.id != voter.id {
                try await office.get("/committee/meetings/\(meeting.id!)")
                #expect(try await office.post("/committee/meetings/\(meeting.id!)/ballots",
                                              ["expertID": m.$expert.id.uuidString, "applicationID": liu.id!.uuidString,
                                               "choice": m.id == present.last!.id ? "abstain" : "agree"]).status == .seeOther)
            }
            try await office.get("/committee/meetings/\(meeting.id!)")
            #expect(try await office.post("/committee/meetings/\(meeting.id!)/close", ["confirm": "1"]).status == .seeOther)
            #expect(try await ApplicationRecord.find(liu.id!, on: app.db)?.stateValue == .passed)
            let minutes = try await office.get("/committee/meetings/\(meeting.id!)/minutes")
            #expect(minutes.text.contains("同意3票") == false && minutes.text.contains("同意4票") && minutes.text.contains("，通过"))
            // Other roles: an applicant and a unit clerk are refused the office pages.
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            #expect(try await applicant.get("/committee/meetings/\(meeting.id!)").status == .forbidden)
        }
    }

    /// 八: closing the meeting is one transaction behind a conditional update: two
    /// clicks at once (two office clerks) record each vote once and one close.
    @Test func aMeetingClosedTwiceAtOnceRecordsEachVoteOnce() async throws {
        try await withTestApp { app in
            app.clock = .fixed(LocalDate(iso: "2022-08-15")!.beijingMorning)
            try await loadCommittee(app)
            let liu = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$specialty == "电气工程").first())
            liu.state = ApplicationState.defended.rawValue
            try await liu.update(on: app.db)
            let meeting = try await intermediateMeeting(app)
            var first = Browser(app)
            try await first.login("office")
            try await first.get("/committee/meetings/\(meeting.id!)")
            let members = try await MeetingMember.query(on: app.db).filter(\.$meeting.$id == meeting.id!).all()
            var attendance: [String: String] = [:]
            for m in members { attendance["present_\(m.id!.uuidString)"] = "1" }
            #expect(try await first.post("/committee/meetings/\(meeting.id!)/attendance", attendance).status == .seeOther)
            try await first.get("/committee/meetings/\(meeting.id!)")
            #expect(try await first.post("/committee/meetings/\(meeting.id!)/start", ["confirm": "1"]).status == .seeOther)
            try await first.get("/committee/meetings/\(meeting.id!)")
            var second = Browser(app)
            try await second.login("office")
            try await second.get("/committee/meetings/\(meeting.id!)")
            let a = first, b = second
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                group.addTask { var x = a; return try await x.post("/committee/meetings/\(meeting.id!)/close", ["confirm": "1"]).status }
                group.addTask { var y = b; return try await y.post("/committee/meetings/\(meeting.id!)/close", ["confirm": "1"]).status }
                var all: [HTTPStatus] = []
                for try await s in group { all.append(s) }
                return all
            }
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await CommitteeMeeting.find(meeting.id!, on: app.db)?.state == "closed")
            let votes = try await WorkflowEvent.query(on: app.db).filter(\.$application.$id == liu.id!)
                .filter(\.$transition == ApplicationTransition.recordVote.rawValue).count()
            #expect(votes == 1)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "meeting.close").count() == 1)
            // Without ballots the vote fails (0 of those present agree): recorded once, as 未通过.
            #expect(try await ApplicationRecord.find(liu.id!, on: app.db)?.stateValue != .defended)
        }
    }
}
