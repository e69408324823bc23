// The Chinese words the messages use for the contract's values, written straight
// into a TextBuffer (see FindingDetail.render).

extension TextBuffer {
    mutating func append(level: TargetLevel) {
        switch level {
        case .engineer: append("工程师")
        case .assistantEngineer: append("助理工程师")
        case .technician: append("技术员")
        }
    }

    /// An engineering-series title by tier: 技术员, 助理工程师, 工程师 ...
    mutating func append(engineeringTier tier: TitleTier) {
        switch tier {
        case .entry: append("技术员")
        case .assistant: append("助理工程师")
        case .intermediate: append("工程师")
        case .deputySenior: append("高级工程师")
        case .senior: append("正高级工程师")
        }
    }

    /// A tier in any series: 员级, 助理级, 中级 ...
    mutating func append(tier: TitleTier) {
        switch tier {
        case .entry: append("员级")
        case .assistant: append("助理级")
        case .intermediate: append("中级")
        case .deputySenior: append("副高级")
        case .senior: append("正高级")
        }
    }

    mutating func append(education: EducationLevel) {
        switch education {
        case .doctorate: append("博士研究生")
        case .master: append("硕士研究生")
        case .secondBachelor: append("第二学士学位")
        case .bachelor: append("大学本科")
        case .associate: append("大学专科")
        case .secondaryVocational: append("中专（中职）")
        case .highSchool: append("高中")
        }
    }

    /// 博士学位, 硕士学位或第二学士学位 (the notice's wording for the no-tenure routes).
    mutating func append(degree: EducationLevel) {
        switch degree {
        case .doctorate: append("博士学位")
        case .master, .secondBachelor: append("硕士学位或第二学士学位")
        default: append(education: degree)
        }
    }

    mutating func append(skill: SkillGrade) {
        switch skill {
        case .seniorWorker: append("高级工")
        case .technician: append("技师")
        case .seniorTechnician: append("高级技师")
        }
    }

    mutating func append(result: AssessmentResult) {
        switch result {
        case .excellent: append("优秀")
        case .competent: append("合格")
        case .basicallyCompetent: append("基本合格")
        case .incompetent: append("不合格")
        case .undetermined: append("不定等次")
        }
    }

    mutating func append(sanction: SanctionSeverity, kind: SanctionKind) {
        switch sanction {
        case .warning: append("警告")
        case .seriousWarning: append("严重警告")
        case .demerit: append("记过")
        case .majorDemerit: append("记大过")
        case .demotion: append("降级")
        case .dismissalFromPost: append("撤职")
        case .removalFromPost: append("撤销党内职务")
        case .probation: append("留党察看")
        case .expulsion: append(kind == .party ? "开除党籍" : "开除")
        }
    }

    mutating func append(achievementLevel: AchievementLevel) {
        switch achievementLevel {
        case .national: append("国家级")
        case .provincial: append("省（部）级")
        case .city: append("市（厅）级")
        case .largeEnterprise: append("规上（大型）企业")
        case .enterprise: append("企业")
        }
    }

    mutating func append(achievementKind: AchievementKind) {
        switch achievementKind {
        case .project: append("科研、工程技术项目")
        case .funded: append("技改资金、科技资金支持项目")
        case .platform: append("试点示范、创新平台建设项目")
        case .planning: append("规划编制")
        case .standard: append("技术标准、规范、规程、工法编制")
        case .promotion: append("新技术推广应用")
        case .drug: append("药品研发或生产线改造")
        }
    }

    mutating func append(basis: TenureBasis) {
        switch basis {
        case .appointed: append("聘任")
        case .qualified: append("取得资格")
        case .obtained: append("取得")
        }
    }

    /// 任助理工程师期间（2018年7月1日起）, 取得技师以来（2019年5月1日起）.
    mutating func append(period: OutputPeriod?) {
        guard let period else { return }
        switch period.held {
        case .title(let tier): append("任"); append(engineeringTier: tier); append("期间（")
        case .skill(let grade): append("取得"); append(skill: grade); append("以来（")
        }
        appendChinese(period.start); append("起）")
    }

    /// 2022年度或2021年度, 2020年度至2022年度.
    mutating func append(years first: Int, _ last: Int) {
        if first == last { append(int: last); append("年度"); return }
        if last - first == 1 {
            append(int: last); append("年度或"); append(int: first); append("年度")
        } else {
            append(int: first); append("年度至"); append(int: last); append("年度")
        }
    }
}
