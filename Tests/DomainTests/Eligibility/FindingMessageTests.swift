import Foundation
import Testing
@testable import Domain

/// The Chinese messages, with their figures, for the main situations.
@Suite struct FindingMessageTests {
    func message(_ base: String, _ patch: String, _ rule: EligibilityRule) throws -> String {
        let answer = shippedEngine.evaluate(try baseProfile(base, patch))
        return try #require(ruleFindings(answer, rule).first).message
    }

    @Test func tenureShortOfFourYears() throws {
        let m = try message("engineer", #"{"unit":{"kind":"public_institution","professionalPost":true},"titles":[{"series":"engineering","tier":"assistant","qualified":"2018-06-30","appointed":"2019-03-01"}]}"#, .tenure)
        #expect(m == "任助理工程师职务自2019年3月1日（聘任）起至2022年12月31日，满3年9个月，不足4年；须在2018年12月31日前（含）聘任")
    }

    @Test func tenureWithUncountedYear() throws {
        let m = try message("engineer", #"{"titles":[{"series":"engineering","tier":"assistant","qualified":"2018-01-01"}],"assessments":[{"year":2019,"result":"basically_competent"},{"year":2021,"result":"competent"}]}"#, .tenure)
        #expect(m == "任助理工程师职务自2018年1月1日（取得资格）起至2022年12月31日，扣除不计入任职年限的1年，满3年11个月，不足4年；须在2017年12月31日前（含）取得资格")
    }

    @Test func tenureMetWithEngineeringDegree() throws {
        let m = try message("engineer", #"{"education":[{"level":"master","discipline":"engineering","engineeringDegree":true}],"titles":[{"series":"engineering","tier":"assistant","qualified":"2021-12-31"}]}"#, .tenure)
        #expect(m == "任助理工程师职务自2021年12月31日（取得资格）起至2022年12月31日，满1年，达到1年（获得工程类专业硕士以上学位，提前1年）")
    }

    /// 三（一）3, I7: the message says how much technical work since the grade was counted.
    @Test func workerTechnicianRoute() throws {
        let m = try message("engineer", #"{"titles":[],"skills":[{"grade":"technician","obtained":"2019-05-01"}]}"#, .tenure)
        #expect(m == "取得技师（工人技术等级，2019年5月1日）以来，从事专业技术工作累计3年7个月（计至2022年12月31日），达到3年")
    }

    /// 三（一）3, I7: a 技师 since 2016 whose work was not technical until 2020-03-01 has
    /// 2年9个月 of technical work; the ongoing technical post makes 3 years on 2023-03-01.
    @Test func workerTechnicianCountsOnlyTechnicalWork() throws {
        let patch = #"{"titles":[],"skills":[{"grade":"technician","obtained":"2016-01-01"}],"work":[{"from":"2010-07-01","to":"2020-03-01","technical":false},{"from":"2020-03-01","technical":true}]}"#
        #expect(try message("engineer", patch, .tenure)
                == "取得技师（工人技术等级，2016年1月1日）以来，从事专业技术工作累计2年9个月（计至2022年12月31日），不足3年；只计工作经历中从事专业技术工作的时段，取得等级后的其他时间不计；目前的专业技术工作持续至2023年3月1日可满3年")
        let ended = #"{"titles":[],"skills":[{"grade":"technician","obtained":"2016-01-01"}],"work":[{"from":"2019-01-01","to":"2021-01-01","technical":true},{"from":"2021-01-01","technical":false}]}"#
        #expect(try message("engineer", ended, .tenure)
                == "取得技师（工人技术等级，2016年1月1日）以来，从事专业技术工作累计2年（计至2022年12月31日），不足3年；只计工作经历中从事专业技术工作的时段，取得等级后的其他时间不计；目前没有进行中的专业技术工作，无法推算满足时间")
    }

    @Test func appointmentMissing() throws {
        let m = try message("engineer", #"{"unit":{"kind":"public_institution","professionalPost":true},"titles":[{"series":"engineering","tier":"assistant","qualified":"2018-06-30"}]}"#, .tenure)
        #expect(m == "事业单位人员的任职年限自聘任时间起算，未填写助理工程师聘任时间，须人工核实；按取得资格时间2018年6月30日计至2022年12月31日满4年6个月（须满4年）")
    }

    @Test func exclusions() throws {
        #expect(try message("engineer", #"{"status":{"sanctions":[{"kind":"government","severity":"demerit","from":"2022-01-01","until":"2023-01-01"}]}}"#, .exclusions)
                == "受记过政务处分（2022年1月1日起至2023年1月1日），2022年8月25日仍在处分期间，不得申报")
        #expect(try message("engineer", #"{"status":{"sanctions":[{"kind":"party","severity":"expulsion","from":"2022-01-01"}]}}"#, .exclusions)
                == "受党纪处分（开除党籍，2022年1月1日起，无期满日期），2022年8月25日仍在处分期间，不得申报")
        #expect(try message("engineer", #"{"status":{"civilServant":true}}"#, .exclusions) == "国家公务员（含参照公务员法管理单位工作人员）不得申报")
    }

    @Test func education() throws {
        #expect(try message("engineer", "{}", .education) == "最高有效学历为大学本科，符合工程师须大学专科及以上学历的要求")
        #expect(try message("engineer", #"{"education":[{"level":"bachelor","discipline":"other"}]}"#, .education)
                == "所填学历与申报专业不同且不属相近专业（理科、工科或相关交叉学科），不能作为有效学历，不符合工程师须大学专科及以上学历的要求")
        #expect(try message("engineer", #"{"education":[{"level":"secondary_vocational","discipline":"engineering"}],"work":[{"from":"2010-03-01","grassroots":true,"technical":true}]}"#, .education)
                == "最高有效学历为中专（中职），低于工程师须大学专科及以上学历的要求；在乡镇以下基层一线从事专业技术工作累计12年9个月，不足15年，不能放宽学历")
        // 三（一）3, I6: 20 years at the grassroots, the current 5 of them not technical work.
        #expect(try message("engineer", #"{"education":[{"level":"secondary_vocational","discipline":"engineering"}],"work":[{"from":"2002-01-01","to":"2018-01-01","grassroots":true,"technical":true},{"from":"2018-01-01","grassroots":true,"technical":false}]}"#, .education)
                == "最高有效学历为中专（中职），低于工程师须大学专科及以上学历的要求；在乡镇以下基层一线从事专业技术工作累计16年，但目前不在乡镇以下基层一线从事专业技术工作，不能放宽学历")
    }

    @Test func papers() throws {
        #expect(try message("engineer", #"{"papers":[{"publicJournal":true,"authorship":"sole","characters":3000,"indexed":true,"relevant":true,"published":"2021-01-01"},{"publicJournal":true,"authorship":"first","characters":1800,"indexed":true,"relevant":true,"published":"2021-01-01"}]}"#, .papers)
                == "任助理工程师期间（2018年6月30日起）符合条件的学术论文1篇、实用技术材料0项，未达到论文2篇以上或实用技术材料2项以上的要求；第2篇论文字数1800，不足2000字")
        #expect(try message("engineer", #"{"papers":[{"publicJournal":true,"authorship":"sole","characters":3000,"indexed":true,"relevant":true,"published":"2021-01-01"}],"technicalMaterials":[{"kind":"standard","characters":2500,"expertRecommendations":3,"date":"2021-05-01"}]}"#, .papers)
                == "任助理工程师期间（2018年6月30日起）符合条件的学术论文1篇、实用技术材料1项，能否合计达到论文2篇以上或实用技术材料2项以上的要求须评委会认定")
    }

    @Test func achievements() throws {
        #expect(try message("engineer", "{}", .achievements)
                == "任助理工程师期间（2018年6月30日起）取得符合条件的业绩成果1项（市（厅）级科研、工程技术项目，排名第3，主要技术骨干）")
        #expect(try message("engineer", #"{"achievements":[{"kind":"project","level":"enterprise","rank":1,"accepted":true,"date":"2021-01-01"}]}"#, .achievements)
                == "任助理工程师期间（2018年6月30日起）无符合条件的业绩成果（须主持或作为主要技术骨干完成1项并经验收、批复或审定通过）；第1项业绩成果为企业科研、工程技术项目，须为市（厅）级以上或规上（大型）企业项目")
    }

    /// 三（一）5（2）（4）, I9: the levels come from the bundle's lists and are named.
    @Test func achievementLevelsByKind() throws {
        let none = "任助理工程师期间（2018年6月30日起）无符合条件的业绩成果（须主持或作为主要技术骨干完成1项并经验收、批复或审定通过）；"
        #expect(try message("engineer", #"{"achievements":[{"kind":"funded","level":"large_enterprise","rank":1,"accepted":true,"date":"2021-01-01"}]}"#, .achievements)
                == none + "第1项业绩成果为规上（大型）企业技改资金、科技资金支持项目，须获得市（厅）级以上资金支持")
        #expect(try message("engineer", #"{"achievements":[{"kind":"planning","level":"enterprise","rank":1,"accepted":true,"date":"2021-01-01"}]}"#, .achievements)
                == none + "第1项业绩成果为企业规划编制，须为市（厅）级以上或规上（大型）企业规划")
    }

    /// I8: an item dated after the status date says why it does not count.
    @Test func itemsAfterTheStatusDate() throws {
        #expect(try message("engineer", #"{"papers":[{"publicJournal":true,"authorship":"sole","characters":3000,"indexed":true,"relevant":true,"published":"2021-01-01"},{"publicJournal":true,"authorship":"first","characters":3000,"indexed":true,"relevant":true,"published":"2022-08-26"}]}"#, .papers)
                == "任助理工程师期间（2018年6月30日起）符合条件的学术论文1篇、实用技术材料0项，未达到论文2篇以上或实用技术材料2项以上的要求；第2篇论文日期为2022年8月26日，晚于申报截止日2022年8月25日，申报材料截至该日，不计入")
        #expect(try message("engineer", #"{"achievements":[{"kind":"project","level":"city","rank":1,"accepted":true,"date":"2022-09-01"}]}"#, .achievements)
                .hasSuffix("第1项业绩成果日期为2022年9月1日，晚于申报截止日2022年8月25日，申报材料截至该日，不计入"))
    }

    /// The level phrase follows the bit set, whatever a committee puts in the bundle.
    @Test func levelPhrases() {
        func phrase(_ levels: [AchievementLevel]) -> String {
            var t = TextBuffer()
            t.append(levels: levels.reduce(UInt8(0)) { $0 | 1 << $1.rawValue })
            return t.string
        }
        #expect(phrase([.national, .provincial, .city]) == "市（厅）级以上")
        #expect(phrase([.national, .provincial]) == "省（部）级以上")
        #expect(phrase([.national]) == "国家级")
        #expect(phrase([.national, .city, .largeEnterprise]) == "国家级、市（厅）级或规上（大型）企业")
        #expect(phrase([.largeEnterprise, .enterprise]) == "规上（大型）企业或企业")
    }

    @Test func assessments() throws {
        #expect(try message("engineer", #"{"assessments":[{"year":2019,"result":"competent"},{"year":2020,"result":"competent"},{"year":2021,"result":"competent"}]}"#, .assessments)
                == "任现职以来（2018年起）年度考核合格以上3次，不足4次")
        #expect(try message("engineer", #"{"assessments":[{"year":2021,"result":"basically_competent"}]}"#, .recency)
                == "2021年度考核为基本合格，不符合2022年度或2021年度须为合格以上等次的要求")
        #expect(try message("assistant_engineer", #"{"assessments":[{"year":2020,"result":"undetermined"},{"year":2021,"result":"competent"}]}"#, .assessments)
                == "规定任职年限内（2019年起）2020年度考核为不定等次，考核结果须均为合格以上")
    }

    @Test func juniorLevelsAndTransfer() throws {
        #expect(try message("assistant_engineer", #"{"education":[{"level":"bachelor","discipline":"engineering"}],"probation":{"completed":"2023-03-01","passed":true}}"#, .probation)
                == "具备大学本科学历，须见习期满1年并经考察合格，见习期至2023年3月1日方满")
        #expect(try message("assistant_engineer", #"{"technicalReports":[]}"#, .technicalReports) == "本人直接参加的技术项目的技术报告0篇，不足2篇")
        #expect(try message("technician", #"{"workReport":false}"#, .workReport) == "未提交专业技术工作总结")
        #expect(try message("transfer", "{}", .transferTitle) == "已取得其他系列中级专业技术职务任职资格（2016年6月30日），可转评同级工程师")
        #expect(try message("transfer", #"{"work":[{"from":"2022-05-01","engineeringPost":true}]}"#, .transferPost) == "在工程技术岗位累计工作7个月，不足1年")
    }

    @Test func interpretationsTravelWithFindings() throws {
        let answer = shippedEngine.evaluate(try baseProfile("engineer"))
        let tenure = try #require(ruleFindings(answer, .tenure).first)
        #expect(tenure.interpretations == [.referenceDates, .tenureStart, .yearCounting, .engineerRoutes])
        for id in tenure.interpretations { #expect(shippedPolicy.interpretation(id) != nil) }
    }

    /// Every finding the generator provokes has a clause of the policy and a message
    /// that needs no JSON escaping.
    @Test func messagesAreCleanForAllGeneratedProfiles() {
        var g = ProfileGenerator(seed: 11)
        for _ in 0..<3000 {
            for f in shippedEngine.evaluate(g.profile()).findings {
                let m = f.message
                #expect(!m.isEmpty && shippedPolicy.clause(f.clause) != nil)
                #expect(!m.contains("\"") && !m.contains("\\") && !m.contains("\n"))
            }
        }
    }
}
