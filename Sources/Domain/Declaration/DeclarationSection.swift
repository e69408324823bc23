/// The repeated parts of a declaration (申报表): each item of a section is a set
/// of fields. Their codes match the eligibility profile where the engine
/// reads them; the rest feeds the forms, the dossier and the quantitative score.
public enum DeclarationSection: String, CaseIterable, Sendable {
    case education, titles, skills, work, assessments, papers, books, technicalMaterials, technicalReports
    case achievements, awards, qualifications, examCertificates, continuingEducation, societies, hardshipPosts, sanctions

    /// At most this many recommending experts per practical material: the notice
    /// asks for 三名及以上 (七.2), so the form offers more than the minimum.
    public static let maxExperts = 6

    public var title: String {
        switch self {
        case .education: "学历学位"
        case .titles: "专业技术职称"
        case .skills: "工人技术等级"
        case .work: "工作经历"
        case .assessments: "年度考核"
        case .papers: "学术论文"
        case .books: "论著"
        case .technicalMaterials: "实用技术材料"
        case .technicalReports: "技术报告"
        case .achievements: "业绩成果"
        case .awards: "奖励"
        case .qualifications: "职业资格"
        case .examCertificates: "职称外语和计算机"
        case .continuingEducation: "继续教育"
        case .societies: "学术团体任职"
        case .hardshipPosts: "艰苦岗位经历"
        case .sanctions: "受处分情况"
        }
    }

    /// What the section is for, with the notice's clause.
    public var intro: String {
        switch self {
        case .education: "填写全部学历，含在职学历。与申报专业相同，或为理科、工科、相关交叉学科的学历方为有效学历（三（一）2、三（二）2、三（三）2）。"
        case .titles: "填写已取得的全部职称（含其他系列），聘任时间以聘书为准（三（一）3、三（四））。"
        case .skills: "取得技师、高级技师的，可按工人技术等级途径申报工程师：取得等级后从事专业技术工作的年限，只计工作经历中勾选“从事专业技术工作”的时段（三（一）3）。"
        case .work: "按时间顺序填写，当前工作的结束日期留空。技师途径的年限和中专学历放宽所需的基层一线年限，只计勾选“从事专业技术工作”的时段（三（一）3）。"
        case .assessments: "逐年填写任现职以来的年度考核结果；合格以下及不定等次的年度不计入任职年限（三（一）7、三（二）6、三（三）4）。"
        case .papers: "任现职以来（至申报截止日）以独立或第一作者在公开发行的本专业期刊发表、可在知网、万方、维普检索的论文（三（一）4）。每篇论文须在“卷宗材料”上传加盖本单位人事（职称）管理部门公章的知网、万方或维普检索验证网页。"
        case .books: "在出版社出版的论著（五.4 第六类，量化赋分“论文论著”）。与论文一样，须上传加盖本单位人事（职称）管理部门公章的知网、万方或维普检索验证网页（三（一）4）。"
        case .technicalMaterials: "实用技术材料须以论文格式撰写，并经本行业、本专业三名及以上专家审核推荐；每位推荐专家须在“卷宗材料”上传本人签名的《专家推荐意见表》和本人职称证书复印件（三（一）4、七.2）。"
        case .technicalReports: "助理工程师：本人直接参加的技术项目的技术报告（三（二）4），每篇须在“卷宗材料”上传报告全文。"
        case .achievements: "任现职以来（至申报截止日）主持或作为主要技术骨干完成的业绩成果；“主持”为第1名，主要技术骨干按项目级别排名（三（一）5）。"
        case .awards: "立功受奖、劳动模范、先进生产者及有关荣誉奖（第九类材料）。"
        case .qualifications: "取得的相关专业技术职业资格（三（五））。"
        case .examCertificates: "职称外语和计算机应用能力考试成绩不作为评审必备条件，可自愿提供合格证作为评审的参考依据（三（七））。无则不填。"
        case .continuingEducation: "专业技术人员继续教育科目培训情况（三（八），第五类材料）。"
        case .societies: "在学术团体的任职，用于量化赋分（九）。"
        case .hardshipPosts: "在艰苦岗位工作的经历，用于量化赋分（九）。"
        case .sanctions: "受到的政务处分或党纪处分；记过以上政务处分或任何党纪处分在处分期内不得申报（二）。无则不填。"
        }
    }

