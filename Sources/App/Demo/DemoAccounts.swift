import Domain
import Foundation

/// The demo accounts the CLI contract names, with fictional people.
enum DemoAccounts {
    struct Account {
        var username: String
        var role: Role
        var organizationID: UUID
        var realName: String
        var idNumber: String? = nil
        var mobile: String? = nil
    }

    static let usernames: [String] = ["admin", "office", "cityhr", "county1", "dept1", "countyhr1", "agency1", "unit1",
                                      "county2", "countyhr2", "unit2", "unit3", "unit4"]
        + (1...5).map { "applicant\($0)" } + (1...7).map { "expert\($0)" } + DemoWorkflow.usernames
        + DemoCommittee.usernames

    static let summary: [(String, String)] = [
        ("admin", "系统管理员"), ("office", "评委会办公室"), ("cityhr", "市人社局"),
        ("county1", "县（区）工信局（襄垣县）"), ("dept1", "主管部门（市水务局）"),
        ("countyhr1", "县（区）人社局（襄垣县）"), ("agency1", "人事档案代理机构（市公共就业和人才服务中心）"),
        ("county2", "县（区）工信局（潞州区）"), ("countyhr2", "县（区）人社局（潞州区）"),
        ("unit2", "单位经办人（襄垣县示例煤机制造有限公司）"), ("unit3", "单位经办人（潞州区示例智能科技有限公司）"),
        ("unit1", "单位经办人（长治市示例水利勘测设计院）"), ("unit4", "单位经办人（襄垣县示例供水有限公司，主管部门襄垣县水利局）"),
    ] + (1...5).map { ("applicant\($0)", "申报人") } + (1...7).map { ("expert\($0)", "评审专家") }
        + [("applicant6…applicant17, applicant23", "申报人（申报停在各报送环节，见“待我办理”）"),
           ("applicant18…applicant22", "助理工程师、技术员申报人（停在初级评委会各环节）")]

    static func all(_ o: DemoOrganizations.Created) -> [Account] {
        var accounts: [Account] = [
            Account(username: "admin", role: .systemAdministrator, organizationID: o.industryBureau, realName: "系统管理员"),
            Account(username: "office", role: .committeeOffice, organizationID: o.committeeOffice, realName: "李文静", mobile: "13903550001"),
            Account(username: "cityhr", role: .cityHR, organizationID: o.cityHR, realName: "王建国", mobile: "13903550002"),
            Account(username: "county1", role: .countyBureau, organizationID: o.countyBureaus["襄垣县"]!, realName: "赵志强", mobile: "13903550003"),
            Account(username: "dept1", role: .competentDepartment, organizationID: o.waterBureau, realName: "陈丽华", mobile: "13903550004"),
            Account(username: "countyhr1", role: .countyHR, organizationID: o.countyHRBureaus["襄垣县"]!, realName: "孟晓东", mobile: "13903550006"),
            Account(username: "county2", role: .countyBureau, organizationID: o.countyBureaus["潞州区"]!, realName: "秦海波", mobile: "13903550008"),
            Account(username: "countyhr2", role: .countyHR, organizationID: o.countyHRBureaus["潞州区"]!, realName: "尤佳", mobile: "13903550009"),
            Account(username: "unit2", role: .unitClerk, organizationID: o.units["coal"]!, realName: "许强", mobile: "13903550010"),
            Account(username: "unit3", role: .unitClerk, organizationID: o.units["tech"]!, realName: "何静", mobile: "13903550011"),
            Account(username: "agency1", role: .personnelAgency, organizationID: o.agency, realName: "韩雪", mobile: "13903550007"),
            Account(username: "unit1", role: .unitClerk, organizationID: o.units["water"]!, realName: "刘芳", mobile: "13903550005"),
            Account(username: "unit4", role: .unitClerk, organizationID: o.units["supply"]!, realName: "田红", mobile: "13903550012"),
        ]
        // Applicants across unit kinds: public institution, city-direct enterprise,
        // county enterprise, non-public, county public institution.
        let applicants: [(String, String, String, String)] = [
            ("张伟", "water", "14040219880312", "1"), ("王芳", "heavy", "14040219900721", "2"),
            ("李强", "coal", "14042319850105", "3"), ("刘洋", "tech", "14040319950830", "4"),
            ("陈静", "farm", "14042819921118", "2"),
        ]
        for (i, a) in applicants.enumerated() {
            let first17 = a.2 + String(format: "%02d", 10 + i) + a.3
            accounts.append(Account(username: "applicant\(i + 1)", role: .applicant, organizationID: o.units[a.1]!,
                                    realName: a.0, idNumber: ResidentIDNumber.completing(first17),
                                    mobile: "1380355\(String(format: "%04d", 1001 + i))"))
        }
        let experts = ["周正", "吴敏", "郑海", "孙立", "马骏", "胡娟", "郭峰"]
        for (i, name) in experts.enumerated() {
            let org = i % 2 == 0 ? o.units["heavy"]! : o.units["water"]!
            accounts.append(Account(username: "expert\(i + 1)", role: .expert, organizationID: org, realName: name))
        }
        return accounts
    }
}
