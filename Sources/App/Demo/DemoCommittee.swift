import Domain
import Fluent
import Foundation
import Vapor

/// The committee stage for the demo: an expert pool (expert1..7 with accounts, five more
/// without), a closed 机械工程 panel for 王芳 (applicant2) with scores, a meeting with
/// ballots, a publicized result and a certificate; and an open 电气工程 panel for 刘洋
/// (applicant4), drawn from the account experts, waiting for their scores (the e2e walk);
/// 刘洋's chosen paper and a question bank for both specialties.
/// The year's two committees (中级评委会: expert1..7; 初级评委会: expert3..6 and three pool
/// experts), and assistant engineers and technicians at every step of the junior path
/// (applicant18..22: waiting for scores, scored, referred, passed, certified).
/// Dates after intake are computed from the policy's intake window, not literals.
enum DemoCommittee {
    static func create(on db: any Database, policy: Policy, calendar: WorkingDayCalendar, now: Date) async throws {
        func user(_ name: String) async throws -> UserAccount {
            guard let u = try await UserAccount.query(on: db).filter(\.$username == name).with(\.$organization).first() else {
                throw Abort(.internalServerError, reason: "demo account \(name) missing")
            }
            return u
        }
        let year = policy.applicationDate.year
        let intakeEnd = policy.intake.upperBound
        let termStart = LocalDate(year: year - 1, month: 1, day: 1)!, termEnd = LocalDate(year: year + 1, month: 12, day: 31)!
        let orgs = try await Organization.query(on: db).filter(\.$kindRaw == OrganizationKind.unit.rawValue).sort(\.$name).all()

        // The pool: the seven account experts (电气工程), five more for 机械工程 without accounts.
        var electrical: [Expert] = []
        for i in 1...7 {
            let u = try await user("expert\(i)")
            let e = Expert(name: u.realName, userID: u.id, organizationID: u.$organization.id, specialty: "电气工程",
                           title: i % 2 == 0 ? "正高级工程师" : "高级工程师", contact: "1390355\(String(format: "%04d", 2000 + i))",
                           termStart: termStart.iso, termEnd: termEnd.iso)
            try await e.create(on: db)
            electrical.append(e)
        }
        let mechanicalNames = ["冯建华", "董立新", "程晓明", "袁志刚", "邓文杰", "许国栋"]
        for (i, name) in mechanicalNames.enumerated() {
            let org = orgs[i % orgs.count]
            try await Expert(name: name, userID: nil, organizationID: org.id!, specialty: "机械工程", title: "高级工程师",
                             contact: "1390355\(String(format: "%04d", 3000 + i))", termStart: termStart.iso, termEnd: termEnd.iso).create(on: db)
        }

        // The committees as data (四（三）): engineers before the 中级评委会, juniors before the 初级评委会.
        let mechanical = try await Expert.query(on: db).filter(\.$specialty == "机械工程").sort(\.$name).all()
        let intermediate = try await committee(.intermediate, year: year, start: termStart, end: termEnd,
                                               members: electrical.enumerated().map { ($1, $0 == 0 ? .chair : $0 == 1 ? .viceChair : .member) },
                                               on: db)
        let junior = try await committee(.junior, year: year, start: termStart, end: termEnd,
                                         members: [(electrical[2], .chair), (electrical[3], .viceChair), (electrical[4], .member),
                                                   (electrical[5], .member)] + mechanical.prefix(3).map { ($0, .member) },
                                         on: db)

        // Two accepted engineer declarations.
        let wang = try await user("applicant2"), liu = try await user("applicant4")
        let wangApp = try await accepted(wang, specialty: "机械工程", policy: policy, on: db, now: now)
        let liuApp = try await accepted(liu, specialty: "电气工程", policy: policy, on: db, now: now)
        // 刘洋's chosen defense material (九): a paper, which the panel reads before the defense.
        let paper = ApplicationItem(applicationID: liuApp.id!, section: .papers, position: 0, values: [
            "title": "配电网分布式光伏接入的电压越限治理", "journal": "山西电力", "issn": "ISSN 1671-0320 / CN 14-1265/TM",
            "published": "\(year - 1)-06-15", "authorship": "first", "characters": "6200", "database": "cnki",
            "publicJournal": "1", "relevant": "1"])
        try await paper.create(on: db)
        liuApp.defenseItemID = paper.id
        try await liuApp.update(on: db)
        // The question bank per specialty: common questions for everyone, individual ones chosen per applicant.
        for (specialty, kind, text) in [
            ("电气工程", "common", "请简述本专业现行主要技术标准及其在你工作中的应用。"),
            ("电气工程", "common", "谈谈你任现职以来解决的一个最主要的技术问题。"),
            ("电气工程", "individual", "论文中电压越限治理方案的经济性如何评估？"),
            ("电气工程", "individual", "分布式光伏接入后继电保护整定需要作哪些调整？"),
            ("机械工程", "common", "请简述本专业现行主要技术标准及其在你工作中的应用。"),
        ] {
            try await DefenseQuestion(year: year, specialty: specialty, kind: kind, text: text).create(on: db)
        }
        // expert7 declared a conflict with 刘洋 (the demo's recusal).
        try await ExpertConflict(expertID: electrical[6].id!, applicationID: liuApp.id!, source: ConflictSource.declaredByExpert.rawValue,
                                 reason: "曾与申报人在同一项目组共事").create(on: db)

        // 机械工程: drawn, scheduled, scored, closed (the defense two weeks after intake closes).
        let defenseDay = intakeEnd.adding(days: 14)
        guard case .success(let mech) = try await PanelFactory.draw(nil, specialty: "机械工程", room: "市工信局三楼会议室", seed: 20220908,
                                                                    year: year, today: intakeEnd, size: 5, on: db) else {
            throw Abort(.internalServerError, reason: "demo draw failed")
        }
        try await move(wangApp, to: .scheduled, transition: .scheduleDefense, on: db, now: now)
        try await DefenseSlot(panelID: mech.id!, applicationID: wangApp.id!, room: mech.room, startsAt: "\(defenseDay.iso) 09:00").create(on: db)
        let mechMembers = try await DefensePanelMember.query(on: db).filter(\.$panel.$id == mech.id!).all()
        for (i, m) in mechMembers.enumerated() {
            try await DefenseScoreRecord(panelID: mech.id!, applicationID: wangApp.id!, expertID: m.$expert.id,
                                         materials: 820 + i * 10, onsite: 785 + i * 5).create(on: db)
        }
        mech.state = "closed"
        mech.closedAt = defenseDay.beijingMorning
        try await mech.update(on: db)
        for (kind, points) in [(QuantitativeKind.projects, 150), (.papers, 100), (.education, 50), (.workYears, 100), (.assessments, 80)] {
            try await QuantitativePoints(applicationID: wangApp.id!, kind: kind.rawValue, points: points, reason: "依据申报材料赋分").create(on: db)
        }
        try await move(wangApp, to: .defended, transition: .concludeDefense, on: db, now: now)

        // The meeting a week later: seven members, six present, ballots 5 agree / 1 abstain.
        let meetingDay = defenseDay.adding(days: 7)
        let meeting = try await MeetingBallots.create(db, committee: intermediate, heldOn: meetingDay,
                                                      audit: AuditEntry(actorID: nil, actorName: "system", role: nil, action: "meeting.create", ip: nil, detail: "demo"))
        meeting.notes = "对答辩等次为优、中的申报人逐一评议。"
        meeting.votingStartedAt = meetingDay.beijingMorning
        try await meeting.update(on: db)
        for m in try await MeetingMember.query(on: db).filter(\.$meeting.$id == meeting.id!).all() where m.$expert.id != electrical[5].id! {
            m.present = true
            try await m.update(on: db)
            try await BallotMarker(meetingID: meeting.id!, applicationID: wangApp.id!, expertID: m.$expert.id).create(on: db)
        }
        let tally = BallotTally(meetingID: meeting.id!, applicationID: wangApp.id!)
        tally.agree = 5; tally.abstain = 1; tally.present = 6; tally.recused = 0
        try await tally.create(on: db)
        meeting.state = "closed"
        try await meeting.update(on: db)
        try await move(wangApp, to: .passed, transition: .recordVote, on: db, now: now)

        // Publicity from the next working day, for the policy's working days; then the certificate.
        var start = meetingDay.adding(days: 1)
        while (try? calendar.publicityEnd(start: start, workingDays: 1)) != start { start = start.adding(days: 1) }
        guard case .integer(let days)? = policy.parameter("resultPublicityWorkingDays")?.value else {
            throw Abort(.internalServerError, reason: "resultPublicityWorkingDays missing")
        }
        let end = try calendar.publicityEnd(start: start, workingDays: days)
        // The city HR bureau confirmed the list (审核确认) the working day after it ended; then the certificate.
        let publicity = ResultPublicity(year: year, starts: start.iso, ends: end.iso, applicationIDs: [wangApp.id!])
        let cityHR = try await user("cityhr")
        publicity.confirmedOn = end.adding(days: 1).iso
        publicity.confirmedBy = cityHR.id
        publicity.confirmedByName = cityHR.realName
        try await publicity.create(on: db)
        try await move(wangApp, to: .certified, transition: .certify, on: db, now: now)
        wangApp.$applicant.value = wang
        try await CertificateIssuer.create(db, application: wangApp, day: end.adding(days: 1), committee: intermediate.name)

        try await juniors(junior, policy: policy, calendar: calendar, meetingDay: meetingDay, publicity: (start, end),
                          confirmedBy: cityHR, on: db, now: now)

        // 电气工程: drawn from the account experts (expert7 recused), 刘洋 scheduled, scores open.
        guard case .success(let elec) = try await PanelFactory.draw(nil, specialty: "电气工程", room: "市工信局五楼答辩室",
                                                                    seed: 20220815, year: year, today: intakeEnd, size: 5, on: db) else {
            throw Abort(.internalServerError, reason: "demo draw failed")
        }
        try await move(liuApp, to: .scheduled, transition: .scheduleDefense, on: db, now: now)
        try await DefenseSlot(panelID: elec.id!, applicationID: liuApp.id!, room: elec.room,
                              startsAt: "\(defenseDay.adding(days: 1).iso) 09:00").create(on: db)
        try await AuditLog.append(AuditEntry(actorID: nil, actorName: "system", role: nil, action: "demo.committee", ip: nil,
                                             detail: "2 panels, 1 meeting, 1 certificate"), on: db)
    }

