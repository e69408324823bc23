import Domain
import Fluent
import Foundation
import Vapor

/// Declarations for the demo, one in each state the workflow has so far: a
/// draft the self-check still faults (applicant1), a complete engineer
/// declaration submitted to its employer with its dossier files
/// (applicant3), and an assistant-engineer draft missing a report (applicant5).
enum DemoApplications {
    static func create(on db: any Database, store: FileStore, policy: Policy, now: Date) async throws {
        func user(_ name: String) async throws -> UserAccount {
            guard let u = try await UserAccount.query(on: db).filter(\.$username == name).first() else {
                throw Abort(.internalServerError, reason: "demo account \(name) missing")
            }
            return u
        }
        let year = policy.applicationDate.year

        // applicant1: engineer draft, one paper short of clause 3.1.4.
        let zhang = try await user("applicant1")
        let draft = try await declaration(zhang, level: .engineer, specialty: "水利水电工程", year: year, policy: policy, on: db,
                                          basics: ["ethnicity": "汉族", "political": "cpc", "workStart": "2010-07-01",
                                                   "post": "水工结构设计", "professionalPost": "1"])
        try await items(draft, on: db, [
            (.education, ["level": "bachelor", "school": "河海大学", "major": "水利水电工程", "discipline": "engineering",
                          "sameAsSpecialty": "1", "graduated": "2010-07-01"]),
            (.titles, ["series": "engineering", "name": "助理工程师", "tier": "assistant", "qualified": "2015-08-01",
                       "appointed": "2015-09-01"]),
            (.papers, paper("漳泽水库溢洪道消能设计复核", "2019-06-01")),
        ] + assessments(2015...2022))

        // applicant3: complete engineer declaration, signed and submitted.
        let li = try await user("applicant3")
        let submitted = try await declaration(li, level: .engineer, specialty: "机械工程", year: year, policy: policy, on: db,
                                              basics: ["ethnicity": "汉族", "political": "masses", "workStart": "2008-07-01",
                                                       "post": "采煤机设计", "email": "liqiang@example.cn"])
        submitted.workReport = String(repeating: "本人2008年参加工作，长期从事采煤机械设计与技术改造，主持完成多项设备改造项目。", count: 10)
        let created = try await items(submitted, on: db, [
            (.education, ["level": "associate", "school": "山西煤炭职业技术学院", "major": "机电一体化技术",
                          "discipline": "engineering", "sameAsSpecialty": "1", "graduated": "2008-07-01"]),
            (.titles, ["series": "engineering", "name": "助理工程师", "tier": "assistant", "qualified": "2014-10-01"]),
            (.papers, paper("采煤机截割部齿轮失效分析", "2017-04-01")),
            (.papers, paper("刮板输送机链轮耐磨改进", "2020-09-01")),
            (.achievements, ["name": "综采工作面设备智能化改造", "kind": "project", "level": "large_enterprise", "rank": "2",
                             "accepted": "1", "acceptedBy": "集团公司科技部", "date": "2021-06-30"]),
            (.continuingEducation, ["year": "2021", "hours": "90", "content": "智能化矿山装备", "provider": "长治市继续教育中心"]),
        ] + assessments(2014...2022))
        // 七.1 and 九: the 送审论文 is the first paper's, and the defense is about it.
        let firstPaper = created.first { $0.section == DeclarationSection.papers.rawValue }?.id
        submitted.defenseItemID = firstPaper
        for (slot, label, item) in [(DossierSlot.category3, "毕业证书及学信网学历证明", nil as UUID?),
                                    (.category4, "助理工程师证书", nil), (.submittedPaper, "送审论文", firstPaper),
                                    (.photo, "2寸照片", nil)] + created.flatMap({ item -> [(DossierSlot, String, UUID?)] in
                                        switch item.section {
                                        case DeclarationSection.papers.rawValue:
                                            [(.category6, "论文（封面、目录、正文）", item.id), (.paperSearchPage, "知网检索验证网页（盖章）", item.id)]
                                        case DeclarationSection.achievements.rawValue: [(.category7, "验收证书", item.id)]
                                        default: []
                                        }
                                    }) {
            try await file(submitted, slot: slot, label: label, item: item, uploader: li, store: store, at: now, on: db)
        }
        submitted.commitmentSignedAt = now
        submitted.state = ApplicationState.submitted.rawValue
        submitted.submittedAt = now
        // The route is fixed at submission, as `WorkflowRunner` does for a real one.
        guard let coal = try await Organization.find(submitted.$unit.id, on: db) else {
            throw Abort(.internalServerError, reason: "demo unit missing")
        }
        let route = try policy.route(level: submitted.level, unit: try coal.routeUnit())
        submitted.routeText = route.steps.map(\.rawValue).joined(separator: ",")
        submitted.routeCounty = route.county
        try await submitted.update(on: db)
        try await WorkflowEvent(applicationID: submitted.id!, occurredAt: now, actorID: li.id, actorName: li.realName,
                                organizationName: coal.name, transition: ApplicationTransition.submit.rawValue,
                                fromState: ApplicationState.draft.rawValue, toState: ApplicationState.submitted.rawValue,
                                opinion: "").create(on: db)

        // applicant5: assistant engineer draft with one of the two technical reports.
        let chen = try await user("applicant5")
        let junior = try await declaration(chen, level: .assistantEngineer, specialty: "农业机械", year: year, policy: policy, on: db,
                                           basics: ["ethnicity": "回族", "political": "cyl", "workStart": "2017-07-01",
                                                    "post": "农机推广", "professionalPost": "1",
                                                    "probationCompleted": "2018-07-01", "probationPassed": "1"])
        try await items(junior, on: db, [
            (.education, ["level": "bachelor", "school": "山西农业大学", "major": "农业机械化及其自动化",
                          "discipline": "engineering", "sameAsSpecialty": "1", "graduated": "2017-07-01"]),
            (.technicalReports, ["title": "玉米联合收获机田间试验报告", "project": "长子县玉米机收减损示范",
                                 "role": "试验方案与数据整理", "date": "2021-10-15"]),
        ] + assessments(2018...2022))
        try await AuditLog.append(AuditEntry(actorID: nil, actorName: "system", role: nil, action: "demo.applications",
                                             ip: nil, detail: "3 declarations"), on: db)
    }

