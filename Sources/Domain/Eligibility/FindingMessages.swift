/// The Chinese sentence for each kind of finding, with its concrete figures.
/// Written into a byte buffer so the batch command can put messages straight into
/// its output, and `Finding.message` can make a `String` only when asked.
extension FindingDetail {
    func render(into t: inout TextBuffer) {
        switch self {
        case .noExclusion(let day):
            t.append("未发现不得申报的情形（公务员、退休人员、记过以上政务处分期间、党纪处分期间、实行职业资格考试的专业），核查日期")
            t.appendChinese(day)
        case .civilServant: t.append("国家公务员（含参照公务员法管理单位工作人员）不得申报")
        case .retired: t.append("退休人员不得申报")
        case .vocationalExamSpecialty: t.append("从事实行职业资格考试的专业的工程技术人员不得申报")
        case .sanctionInForce(let s):
            t.append(s.kind == .government ? "受" : "受党纪处分（")
            t.append(sanction: s.severity, kind: s.kind)
            t.append(s.kind == .government ? "政务处分（" : "，")
            t.appendChinese(s.from); t.append("起")
            if let until = s.until { t.append("至"); t.appendChinese(until) } else { t.append("，无期满日期") }
            t.append("），"); t.appendChinese(s.checkedOn); t.append("仍在处分期间，不得申报")
        case .professionalPost(let held):
            t.append(held ? "事业单位人员已在本单位专业技术岗位聘用并兑现相应专业技术岗位工资"
                          : "事业单位申报人员须在本单位专业技术岗位聘用并兑现相应专业技术岗位工资，未满足")
        case .education(let e): renderEducation(e, into: &t)
        case .grassrootsEducation(let g): renderGrassroots(g, into: &t)
        case .noTenureRequired(let level, let target):
            t.append("具备"); t.append(degree: level); t.append("，申报"); t.append(level: target); t.append("无任职年限要求")
        case .missingTitle(let tier, let years):
            t.append("未取得"); t.append(engineeringTier: tier); t.append("职称（须取得后从事技术工作满")
            t.append(int: years); t.append("年）")
        case .tenure(let f): renderTenure(f, into: &t)
        case .technicalWork(let f): renderTechnicalWork(f, into: &t)
        case .tenureNeedsAppointment(let f):
            t.append("事业单位人员的任职年限自聘任时间起算，未填写"); t.append(held: f.held)
            t.append("聘任时间，须人工核实；按取得资格时间"); t.appendChinese(f.start); t.append("计至")
            t.appendChinese(f.reference); t.append("满"); t.appendSpan(months: f.months)
            t.append("（须满"); t.append(int: f.requiredYears); t.append("年）")
        case .probation(let p): renderProbation(p, into: &t)
        case .papers(let p): renderPapers(p, into: &t)
        case .achievements(let a): renderAchievements(a, into: &t)
        case .technicalReports(let count, let required):
            t.append("本人直接参加的技术项目的技术报告"); t.append(int: count); t.append("篇")
            if count >= required { t.append("，达到") } else { t.append("，不足") }
            t.append(int: required); t.append("篇")
        case .workReport(let present, let summary):
            t.append(present ? "已提交" : "未提交")
            t.append(summary ? "专业技术工作总结" : "专业技术工作报告")
        case .assessmentCount(let count, let required, let since):
            if since == nil && required == 0 { t.append("本申报路径无任职年限要求，不要求任现职以来的年度考核次数"); return }
            if let since { t.append("任现职以来（"); t.append(int: since); t.append("年起）") }
            t.append("年度考核合格以上")
            t.append(int: count); t.append("次，"); t.append(count >= required ? "达到" : "不足")
            t.append(int: required); t.append("次")
        case .assessmentsAllPassing(let since, let badYear, let badResult):
            guard let since else { t.append("本申报路径无任职年限要求，仅核查评定当年或上一年度考核"); return }
            t.append("规定任职年限内（"); t.append(int: since); t.append("年起）")
            if let badYear, let badResult {
                t.append(int: badYear); t.append("年度考核为"); t.append(result: badResult); t.append("，考核结果须均为合格以上")
            } else {
                t.append("所填年度考核均为合格以上")
            }
        case .recency(let r):
            if let year = r.year, let result = r.result {
                t.append(int: year); t.append("年度考核为"); t.append(result: result)
                t.append(r.met ? "，符合" : "，不符合")
            } else {
                t.append("未填写"); t.append(years: r.firstYear, r.lastYear); t.append("考核结果，不符合")
            }
            t.append(years: r.firstYear, r.lastYear); t.append("须为合格以上等次的要求")
        case .transferTitle(let tier, let target, let qualified):
            if let qualified {
                t.append("已取得其他系列"); t.append(tier: tier); t.append("专业技术职务任职资格（"); t.appendChinese(qualified)
                t.append("），可转评同级"); t.append(level: target)
            } else {
                t.append("未取得其他系列"); t.append(tier: tier); t.append("专业技术职务任职资格，不能转评"); t.append(level: target)
            }
        case .engineeringPost(let months, let years):
            t.append("在工程技术岗位累计工作"); t.appendSpan(months: months)
            t.append(months >= years * 12 ? "，满" : "，不足"); t.append(int: years); t.append("年")
        }
    }