    /// The junior applicants' accounts (their password is set with the other demo accounts').
    static let juniorApplicants: [(username: String, name: String, level: TargetLevel, specialty: String)] = [
        // Specialties of their own: the engineers' panels (电气工程, 机械工程) stay the only ones there.
        ("applicant18", "韩磊", .technician, "化学工程"), ("applicant19", "魏娜", .assistantEngineer, "电子信息工程"),
        ("applicant20", "蒋涛", .technician, "电子信息工程"), ("applicant21", "沈琳", .assistantEngineer, "化学工程"),
        ("applicant22", "韦明", .technician, "化学工程"),
    ]
    static var usernames: [String] { juniorApplicants.map(\.username) }

    private static func committee(_ tier: CommitteeTier, year: Int, start: LocalDate, end: LocalDate,
                                  members: [(Expert, CommitteeRole)], on db: any Database) async throws -> ReviewCommitteeRecord {
        let name = tier == .intermediate ? "长治市工程系列中级专业技术职务评审委员会" : "长治市工程系列初级专业技术职务评审委员会"
        let c = ReviewCommitteeRecord(year: year, tier: tier, name: name, termStart: start, termEnd: end)
        try await c.create(on: db)
        for (e, role) in members { try await ReviewCommitteeMember(committeeID: c.id!, expertID: e.id!, role: role).create(on: db) }
        return c
    }

