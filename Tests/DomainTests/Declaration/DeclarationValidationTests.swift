import Testing
@testable import Domain

@Suite struct DeclarationValidationTests {
    let today = LocalDate(year: 2022, month: 8, day: 25)!

    @Test func requiredFieldsAndKindsGetChineseMessages() {
        let errors = SectionRules.validate(.papers, ["published": "2022-02-30", "characters": "-1", "authorship": "ghost"],
                                           siblings: [], today: today)
        #expect(errors["title"] == "请填写论文题目")
        #expect(errors["published"] == "发表时间不是有效日期（格式：2020-07-01）")
        #expect(errors["characters"] == "字数不能小于0")
        #expect(errors["authorship"] == "请从列表中选择作者排序")
    }

    @Test func datesCannotBeInTheFutureNorYears() {
        let errors = SectionRules.validate(.assessments, ["year": "2023", "result": "competent"], siblings: [], today: today)
        #expect(errors["year"] == "年度不能晚于今年")
        let future = SectionRules.validate(.titles, ["series": "engineering", "name": "助理工程师", "tier": "assistant",
                                                     "qualified": "2022-08-26"], siblings: [], today: today)
        #expect(future["qualified"] == "取得资格时间不能晚于今天")
        #expect(SectionRules.validate(.titles, ["series": "engineering", "name": "助理工程师", "tier": "assistant",
                                                "qualified": "2022-08-25"], siblings: [], today: today).isEmpty)
    }

    @Test func appointmentCannotPrecedeQualification() {
        let values: FieldValues = ["series": "engineering", "name": "助理工程师", "tier": "assistant",
                                   "qualified": "2018-07-01", "appointed": "2018-06-30"]
        #expect(SectionRules.validate(.titles, values, siblings: [], today: today)["appointed"] == "聘任时间不能早于取得资格时间")
        var sameDay = values
        sameDay["appointed"] = "2018-07-01"
        #expect(SectionRules.validate(.titles, sameDay, siblings: [], today: today).isEmpty)
    }

    @Test func periodsMustEndAfterTheyStart() {
        let work: FieldValues = ["from": "2015-07-01", "to": "2014-07-01", "unitName": "某单位", "post": "技术员"]
        #expect(SectionRules.validate(.work, work, siblings: [], today: today)["to"] == "结束时间不能早于起始时间")
    }

    @Test func oneAssessmentPerYear() {
        let errors = SectionRules.validate(.assessments, ["year": "2021", "result": "competent"],
                                           siblings: [["year": "2021", "result": "excellent"]], today: today)
        #expect(errors["year"] == "2021年度的考核结果已填写，请修改原记录")
    }

    @Test func expertEntriesAreAllOrNothing() {
        var values: FieldValues = ["title": "方案", "kind": "special_plan", "date": "2021-01-01", "characters": "3000",
                                   "expert1Name": "张三", "expert1Title": "高级工程师"]
        #expect(SectionRules.validate(.technicalMaterials, values, siblings: [], today: today)["expert1Name"]
                == "请完整填写推荐专家1的姓名、职称、专业和单位")
        values["expert1Unit"] = "某设计院"
        // 七.2: 本行业、本专业专家 — the specialty is part of a complete entry.
        #expect(SectionRules.validate(.technicalMaterials, values, siblings: [], today: today)["expert1Name"] != nil)
        values["expert1Specialty"] = "水利水电工程"
        #expect(SectionRules.validate(.technicalMaterials, values, siblings: [], today: today).isEmpty)
        #expect(SectionRules.expertCount(values) == 1)
    }

    @Test func sanctionSeverityMustBelongToItsKind() {
        let errors = SectionRules.validate(.sanctions, ["kind": "party", "severity": "demerit", "from": "2021-01-01"],
                                           siblings: [], today: today)
        #expect(errors["severity"] == "党纪处分没有这一种类")
    }

    @Test func normalizationTrimsAndKeepsOnlyDeclaredFields() {
        let out = FieldValidation.normalized(["title": "  论文 ", "evil": "x", "publicJournal": "on"],
                                             specs: DeclarationSection.papers.fields)
        #expect(out["title"] == "论文")
        #expect(out["evil"] == nil)
        #expect(out["publicJournal"] == "0")
        #expect(out["relevant"] == "0")
    }

    @Test func basicsCheckEmailAndProbationOrder() {
        var values: FieldValues = ["targetLevel": "engineer", "track": "regular", "specialty": "机械工程", "ethnicity": "汉族",
                                   "political": "masses", "workStart": "2014-07-01", "post": "技术员", "email": "a@b"]
        #expect(BasicsForm.validate(values, today: today)["email"] == "电子邮箱格式不正确")
        values["email"] = "zhang@example.cn"
        values["probationCompleted"] = "2014-01-01"
        #expect(BasicsForm.validate(values, today: today)["probationCompleted"] == "见习期满时间不能早于参加工作时间")
        values["probationCompleted"] = "2015-07-01"
        #expect(BasicsForm.validate(values, today: today).isEmpty)
        #expect(BasicsForm.missing(values).isEmpty)
        #expect(BasicsForm.missing([:]) == ["民族", "政治面貌", "参加工作时间", "现工作岗位"])
    }

    @Test func everySectionDeclaresItsSummaryFields() {
        for section in DeclarationSection.allCases {
            for name in section.summaryFields { #expect(section.field(name) != nil, "\(section).\(name)") }
            #expect(!section.intro.isEmpty)
        }
    }
}
