import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// Issue 16, item 6 and the rankings part of item 7, over HTTP with the demo's committee
/// data: the result publicity starts no earlier than the vote and today, in the review
/// year; the public list shows only started publicities and never someone cancelled for
/// false materials; certificates only after the last working day, with no open objection
/// and the city HR bureau's confirmation (审核确认); a cancellation leaves every export and
/// turns the certificate into 已撤销; the integrity record lasts exactly the policy's years;
/// rankings by review score within committee and level; typed dates and texts checked.
@Suite(.serialized) struct ResultsAndCertificatesTests {
    func loadCommittee(_ app: Application) async throws {
        app.clock = .fixed(LocalDate(iso: "2022-08-15")!.beijingMorning)
        let now = app.clock.now()
        try await app.transaction { db in
            try await DemoCommittee.create(on: db, policy: app.policies.current, calendar: app.workingDays, now: now)
        }
    }

    func today(_ app: Application, _ iso: String) {
        app.clock = .fixed(LocalDate(iso: iso)!.beijingMorning)
    }

    /// The demo's 刘洋 (电气工程) decided: 评审通过 at a closed meeting held on `heldOn`.
    /// Any other undecided-publicity result of the demo year is set aside, so the list the
    /// office publicizes is 刘洋 alone whatever else the demo holds.
    func liuPassed(_ app: Application, heldOn: String) async throws -> ApplicationRecord {
        let liu = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$specialty == "电气工程")
            .filter(\.$targetLevel == "engineer").with(\.$applicant).first())
        for other in try await ApplicationRecord.query(on: app.db).filter(\.$state == ApplicationState.passed.rawValue).all() {
            other.state = ApplicationState.failed.rawValue
            try await other.update(on: app.db)
        }
        liu.state = ApplicationState.passed.rawValue
        try await liu.update(on: app.db)
        let meeting = CommitteeMeeting(year: 2022, heldOn: heldOn, notes: "")
        meeting.state = "closed"
        try await meeting.create(on: app.db)
        let tally = BallotTally(meetingID: meeting.id!, applicationID: liu.id!)
        tally.agree = 5
        try await tally.create(on: app.db)
        return liu
    }

    func failures(_ app: Application, _ action: String) async throws -> Int {
        try await AuditRecord.query(on: app.db).filter(\.$action == action).filter(\.$outcome != "success").count()
    }

    func publicityDays(_ app: Application) throws -> Int {
        guard case .integer(let n)? = app.policies.current.parameter("resultPublicityWorkingDays")?.value else {
            throw Abort(.internalServerError)
        }
        return n
    }

    @Test func thePublicityStartsNoEarlierThanTheVoteNorTodayAndInTheReviewYear() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            today(app, "2022-09-19")
            let liu = try await liuPassed(app, heldOn: "2022-09-20")
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/results")
            let before = try await ResultPublicity.query(on: app.db).count()

            let past = try await office.post("/committee/results/publicity", ["starts": "2022-09-16"])
            #expect(past.status == .unprocessableEntity && past.text.contains("不得早于今天") && past.text.contains(#"value="2022-09-16""#))
            let beforeVote = try await office.post("/committee/results/publicity", ["starts": "2022-09-19"])
            #expect(beforeVote.status == .unprocessableEntity && beforeVote.text.contains("不得早于评委会表决日期")
                && beforeVote.text.contains("刘洋（2022年9月20日表决）"))
            let nextYear = try await office.post("/committee/results/publicity", ["starts": "2023-01-05"])
            #expect(nextYear.status == .unprocessableEntity && nextYear.text.contains("须在2022年度内")
                && nextYear.text.contains(#"value="2023-01-05""#))
            let nonsense = try await office.post("/committee/results/publicity", ["starts": "2022-02-30"])
            #expect(nonsense.status == .unprocessableEntity && nonsense.text.contains("不是有效的日期"))
            #expect(try await ResultPublicity.query(on: app.db).count() == before)
            #expect(try await failures(app, "result.publicize") == 4)

            // On the vote's day: the end is the policy's working days on the official calendar.
            #expect(try await office.post("/committee/results/publicity", ["starts": "2022-09-20"]).status == .seeOther)
            let p = try #require(try await ResultPublicity.query(on: app.db).filter(\.$starts == "2022-09-20").first())
            let end = try app.workingDays.publicityEnd(start: LocalDate(iso: "2022-09-20")!, workingDays: try publicityDays(app))
            #expect(p.ends == end.iso && p.applicationIDs == [liu.id!])
        }
    }

    @Test func thePublicListShowsOnlyStartedPublicitiesAndNeverSomeoneCancelled() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            today(app, "2022-09-21")
            let liu = try await liuPassed(app, heldOn: "2022-09-20")
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/results")
            #expect(try await office.post("/committee/results/publicity", ["starts": "2022-09-26"]).status == .seeOther)

            // Not started: neither a signed-out visitor nor the applicant sees it.
            var anon = Browser(app)
            let early = try await anon.get("/results")
            #expect(early.status == .ok && !early.text.contains("刘洋"))
            let wangStarts = try #require(try await ResultPublicity.query(on: app.db).sort(\.$starts).first()).starts
            #expect(early.text.contains("王芳") == (wangStarts <= "2022-09-21"))
            var applicant = Browser(app)
            try await applicant.login(try #require(try await UserAccount.find(liu.$applicant.id, on: app.db)).username)
            #expect(try await applicant.get("/results").text.contains("<td>刘洋</td>") == false)

            today(app, "2022-09-26")
            #expect(try await anon.get("/results").text.contains("刘洋"))

            // Cancelled for false materials during the publicity: off the public list at once.
            try await office.get("/committee/integrity")
            #expect(try await office.post("/committee/integrity/cancel", ["applicationID": liu.id!.uuidString,
                                                                          "basis": "业绩证明系伪造"]).status == .seeOther)
            #expect(try await anon.get("/results").text.contains("刘洋") == false)
            #expect(try await applicant.get("/results").text.contains("<td>刘洋</td>") == false)
        }
    }

    @Test func certificatesNeedTheLastWorkingDayPassedNoOpenObjectionAndTheCityHRConfirmation() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            today(app, "2022-09-21")
            let liu = try await liuPassed(app, heldOn: "2022-09-20")
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/results")
            #expect(try await office.post("/committee/results/publicity", ["starts": "2022-09-21"]).status == .seeOther)
            let p = try #require(try await ResultPublicity.query(on: app.db).filter(\.$starts == "2022-09-21").first())
            let end = try #require(LocalDate(iso: p.ends))
            today(app, "2022-09-22")
            try await office.get("/committee/results")
            #expect(try await office.post("/committee/results/cases", ["applicationID": liu.id!.uuidString, "kind": "objection",
                                                                        "received": "2022-09-22", "content": "业绩存疑"]).status == .seeOther)
            let objection = try #require(try await ResultCase.query(on: app.db).filter(\.$application.$id == liu.id!).first())

            // The publicity's last working day: neither confirmation nor certificate.
            today(app, end.iso)
            var cityHR = Browser(app)
            try await cityHR.login("cityhr")
            let list = try await cityHR.get("/results/confirmation")
            #expect(list.status == .ok && list.text.contains("刘洋") && list.text.contains("期满后方可确认"))
            let tooEarly = try await cityHR.post("/results/confirmation/\(p.id!)")
            #expect(tooEarly.status == .unprocessableEntity && tooEarly.text.contains("公示期满后方可审核确认"))
            try await office.get("/committee/results")
            let notOver = try await office.post("/committee/results/certificates", ["issuedOn": end.iso])
            #expect(notOver.status == .unprocessableEntity && notOver.text.contains("公示期满后方可发证"))

            // The day after: the open objection holds the confirmation.
            let after = end.adding(days: 1)
            today(app, after.iso)
            try await cityHR.get("/results/confirmation")
            let open = try await cityHR.post("/results/confirmation/\(p.id!)")
            #expect(open.status == .unprocessableEntity && open.text.contains("刘洋的公示异议尚未办结"))
            try await office.get("/committee/results")
            #expect(try await office.post("/committee/results/cases/\(objection.id!)/resolve",
                                          ["resolution": "经核实异议不成立", "resolvedOn": after.iso]).status == .seeOther)
            // Objection settled but not yet confirmed: no certificate.
            try await office.get("/committee/results")
            let unconfirmed = try await office.post("/committee/results/certificates", ["issuedOn": after.iso])
            #expect(unconfirmed.status == .unprocessableEntity && unconfirmed.text.contains("尚未经市人社局审核确认"))
            #expect(try await CertificateRecord.query(on: app.db).filter(\.$application.$id == liu.id!).count() == 0)

            // Each role its own step: the office cannot confirm, the city HR bureau cannot issue,
            // an applicant does neither.
            #expect(try await office.get("/results/confirmation").status == .forbidden)
            #expect(try await office.post("/results/confirmation/\(p.id!)").status == .forbidden)
            try await cityHR.get("/results/confirmation")
            #expect(try await cityHR.post("/committee/results/certificates", ["issuedOn": after.iso]).status == .forbidden)
            var applicant = Browser(app)
            try await applicant.login("applicant1")
            #expect(try await applicant.get("/results/confirmation").status == .forbidden)
            #expect(try await ResultPublicity.find(p.id!, on: app.db)?.confirmedOn == nil)

            // The city HR bureau confirms: recorded on the list, with its audit record; once.
            try await cityHR.get("/results/confirmation")
            #expect(try await cityHR.post("/results/confirmation/\(p.id!)").status == .seeOther)
            let confirmed = try #require(try await ResultPublicity.find(p.id!, on: app.db))
            let hrUser = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "cityhr").first())
            #expect(confirmed.confirmedOn == after.iso && confirmed.confirmedBy == hrUser.id)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$action == "result.confirm").filter(\.$outcome == "success").count() == 1)
            try await cityHR.get("/results/confirmation")
            #expect(try await cityHR.post("/results/confirmation/\(p.id!)").status == .unprocessableEntity)
            #expect(try await office.get("/committee/results").text.contains("已于\(after.iso)审核确认"))

            // The issue date: in the review year, not in the future; what was typed stays.
            let wrongYear = try await office.post("/committee/results/certificates", ["issuedOn": "2023-01-03"])
            #expect(wrongYear.status == .unprocessableEntity && wrongYear.text.contains("须在2022年度内")
                && wrongYear.text.contains(#"value="2023-01-03""#))
            try await office.get("/committee/results")
            let future = try await office.post("/committee/results/certificates", ["issuedOn": after.adding(days: 1).iso])
            #expect(future.status == .unprocessableEntity && future.text.contains("不能晚于今天"))
            try await office.get("/committee/results")
            #expect(try await office.post("/committee/results/certificates", ["issuedOn": after.iso]).status == .seeOther)
            let cert = try #require(try await CertificateRecord.query(on: app.db).filter(\.$application.$id == liu.id!).first())
            #expect(cert.issuedOn == after.iso)
            #expect(try await ApplicationRecord.find(liu.id!, on: app.db)?.stateValue == .certified)
            #expect(try await failures(app, "result.certify") == 4)
            #expect(try await failures(app, "result.confirm") == 3)
        }
    }

    @Test func aCancellationLeavesEveryExportAndTheCertificateSaysRevoked() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            let wang = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$specialty == "机械工程")
                .filter(\.$state == ApplicationState.certified.rawValue).with(\.$applicant).first())
            let cert = try #require(try await CertificateRecord.query(on: app.db).filter(\.$application.$id == wang.id!).first())
            var office = Browser(app)
            try await office.login("office")
            let exports = ["/committee/exports/rankings?format=csv", "/committee/exports/results?format=csv",
                           "/committee/exports/votes?format=csv", "/committee/exports/scores?format=csv",
                           "/committee/exports/platform.json", "/committee/rankings", "/committee/rankings.csv"]
            for path in exports { #expect(try await office.get(path).text.contains("王芳"), "\(path) before") }

            try await office.get("/committee/integrity")
            #expect(try await office.post("/committee/integrity/cancel", ["applicationID": wang.id!.uuidString,
                                                                          "basis": "学历证书系伪造"]).status == .seeOther)
            for path in exports {
                let r = try await office.get(path)
                #expect(r.status == .ok && !r.text.contains("王芳") && !r.text.contains(cert.code), "\(path) after")
            }
            // The public check and both prints: 已撤销 in place of the result, never the title as held.
            var anon = Browser(app)
            let verify = try await anon.get("/verify/\(cert.code)")
            #expect(verify.status == .ok && verify.text.contains("已撤销") && !verify.text.contains("证书真实有效"))
            #expect(!verify.text.contains("资格名称") && !verify.text.contains("取得资格时间"))
            let printed = try await office.get("/committee/certificates/\(cert.id!)")
            #expect(printed.text.contains("已撤销") && !printed.text.contains("具备") && !printed.text.contains("任职资格"))
            var holder = Browser(app)
            try await holder.login(wang.applicant.username)
            let own = try await holder.get("/applications/\(wang.id!)/certificate")
            #expect(own.text.contains("已撤销") && !own.text.contains("具备"))
            #expect(try await anon.get("/results").text.contains("王芳") == false)
        }
    }

    @Test func theIntegrityRecordLastsExactlyThePolicysYears() async throws {
        #expect(IntegrityRecord.lastDay(from: LocalDate(iso: "2022-08-15")!, years: 3).iso == "2025-08-14")
        #expect(IntegrityRecord.lastDay(from: LocalDate(iso: "2024-02-29")!, years: 3).iso == "2027-02-28")
        #expect(IntegrityRecord.lastDay(from: LocalDate(iso: "2024-03-01")!, years: 3).iso == "2027-02-28")
        try await withTestApp { app in
            try await loadCommittee(app)
            guard case .integer(let years)? = app.policies.current.parameter("integrityRecordYears")?.value else {
                Issue.record("integrityRecordYears"); return
            }
            let liu = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$specialty == "电气工程").first())
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/integrity")
            #expect(try await office.post("/committee/integrity/cancel", ["applicationID": liu.id!.uuidString,
                                                                          "basis": "论文系伪造"]).status == .seeOther)
            let record = try #require(try await IntegrityRecord.query(on: app.db).filter(\.$applicationID == liu.id!).first())
            let start = LocalDate(iso: "2022-08-15")!
            // In force from the start through the day before start + years: exactly `years` years.
            #expect(record.starts == start.iso && record.years == years)
            #expect(record.ends == start.adding(years: years).adding(days: -1).iso && record.liftedOn == start.adding(years: years))
            let page = try await office.get("/committee/integrity")
            #expect(page.text.contains("\(start.chinese)至\(start.adding(years: years).adding(days: -1).chinese)（\(years)年，\(start.adding(years: years).chinese)起解除）"))
        }
    }

    @Test func typedDatesAndTextsAreCheckedAndKeptOnRefusal() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            today(app, "2022-09-21")
            let liu = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$specialty == "电气工程").first())
            var office = Browser(app)
            try await office.login("office")
            try await office.get("/committee/results")
            let cases = try await ResultCase.query(on: app.db).count()
            let long = String(repeating: "异", count: ResultRules.caseContentMax + 1)
            let tooLong = try await office.post("/committee/results/cases", ["applicationID": liu.id!.uuidString, "kind": "objection",
                                                                              "received": "2022-09-21", "content": long])
            #expect(tooLong.status == .unprocessableEntity && tooLong.text.contains("不能超过\(ResultRules.caseContentMax)字")
                && tooLong.text.contains(long))
            let lastYear = try await office.post("/committee/results/cases", ["applicationID": liu.id!.uuidString, "kind": "objection",
                                                                               "received": "2021-12-31", "content": "异议"])
            #expect(lastYear.status == .unprocessableEntity && lastYear.text.contains("须在2022年度内") && lastYear.text.contains(#"value="2021-12-31""#))
            #expect(try await ResultCase.query(on: app.db).count() == cases)
            // Exactly the limit is kept whole, never cut.
            let full = String(repeating: "议", count: ResultRules.caseContentMax)
            try await office.get("/committee/results")
            #expect(try await office.post("/committee/results/cases", ["applicationID": liu.id!.uuidString, "kind": "objection",
                                                                        "received": "2022-09-21", "content": full]).status == .seeOther)
            let c = try #require(try await ResultCase.query(on: app.db).filter(\.$application.$id == liu.id!).first())
            #expect(c.content == full)

            try await office.get("/committee/results")
            let longResolution = String(repeating: "复", count: ResultRules.resolutionMax + 1)
            let r1 = try await office.post("/committee/results/cases/\(c.id!)/resolve", ["resolution": longResolution, "resolvedOn": "2022-09-21"])
            #expect(r1.status == .unprocessableEntity && r1.text.contains("不能超过\(ResultRules.resolutionMax)字") && r1.text.contains(longResolution))
            let r2 = try await office.post("/committee/results/cases/\(c.id!)/resolve", ["resolution": "不成立", "resolvedOn": "2023-01-01"])
            #expect(r2.status == .unprocessableEntity && r2.text.contains("须在2022年度内"))
            let r3 = try await office.post("/committee/results/cases/\(c.id!)/resolve", ["resolution": "不成立", "resolvedOn": "2022-09-20"])
            #expect(r3.status == .unprocessableEntity && r3.text.contains("不能早于收到日期"))
            #expect(try await ResultCase.find(c.id!, on: app.db)?.resolution == nil)

            // The integrity pages: the basis, the unit's failure and a dismissal's reason.
            try await office.get("/committee/integrity")
            let basis = String(repeating: "伪", count: IntegrityController.basisMax + 1)
            let b = try await office.post("/committee/integrity/cancel", ["applicationID": liu.id!.uuidString, "basis": basis])
            #expect(b.status == .unprocessableEntity && b.text.contains("不能超过\(IntegrityController.basisMax)字") && b.text.contains(basis))
            let unit = String(repeating: "未", count: IntegrityController.unitFailureMax + 1)
            let u = try await office.post("/committee/integrity/cancel", ["applicationID": liu.id!.uuidString, "basis": "伪造",
                                                                          "unitFailure": unit])
            #expect(u.status == .unprocessableEntity && u.text.contains(unit))
            #expect(try await ApplicationRecord.find(liu.id!, on: app.db)?.stateValue != .cancelled)
            #expect(try await IntegrityRecord.query(on: app.db).count() == 0)
            let user = try #require(try await UserAccount.query(on: app.db).filter(\.$username == "office").first())
            let flag = IntegrityFlag(applicationID: liu.id!, reporterID: user.id!, reporterName: user.realName,
                                     reporterRole: "评委会办公室", evidence: "疑点")
            try await flag.create(on: app.db)
            try await office.get("/committee/integrity")
            let reason = String(repeating: "实", count: IntegrityController.dismissalMax + 1)
            let d = try await office.post("/committee/integrity/flags/\(flag.id!)/dismiss", ["resolution": reason])
            #expect(d.status == .unprocessableEntity && d.text.contains(reason))
            #expect(try await IntegrityFlag.find(flag.id!, on: app.db)?.state == "open")

            // Every refusal is in the audit log.
            #expect(try await failures(app, "result.case") == 2)
            #expect(try await failures(app, "result.case.resolve") == 3)
            #expect(try await failures(app, "integrity.record") == 2)
            #expect(try await failures(app, "integrity.dismiss") == 1)
        }
    }

    @Test func rankingsOrderByTheReviewScoreWithinEachCommitteeAndLevel() async throws {
        try await withTestApp { app in
            try await loadCommittee(app)
            // 刘洋's panel closes with a higher defense score than 王芳's and a lower review
            // score (a small quantitative score): the review score decides.
            let panel = try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "电气工程").first())
            let liu = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$specialty == "电气工程").first())
            let members = try await DefensePanelMember.query(on: app.db).filter(\.$panel.$id == panel.id!).filter(\.$active == true).all()
            for m in members {
                try await DefenseScoreRecord(panelID: panel.id!, applicationID: liu.id!, expertID: m.$expert.id, materials: 950, onsite: 950).create(on: app.db)
            }
            panel.state = "closed"
            try await panel.update(on: app.db)
            try await QuantitativePoints(applicationID: liu.id!, kind: QuantitativeKind.projects.rawValue, points: 100, reason: "测试").create(on: app.db)

            // Two assistant engineers of different specialties and a technician: one ranking per level.
            let unit = try #require(try await Organization.query(on: app.db).filter(\.$kindRaw == OrganizationKind.unit.rawValue).first())
            func junior(_ name: String, _ level: TargetLevel, _ specialty: String, _ points: Int) async throws {
                let user = UserAccount(username: "rank-\(name)", passwordHash: "x", role: .applicant, organizationID: unit.id!, realName: name)
                try await user.create(on: app.db)
                let a = ApplicationRecord(applicantID: user.id!, unitID: unit.id!, year: 2022, policyID: app.policies.current.id,
                                          targetLevel: level, track: .regular, specialty: specialty)
                a.state = ApplicationState.accepted.rawValue
                try await a.create(on: app.db)
                try await QuantitativePoints(applicationID: a.id!, kind: QuantitativeKind.projects.rawValue, points: points, reason: "测试").create(on: app.db)
            }
            try await junior("甲助工", .assistantEngineer, "机械工程", 600)
            try await junior("乙助工", .assistantEngineer, "电气工程", 700)
            try await junior("丙技术员", .technician, "电气工程", 650)

            var office = Browser(app)
            try await office.login("office")
            let csv = try await office.get("/committee/rankings.csv").text
            let export = try await office.get("/committee/exports/rankings?format=csv").text
            let page = try await office.get("/committee/rankings").text
            func line(_ text: String, _ name: String) -> String {
                text.components(separatedBy: "\r\n").first { $0.contains(name) } ?? ""
            }
            // One CSV writer (RFC 4180, quotes only where a field needs them) for the page's file and the export.
            #expect(line(csv, "王芳").hasPrefix("中级评委会（工程师）,1,王芳,"))
            #expect(line(csv, "刘洋").hasPrefix("中级评委会（工程师）,2,刘洋,"))
            #expect(line(csv, "乙助工").hasPrefix("初级评委会（助理工程师）,1,"))
            #expect(csv == export)
            #expect(line(export, "刘洋").contains("中级评委会（工程师）") && line(export, "甲助工").contains("初级评委会（助理工程师）"))
            let rows = try await RankingsPage.rows(Request(application: app, on: app.eventLoopGroup.next()))
            func row(_ name: String) -> RankingsPage.Row? { rows.first { $0.name == name } }
            #expect(row("王芳")?.rank == 1 && row("刘洋")?.rank == 2 && row("王芳")?.group == row("刘洋")?.group)
            #expect(row("乙助工")?.rank == 1 && row("甲助工")?.rank == 2 && row("乙助工")?.group == "初级评委会（助理工程师）")
            #expect(row("丙技术员")?.rank == 1 && row("丙技术员")?.group == "初级评委会（技术员）")
            // The page and both files list them in that order.
            for text in [page, csv, export] {
                let order = ["王芳", "刘洋", "乙助工", "甲助工", "丙技术员"].compactMap { text.range(of: $0)?.lowerBound }
                #expect(order.count == 5 && order == order.sorted())
            }
        }
    }
}
