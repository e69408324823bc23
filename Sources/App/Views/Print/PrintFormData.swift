import Domain
import Foundation
import Vapor

/// The declaration turned into display text for the forms: choice labels,
/// dates as 2022年8月1日, items in a sensible order. No database access.
struct PrintFormData {
    static let committee = "长治市工程系列（非建筑、建材、环保专业）中、初级专业技术职务评审委员会"

    let snapshot: DeclarationSnapshot
    let personalData: PersonalData
    let today: LocalDate
    /// Codes of the skill grades that can be the engineer route's basis (技师、高级技师).
    let workerGrades: Set<String>

    /// A field of a section item as the form shows it ("" when empty).
    func text(_ section: DeclarationSection, _ name: String, _ values: FieldValues) -> String {
        section.field(name)?.display(values[name]) ?? (values[name] ?? "")
    }

    func values(_ section: DeclarationSection) -> [FieldValues] {
        snapshot.items(in: section).map(\.values)
    }

    /// Items ordered by an ISO date or year field, oldest first; undated last.
    func values(_ section: DeclarationSection, by field: String) -> [FieldValues] {
        values(section).enumerated().sorted { a, b in
            let x = a.element[field] ?? "9999", y = b.element[field] ?? "9999"
            return x == y ? a.offset < b.offset : x < y
        }.map(\.element)
    }

    /// "2010年7月1日至2015年6月30日", or "…至今".
    func span(_ from: String, _ to: String) -> String { "\(from)至\(to.isEmpty ? "今" : to)" }

    /// A section's items as one line: "甲；乙", or 无.
    func line(_ section: DeclarationSection, _ describe: (FieldValues, (String) -> String) -> String) -> String {
        let parts = values(section).map { v in describe(v) { text(section, $0, v) } }
        return parts.isEmpty ? "无" : parts.joined(separator: "；")
    }

    var applicant: PrintApplicant {
        let app = snapshot.application
        let person = app.applicant
        let basics = app.basicValues
        func basic(_ name: String) -> String {
            BasicsForm.fields.first { $0.name == name }?.display(basics[name]) ?? ""
        }
        let id = person.idNumber.flatMap { try? ResidentIDNumber($0, today: today) }
        let highest = values(.education).max { a, b in
            (a["level"].flatMap(EducationLevel.init(jsonName:)) ?? .highSchool)
                < (b["level"].flatMap(EducationLevel.init(jsonName:)) ?? .highSchool)
        }
        let title = currentTitle
        let track = BasicsForm.tracks.first { $0.code == app.track }?.label ?? ""
        return PrintApplicant(
            name: person.realName, sex: id?.sex.label ?? "",
            birthMonth: id.map { "\($0.birthDate.year)年\($0.birthDate.month)月" } ?? "",
            ethnicity: basic("ethnicity"), political: basic("political"),
            idNumber: person.idNumber.map(personalData.idNumber) ?? "—",
            workStart: basic("workStart"),
            education: highest.map { [text(.education, "level", $0), $0["degree"] ?? ""]
                .filter { !$0.isEmpty }.joined(separator: "\n") } ?? "",
            major: highest.map { text(.education, "major", $0) } ?? "",
            school: highest.map { text(.education, "school", $0) } ?? "",
            graduated: highest.map { text(.education, "graduated", $0) } ?? "",
            currentTitle: basics["currentTitle"].flatMap { $0.isEmpty ? nil : $0 }
                ?? title.map { text(.titles, "name", $0) } ?? "无",
            titleQualified: title.map { text(.titles, "qualified", $0) } ?? "",
            titleAppointed: title.map { text(.titles, "appointed", $0) } ?? "",
            unit: app.unit.name, post: basic("post"),
            level: BasicsForm.levels.first { $0.code == app.targetLevel }?.label ?? "",
            specialty: app.specialty,
            track: String(track.prefix { $0 != "（" }))
    }

