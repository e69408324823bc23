import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// Recusal on every path and at every time (回避, 人社部《职称评审管理暂行规定》2019 第十七条),
/// over HTTP with the demo's committee data: a swap never brings in an expert with a
/// conflict for anyone who may still be scheduled; scheduling checks the panel against the
/// applicant (and 七.1's admission, and a time that exists in the review year); a conflict
/// declared after scoring takes that score out of every derived number while the raw score
/// stays stored; an applicant needs the bundle's minimum of scorers free of conflict; the
/// applicant never learns who sat on or led the panel; each role only for itself.
@Suite(.serialized) struct PanelRecusalHTTPTests {
    func loadCommittee(_ app: Application) async throws {
        app.clock = .fixed(LocalDate(iso: "2022-08-15")!.beijingMorning)
        let now = app.clock.now()
        try await app.transaction { db in
            try await DemoCommittee.create(on: db, policy: app.policies.current, calendar: app.workingDays, now: now)
        }
    }

    struct Electrical {
        let panel: DefensePanel
        let members: [DefensePanelMember]
        let liu: ApplicationRecord
        var lead: DefensePanelMember { members.first { $0.isLead }! }
        var others: [DefensePanelMember] { members.filter { !$0.isLead } }
        var path: String { "/committee/panels/\(panel.id!.uuidString)" }
        var expertPath: String { "/expert/panels/\(panel.id!.uuidString)" }
    }

