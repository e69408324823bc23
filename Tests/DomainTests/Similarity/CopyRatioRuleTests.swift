import Testing
@testable import Domain

/// 七.1: 抄袭率低于25%参与答辩，高于25%取消答辩资格; the bundle reads exactly 25%.
@Suite struct CopyRatioRuleTests {
    static let bundle = CopyRatioRule(try! ReviewYear(Policy.load(id: "changzhi-2022")))

    @Test func theBundleGivesTheLimitAndItsReadingAtTheLimit() {
        #expect(Self.bundle.limit == 0.25)
        #expect(Self.bundle.atLimitDefends)
    }

    @Test func aboveTheLimitLosesTheDefenseJustBelowKeepsIt() {
        #expect(Self.bundle.exceeds(0.2501))
        #expect(!Self.bundle.exceeds(0.2499))
        #expect(!Self.bundle.exceeds(0))
        #expect(Self.bundle.exceeds(1))
    }

    @Test func exactlyAtTheLimitFollowsTheBundle() {
        // 250 of 1,000 characters is exactly 25 % whatever the division's rounding.
        #expect(!Self.bundle.exceeds(250.0 / 1000.0))
        #expect(!Self.bundle.exceeds(0.1 + 0.15))
        let strict = CopyRatioRule(limit: 0.25, atLimitDefends: false)
        #expect(strict.exceeds(0.25))
        #expect(!strict.exceeds(0.2499))
    }

    @Test func theExternalRatioIsAPercentageFromZeroToHundred() {
        #expect(CopyRatioRule.parsePercent("23.5") == .success(0.235))
        #expect(CopyRatioRule.parsePercent(" 25% ") == .success(0.25))
        #expect(CopyRatioRule.parsePercent("100％") == .success(1))
        #expect(CopyRatioRule.parsePercent("0") == .success(0))
        #expect(CopyRatioRule.parsePercent("") == .failure(.empty))
        #expect(CopyRatioRule.parsePercent("100.1") == .failure(.outOfRange("100.1")))
        #expect(CopyRatioRule.parsePercent("-3") == .failure(.notANumber("-3")))
        #expect(CopyRatioRule.parsePercent("abc") == .failure(.notANumber("abc")))
        #expect(CopyRatioRule.parsePercent("1e2") == .failure(.notANumber("1e2")))
        #expect(CopyRatioRule.PercentError.outOfRange("120").message.contains("0% 到 100%"))
    }
}

/// 七.1 in the application: admitted only with a recorded ratio at or below the limit
/// (ours or the external report); above the limit blocks at once; an unreadable paper
/// waits for the external ratio; the office's decision covers the ratios it was made on.
@Suite struct DefenseAdmissionTests {
    let rule = CopyRatioRule(limit: 0.25, atLimitDefends: true)

    @Test func aRecordedRatioAtOrBelowTheLimitIsAdmitted() {
        #expect(DefenseAdmission.decide(rule, ours: .ratio(0.1), external: 0.25, decision: nil) == .admitted)
        #expect(DefenseAdmission.decide(rule, ours: .ratio(0.25), external: nil, decision: nil) == .admitted)
        #expect(DefenseAdmission.decide(rule, ours: nil, external: 0.12, decision: nil) == .admitted)
        // A decision left over from an earlier flag does not bar an application below the limit.
        #expect(DefenseAdmission.decide(rule, ours: .ratio(0.1), external: nil, decision: .confirm, reason: "x") == .admitted)
    }

    @Test func noRecordedRatioIsNotAdmitted() {
        let none = DefenseAdmission.decide(rule, ours: nil, external: nil, decision: nil)
        #expect(!none.admitsDefense && !none.isFlagged)
        guard case .pending(let why) = none else { Issue.record("expected pending"); return }
        #expect(why.contains("尚无查重结果"))
        // An image-only PDF: our check found no text; only the external ratio admits it.
        let image = DefenseAdmission.decide(rule, ours: .unreadable("文件中没有文字内容"), external: nil, decision: nil)
        #expect(!image.admitsDefense)
        #expect(image.refusal?.contains("文件中没有文字内容") == true && image.refusal?.contains("外部检测报告") == true)
        #expect(DefenseAdmission.decide(rule, ours: .unreadable("x"), external: 0.2, decision: nil) == .admitted)
        #expect(!DefenseAdmission.decide(rule, ours: .unreadable("x"), external: 0.3, decision: nil).admitsDefense)
        // An override answers a ratio above the limit, never a missing one.
        #expect(!DefenseAdmission.decide(rule, ours: .unreadable("x"), external: nil, decision: .override, reason: "r").admitsDefense)
    }

    @Test func oursOrTheExternalRatioAboveTheLimitBlocksAtOnce() {
        let ours = DefenseAdmission.decide(rule, ours: .ratio(0.3), external: nil, decision: nil)
        #expect(ours == .exceeded(["本系统检测抄袭率 30% 超过 25%"]) && ours.blocksDefense)
        let ext = DefenseAdmission.decide(rule, ours: .ratio(0.1), external: 0.26, decision: nil)
        #expect(ext == .exceeded(["外部检测报告抄袭率 26% 超过 25%"]) && ext.blocksDefense)
        #expect(ext.refusal?.contains("取消答辩资格") == true)
    }

    @Test func theOfficeConfirmsOrOverridesWithAReason() {
        let barred = DefenseAdmission.decide(rule, ours: .ratio(0.4), external: nil, decision: .confirm, reason: "与他人论文雷同")
        let overridden = DefenseAdmission.decide(rule, ours: .ratio(0.4), external: nil, decision: .override, reason: "本人已发表论文",
                                                 decidedOn: ["本系统检测抄袭率 40% 超过 25%"])
        #expect(barred == .barred(reason: "与他人论文雷同") && barred.blocksDefense)
        #expect(overridden == .overridden(reason: "本人已发表论文") && overridden.admitsDefense)
        #expect(barred.label == "不予参加答辩（已确认）")
    }

    @Test func anOverrideDoesNotCoverALaterHigherRatio() {
        let on = ["本系统检测抄袭率 30% 超过 25%"]
        #expect(DefenseAdmission.decide(rule, ours: .ratio(0.3), external: nil, decision: .override, reason: "r", decidedOn: on).admitsDefense)
        // The external report comes in above the limit after the override: blocked again.
        let later = DefenseAdmission.decide(rule, ours: .ratio(0.3), external: 0.45, decision: .override, reason: "r", decidedOn: on)
        #expect(later == .exceeded(["本系统检测抄袭率 30% 超过 25%", "外部检测报告抄袭率 45% 超过 25%"]))
        // A new check with a higher ratio too.
        #expect(!DefenseAdmission.decide(rule, ours: .ratio(0.5), external: nil, decision: .override, reason: "r", decidedOn: on).admitsDefense)
    }

    @Test func percentTextHasOneDecimal() {
        #expect(DefenseAdmission.percent(0.25) == "25%")
        #expect(DefenseAdmission.percent(0.2346) == "23.5%")
        #expect(DefenseAdmission.percent(1) == "100%")
    }
}
