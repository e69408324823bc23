/// The contract's enumerations as form choices: the JSON name is the stored
/// code (so a saved declaration maps straight onto the eligibility profile),
/// the label is the Chinese word the findings use.
extension FieldSpec {
    static func choices<E: JSONEnum>(_ type: E.Type, label: (inout TextBuffer, E) -> Void,
                                     except: Set<E> = []) -> [Choice] {
        E.allCases.filter { !except.contains($0) }.map { value in
            var t = TextBuffer(capacity: 32)
            label(&t, value)
            return Choice(value.jsonName, t.string)
        }
    }
}

enum DeclarationChoices {
    static let education = FieldSpec.choices(EducationLevel.self) { $0.append(education: $1) }
    static let discipline: [FieldSpec.Choice] = [
        .init("engineering", "工科"), .init("science", "理科"), .init("interdisciplinary", "相关交叉学科"), .init("other", "其他"),
    ]
    static let series: [FieldSpec.Choice] = [.init("engineering", "工程系列"), .init("other", "其他系列")]
    static let tier = FieldSpec.choices(TitleTier.self) { $0.append(tier: $1) }
    static let skill = FieldSpec.choices(SkillGrade.self) { $0.append(skill: $1) }
    static let assessment = FieldSpec.choices(AssessmentResult.self) { $0.append(result: $1) }
    static let authorship: [FieldSpec.Choice] = [.init("sole", "独立作者"), .init("first", "第一作者"), .init("other", "其他")]
    static let database: [FieldSpec.Choice] = [
        .init("cnki", "中国知网"), .init("wanfang", "万方"), .init("vip", "维普"), .init("none", "未收录"),
    ]
    static let materialKind: [FieldSpec.Choice] = [
        .init("research_result", "科研成果"), .init("standard", "标准、规程"), .init("patent", "专利"),
        .init("method", "工法"), .init("feasibility_report", "工程项目可行性研究报告"),
        .init("special_plan", "专题性方案"), .init("technical_summary", "实施项目的技术总结"),
    ]
    static let bookRole: [FieldSpec.Choice] = [
        .init("sole", "独著"), .init("chief_editor", "主编"), .init("deputy_editor", "副主编"), .init("contributor", "参编"),
    ]
    static let examKind: [FieldSpec.Choice] = [.init("language", "职称外语"), .init("computer", "计算机应用能力")]
    static let achievementKind = FieldSpec.choices(AchievementKind.self) { $0.append(achievementKind: $1) }
    static let achievementLevel = FieldSpec.choices(AchievementLevel.self) { $0.append(achievementLevel: $1) }
    static let awardLevel: [FieldSpec.Choice] = [
        .init("national", "国家级"), .init("provincial", "省（部）级"), .init("city", "市（厅）级"),
        .init("county", "县（区）级"), .init("enterprise", "企业"),
    ]
    static let sanctionKind: [FieldSpec.Choice] = [.init("government", "政务处分"), .init("party", "党纪处分")]
    static let sanctionSeverity: [FieldSpec.Choice] = SanctionSeverity.allCases.map { s in
        var t = TextBuffer(capacity: 32)
        t.append(sanction: s, kind: SanctionSeverity.party.contains(s) && !SanctionSeverity.government.contains(s) ? .party : .government)
        let scope = SanctionSeverity.government.contains(s) && SanctionSeverity.party.contains(s) ? "" :
            (SanctionSeverity.government.contains(s) ? "（政务）" : "（党纪）")
        return FieldSpec.Choice(s.jsonName, t.string + scope)
    }
}
