import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// The junior levels through their committee (四（三）, 九): assistant engineers and technicians
/// go from acceptance to the quantitative score, the referral and the 初级评委会's vote, never to
/// a defense; a meeting belongs to one committee and votes only on its levels; the chair or a
/// vice-chair presides; attendance is fixed when voting starts; a recused member leaves that
/// applicant's denominator (《职称评审管理暂行规定》); no meeting outside the review year.
@Suite(.serialized) struct JuniorPathTests {
    func load(_ app: Application) async throws {
        app.clock = .fixed(LocalDate(iso: "2022-09-05")!.beijingMorning)
        let now = app.clock.now()
        try await app.transaction { db in
            try await DemoCommittee.create(on: db, policy: app.policies.current, calendar: app.workingDays, now: now)
        }
    }

    func application(_ app: Application, _ name: String) async throws -> ApplicationRecord {
        let user = try #require(try await UserAccount.query(on: app.db).filter(\.$realName == name).first())
        return try #require(try await ApplicationRecord.query(on: app.db).filter(\.$applicant.$id == user.id!).with(\.$applicant).first())
    }

    func juniorMeeting(_ app: Application) async throws -> CommitteeMeeting {
        let junior = try #require(try await ReviewCommitteeRecord.query(on: app.db).filter(\.$tier == "junior").first())
        return try #require(try await CommitteeMeeting.query(on: app.db).filter(\.$committee.$id == junior.id!)
            .filter(\.$state == "open").first())
    }

    @Test func referralNeedsAScoreAndAJuniorLevel() async throws {
        try await withTestApp { app in
            try await load(app)
            let han = try await application(app, "韩磊"), wei = try await application(app, "魏娜")
            let liu = try await application(app, "刘洋")
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/committee/quantitative/referrals")
            #expect(page.status == .ok && page.text.contains("提交初级评委会评议") && page.text.contains("韩磊") && page.text.contains("未赋分"))
            // 韩磊 has no quantitative score: refused, nothing moves.
            let refused = try await office.post("/committee/quantitative/referrals", ["app_\(han.id!.uuidString)": "1"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("尚未量化赋分"))
            #expect(try await ApplicationRecord.find(han.id!, on: app.db)?.stateValue == .accepted)
            // An engineer cannot be referred without a defense (九).
            liu.state = ApplicationState.accepted.rawValue
            try await liu.update(on: app.db)
            try await office.get("/committee/quantitative/referrals")
            let engineer = try await office.post("/committee/quantitative/referrals", ["app_\(liu.id!.uuidString)": "1"])
            #expect(engineer.status == .unprocessableEntity && engineer.text.contains("工程师须经答辩评价"))
            // 魏娜 is scored: referred, with its event.
            try await office.get("/committee/quantitative/referrals")
            #expect(try await office.post("/committee/quantitative/referrals", ["app_\(wei.id!.uuidString)": "1"]).status == .seeOther)
            #expect(try await ApplicationRecord.find(wei.id!, on: app.db)?.stateValue == .awaitingVote)
            #expect(try await WorkflowEvent.query(on: app.db).filter(\.$application.$id == wei.id!)
                .filter(\.$transition == ApplicationTransition.referToCommittee.rawValue).count() == 1)
            // A unit clerk and an applicant are refused the office's page.
            var clerk = Browser(app)
            try await clerk.login("unit1")
            #expect(try await clerk.get("/committee/quantitative/referrals").status == .forbidden)
            #expect(try await clerk.post("/committee/quantitative/referrals", ["app_\(han.id!.uuidString)": "1"]).status == .forbidden)
        }
    }

    @Test func aJuniorIsNeverScheduledForADefense() async throws {
        try await withTestApp { app in
            try await load(app)
            let han = try await application(app, "韩磊")
            // Even with a score and a panel of the specialty, the state machine refuses a junior's defense.
            let panel = try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "电气工程").first())
            han.specialty = "电气工程"
            try await han.update(on: app.db)
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/panels/\(panel.id!)")
            let r = try await office.post("/committee/panels/\(panel.id!)/schedule",
                                          ["applicationID": han.id!.uuidString, "startsAt": "2022-09-06 09:00"])
            #expect(r.status == .unprocessableEntity)
            #expect(try await ApplicationRecord.find(han.id!, on: app.db)?.stateValue == .accepted)
            #expect(try await DefenseSlot.query(on: app.db).filter(\.$application.$id == han.id!).count() == 0)
        }
    }

    @Test func theJuniorCommitteeVotesWithPresidingQuorumFixedAttendanceAndRecusal() async throws {
        try await withTestApp { app in
            try await load(app)
            let jiang = try await application(app, "蒋涛"), liu = try await application(app, "刘洋")
            // An engineer waiting for the 中级评委会 is not on the junior meeting's list.
            liu.state = ApplicationState.defended.rawValue
            try await liu.update(on: app.db)
            let meeting = try await juniorMeeting(app)
            let id = meeting.id!
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/committee/meetings/\(id)")
            #expect(page.status == .ok && page.text.contains("初级评委会") && page.text.contains("蒋涛"))
            #expect(!page.text.contains("刘洋"))
            let members = try await MeetingMember.query(on: app.db).filter(\.$meeting.$id == id).with(\.$expert).all()
            #expect(members.count == 7)
            // A ballot before voting starts is refused.
            let all = Dictionary(uniqueKeysWithValues: members.map { ("present_\($0.id!.uuidString)", "1") })
            let presiding = members.filter { $0.roleValue.presides }
            #expect(presiding.count == 2)
            // Everyone but the chair and the vice-chair: quorum, but nobody to preside.
            var noChair = all
            for p in presiding { noChair.removeValue(forKey: "present_\(p.id!.uuidString)") }
            #expect(try await office.post("/committee/meetings/\(id)/attendance", noChair).status == .seeOther)
            try await office.get("/committee/meetings/\(id)")
            let early = try await office.post("/committee/meetings/\(id)/ballots",
                                              ["expertID": members.first { !$0.roleValue.presides }!.$expert.id.uuidString,
                                               "applicationID": jiang.id!.uuidString, "choice": "agree"])
            #expect(early.status == .unprocessableEntity && early.text.contains("开始表决后方可投票"))
            let unpresided = try await office.post("/committee/meetings/\(id)/start", ["confirm": "1"])
            #expect(unpresided.status == .unprocessableEntity && unpresided.text.contains("主任委员或副主任委员须出席"))
            // All seven present; one declared a conflict with 蒋涛.
            try await office.get("/committee/meetings/\(id)")
            #expect(try await office.post("/committee/meetings/\(id)/attendance", all).status == .seeOther)
            let recused = members.first { !$0.roleValue.presides }!
            try await ExpertConflict(expertID: recused.$expert.id, applicationID: jiang.id!, source: ConflictSource.declaredByExpert.rawValue,
                                     reason: "亲属关系").create(on: app.db)
            try await office.get("/committee/meetings/\(id)")
            #expect(try await office.post("/committee/meetings/\(id)/start", ["confirm": "1"]).status == .seeOther)
            #expect(try await CommitteeMeeting.find(id, on: app.db)?.votingStarted == true)
            // Attendance is fixed now: taking a member off changes nothing.
            try await office.get("/committee/meetings/\(id)")
            var fewer = all
            fewer.removeValue(forKey: "present_\(members[0].id!.uuidString)")
            try await office.post("/committee/meetings/\(id)/attendance", fewer)
            #expect(try await MeetingMember.query(on: app.db).filter(\.$meeting.$id == id).filter(\.$present == true).count() == 7)
            // The recused member cannot vote on 蒋涛.
            try await office.get("/committee/meetings/\(id)")
            let refused = try await office.post("/committee/meetings/\(id)/ballots",
                                                ["expertID": recused.$expert.id.uuidString, "applicationID": jiang.id!.uuidString, "choice": "agree"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("回避"))
            // Six may vote: four agree and two disagree reach 2/3 of six (4 of 7 would not).
            let voters = members.filter { $0.id != recused.id }
            for (i, m) in voters.enumerated() {
                try await office.get("/committee/meetings/\(id)")
                let r = try await office.post("/committee/meetings/\(id)/ballots",
                                              ["expertID": m.$expert.id.uuidString, "applicationID": jiang.id!.uuidString,
                                               "choice": i < 4 ? "agree" : "disagree"])
                #expect(r.status == .seeOther)
            }
            try await office.get("/committee/meetings/\(id)")
            #expect(try await office.post("/committee/meetings/\(id)/close", ["confirm": "1"]).status == .seeOther)
            #expect(try await ApplicationRecord.find(jiang.id!, on: app.db)?.stateValue == .passed)
            let tally = try #require(try await BallotTally.query(on: app.db).filter(\.$meetingID == id).filter(\.$applicationID == jiang.id!).first())
            #expect(tally.present == 7 && tally.recused == 1 && tally.agree == 4)
            let minutes = try await office.get("/committee/meetings/\(id)/minutes")
            #expect(minutes.text.contains("长治市工程系列初级专业技术职务评审委员会会议纪要"))
            #expect(minutes.text.contains("回避1人，参加表决6人") && minutes.text.contains("，通过"))
            // The engineer was not decided by the junior committee.
            #expect(try await ApplicationRecord.find(liu.id!, on: app.db)?.stateValue == .defended)
            // The certificate names the committee that decided it.
            #expect(try await IssuingCommittee.name(for: jiang.id!, on: app.db) == "长治市工程系列初级专业技术职务评审委员会")
        }
    }

    @Test func meetingsStayInsideTheReviewYearAndNeedAFormedCommittee() async throws {
        try await withTestApp { app in
            try await load(app)
            let junior = try #require(try await ReviewCommitteeRecord.query(on: app.db).filter(\.$tier == "junior").first())
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/meetings")
            let late = try await office.post("/committee/meetings", ["committeeID": junior.id!.uuidString, "heldOn": "2023-01-05"])
            #expect(late.status == .unprocessableEntity && late.text.contains("会议日期须在2022年度内"))
            // What was typed is kept.
            #expect(late.text.contains("2023-01-05"))
            let none = try await office.post("/committee/meetings", ["committeeID": UUID().uuidString, "heldOn": "2022-09-20"])
            #expect(none.status == .unprocessableEntity && none.text.contains("请选择本年度已组建的评委会"))
            #expect(try await office.post("/committee/meetings", ["committeeID": junior.id!.uuidString, "heldOn": "2022-09-20"]).status == .seeOther)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "meeting.create").filter(\.$outcome == "denied").count() == 2)
        }
    }

    @Test func theOfficeFormsACommitteeFromThePool() async throws {
        try await withTestApp { app in
            try await load(app)
            var office = Browser(app)
            try await office.login("office")
            let page = try await office.get("/committee/committees")
            #expect(page.status == .ok && page.text.contains("中级评委会") && page.text.contains("长治市工程系列中级专业技术职务评审委员会"))
            let pool = try await Expert.query(on: app.db).sort(\.$name).all()
            // Six members and no chair: refused with the reasons, the typed values kept.
            var form = ["tier": "junior", "name": "初级评委会（调整）", "termStart": "2022-01-01", "termEnd": "2023-12-31"]
            for e in pool.prefix(6) { form["role_\(e.id!.uuidString)"] = "member" }
            let bad = try await office.post("/committee/committees", form)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("不少于7人") && bad.text.contains("单数") && bad.text.contains("主任委员一名"))
            #expect(bad.text.contains("初级评委会（调整）"))
            // A term longer than the bundle's three years is refused.
            try await office.get("/committee/committees")
            var long = form
            long["termEnd"] = "2025-01-01"
            form["role_\(pool[6].id!.uuidString)"] = "chair"
            long["role_\(pool[6].id!.uuidString)"] = "chair"
            #expect(try await office.post("/committee/committees", long).text.contains("每届任期不超过3年"))
            // The demo's 初级评委会 has voted already: its membership is fixed for the year.
            try await office.get("/committee/committees")
            let locked = try await office.post("/committee/committees", form)
            #expect(locked.status == .unprocessableEntity && locked.text.contains("初级评委会已有会议开始表决，本届组成不能再更改"))
            // Before any of its meetings votes, the office may re-form it.
            for m in try await CommitteeMeeting.query(on: app.db).all() {
                m.votingStartedAt = nil
                try await m.update(on: app.db)
            }
            try await office.get("/committee/committees")
            let good = try await office.post("/committee/committees", form)
            #expect(good.status == .seeOther)
            let junior = try #require(try await ReviewCommitteeRecord.query(on: app.db).filter(\.$tier == "junior").first())
            #expect(junior.name == "初级评委会（调整）")
            #expect(try await ReviewCommitteeMember.query(on: app.db).filter(\.$committee.$id == junior.id!).count() == 7)
            // Other roles are refused.
            var cityhr = Browser(app)
            try await cityhr.login("cityhr")
            #expect(try await cityhr.get("/committee/committees").status == .forbidden)
        }
    }
}

