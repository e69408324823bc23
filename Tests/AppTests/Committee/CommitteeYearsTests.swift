import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App
@testable import Domain

/// 年度 on the committee office's pages (issue 19, item 2): once a 2023 bundle is active
/// and its declaration has opened, every committee list shows 2023 by default, the 2022
/// panels, meetings, results and scores stay readable with `?year=2022`, an unknown year
/// falls back to the year in use, every action on a 2022 record is judged by the 2022
/// bundle, and the picker never widens what a role may see.
@Suite(.serialized) struct CommitteeYearsTests {
    /// The shipped 2023 example with the defense weights, the publicity's working days and
    /// the panel size changed, so a page that read the year in use instead of the record's
    /// own year shows a different number.
    static func changed2023() throws -> PolicyStore {
        var json = String(decoding: try Policy.bundleBytes(id: "changzhi-2023-example"), as: UTF8.self)
        for (old, new) in [(#""defenseMaterialWeight": {"value": 0.4"#, #""defenseMaterialWeight": {"value": 0.5"#),
                           (#""defenseLiveWeight": {"value": 0.6"#, #""defenseLiveWeight": {"value": 0.5"#),
                           (#""resultPublicityWorkingDays": {"value": 5"#, #""resultPublicityWorkingDays": {"value": 7"#),
                           (#""defensePanelSize": {"value": 5"#, #""defensePanelSize": {"value": 3"#)] {
            precondition(json.contains(old), old)
            json = json.replacingOccurrences(of: old, with: new)
        }
        return try PolicyStore.make(try Policy.load(json: json))
    }

    /// The demo's committee stage of 2022 (panels, meetings, publicity, certificates).
    static func committee2022(_ app: Application) async throws {
        app.clock = .fixed(LocalDate(iso: "2022-08-15")!.beijingMorning)
        let now = app.clock.now()
        try await app.transaction { db in
            try await DemoCommittee.create(on: db, policy: app.policies.current, calendar: app.workingDays, now: now)
        }
    }

    /// 2023 activated (as the office's activation adds it) and its declaration open.
    static func open2023(_ app: Application, _ store: PolicyStore? = nil) throws {
        #expect(app.policyRegistry.add(try store ?? changed2023()))
        app.clock = .fixed(LocalDate(iso: "2023-06-10")!.beijingMorning)
    }

    static let shown2022 = #"<strong aria-current="page">2022年度</strong>"#
    static let shown2023 = #"<strong aria-current="page">2023年度</strong>"#

    @Test("每个评委会列表：2023年度启用后默认2023、?year=2022 仍列出2022年度的记录、未知年度回到当前年度")
    func everyListPicksItsYear() async throws {
        try await withTestApp { app in
            try await Self.committee2022(app)
            let mech = try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "机械工程").first())
            let meeting = try #require(try await CommitteeMeeting.query(on: app.db).filter(\.$state == "closed").first())
            let publicity = try #require(try await ResultPublicity.query(on: app.db).first())
            let question = try #require(try await DefenseQuestion.query(on: app.db).first())
            let committee = try #require(try await ReviewCommitteeRecord.query(on: app.db).first())
            let passed = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$id == publicity.applicationIDs[0])
                .with(\.$applicant).first())
            let junior = try #require(try await ApplicationRecord.query(on: app.db)
                .filter(\.$state == ApplicationState.accepted.rawValue).filter(\.$targetLevel != TargetLevel.engineer.jsonName)
                .with(\.$applicant).first())

            // Each list, with what marks a 2022 record on it.
            let lists: [(String, String)] = [
                ("/committee/panels", "/committee/panels/\(mech.id!.uuidString)"),
                ("/committee/meetings", "/committee/meetings/\(meeting.id!.uuidString)"),
                ("/committee/quantitative/referrals", junior.applicant.realName),
                ("/committee/results", passed.applicant.realName),
                ("/committee/quantitative", passed.applicant.realName),
                ("/committee/quantitative/table", "2022年度使用年度政策参数中的默认表"),
                ("/committee/rankings", passed.applicant.realName),
                ("/committee/questions", question.text),
                ("/committee/committees", committee.name),
            ]
            var office = Browser(app)
            try await office.login("office")
            for (path, marker) in lists {
                let page = try await office.get(path)
                #expect(page.status == .ok && page.text.contains(Self.shown2022) && page.text.contains(marker), "\(path) in 2022")
            }

            try Self.open2023(app)
            for (path, marker) in lists {
                let now = try await office.get(path)
                #expect(now.status == .ok && now.text.contains(Self.shown2023), "\(path) defaults to 2023")
                #expect(!now.text.contains(marker), "\(path): 2023 lists none of 2022's records")
                #expect(now.text.contains(#"href="\#(path)?year=2022""#), "\(path) links to 2022")
                let then = try await office.get("\(path)?year=2022")
                #expect(then.status == .ok && then.text.contains(Self.shown2022) && then.text.contains(marker), "\(path)?year=2022")
                let unknown = try await office.get("\(path)?year=1999")
                #expect(unknown.status == .ok && unknown.text.contains(Self.shown2023) && !unknown.text.contains(marker), "\(path)?year=1999")
            }

            // The city HR bureau's 审核确认 list.
            var cityHR = Browser(app)
            try await cityHR.login("cityhr")
            let period = LocalDate(iso: publicity.starts)!.chinese
            let confirmNow = try await cityHR.get("/results/confirmation")
            #expect(confirmNow.status == .ok && confirmNow.text.contains(Self.shown2023) && !confirmNow.text.contains(period))
            let confirm2022 = try await cityHR.get("/results/confirmation?year=2022")
            #expect(confirm2022.text.contains(Self.shown2022) && confirm2022.text.contains(period) && confirm2022.text.contains(passed.applicant.realName))

            // The rankings' CSV follows the page's year.
            let csv2022 = try await office.get("/committee/rankings.csv?year=2022")
            #expect(csv2022.status == .ok && csv2022.text.contains(passed.applicant.realName))
            #expect(!(try await office.get("/committee/rankings.csv")).text.contains(passed.applicant.realName))
        }
    }

    @Test("公开的评审结果公示按年度：2023年度启用后默认2023年度（不列2022年度的人员），?year=2022 以2022年度的标题列出")
    func publicResultsPickTheirYear() async throws {
        try await withTestApp { app in
            try await Self.committee2022(app)
            let publicity = try #require(try await ResultPublicity.query(on: app.db).first())
            let passed = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$id == publicity.applicationIDs[0])
                .with(\.$applicant).first())
            var visitor = Browser(app)
            try Self.open2023(app)
            let now = try await visitor.get("/results")
            #expect(now.status == .ok && now.text.contains("<h1>评审结果公示</h1>") && now.text.contains(Self.shown2023))
            #expect(!now.text.contains(passed.applicant.realName) && now.text.contains("暂无公示。"))
            let then = try await visitor.get("/results?year=2022")
            #expect(then.status == .ok && then.text.contains(Self.shown2022) && then.text.contains(passed.applicant.realName))
            #expect(then.text.contains(app.policyRegistry.store(year: 2022)!.current.title + "评审通过人员名单"))
        }
    }

    @Test("2022年度的评审组在2023年度启用后仍按2022年度政策计分、定等次；公示期、权重取记录所属年度")
    func a2022PanelGradesWith2022Rules() async throws {
        try await withTestApp { app in
            try await Self.committee2022(app)
            let mech = try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "机械工程").first())
            #expect(mech.isClosed)
            let snap = try await PanelSnapshot.load(mech, on: app.db)
            let rules2022 = try DefenseRules(policy: app.policies.current)
            let changed = try Self.changed2023()
            let graded2022 = snap.graded(rules: rules2022), graded2023 = snap.graded(rules: try DefenseRules(policy: changed.current))
            let first = try #require(graded2022.applicants.first)
            let other = try #require(graded2023.applicants.first { $0.applicant == first.applicant })
            // The test means something only if the two years' rules give a different score.
            #expect(first.defenseScore != other.defenseScore)
            let review2022 = try #require(first.reviewScore)

            try Self.open2023(app, changed)
            var office = Browser(app)
            try await office.login("office")
            let panel = try await office.get("/committee/panels/\(mech.id!.uuidString)")
            #expect(panel.status == .ok && panel.text.contains("2022年度评审"))
            #expect(panel.text.contains("<td>\(first.defenseScore)</td>"), "the 2022 weights")
            #expect(!panel.text.contains("<td>\(other.defenseScore)</td>"), "never the 2023 weights")

            let rankings = try await office.get("/committee/rankings?year=2022")
            #expect(rankings.text.contains(Self.shown2022) && rankings.text.contains(review2022.description))
            let rows = try await RankingsPage.rows(Request(application: app, on: app.eventLoopGroup.next()), year: 2022)
            #expect(rows.contains { $0.review == review2022.description })

            // The results page states its year's publicity length, the 2023 one its own.
            let results2022 = try await office.get("/committee/results?year=2022")
            #expect(results2022.text.contains("公示期为5个工作日"))
            #expect(try await office.get("/committee/results").text.contains("公示期为7个工作日"))
            let panels2023 = try await office.get("/committee/panels")
            #expect(panels2023.text.contains("随机抽取3名在任专家") && panels2023.text.contains("2023年度尚未抽取评审组"))
            #expect(try await office.get("/committee/panels?year=2022").text.contains("随机抽取5名在任专家"))

            // The expert of the open 2022 panel reads the 2022 weights on it.
            let elec = try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "电气工程").first())
            let lead = try #require(try await DefensePanelMember.query(on: app.db).filter(\.$panel.$id == elec.id!)
                .filter(\.$isLead == true).with(\.$expert) { $0.with(\.$user) }.first())
            var expert = Browser(app)
            try await expert.login(try #require(lead.expert.user?.username))
            let own = try await expert.get("/expert/panels/\(elec.id!.uuidString)")
            let weights2022 = rules2022.weights, weights2023 = try DefenseRules(policy: changed.current).weights
            let said2022 = "答辩材料学术水平评价占\(weights2022.percent(weights2022.materials))"
            let said2023 = "答辩材料学术水平评价占\(weights2023.percent(weights2023.materials))"
            #expect(said2022 != said2023)
            #expect(own.status == .ok && own.text.contains(said2022) && !own.text.contains(said2023), "\(own.text)")
            // The expert's list: 2023 by default (nothing yet), the 2022 panel under ?year=2022.
            let mine = try await expert.get("/expert/panels")
            #expect(mine.text.contains(Self.shown2023) && !mine.text.contains("/expert/panels/\(elec.id!.uuidString)"))
            #expect(try await expert.get("/expert/panels?year=2022").text.contains("/expert/panels/\(elec.id!.uuidString)"))
        }
    }

    @Test("为某年度新建记录：年度未开始的拒绝并说明、不写入；已开始的往年仍可补建，建在所选年度")
    func creatingInAYearFollowsItsBundle() async throws {
        try await withTestApp { app in
            try await Self.committee2022(app)
            // 2023 activated, its declaration not open yet: 2022 is still the year in use.
            #expect(app.policyRegistry.add(try Self.changed2023()))
            app.clock = .fixed(LocalDate(iso: "2022-12-01")!.beijingMorning)
            var office = Browser(app)
            try await office.login("office")
            let list = try await office.get("/committee/questions")
            #expect(list.status == .ok && list.text.contains(Self.shown2022) && list.text.contains(#"href="/committee/questions?year=2023""#))
            let before = try await DefenseQuestion.query(on: app.db).count()
            let early = try await office.post("/committee/questions?year=2023", ["specialty": "电气工程", "kind": "common", "text": "明年的问题"])
            #expect(early.status == .unprocessableEntity && early.text.contains(Self.shown2023))
            #expect(early.text.contains("2023年度评审尚未开始") && early.text.contains("不能为该年度添加答辩问题"))
            #expect(try await DefenseQuestion.query(on: app.db).count() == before)
            for (path, form, what) in [
                ("/committee/panels?year=2023", ["specialty": "电气工程", "room": "一号会议室"], "抽取评审组"),
                ("/committee/committees?year=2023", ["tier": "intermediate", "name": "明年的评委会", "termStart": "2023-01-01", "termEnd": "2024-12-31"], "组建评委会"),
                ("/committee/meetings?year=2023", ["committeeID": UUID().uuidString, "heldOn": "2023-10-01"], "召开评委会会议"),
                ("/committee/quantitative/table?year=2023", ["reason": "调整"], "确定赋分表"),
                ("/committee/results/publicity?year=2023", ["starts": "2023-11-01"], "公示评审结果"),
            ] {
                let r = try await office.post(path, form)
                #expect(r.status == .unprocessableEntity && r.text.contains("不能为该年度\(what)"), "\(path): \(r.status)")
            }
            #expect(try await DefensePanel.query(on: app.db).filter(\.$year == 2023).count() == 0)
            #expect(try await ReviewCommitteeRecord.query(on: app.db).filter(\.$year == 2023).count() == 0)
            #expect(try await QuantitativeTableSetting.query(on: app.db).filter(\.$year == 2023).count() == 0)

            // Once 2023 has opened, the office may still add to 2022 (its review finishing), in 2022.
            app.clock = .fixed(LocalDate(iso: "2023-06-10")!.beijingMorning)
            try await office.get("/committee/questions?year=2022")
            let late = try await office.post("/committee/questions?year=2022", ["specialty": "电气工程", "kind": "common", "text": "补充的2022年度问题"])
            #expect(late.status == .seeOther)
            #expect(late.headers.first(name: .location) == "/committee/questions?year=2022&notice=saved")
            let added = try #require(try await DefenseQuestion.query(on: app.db).filter(\.$text == "补充的2022年度问题").first())
            #expect(added.year == 2022)
            // And to 2023 without `?year=`: the year in use.
            try await office.get("/committee/questions")
            #expect(try await office.post("/committee/questions", ["specialty": "电气工程", "kind": "common", "text": "2023年度问题"]).status == .seeOther)
            #expect(try await DefenseQuestion.query(on: app.db).filter(\.$text == "2023年度问题").first()?.year == 2023)
        }
    }

    @Test("年度选择不扩大权限：单位经办人、专家、市人社局仍看不到评委会办公室的列表；专家只看到本人的评审组")
    func thePickerNeverWidensAccess() async throws {
        try await withTestApp { app in
            try await Self.committee2022(app)
            try Self.open2023(app)
            let lists = ["/committee/panels", "/committee/meetings", "/committee/quantitative/referrals", "/committee/results",
                         "/committee/quantitative", "/committee/quantitative/table", "/committee/rankings", "/committee/rankings.csv",
                         "/committee/questions", "/committee/committees"]
            for username in ["unit1", "expert1", "cityhr", "applicant1"] {
                var someone = Browser(app)
                try await someone.login(username)
                for path in lists {
                    #expect(try await someone.get("\(path)?year=2022").status == .forbidden, "\(username) \(path)?year=2022")
                }
            }
            var office = Browser(app)
            try await office.login("office")
            #expect(try await office.get("/results/confirmation?year=2022").status == .forbidden)
            #expect(try await office.get("/expert/panels?year=2022").status == .forbidden)

            // expert7 was recused from the 电气工程 draw and sits on no panel: ?year=2022 shows them none.
            let elec = try #require(try await DefensePanel.query(on: app.db).filter(\.$specialty == "电气工程").first())
            var outsider = Browser(app)
            try await outsider.login("expert7")
            let page = try await outsider.get("/expert/panels?year=2022")
            #expect(page.status == .ok && page.text.contains(Self.shown2022))
            #expect(!page.text.contains("/expert/panels/\(elec.id!.uuidString)") && page.text.contains("2022年度暂无分配给您的评审组"))
            #expect(try await outsider.get("/expert/panels/\(elec.id!.uuidString)?year=2022").status == .forbidden)
        }
    }
}
