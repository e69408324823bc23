import Domain

/// What each role does in the 2022 review, with the notice's clause, for the
/// role's home page. Dates are the notice's (收审 7月25日–8月25日, 四、六、七、十).
enum RoleGuide {
    struct Duty: Sendable {
        var text: String
        var when: String
        var clause: String
    }

    static func duties(for role: Role) -> [Duty] {
        switch role {
        case .applicant:
            [
                Duty(text: "对照评审条件自测，确认申报级别与专业", when: "申报前", clause: "三"),
                Duty(text: "网上填写申报信息，上传十类卷宗材料，签署申报人承诺", when: "8月25日前", clause: "五、十（二）"),
                Duty(text: "送审论文发送至中评委邮箱进行抄袭率检测（不高于25%方可答辩）", when: "送审材料前", clause: "七.1"),
                Duty(text: "提交单位，参加民主评议；个人申报材料公示不少于5个工作日", when: "单位推荐期间", clause: "四（二）、十（一）"),
                Duty(text: "工程师申报人参加答辩", when: "评委会安排", clause: "九"),
            ]
        case .unitClerk:
            [
                Duty(text: "组织评议组开展民主评议，审核申报材料真实性", when: "单位推荐期间", clause: "四（二）"),
                Duty(text: "执行“三公示”：评审条件程序、个人申报材料、单位鉴定意见，各不少于5个工作日", when: "推荐前", clause: "十（一）"),
                Duty(text: "出具鉴定意见，集体研究同意推荐，主要负责人签字、单位盖章", when: "公示无异议后", clause: "四（二）"),
                Duty(text: "电话预约，安排专人统一报送材料（不受理个人报送）", when: "7月25日至8月25日", clause: "十（三）"),
            ]
        case .competentDepartment:
            [
                Duty(text: "审核市直单位申报初级的材料，填写评审材料汇总表后报评委会办公室", when: "8月25日前", clause: "四（三）、六.2"),
                Duty(text: "为所属单位开设单位经办人账号", when: "申报开始前", clause: "—"),
            ]
        case .countyBureau:
            [
                Duty(text: "审核本县（区）申报材料，填写评审材料汇总表", when: "8月25日前", clause: "六.1"),
                Duty(text: "报市人社局备案后报送评委会办公室", when: "8月25日前", clause: "四（三）"),
            ]
        case .countyHR:
            [
                Duty(text: "审核本县（区）非公经济组织、社会组织和无主管部门单位的申报", when: "单位推荐后", clause: "四（三）、六.4"),
            ]
        case .personnelAgency:
            [
                Duty(text: "对人事档案由本机构代理的申报人，核对后报当地人社部门审核", when: "单位推荐后", clause: "四（三）"),
            ]
        case .cityHR:
            [
                Duty(text: "县（区）申报中级的材料备案", when: "收审期间", clause: "四（三）"),
                Duty(text: "审核市直单位申报中级的材料后报中级评委会", when: "收审期间", clause: "四（三）"),
            ]
        case .committeeOffice:
            [
                Duty(text: "预约收审，核验原件，审查材料完整性", when: "7月25日至8月25日", clause: "十（三）"),
                Duty(text: "送审论文抄袭率检测，高于25%的取消答辩资格", when: "答辩前", clause: "七.1"),
                Duty(text: "收取评审费：中级300元/人，初级260元/人", when: "收审时", clause: "八"),
                Duty(text: "组建答辩组（回避），组织答辩与量化赋分，汇总评审成绩", when: "评审期间", clause: "九"),
                Duty(text: "维护职称评审诚信档案（记录期限3年）", when: "全年", clause: "十（二）"),
            ]
        case .expert:
            [
                Duty(text: "答辩评分：答辩材料学术水平40%，现场答辩60%；优、中、差比例3:6:1", when: "答辩日", clause: "九"),
                Duty(text: "与申报人有利害关系时主动回避", when: "答辩前", clause: "九"),
            ]
        case .systemAdministrator:
            [
                Duty(text: "维护机构（县区、主管部门、用人单位、人事代理机构）", when: "申报开始前", clause: "一、四"),
                Duty(text: "开设和管理账号，重置密码，解锁账号", when: "全年", clause: "—"),
                Duty(text: "查阅审计日志，定期核验日志链完整性", when: "全年", clause: "—"),
            ]
        }
    }
}