/// After the vote nothing changes silently (issue 16 item 5): a closed panel with a voted
/// applicant is not reopened; a 复查 decision records its outcome and what is re-done, and
/// the application follows it.
@Suite(.serialized) struct AfterTheVoteTests {
    @Test func aVotedPanelStaysClosedAndARereviewSaysWhatIsRedone() async throws {
        try await withTestApp { app in
            app.clock = .fixed(LocalDate(iso: "2022-10-20")!.beijingMorning)
            let now = app.clock.now()
            try await app.transaction { db in
                try await DemoCommittee.create(on: db, policy: app.policies.current, calendar: app.workingDays, now: now)
            }
            // 王芳's 机械工程 panel: she was voted and certified; the panel cannot reopen.
            let panel = try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "机械工程").first())
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/panels/\(panel.id!)")
            let reopen = try await office.post("/committee/panels/\(panel.id!)/reopen", ["reason": "复核评分"])
            #expect(reopen.status == .unprocessableEntity && reopen.text.contains("评分和等次不能再改"))
            #expect(try await DefensePanel.find(panel.id!, on: app.db)?.isClosed == true)
            // 沈琳 (助理工程师, passed): a 复查 asks for a re-vote; a junior cannot be sent to a defense.
            let shen = try #require(try await UserAccount.query(on: app.db).filter(\.$realName == "沈琳").first())
            let app1 = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$applicant.$id == shen.id!).first())
            let c = ResultCase(applicationID: app1.id!, kind: "recheck", received: "2022-10-18", content: "申请复查量化赋分")
            try await c.create(on: app.db)
            try await office.get("/committee/results/cases/\(c.id!)/decision")
            let noRedo = try await office.post("/committee/results/cases/\(c.id!)/decision", ["outcome": "rereview", "redo": "defense", "reason": "量化赋分漏计一项"])
            #expect(noRedo.status == .unprocessableEntity && noRedo.text.contains("只能由评委会重新评议表决"))
            #expect(noRedo.text.contains("量化赋分漏计一项"))
            let ok = try await office.post("/committee/results/cases/\(c.id!)/decision", ["outcome": "rereview", "redo": "vote", "reason": "量化赋分漏计一项"])
            #expect(ok.status == .seeOther)
            #expect(try await ApplicationRecord.find(app1.id!, on: app.db)?.stateValue == .awaitingVote)
            let decided = try #require(try await ResultCase.find(c.id!, on: app.db))
            #expect(decided.resolution?.contains("重新评审") == true)
            // Decided once: a second decision is refused.
            try await office.get("/committee/results/cases/\(c.id!)/decision")
            let again = try await office.post("/committee/results/cases/\(c.id!)/decision", ["outcome": "upheld", "reason": "维持"])
            #expect(again.status == .unprocessableEntity && again.text.contains("已作出决定"))
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "application.reexamine").count() == 1)
        }
    }
}