    private func renderEducation(_ e: EducationFacts, into t: inout TextBuffer) {
        if let counted = e.counted {
            t.append("最高有效学历为"); t.append(education: counted)
            t.append(counted >= e.minimum ? "，符合" : "，低于")
        } else if e.listed > 0 {
            t.append("所填学历与申报专业不同且不属相近专业（理科、工科或相关交叉学科），不能作为有效学历，不符合")
        } else {
            t.append("未填写学历，不符合")
        }
        t.append(level: e.target); t.append("须"); t.append(education: e.minimum); t.append("及以上学历的要求")
    }

    private func renderGrassroots(_ g: GrassrootsFacts, into t: inout TextBuffer) {
        t.append("最高有效学历为"); t.append(education: g.counted); t.append("，低于工程师须")
        t.append(education: g.minimum); t.append("及以上学历的要求；在乡镇以下基层一线从事专业技术工作累计"); t.appendSpan(months: g.months)
        let enough = g.months >= g.requiredYears * 12
        if enough && g.current {
            t.append("（须满"); t.append(int: g.requiredYears); t.append("年）且目前仍在基层一线，学历放宽到")
            t.append(education: g.counted)
        } else if !enough {
            t.append("，不足"); t.append(int: g.requiredYears); t.append("年，不能放宽学历")
        } else {
            t.append("，但目前不在乡镇以下基层一线从事专业技术工作，不能放宽学历")
        }
    }

    private func renderTenure(_ f: TenureFacts, into t: inout TextBuffer) {
        switch f.held {
        case .title: t.append("任"); t.append(held: f.held); t.append("职务自")
        case .skill: t.append("取得"); t.append(held: f.held); t.append("（工人技术等级）自")
        }
        t.appendChinese(f.start); t.append("（"); t.append(basis: f.basis); t.append("）起至"); t.appendChinese(f.reference)
        if f.deductedYears > 0 { t.append("，扣除不计入任职年限的"); t.append(int: f.deductedYears); t.append("年") }
        t.append("，满"); t.appendSpan(months: f.months)
        t.append(f.met ? "，达到" : "，不足"); t.append(int: f.requiredYears); t.append("年")
        if f.reducedYears > 0 { t.append("（获得工程类专业硕士以上学位，提前"); t.append(int: f.reducedYears); t.append("年）") }
        if !f.met {
            t.append("；须在"); t.appendChinese(f.latestStart); t.append("前（含）"); t.append(basis: f.basis)
        }
    }

    /// 取得技师（2016年1月1日）以来，从事专业技术工作累计2年10个月（计至2022年12月31日），不足3年；…
    private func renderTechnicalWork(_ f: TechnicalWorkFacts, into t: inout TextBuffer) {
        t.append("取得"); t.append(skill: f.grade); t.append("（工人技术等级，"); t.appendChinese(f.obtained)
        t.append("）以来，从事专业技术工作累计"); t.appendSpan(months: f.months)
        t.append("（计至"); t.appendChinese(f.reference)
        if f.deductedYears > 0 { t.append("，已扣除不计入任职年限的"); t.append(int: f.deductedYears); t.append("年") }
        t.append("）"); t.append(f.met ? "，达到" : "，不足"); t.append(int: f.requiredYears); t.append("年")
        if f.reducedYears > 0 { t.append("（获得工程类专业硕士以上学位，提前"); t.append(int: f.reducedYears); t.append("年）") }
        guard !f.met else { return }
        t.append("；只计工作经历中从事专业技术工作的时段，取得等级后的其他时间不计")
        if let due = f.due {
            t.append("；目前的专业技术工作持续至"); t.appendChinese(due); t.append("可满")
            t.append(int: f.requiredYears); t.append("年")
        } else {
            t.append("；目前没有进行中的专业技术工作，无法推算满足时间")
        }
    }

    private func renderProbation(_ p: ProbationFacts, into t: inout TextBuffer) {
        t.append("具备"); t.append(education: p.education); t.append("学历，")
        switch p.state {
        case .passed:
            t.append("在工程技术岗位见习期满"); t.append(int: p.years); t.append("年并经考察合格")
            if let c = p.completed { t.append("（"); t.appendChinese(c); t.append("）") }
        case .notPassed:
            t.append("须见习期满"); t.append(int: p.years); t.append("年并经考察合格，见习期考察未合格")
        case .missing:
            t.append("须在工程技术岗位见习期满"); t.append(int: p.years); t.append("年并经考察合格，未填写见习期考察情况")
        case .pending:
            t.append("须见习期满"); t.append(int: p.years); t.append("年并经考察合格，见习期至")
            if let c = p.completed { t.appendChinese(c) }
            t.append("方满")
        }
    }