    private static func declaration(_ user: UserAccount, level: TargetLevel, specialty: String, year: Int, policy: Policy,
                                    on db: any Database, basics: FieldValues) async throws -> ApplicationRecord {
        let record = ApplicationRecord(applicantID: user.id!, unitID: user.$organization.id, year: year, policyID: policy.id,
                                       targetLevel: level, track: .regular, specialty: specialty)
        record.basicValues = basics
        try await record.create(on: db)
        return record
    }

    @discardableResult
    private static func items(_ application: ApplicationRecord, on db: any Database,
                              _ entries: [(DeclarationSection, FieldValues)]) async throws -> [ApplicationItem] {
        var created: [ApplicationItem] = []
        for (position, entry) in entries.enumerated() {
            let item = ApplicationItem(applicationID: application.id!, section: entry.0, position: position + 1, values: entry.1)
            try await item.create(on: db)
            created.append(item)
        }
        return created
    }

    private static func paper(_ title: String, _ date: String) -> FieldValues {
        ["title": title, "journal": "煤矿机械", "issn": "ISSN 1003-0794 / CN 23-1280/TD", "published": date,
         "authorship": "sole", "characters": "4800", "database": "cnki", "publicJournal": "1", "relevant": "1"]
    }

    private static func assessments(_ years: ClosedRange<Int>) -> [(DeclarationSection, FieldValues)] {
        years.map { (.assessments, ["year": String($0), "result": $0 == years.upperBound - 1 ? "excellent" : "competent"]) }
    }

    /// Stores a small generated file through the same checks as an upload.
    private static func file(_ application: ApplicationRecord, slot: DossierSlot, label: String, item: UUID?,
                             uploader: UserAccount, store: FileStore, at now: Date, on db: any Database) async throws {
        let (name, bytes) = slot == .photo ? ("photo.png", DemoFiles.png) : ("\(label).pdf", DemoFiles.pdf(title: label))
        let upload = try await store.begin(originalName: name, slot: slot)
        try await upload.append(ByteBuffer(bytes: bytes))
        guard case .success(let scan) = try await upload.finish() else {
            throw Abort(.internalServerError, reason: "demo file \(name) refused")
        }
        let stored = try await upload.commit(scan)
        let file = StoredFile(applicationID: application.id!, slot: slot, itemID: item, label: label, originalName: name,
                                  stored: stored, uploadedBy: uploader.id!)
        try await file.create(on: db)
        // The upload time is the demo clock's, like every other date of the demo (the
        // create timestamp is the machine's).
        try await StoredFile.query(on: db).filter(\.$id == file.id!).set(\.$uploadedAt, to: now).update()
    }
}

/// Tiny but valid files for the demo dossier.
enum DemoFiles {
    /// A one-page PDF with the label as its document title.
    static func pdf(title: String) -> [UInt8] {
        Array("""
        %PDF-1.4
        1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
        2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj
        3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj
        4 0 obj <</Title (demo)>> endobj
        trailer <</Root 1 0 R /Info 4 0 R>>
        %%EOF

        """.utf8)
    }

    /// A 1×1 red PNG (the notice asks for a red background).
    static let png: [UInt8] = Array(Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")!)
}