    func electrical(_ app: Application) async throws -> Electrical {
        let panel = try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "电气工程").first())
        let members = try await DefensePanelMember.query(on: app.db).filter(\.$panel.$id == panel.id!).filter(\.$active == true)
            .with(\.$expert) { $0.with(\.$user) }.sort(\.$position).all()
        let liu = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$specialty == "电气工程").with(\.$applicant).first())
        return Electrical(panel: panel, members: members, liu: liu)
    }

    /// An accepted engineer of 电气工程 employed by `unit` (applicant1's account as the applicant).
    func acceptedEngineer(_ app: Application, unit: UUID, applicant: String = "applicant1") async throws -> ApplicationRecord {
        let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == applicant).first())
        let record = ApplicationRecord(applicantID: user.id!, unitID: unit, year: 2022, policyID: app.policies.current.id,
                                       targetLevel: .engineer, track: .regular, specialty: "电气工程")
        record.state = ApplicationState.accepted.rawValue
        try await record.create(on: app.db)
        return record
    }

    /// The office's recorded external ratio (七.1), as the similarity page stores it.
    func externalRatio(_ app: Application, _ id: UUID, _ ratio: Double) async throws {
        let review = try await SimilarityReview.query(on: app.db).filter(\.$application.$id == id).first() ?? SimilarityReview(applicationID: id)
        review.externalRatio = ratio
        try await review.save(on: app.db)
    }

    /// A unit nobody on the panel works for, other than 刘洋's.
    func unrelatedUnit(_ app: Application, _ e: Electrical) async throws -> UUID {
        let taken = Set(e.members.map { $0.expert.$organization.id } + [e.liu.$unit.id])
        let units = try await Organization.query(on: app.db).filter(\.$kindRaw == OrganizationKind.unit.rawValue).all()
        return try #require(units.first { !taken.contains($0.id!) }?.id)
    }

    func scoreAll(_ app: Application, _ e: Electrical, applicant: UUID) async throws {
        for (i, m) in e.members.enumerated() {
            var b = Browser(app)
            try await b.login(m.expert.user!.username)
            try await b.get(e.expertPath)
            let r = try await b.post("\(e.expertPath)/scores/\(applicant)", ["materials": "8\(i).5", "onsite": "7\(i)"])
            #expect(r.status == .seeOther)
        }
    }

    @Test func aSwapNeverBringsInAnExpertConflictedWithAnApplicantStillToBeScheduled() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            let e = try await electrical(app)
            // The pool's one eligible expert not on the panel works for a unit whose engineer
            // is accepted and may still be scheduled before this panel.
            let pool = try await Expert.query(on: app.db).filter(\.$specialty == "电气工程").all()
            let seated = Set(e.members.map { $0.$expert.id })
            let declared = try await ExpertConflict.query(on: app.db).all().map { $0.$expert.id }
            let spare = try #require(pool.first { !seated.contains($0.id!) && !declared.contains($0.id!) })
            let later = try await acceptedEngineer(app, unit: spare.$organization.id)
            var office = Browser(app)
            try await office.login("office")
            try await office.get(e.path)
            let member = e.others[0]
            // A reason longer than the form's maxlength is refused, not cut.
            let long = try await office.post(e.path + "/swap", ["memberID": member.id!.uuidString, "reason": String(repeating: "因", count: 201)])
            #expect(long.status == .unprocessableEntity && long.text.contains("替换理由不超过200字"))
            let swap = try await office.post(e.path + "/swap", ["memberID": member.id!.uuidString, "reason": "出差"])
            #expect(swap.status == .unprocessableEntity)
            #expect(swap.text.contains("没有可替换的无回避专家"))
            let now = try await DefensePanelMember.query(on: app.db).filter(\.$panel.$id == e.panel.id!).filter(\.$active == true).all()
            #expect(Set(now.map { $0.$expert.id }) == seated, "nobody was swapped in")
            #expect(!now.contains { $0.$expert.id == spare.id! })
            _ = later
        }
    }

    @Test func schedulingChecksAdmissionTheTimeAndThePanelAgainstTheApplicant() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            let e = try await electrical(app)
            var office = Browser(app)
            try await office.login("office")
            // 回避: a member works for this applicant's employer.
            let colleague = try await acceptedEngineer(app, unit: e.others[1].expert.$organization.id)
            try await externalRatio(app, colleague.id!, 0.1)
            try await office.get(e.path)
            let refused = try await office.post(e.path + "/schedule", ["applicationID": colleague.id!.uuidString, "startsAt": "2022-09-10 14:00"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("须回避") && refused.text.contains("与申报人同一工作单位"))
            #expect(try await DefenseSlot.query(on: app.db).filter(\.$application.$id == colleague.id!).count() == 0)
            #expect(try await ApplicationRecord.find(colleague.id!, on: app.db)?.stateValue == .accepted)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$objectID == colleague.id!.uuidString)
                .filter(\.$outcome == "denied").count() >= 1)

            // 七.1: no ratio on record is not admitted; nor is one above the limit.
            let fresh = try await acceptedEngineer(app, unit: try await unrelatedUnit(app, e), applicant: "applicant3")
            let page = try await office.get(e.path)
            #expect(page.text.contains("尚未取得答辩资格") && !page.text.contains("value=\"\(fresh.id!.uuidString)\""))
            let none = try await office.post(e.path + "/schedule", ["applicationID": fresh.id!.uuidString, "startsAt": "2022-09-10 14:00"])
            #expect(none.status == .unprocessableEntity && none.text.contains("尚未取得答辩资格"))
            try await externalRatio(app, fresh.id!, 0.3)
            try await office.get(e.path)
            let above = try await office.post(e.path + "/schedule", ["applicationID": fresh.id!.uuidString, "startsAt": "2022-09-10 14:00"])
            #expect(above.status == .unprocessableEntity && above.text.contains("取消答辩资格"))
            try await externalRatio(app, fresh.id!, 0.12)

            // A time that does not exist, a day outside the review year: refused, what was typed kept.
            for typed in ["2022-09-10 25:99", "2023-01-05 09:00", "2022-02-30 09:00", "10/09/2022"] {
                try await office.get(e.path)
                let bad = try await office.post(e.path + "/schedule", ["applicationID": fresh.id!.uuidString, "startsAt": typed])
                #expect(bad.status == .unprocessableEntity, "\(typed)")
                #expect(bad.text.contains("value=\"\(typed)\""), "\(typed) kept")
            }
            #expect(try await DefenseSlot.query(on: app.db).filter(\.$application.$id == fresh.id!).count() == 0)
            try await office.get(e.path)
            let ok = try await office.post(e.path + "/schedule", ["applicationID": fresh.id!.uuidString, "startsAt": "2022-09-10 14:00"])
            #expect(ok.status == .seeOther)
            #expect(try await ApplicationRecord.find(fresh.id!, on: app.db)?.stateValue == .scheduled)
        }
    }

    @Test func aConflictDeclaredAfterScoringTakesTheScoreOutOfEveryNumber() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            let e = try await electrical(app)
            try await scoreAll(app, e, applicant: e.liu.id!)
            // The office pins a conflict on the second member after the scores are in.
            let out = e.members[1]
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/experts")
            #expect(try await office.post("/committee/conflicts", ["expertID": out.$expert.id.uuidString, "applicationID": e.liu.id!.uuidString,
                                                                   "source": "office", "reason": "近亲属"]).status == .seeOther)
            // The raw score is kept ...
            #expect(try await DefenseScoreRecord.query(on: app.db).filter(\.$panel.$id == e.panel.id!).count() == 5)
            let panelPage = try await office.get(e.path)
            #expect(panelPage.text.contains("4位专家已评分") && panelPage.text.contains("另有1位回避专家的评分已保存但不计入"))
            #expect(panelPage.text.contains("回避登记"))
            // ... and no derived number uses it: the grading input, the close, the lead's page.
            let snap = try await PanelSnapshot.load(e.panel, on: app.db)
            let input = try snap.commandInput
            #expect(!input.contains(out.$expert.id.uuidString) && snap.entries.count == 4)
            // The input is JSON the command reads (encoded, not assembled from strings), and it
            // grades the four counted scores, decimals included.
            let graded = String(decoding: try DefenseGradeCommandCore.run(input: Array(input.utf8), policy: app.policies.current), as: UTF8.self)
            #expect(graded.contains(e.liu.id!.uuidString) && input.contains("80.5"))
            var lead = Browser(app)
            try await lead.login(e.lead.expert.user!.username)
            try await lead.get(e.expertPath)
            #expect(try await lead.post(e.expertPath + "/close", ["confirm": "1"]).status == .seeOther)
            let counted = (0..<5).filter { $0 != 1 }.map { i in
                DefenseScoreEntry(applicant: "A", expert: "\(i)", materials: Tenths(800 + i * 10 + 5), onsite: Tenths(700 + i * 10))
            }
            let all = (0..<5).map { i in
                DefenseScoreEntry(applicant: "A", expert: "\(i)", materials: Tenths(800 + i * 10 + 5), onsite: Tenths(700 + i * 10))
            }
            let rules = try DefenseRules(policy: app.policies.current)
            let expected = DefenseGrading.grade(counted, rules: rules).applicants[0].defenseScore
            let withConflicted = DefenseGrading.grade(all, rules: rules).applicants[0].defenseScore
            #expect(expected != withConflicted)
            let closed = try await lead.get(e.expertPath)
            #expect(closed.text.contains("答辩成绩 \(expected)") && !closed.text.contains("答辩成绩 \(withConflicted)"))
            // The rankings export reads the same numbers.
            let rankings = try await office.get("/committee/exports/rankings?format=csv")
            #expect(rankings.text.contains("\(expected)") && !rankings.text.contains("\(withConflicted)"))
        }
    }

    @Test func aPanelWithTooFewScorersFreeOfConflictCannotClose() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            let e = try await electrical(app)
            try await scoreAll(app, e, applicant: e.liu.id!)
            // Three of the five step aside for 刘洋: two scorers left, the bundle asks for three.
            for m in e.others.prefix(3) {
                try await ExpertConflict(expertID: m.$expert.id, applicationID: e.liu.id!, source: "office", reason: "亲属关系").create(on: app.db)
            }
            var lead = Browser(app)
            try await lead.login(e.lead.expert.user!.username)
            try await lead.get(e.expertPath)
            let close = try await lead.post(e.expertPath + "/close", ["confirm": "1"])
            #expect(close.status == .unprocessableEntity)
            #expect(close.text.contains("无需回避评分专家仅2人，不足3人"))
            #expect(try await DefensePanel.find(e.panel.id!, on: app.db)?.isClosed == false)
            #expect(try await ApplicationRecord.find(e.liu.id!, on: app.db)?.stateValue == .scheduled)
        }
    }

    @Test func theApplicantNeverLearnsWhoSatOnOrLedThePanel() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            let e = try await electrical(app)
            try await scoreAll(app, e, applicant: e.liu.id!)
            var lead = Browser(app)
            try await lead.login(e.lead.expert.user!.username)
            try await lead.get(e.expertPath)
            #expect(try await lead.post(e.expertPath + "/close", ["confirm": "1"]).status == .seeOther)
            var applicant = Browser(app)
            try await applicant.login(e.liu.applicant.username)
            let progress = try await applicant.get("/applications/\(e.liu.id!)/progress")
            let notices = try await applicant.get("/notifications")
            #expect(progress.status == .ok && notices.status == .ok)
            #expect(progress.text.contains("电气工程评审组"))
            let expertNames = try await Expert.query(on: app.db).filter(\.$specialty == "电气工程").with(\.$user).all()
            for expert in expertNames {
                for page in [progress, notices] {
                    #expect(!page.text.contains(expert.name), "\(expert.name) shown to the applicant")
                    if let user = expert.user { #expect(!page.text.contains(">\(user.username)<")) }
                }
            }
            let leadOrg = try #require(try await Organization.find(e.lead.expert.$organization.id, on: app.db))
            if leadOrg.id != e.liu.$unit.id { #expect(!notices.text.contains(leadOrg.name)) }
        }
    }

    @Test func anExpertActsOnlyForThemselvesAndOnlyOnTheirPanel() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            let e = try await electrical(app)
            let me = e.others[0], someoneElse = e.others[1]
            var b = Browser(app)
            try await b.login(me.expert.user!.username)
            try await b.get(e.expertPath)
            // A conflict for another expert: the form's expertID is never read.
            #expect(try await b.post("/expert/conflicts", ["applicationID": e.liu.id!.uuidString, "expertID": someoneElse.$expert.id.uuidString,
                                                           "reason": "代他人申请"]).status == .seeOther)
            let conflicts = try await ExpertConflict.query(on: app.db).filter(\.$application.$id == e.liu.id!).all()
            #expect(!conflicts.contains { $0.$expert.id == someoneElse.$expert.id })
            #expect(conflicts.contains { $0.$expert.id == me.$expert.id && $0.reason == "代他人申请" })
            // A reason longer than the form's maxlength is refused with what was typed.
            var other = Browser(app)
            try await other.login(someoneElse.expert.user!.username)
            try await other.get(e.expertPath)
            let long = String(repeating: "回", count: 201)
            let refused = try await other.post("/expert/conflicts", ["applicationID": e.liu.id!.uuidString, "reason": long])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("回避理由不超过200字") && refused.text.contains(long))
            #expect(try await ExpertConflict.query(on: app.db).filter(\.$expert.$id == someoneElse.$expert.id).count() == 0)
            // expert7 sits on no panel of 刘洋's: no score, no conflict declaration, no page.
            var outsider = Browser(app)
            try await outsider.login("expert7")
            try await outsider.get("/expert/panels")
            #expect(try await outsider.get(e.expertPath).status == .forbidden)
            #expect(try await outsider.post("\(e.expertPath)/scores/\(e.liu.id!)", ["materials": "80", "onsite": "80"]).status == .forbidden)
            #expect(try await outsider.post("/expert/conflicts", ["applicationID": e.liu.id!.uuidString, "reason": "x"]).status == .forbidden)
            #expect(try await DefenseScoreRecord.query(on: app.db).filter(\.$panel.$id == e.panel.id!).count() == 0)
        }
    }

    @Test func scoreInputsHaveIdsOfTheirOwnAndOnlyPlainScoresAreTaken() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            let e = try await electrical(app)
            // A second applicant on the panel: two score forms on one page.
            let second = try await acceptedEngineer(app, unit: try await unrelatedUnit(app, e))
            second.state = ApplicationState.scheduled.rawValue
            try await second.update(on: app.db)
            try await DefenseSlot(panelID: e.panel.id!, applicationID: second.id!, room: e.panel.room, startsAt: "2022-09-30 10:00").create(on: app.db)
            var lead = Browser(app)
            try await lead.login(e.lead.expert.user!.username)
            let page = try await lead.get(e.expertPath)
            for id in [e.liu.id!, second.id!] {
                #expect(page.text.contains("id=\"f-materials-\(id.uuidString)\"") && page.text.contains("for=\"f-materials-\(id.uuidString)\""))
                #expect(page.text.contains("id=\"f-onsite-\(id.uuidString)\""))
            }
            let ids = page.text.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(ids.count == Set(ids).count, "duplicate ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys)")
            for typed in ["1e2", "NaN", "+5", "85.55", "-0", "８５"] {
                try await lead.get(e.expertPath)
                let r = try await lead.post("\(e.expertPath)/scores/\(e.liu.id!)", ["materials": typed, "onsite": "80"])
                #expect(r.status == .unprocessableEntity, "\(typed)")
                #expect(r.text.contains("value=\"\(typed)\""), "\(typed) kept")
                #expect(r.text.contains("答辩材料学术水平评价"))
            }
            #expect(try await DefenseScoreRecord.query(on: app.db).filter(\.$panel.$id == e.panel.id!).count() == 0)
        }
    }
}
