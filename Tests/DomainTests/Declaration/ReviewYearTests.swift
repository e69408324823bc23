import Testing
@testable import Domain

/// One source for yearly values (issue 7 item 11): the wording the pages show is
/// built from the bundle, so a changed parameter changes the page.
@Suite struct ReviewYearTests {
    @Test func theShippedBundleSaysWhatTheNoticeSays() throws {
        let year = try ReviewYear(Policy.load(id: "changzhi-2022"))
        #expect(year.reviewName == "长治市2022年度工程系列中、初级职称评审")
        #expect(year.feesText == "工程师（中级）每人300元；助理工程师、技术员（初级）每人260元")
        #expect(year.intakeText == "7月25日至8月25日")
        #expect(year.closesText == "8月25日前")
        #expect(year.gradeRatioText == "3:6:1")
        #expect(year.defenseWeightsText == "答辩材料学术水平40%，现场答辩60%")
        #expect(ReviewYear.percent(year.reviewScoreDefenseWeight) == "30%")
        // 七.1 read at exactly 25%: not above the limit, so the applicant defends.
        #expect(year.copyRatioRule == "抄袭率不高于25%的参加答辩，高于25%的取消答辩资格")
        #expect(year.publicityWorkingDays == 5 && year.integrityRecordYears == 3)
        #expect(year.evaluationFormCopies == 25 && year.reviewFormCopies == 3)
    }

    @Test func aChangedBundleChangesTheWording() throws {
        var text = String(decoding: try Policy.bundleBytes(id: "changzhi-2022"), as: UTF8.self)
        text = text.replacingOccurrences(of: #""reviewFeeIntermediate": {"value": 300"#, with: #""reviewFeeIntermediate": {"value": 350"#)
        text = text.replacingOccurrences(of: #""copyRatioAtLimitDefends": {"value": true"#, with: #""copyRatioAtLimitDefends": {"value": false"#)
        let year = try ReviewYear(Policy.load(json: text))
        #expect(year.feesText.contains("每人350元"))
        #expect(year.copyRatioRule == "抄袭率低于25%的参加答辩，达到或高于25%的取消答辩资格")
    }

    @Test func aMissingValueNamesItself() throws {
        let text = String(decoding: try Policy.bundleBytes(id: "changzhi-2022"), as: UTF8.self)
            .replacingOccurrences(of: #""reviewFeeJunior""#, with: #""reviewFeeJuniorX""#)
        do { _ = try ReviewYear(Policy.load(json: text)); Issue.record("accepted") } catch {
            #expect(error.description == "parameters.reviewFeeJunior: missing required field (the pages read it)")
        }
    }
}