    /// The title the applicant holds now: the highest tier, the latest of
    /// equals; its dates fill 取得时间 and 聘任时间.
    var currentTitle: FieldValues? {
        values(.titles).max { a, b in
            let x = a["tier"].flatMap(TitleTier.init(jsonName:))?.rawValue ?? 0
            let y = b["tier"].flatMap(TitleTier.init(jsonName:))?.rawValue ?? 0
            return x == y ? (a["qualified"] ?? "") < (b["qualified"] ?? "") : x < y
        }
    }

    var assessments: [(String, String)] {
        values(.assessments, by: "year").map { ($0["year"].map { "\($0)年" } ?? "", text(.assessments, "result", $0)) }
    }

    var continuingEducationHours: Int {
        values(.continuingEducation).reduce(0) { $0 + (Int($1["hours"] ?? "") ?? 0) }
    }

    var education: PrintTable {
        PrintTable(columns: [.init("学历", .short), .init("毕业院校", .wide), .init("所学专业", .medium),
                             .init("学科门类", .short), .init("学位", .medium), .init("毕业时间", .date)],
                   rows: values(.education, by: "graduated").map { v in
                       ["level", "school", "major", "discipline", "degree", "graduated"].map { text(.education, $0, v) }
                   })
    }

    var work: PrintTable {
        PrintTable(columns: [.init("起始时间", .date), .init("结束时间", .date), .init("工作单位", .wide),
                             .init("岗位及职务", .medium), .init("专业技术工作", .short)],
                   rows: values(.work, by: "from").map { v in
                       [text(.work, "from", v), v["to"].map { _ in text(.work, "to", v) } ?? "至今",
                        text(.work, "unitName", v), text(.work, "post", v), text(.work, "technical", v)]
                   })
    }

    var titles: PrintTable {
        PrintTable(columns: [.init("系列", .short), .init("职称名称", .wide), .init("层级", .short),
                             .init("取得资格时间", .date), .init("聘任时间", .date), .init("证书编号", .medium)],
                   rows: values(.titles, by: "qualified").map { v in
                       ["series", "name", "tier", "qualified", "appointed", "certificate"].map { text(.titles, $0, v) }
                   })
    }

    /// 工人技术等级 when the engine took the worker-technician route (三（一）3):
    /// the grade the route rests on, printed on the 评审表.
    var skillBasis: String? {
        guard snapshot.answer.route == .workerTechnician else { return nil }
        let eligible = values(.skills, by: "obtained").filter { workerGrades.contains($0["grade"] ?? "") }
        guard let v = eligible.first else { return nil }
        return "\(text(.skills, "grade", v))（\(text(.skills, "occupation", v))），\(text(.skills, "obtained", v))取得"
            + (v["certificate"].map { "，证书编号\($0)" } ?? "")
    }

    /// 职称外语、计算机应用能力 certificates (三（七）), or 无.
    var examCertificates: String {
        line(.examCertificates) { v, f in "\(f("kind"))：\(v["name"] ?? "")（\(f("passed"))合格）" }
    }

    /// The chosen defense item (九), by section and title, or nil.
    var defenseItem: String? {
        guard let id = snapshot.application.defenseItemID,
              let item = snapshot.items.first(where: { $0.id == id }),
              let section = item.sectionValue else { return nil }
        return "\(section.title)《\(item.values["title"] ?? "")》"
    }

    /// How an entry is marked: 答辩材料 (九), 送审论文 (七.1).
    private func marks(_ item: ApplicationItem) -> String {
        var marks: [String] = []
        if item.id == snapshot.application.defenseItemID { marks.append("答辩材料") }
        if snapshot.files.contains(where: { $0.slot == DossierSlot.submittedPaper.rawValue && $0.$item.id == item.id }) {
            marks.append("送审论文")
        }
        return marks.isEmpty ? "" : "\n（" + marks.joined(separator: "、") + "）"
    }

