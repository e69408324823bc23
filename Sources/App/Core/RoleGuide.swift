import Domain

/// What each role does in the year's review, with the notice's clause, for the
/// role's home page. Every date, fee, ratio and duration is the policy bundle's
/// (`ReviewYear`), so next year's bundle changes the guide without a code change.
enum RoleGuide {
    struct Duty: Sendable {
        var text: String
        var when: String
        var clause: String
    }

    /// 《职称评审管理暂行规定》(人社部令第40号, 2019): recusal is a national rule,
    /// not a clause of the city's notice.
    static let nationalRules = "《职称评审管理暂行规定》（2019）"

    /// The way an application of one level goes from the actor's unit (policy data).
    struct UnitRoute: Sendable {
        var levels: String
        var steps: [RouteStep]
    }

    /// The unit's routes, for the applicant's and the unit clerk's duties: where the
    /// unit sends an application, and whether the unit fills a summary table, follow
    /// from its route (四（三）, 六), not from a city-direct unit's case.
    static func routeText(_ route: UnitRoute) -> String {
        "申报\(route.levels)：" + route.steps.map(\.label).joined(separator: " → ")
    }

    static func duties(for role: Role, year: ReviewYear, unitRoutes: [UnitRoute] = []) -> [Duty] {
        let closes = year.closesText
        let intake = year.intakeText
        let days = year.publicityWorkingDays
        switch role {
        case .applicant:
            return [
                Duty(text: "对照评审条件自测，确认申报级别与专业", when: "申报前", clause: "三"),
                Duty(text: "网上填写申报信息，上传十类卷宗材料，签署申报人承诺（申报期\(year.declarationText)）", when: closes, clause: "五、十（二）"),
                Duty(text: "送审论文发送至中评委邮箱进行抄袭率检测（\(year.copyRatioRule)）", when: "送审材料前", clause: "七.1"),
                Duty(text: "提交单位，参加民主评议；个人申报材料公示不少于\(days)个工作日", when: "单位推荐期间", clause: "四（二）、十（一）"),
            ] + unitRoutes.map { Duty(text: "单位推荐后的报送路线（" + routeText($0) + "）", when: "单位推荐后", clause: "四（三）、六") } + [
                Duty(text: "工程师申报人选定一项答辩材料并参加答辩", when: "评委会安排", clause: "九"),
            ]
        case .unitClerk:
            var duties = [
                Duty(text: "组织评议组开展民主评议，审核申报材料真实性", when: "单位推荐期间", clause: "四（二）"),
                Duty(text: "执行“三公示”：评审条件程序、个人申报材料、单位鉴定意见，各不少于\(days)个工作日", when: "推荐前", clause: "十（一）"),
                Duty(text: "出具鉴定意见，集体研究同意推荐，主要负责人签字、单位盖章", when: "公示无异议后", clause: "四（二）"),
            ]
            for route in unitRoutes {
                duties.append(Duty(text: "推荐上报后逐级审核（" + routeText(route) + "）", when: "推荐后", clause: "四（三）、六"))
            }
            // 六.2: only a city-direct unit's juniors go to its competent department with the unit's summary table.
            if unitRoutes.contains(where: { $0.steps.count > 1 && $0.steps[1] == .competentDepartment && !$0.steps.contains(.cityHRReview) }) {
                duties.append(Duty(text: "申报助理工程师、技术员的：填写评审材料汇总表，报主管部门审核", when: closes, clause: "六.2"))
            }
            duties.append(Duty(text: "电话预约，安排专人统一报送材料（不受理个人报送）", when: intake, clause: "十（三）"))
            return duties
        case .competentDepartment:
            return [
                Duty(text: "审核市直单位申报工程师的材料，填写评审材料汇总表，报市人社局审核", when: closes, clause: "四（三）、六.1"),
                Duty(text: "审核市直单位申报助理工程师、技术员的材料及单位填写的评审材料汇总表，报评委会办公室", when: closes, clause: "六.2"),
                Duty(text: "为所属单位开设单位经办人账号", when: "申报开始前", clause: "—"),
            ]
        case .countyBureau:
            return [
                Duty(text: "审核本县（区）申报材料，填写评审材料汇总表", when: closes, clause: "六.1"),
                Duty(text: "申报工程师的报市人社局备案后报送评委会办公室", when: closes, clause: "四（三）、六.1"),
            ]
        case .countyHR:
            return [
                Duty(text: "审核本县（区）非公经济组织、社会组织和无主管部门单位的申报", when: "单位推荐后", clause: "四（三）、六.4"),
            ]
        case .personnelAgency:
            return [
                Duty(text: "对人事档案由本机构代理的申报人，核对后报当地人社部门审核", when: "单位推荐后", clause: "四（三）"),
            ]
        case .cityHR:
            return [
                Duty(text: "县（区）申报中级的材料备案", when: "收审期间", clause: "四（三）、六.1"),
                Duty(text: "审核市直单位申报中级的材料后报中级评委会", when: "收审期间", clause: "四（三）"),
                Duty(text: "评审结果公示期满、异议办结后，对评审通过人员名单审核确认；确认后评委会办公室方可发证", when: "结果公示期满后",
                     clause: nationalRules),
            ]
        case .committeeOffice:
            return [
                Duty(text: "预约收审，核验原件，审查材料完整性", when: intake, clause: "十（三）"),
                Duty(text: "申报期（\(year.declarationText)）截止后，确有特殊情况的为指定单位重新开放申报并记录原因", when: "申报截止后", clause: "十（三）"),
                Duty(text: "送审论文抄袭率检测：\(year.copyRatioRule)", when: "答辩前", clause: "七.1"),
                Duty(text: "收取评审费：中级\(year.feeIntermediate)元/人，初级\(year.feeJunior)元/人", when: "收审时", clause: "八"),
                Duty(text: "组建答辩组，组织答辩与量化赋分，汇总评审成绩（答辩成绩占\(ReviewYear.percent(year.reviewScoreDefenseWeight))）", when: "评审期间", clause: "九"),
                Duty(text: "抽取评审专家时执行回避制度", when: "评审前", clause: nationalRules),
                Duty(text: "维护职称评审诚信档案（记录期限\(year.integrityRecordYears)年）", when: "全年", clause: "十（二）"),
            ]
        case .expert:
            return [
                Duty(text: "答辩评分：\(year.defenseWeightsText)；优、中、差比例\(year.gradeRatioText)", when: "答辩日", clause: "九"),
                Duty(text: "与申报人有利害关系或其他可能影响公正的关系时主动申请回避", when: "答辩前", clause: nationalRules),
            ]
        case .systemAdministrator:
            return [
                Duty(text: "维护机构（县区、主管部门、用人单位、人事代理机构）", when: "申报开始前", clause: "一、四"),
                Duty(text: "开设和管理账号，重置密码，解锁账号", when: "全年", clause: "—"),
                Duty(text: "查阅审计日志，定期核验日志链完整性", when: "全年", clause: "—"),
            ]
        }
    }
}