    public var fields: [FieldSpec] {
        typealias F = FieldSpec
        typealias C = DeclarationChoices
        switch self {
        case .education:
            return [F("level", "学历层次", .choice(C.education), required: true),
                    F("school", "毕业院校", .text(maxLength: 60), required: true),
                    F("major", "所学专业", .text(maxLength: 60), required: true),
                    F("discipline", "学科门类", .choice(C.discipline), required: true),
                    F("sameAsSpecialty", "与申报专业相同", .flag),
                    F("engineeringDegree", "工程类专业学位（工程硕士、工程博士）", .flag),
                    F("degree", "学位", .text(maxLength: 30), hint: "如：工学学士"),
                    F("graduated", "毕业时间", .date, required: true)]
        case .titles:
            return [F("series", "系列", .choice(C.series), required: true),
                    F("name", "职称名称", .text(maxLength: 40), required: true, hint: "如：助理工程师、经济师"),
                    F("tier", "层级", .choice(C.tier), required: true),
                    F("qualified", "取得资格时间", .date, required: true),
                    F("appointed", "聘任时间", .date, hint: "未聘任可不填；事业单位以聘任时间计算任职年限"),
                    F("certificate", "证书编号", .text(maxLength: 40))]
        case .skills:
            return [F("grade", "等级", .choice(C.skill), required: true),
                    F("occupation", "职业（工种）", .text(maxLength: 40), required: true),
                    F("obtained", "取得时间", .date, required: true),
                    F("certificate", "证书编号", .text(maxLength: 40))]
        case .work:
            return [F("from", "起始时间", .date, required: true),
                    F("to", "结束时间", .date, hint: "至今的留空"),
                    F("unitName", "工作单位", .text(maxLength: 60), required: true),
                    F("post", "岗位及职务", .text(maxLength: 60), required: true),
                    F("technical", "从事专业技术工作", .flag),
                    F("engineeringPost", "在工程技术岗位", .flag),
                    F("grassroots", "乡镇及以下基层一线", .flag)]
        case .assessments:
            return [F("year", "年度", .year, required: true),
                    F("result", "考核结果", .choice(C.assessment), required: true)]
        case .papers:
            return [F("title", "论文题目", .text(maxLength: 120), required: true),
                    F("journal", "期刊名称", .text(maxLength: 60), required: true),
                    F("issn", "ISSN / CN 刊号", .text(maxLength: 40), required: true, hint: "如：ISSN 1000-0000 / CN 14-1000/TH"),
                    F("published", "发表时间", .date, required: true),
                    F("authorship", "作者排序", .choice(C.authorship), required: true),
                    F("characters", "字数", .integer(min: 0, max: 1_000_000), required: true),
                    F("database", "收录数据库", .choice(C.database), required: true),
                    F("publicJournal", "公开发行的本专业学术期刊", .flag),
                    F("relevant", "与所从事专业技术工作一致", .flag)]
        case .books:
            return [F("title", "论著名称", .text(maxLength: 120), required: true),
                    F("publisher", "出版社", .text(maxLength: 60), required: true),
                    F("isbn", "ISBN 书号", .text(maxLength: 40), required: true, hint: "如：ISBN 978-7-111-00000-0"),
                    F("published", "出版时间", .date, required: true),
                    F("role", "本人角色", .choice(C.bookRole), required: true),
                    F("characters", "本人撰写字数", .integer(min: 0, max: 10_000_000), required: true),
                    F("database", "收录数据库", .choice(C.database), required: true)]
        case .technicalMaterials:
            return [F("title", "材料名称", .text(maxLength: 120), required: true),
                    F("kind", "材料类别", .choice(C.materialKind), required: true),
                    F("date", "完成时间", .date, required: true),
                    F("characters", "字数", .integer(min: 0, max: 1_000_000), required: true)]
                + (1...Self.maxExperts).flatMap { n in
                    [F("expert\(n)Name", "推荐专家\(n)姓名", .text(maxLength: 20)),
                     F("expert\(n)Title", "推荐专家\(n)职称", .text(maxLength: 30)),
                     F("expert\(n)Specialty", "推荐专家\(n)专业", .text(maxLength: 40)),
                     F("expert\(n)Unit", "推荐专家\(n)单位", .text(maxLength: 60))]
                }
        case .technicalReports:
            return [F("title", "报告题目", .text(maxLength: 120), required: true),
                    F("project", "所属技术项目", .text(maxLength: 120), required: true),
                    F("role", "本人承担的工作", .text(maxLength: 120), required: true),
                    F("date", "完成时间", .date, required: true)]
        case .achievements:
            return [F("name", "项目（成果）名称", .text(maxLength: 120), required: true),
                    F("kind", "成果类别", .choice(C.achievementKind), required: true),
                    F("level", "项目级别", .choice(C.achievementLevel), required: true),
                    F("rank", "本人排名", .integer(min: 1, max: 999), required: true, hint: "主持为第1名"),
                    F("accepted", "已验收、批复、评审、审定或鉴定通过（资金项目：已获资金支持）", .flag),
                    F("acceptedBy", "验收（批复）部门", .text(maxLength: 60)),
                    F("date", "完成（验收）时间", .date, required: true)]
        case .awards:
            return [F("name", "奖励名称", .text(maxLength: 120), required: true),
                    F("level", "级别", .choice(C.awardLevel), required: true),
                    F("rank", "本人排名", .integer(min: 1, max: 999)),
                    F("issuer", "授予单位", .text(maxLength: 60), required: true),
                    F("date", "获奖时间", .date, required: true)]
        case .qualifications:
            return [F("name", "职业资格名称", .text(maxLength: 60), required: true),
                    F("level", "级别", .text(maxLength: 30), required: true),
                    F("obtained", "取得时间", .date, required: true),
                    F("certificate", "证书编号", .text(maxLength: 40))]
        case .examCertificates:
            return [F("kind", "考试类别", .choice(C.examKind), required: true),
                    F("name", "考试科目及级别", .text(maxLength: 60), required: true, hint: "如：职称英语（综合类）B级、计算机应用能力 Word 2007"),
                    F("passed", "合格时间", .date, required: true),
                    F("certificate", "合格证编号", .text(maxLength: 40))]
        case .continuingEducation:
            return [F("year", "年度", .year, required: true),
                    F("hours", "学时", .integer(min: 0, max: 2000), required: true),
                    F("content", "培训内容", .text(maxLength: 120), required: true),
                    F("provider", "施教机构", .text(maxLength: 60))]
        case .societies:
            return [F("society", "学术团体", .text(maxLength: 60), required: true),
                    F("post", "所任职务", .text(maxLength: 30), required: true),
                    F("from", "起始时间", .date, required: true),
                    F("to", "结束时间", .date)]
        case .hardshipPosts:
            return [F("place", "地点", .text(maxLength: 60), required: true),
                    F("post", "岗位", .text(maxLength: 60), required: true),
                    F("from", "起始时间", .date, required: true),
                    F("to", "结束时间", .date)]
        case .sanctions:
            return [F("kind", "处分类别", .choice(C.sanctionKind), required: true),
                    F("severity", "处分种类", .choice(C.sanctionSeverity), required: true),
                    F("from", "处分开始", .date, required: true),
                    F("until", "处分期满", .date, hint: "尚无期满日期的留空")]
        }
    }

    /// The field whose value names an item in lists (first text column).
    public var summaryFields: [String] {
        switch self {
        case .education: ["level", "school", "major", "graduated"]
        case .titles: ["name", "tier", "qualified", "appointed"]
        case .skills: ["grade", "occupation", "obtained"]
        case .work: ["from", "to", "unitName", "post"]
        case .assessments: ["year", "result"]
        case .papers: ["title", "journal", "published", "characters"]
        case .books: ["title", "publisher", "published", "role"]
        case .technicalMaterials: ["title", "kind", "date", "characters"]
        case .technicalReports: ["title", "project", "date"]
        case .achievements: ["name", "level", "rank", "date"]
        case .awards: ["name", "level", "date"]
        case .qualifications: ["name", "level", "obtained"]
        case .examCertificates: ["kind", "name", "passed"]
        case .continuingEducation: ["year", "hours", "content"]
        case .societies: ["society", "post", "from", "to"]
        case .hardshipPosts: ["place", "post", "from", "to"]
        case .sanctions: ["kind", "severity", "from", "until"]
        }
    }

    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }
}
