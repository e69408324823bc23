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

/// 七.1 in the application: either ratio above the limit flags; the office confirms
/// (not admitted to the defense) or overrides with a reason.
@Suite struct DefenseAdmissionTests {
    let rule = CopyRatioRule(limit: 0.25, atLimitDefends: true)

    @Test func noRatioAboveTheLimitIsAdmitted() {
        #expect(DefenseAdmission.decide(rule, ours: 0.1, external: 0.25, decision: nil) == .admitted)
        #expect(DefenseAdmission.decide(rule, ours: nil, external: nil, decision: nil) == .admitted)
        // A decision left over from an earlier flag does not bar an application below the limit.
        #expect(DefenseAdmission.decide(rule, ours: 0.1, external: nil, decision: .confirm, reason: "x") == .admitted)
    }

    @Test func oursOrTheExternalRatioAboveTheLimitFlags() {
        guard case .flagged(let why) = DefenseAdmission.decide(rule, ours: 0.3, external: nil, decision: nil) else {
            Issue.record("expected a flag"); return
        }
        #expect(why == ["本系统检测抄袭率 30% 超过 25%"])
        guard case .flagged(let ext) = DefenseAdmission.decide(rule, ours: 0.1, external: 0.26, decision: nil) else {
            Issue.record("expected a flag"); return
        }
        #expect(ext == ["外部检测报告抄袭率 26% 超过 25%"])
    }

    @Test func onlyAConfirmedFlagBlocksTheDefense() {
        let pending = DefenseAdmission.decide(rule, ours: 0.4, external: nil, decision: nil)
        let barred = DefenseAdmission.decide(rule, ours: 0.4, external: nil, decision: .confirm, reason: "与他人论文雷同")
        let overridden = DefenseAdmission.decide(rule, ours: 0.4, external: nil, decision: .override, reason: "本人已发表论文")
        #expect(!pending.blocksDefense && pending.isFlagged)
        #expect(barred == .barred(reason: "与他人论文雷同") && barred.blocksDefense)
        #expect(overridden == .overridden(reason: "本人已发表论文") && !overridden.blocksDefense)
        #expect(barred.label == "不予参加答辩（已确认）")
    }

    @Test func percentTextHasOneDecimal() {
        #expect(DefenseAdmission.percent(0.25) == "25%")
        #expect(DefenseAdmission.percent(0.2346) == "23.5%")
        #expect(DefenseAdmission.percent(1) == "100%")
    }
}