    private func renderPapers(_ p: PapersFacts, into t: inout TextBuffer) {
        t.append(period: p.period)
        t.append("符合条件的学术论文"); t.append(int: p.papers); t.append("篇、实用技术材料"); t.append(int: p.materials); t.append("项，")
        let passed = p.papers >= p.papersRequired || p.materials >= p.materialsRequired
        let mixed = !passed && p.papers > 0 && p.materials > 0
        if passed { t.append("达到") } else if mixed { t.append("能否合计达到") } else { t.append("未达到") }
        t.append("论文"); t.append(int: p.papersRequired); t.append("篇以上或实用技术材料")
        t.append(int: p.materialsRequired); t.append("项以上的要求")
        if mixed { t.append("须评委会认定") }
        if let r = p.rejected { t.append("；"); r.render(into: &t) }
    }

    private func renderAchievements(_ a: AchievementFacts, into t: inout TextBuffer) {
        t.append(period: a.period)
        if a.count > 0, let kind = a.kind, let level = a.level {
            t.append("取得符合条件的业绩成果"); t.append(int: a.count); t.append("项（")
            t.append(achievementLevel: level); t.append(achievementKind: kind); t.append("，排名第"); t.append(int: a.rank)
            t.append(a.rank == 1 ? "，主持）" : "，主要技术骨干）")
        } else {
            t.append("无符合条件的业绩成果（须主持或作为主要技术骨干完成")
            t.append(int: a.required); t.append("项并经验收、批复或审定通过）")
            if let r = a.rejected { t.append("；"); r.render(into: &t) }
        }
    }
}

extension RejectedItem {
    func render(into t: inout TextBuffer) {
        t.append("第"); t.append(int: index + 1)
        switch kind {
        case .paper: t.append("篇论文")
        case .material: t.append("项实用技术材料")
        case .achievement: t.append("项业绩成果")
        }
        switch reason {
        case .notPublicJournal: t.append("未发表在公开发行的本专业学术期刊上")
        case .notFirstAuthor: t.append("不是独立作者或第一作者")
        case .notIndexed: t.append("不能在知网、万方、维普数据库检索")
        case .notRelevant: t.append("与所从事的专业技术工作不一致")
        case .tooShort(let n, let min):
            t.append("字数"); t.append(int: n); t.append("，不足"); t.append(int: min); t.append("字")
        case .tooFewExperts(let n, let min):
            t.append("专家推荐"); t.append(int: n); t.append("名，不足"); t.append(int: min); t.append("名")
        case .beforeStart(let d): t.append("日期为"); t.appendChinese(d); t.append("，早于任职起算日，不计入")
        case .afterClose(let d, let closes):
            t.append("日期为"); t.appendChinese(d); t.append("，晚于申报截止日"); t.appendChinese(closes)
            t.append("，申报材料截至该日，不计入")
        case .notAccepted: t.append("未经验收、批复、评审或审定通过")
        case .levelNotCounted(let kind, let level, let allowed):
            t.append("为"); t.append(achievementLevel: level); t.append(achievementKind: kind); t.append("，")
            switch kind {
            case .funded: t.append("须获得"); t.append(levels: allowed); t.append("资金支持")
            case .planning: t.append("须为"); t.append(levels: allowed); t.append("规划")
            default: t.append("须为"); t.append(levels: allowed); t.append("项目")
            }
        case .rankOutside(let rank, let level, let range):
            t.append("排名第"); t.append(int: rank)
            if let range {
                t.append("，超出"); t.append(achievementLevel: level); t.append("项目主持（第1名）或主要技术骨干（")
                t.append(int: range.lowerBound); t.append("-"); t.append(int: range.upperBound); t.append("名）的范围")
            } else {
                t.append("，"); t.append(achievementLevel: level); t.append("项目仅主持（第1名）计入")
            }
        }
    }
}

extension TextBuffer {
    /// The levels in a bit set, as the notice says them: 市（厅）级以上, 市（厅）级以上或规上（大型）企业.
    /// Government levels that include every higher one read "X以上"; others are listed.
    mutating func append(levels bits: UInt8) {
        func has(_ l: AchievementLevel) -> Bool { bits & (1 << l.rawValue) != 0 }
        let government: [AchievementLevel] = [.national, .provincial, .city]
        var lowest: AchievementLevel?
        for l in government where has(l) { lowest = l }
        var parts = 0
        if let lowest {
            let closed = government.prefix { $0 != lowest }.allSatisfy(has)
            if closed && lowest != .national {
                append(achievementLevel: lowest); append("以上")
            } else {
                for l in government where has(l) { if parts > 0 { append("、") }; append(achievementLevel: l); parts += 1 }
            }
            parts = 1
        }
        for l in [AchievementLevel.largeEnterprise, .enterprise] where has(l) {
            if parts > 0 { append("或") }
            append(achievementLevel: l); parts += 1
        }
    }

    mutating func append(held: TenureHeld) {
        switch held {
        case .title(let tier): append(engineeringTier: tier)
        case .skill(let grade): append(skill: grade)
        }
    }
}