    /// Papers, books, practical technical materials and (助理工程师) technical
    /// reports in one list, as the forms count them together.
    var papers: PrintTable {
        let papers = snapshot.items(in: .papers).map { item in
            let v = item.values
            return [text(.papers, "title", v), "学术论文" + marks(item),
                    [v["journal"], v["issn"]].compactMap { $0 }.joined(separator: "\n"),
                    text(.papers, "published", v), text(.papers, "authorship", v), text(.papers, "characters", v)]
        }
        let books = snapshot.items(in: .books).map { item in
            let v = item.values
            return [text(.books, "title", v), "论著" + marks(item),
                    [v["publisher"], v["isbn"]].compactMap { $0 }.joined(separator: "\n"),
                    text(.books, "published", v), text(.books, "role", v), text(.books, "characters", v)]
        }
        let materials = snapshot.items(in: .technicalMaterials).map { item in
            let v = item.values
            // 七.2: each expert with title and specialty, as the 专家推荐意见表 names them.
            let experts = SectionRules.experts(v).map { n in
                "\(v["expert\(n)Name"] ?? "")（\(v["expert\(n)Title"] ?? "")，\(v["expert\(n)Specialty"] ?? "")）"
            }
            return [text(.technicalMaterials, "title", v),
                    "实用技术材料\n（\(text(.technicalMaterials, "kind", v))）" + marks(item),
                    experts.isEmpty ? "" : "推荐专家：\n" + experts.joined(separator: "\n"),
                    text(.technicalMaterials, "date", v), "", text(.technicalMaterials, "characters", v)]
        }
        let reports = values(.technicalReports).map { v in
            [text(.technicalReports, "title", v), "技术报告",
             "所属项目：\(text(.technicalReports, "project", v))\n本人承担：\(text(.technicalReports, "role", v))",
             text(.technicalReports, "date", v), "", ""]
        }
        return .numbered([.init("题目（名称）", .wide), .init("类别", .short), .init("刊物名称及刊号", .publication),
                          .init("发表（完成）时间", .date), .init("作者排序", .narrow), .init("字数", .narrow)],
                         papers + books + materials + reports)
    }

    var achievements: PrintTable {
        .numbered([.init("项目（成果）名称", .wide), .init("成果类别", .medium), .init("项目级别", .short),
                   .init("本人排名", .narrow), .init("验收（批复）情况", .medium), .init("完成（验收）时间", .date)],
                  values(.achievements).map { v in
                      let by = v["acceptedBy"] ?? ""
                      let accepted = v["accepted"] == "1" ? (by.isEmpty ? "已通过" : "\(by)通过") : "未通过"
                      return [text(.achievements, "name", v), text(.achievements, "kind", v), text(.achievements, "level", v),
                              v["rank"].map { "第\($0)名" } ?? "", accepted, text(.achievements, "date", v)]
                  })
    }

    var awards: PrintTable {
        .numbered([.init("奖励名称", .wide), .init("级别", .short), .init("本人排名", .narrow),
                   .init("授予单位", .medium), .init("获奖时间", .date)],
                  values(.awards).map { v in
                      [text(.awards, "name", v), text(.awards, "level", v), v["rank"].map { "第\($0)名" } ?? "",
                       text(.awards, "issuer", v), text(.awards, "date", v)]
                  })
    }
}

extension PrintFormData {
    /// The declaration as it stands, with ID numbers as the viewer may see them.
    static func load(_ req: Request, _ application: ApplicationRecord) async throws -> PrintFormData {
        let snapshot = try await DeclarationSnapshot.load(application, on: req.db, engine: try req.policies(for: application).engine)
        return PrintFormData(snapshot: snapshot,
                             personalData: PersonalData(viewer: req.actor, owner: application.$applicant.id),
                             today: req.today, workerGrades: workerGrades(req.policies.current))
    }

    /// The skill grades the worker-technician route rests on (bundle: workerTechnicianGrades).
    static func workerGrades(_ policy: Policy) -> Set<String> {
        guard case .list(let values)? = policy.parameter("workerTechnicianGrades")?.value else { return [] }
        return Set(values.compactMap { if case .text(let code) = $0 { code } else { nil } })
    }
}