    /// Juniors at each step of their path: accepted (no score yet), scored (to refer),
    /// referred to the 初级评委会 (an open meeting waits), passed (publicized), certified.
    private static func juniors(_ committee: ReviewCommitteeRecord, policy: Policy, calendar: WorkingDayCalendar,
                                meetingDay: LocalDate, publicity: (LocalDate, LocalDate), confirmedBy cityHR: UserAccount,
                                on db: any Database, now: Date) async throws {
        let units = try await Organization.query(on: db).filter(\.$kindRaw == OrganizationKind.unit.rawValue).sort(\.$name).all()
        var apps: [ApplicationRecord] = []
        for (i, j) in juniorApplicants.enumerated() {
            let unit = units[(i + 1) % units.count]
            let first17 = "1404021996\(String(format: "%02d", 1 + i))1\(String(format: "%02d", 10 + i))\(i % 2 == 0 ? "1" : "2")"
            let user = UserAccount(username: j.username, passwordHash: "!", role: .applicant, organizationID: unit.id!, realName: j.name,
                                   idNumber: ResidentIDNumber.completing(first17), mobile: "1380355\(String(format: "%04d", 1100 + i))")
            try await user.create(on: db)
            try await AuditLog.append(AuditEntry(actorID: nil, actorName: "system", role: nil, action: "account.create", objectType: "account",
                                                 objectID: user.id?.uuidString, ip: nil, detail: "demo applicant \(j.username)"), on: db)
            user.$organization.value = unit
            apps.append(try await accepted(user, level: j.level, specialty: j.specialty, policy: policy, on: db, now: now))
        }
        // Scores for all but the first (韩磊 waits for the office's quantitative scoring).
        for (i, a) in apps.enumerated().dropFirst() {
            for (kind, points) in [(QuantitativeKind.projects, 100 + i * 10), (.education, 50), (.workYears, 60), (.assessments, 80)] {
                try await QuantitativePoints(applicationID: a.id!, kind: kind.rawValue, points: points, reason: "依据申报材料赋分").create(on: db)
            }
        }
        // 蒋涛, 沈琳, 韦明 referred to the 初级评委会.
        for a in apps[2...] { try await move(a, to: .awaitingVote, transition: .referToCommittee, on: db, now: now) }
        // A closed meeting decided 沈琳 and 韦明: seven members, six present, 6 and 5 agree.
        let decided = try await MeetingBallots.create(db, committee: committee, heldOn: meetingDay,
                                                      audit: AuditEntry(actorID: nil, actorName: "system", role: nil, action: "meeting.create", ip: nil, detail: "demo junior"))
        decided.notes = "依据量化赋分和申报材料逐一评议。"
        decided.votingStartedAt = meetingDay.beijingMorning
        let members = try await MeetingMember.query(on: db).filter(\.$meeting.$id == decided.id!).all()
        for m in members.dropLast() {
            m.present = true
            try await m.update(on: db)
        }
        for (a, agree) in [(apps[3], 6), (apps[4], 5)] {
            for m in members.dropLast() { try await BallotMarker(meetingID: decided.id!, applicationID: a.id!, expertID: m.$expert.id).create(on: db) }
            let t = BallotTally(meetingID: decided.id!, applicationID: a.id!)
            t.agree = agree; t.abstain = 6 - agree; t.present = 6; t.recused = 0
            try await t.create(on: db)
            try await move(a, to: .passed, transition: .recordVote, on: db, now: now)
        }
        decided.state = "closed"
        try await decided.update(on: db)
        // 蒋涛 waits for the next meeting of the 初级评委会, called and not yet voting.
        try await MeetingBallots.create(db, committee: committee, heldOn: meetingDay.adding(days: 7),
                                        audit: AuditEntry(actorID: nil, actorName: "system", role: nil, action: "meeting.create", ip: nil, detail: "demo junior open"))
        // Both on the result publicity; 韦明's certificate issued after it.
        let (start, end) = publicity
        let list = ResultPublicity(year: committee.year, starts: start.iso, ends: end.iso, applicationIDs: [apps[3].id!, apps[4].id!])
        list.confirmedOn = end.adding(days: 1).iso
        list.confirmedBy = cityHR.id
        list.confirmedByName = cityHR.realName
        try await list.create(on: db)
        try await move(apps[4], to: .certified, transition: .certify, on: db, now: now)
        try await CertificateIssuer.create(db, application: apps[4], day: end.adding(days: 1), committee: committee.name)
    }

    /// A declaration already through intake (the demo skips the earlier steps).
    private static func accepted(_ user: UserAccount, level: TargetLevel = .engineer, specialty: String, policy: Policy,
                                 on db: any Database, now: Date) async throws -> ApplicationRecord {
        let record = ApplicationRecord(applicantID: user.id!, unitID: user.$organization.id, year: policy.applicationDate.year,
                                       policyID: policy.id, targetLevel: level, track: .regular, specialty: specialty)
        record.state = ApplicationState.accepted.rawValue
        record.submittedAt = now
        record.commitmentSignedAt = now
        record.basicValues = ["ethnicity": "汉族", "political": "masses", "workStart": "2012-07-01", "post": "\(specialty)技术"]
        try await record.create(on: db)
        // The state has its event, as every transition's does (title-review consistency).
        try await WorkflowEvent(applicationID: record.id!, occurredAt: now, actorID: nil, actorName: "李文静", organizationName: "评委会办公室",
                                transition: ApplicationTransition.acceptAtIntake.rawValue, fromState: ApplicationState.intake.rawValue,
                                toState: ApplicationState.accepted.rawValue, opinion: "").create(on: db)
        record.$applicant.value = user
        return record
    }

    /// Records a committee-stage step as `WorkflowRunner` would (demo data has no request).
    private static func move(_ a: ApplicationRecord, to next: ApplicationState, transition: ApplicationTransition,
                             on db: any Database, now: Date) async throws {
        let from = a.stateValue
        a.state = next.rawValue
        try await a.update(on: db)
        try await WorkflowEvent(applicationID: a.id!, occurredAt: now, actorID: nil, actorName: "李文静", organizationName: "评委会办公室",
                                transition: transition.rawValue, fromState: from.rawValue, toState: next.rawValue, opinion: "").create(on: db)
    }
}
