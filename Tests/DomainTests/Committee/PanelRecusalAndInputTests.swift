import Foundation
import Testing
@testable import Domain

/// Recusal at every time (回避, 人社部《职称评审管理暂行规定》2019 第十七条): a conflict
/// takes the expert out of that applicant's numbers whenever it is found; an applicant
/// needs the bundle's minimum of scorers free of conflict. And what the forms accept:
/// scores as plain decimals (scoring contract rule 1), defense times that exist, in the
/// review year.
@Suite struct PanelRecusalTests {
    static func uuid(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }
    let unitA = uuid(900), unitB = uuid(901)
    var members: [ExpertCandidate] {
        (1...5).map { ExpertCandidate(id: Self.uuid($0), name: "专家\($0)", employerID: $0 == 5 ? unitA : unitB, specialty: "电气工程") }
    }
    var zhang: GroupApplicant { GroupApplicant(applicationID: Self.uuid(100), name: "张伟", employerID: unitA) }

    @Test func theBundleSetsTheMinimumOfScorersFreeOfConflict() throws {
        let policy = try Policy.load(id: "changzhi-2022")
        #expect(policy.parameter("defenseMinimumScorers")?.value == .integer(3))
        #expect(policy.parameter("defenseMinimumScorers")?.clause == "9")
    }

    @Test func aConflictFoundAtAnyTimeTakesTheScoreOut() {
        // The same employer (expert 5) and a conflict declared after scoring (expert 2).
        let declared = [DeclaredConflict(expertID: Self.uuid(2), applicationID: zhang.applicationID, source: .declaredByExpert, reason: "亲属")]
        let counted = members.filter {
            PanelScorers.counts(expertID: $0.id, expertEmployerID: $0.employerID, applicationID: zhang.applicationID,
                                applicantEmployerID: zhang.employerID, declared: declared)
        }
        #expect(counted.map(\.id) == [Self.uuid(1), Self.uuid(3), Self.uuid(4)])
        #expect(PanelScorers.conflicts(members: members, applicant: zhang, declared: declared).map(\.source).sorted { $0.rawValue < $1.rawValue }
                == [.declaredByExpert, .sameEmployer])
    }

    @Test func fewerScorersFreeOfConflictThanTheMinimumIsAShortfall() {
        let declared = [Self.uuid(1), Self.uuid(2)].map {
            DeclaredConflict(expertID: $0, applicationID: zhang.applicationID, source: .pinnedByOffice, reason: "x")
        }
        let wang = GroupApplicant(applicationID: Self.uuid(101), name: "王芳", employerID: Self.uuid(903))
        let short = PanelScorers.shortfalls(members: members, applicants: [zhang, wang], declared: declared, minimum: 3)
        #expect(short == [PanelScorers.Shortfall(applicationID: zhang.applicationID, available: 2, needed: 3)])
        #expect(PanelScorers.shortfalls(members: members, applicants: [zhang], declared: [], minimum: 3).isEmpty)
    }
}

@Suite struct FormInputTests {
    @Test(arguments: ["1e2", "NaN", "+5", "-0", "-5", "８５", "٨٥", "85.", ".5", "8 5", "0x10", "inf", "85,5"])
    func aScoreThatIsNotAPlainDecimalIsRefused(text: String) {
        guard case .failure(let e) = ScoreInput.parse(text, field: "现场答辩评价") else {
            Issue.record("\(text) was accepted"); return
        }
        #expect(e.message.contains("现场答辩评价"))
    }

    @Test func plainScoresAreReadExactly() {
        #expect(ScoreInput.parse("85", field: "f") == .success(Tenths(850)))
        #expect(ScoreInput.parse(" 78.5 ", field: "f") == .success(Tenths(785)))
        #expect(ScoreInput.parse("100.0", field: "f") == .success(Tenths(1000)))
        #expect(ScoreInput.parse("0", field: "f") == .success(Tenths(0)))
        guard case .failure(let two) = ScoreInput.parse("85.55", field: "f") else { Issue.record("85.55"); return }
        #expect(two.message.contains("最多保留一位小数"))
        guard case .failure(let high) = ScoreInput.parse("100.1", field: "f") else { Issue.record("100.1"); return }
        #expect(high.message.contains("最高100分"))
    }

    @Test(arguments: ["25:99", "24:00", "09:60"])
    func aTimeOfDayThatDoesNotExistIsRefused(time: String) {
        guard case .failure(let e) = DefenseTime.parse("2022-09-10 \(time)", reviewYear: 2022) else { Issue.record("\(time) accepted"); return }
        #expect(e.message.contains("时刻不存在") && e.message.contains(time))
    }

    @Test func aDefenseDateOutsideTheReviewYearOrMalformedIsRefused() throws {
        guard case .failure(let next) = DefenseTime.parse("2023-01-05 09:00", reviewYear: 2022) else { Issue.record("2023"); return }
        #expect(next.message.contains("不在2022年度评审年内"))
        guard case .failure(let missing) = DefenseTime.parse("2022-02-30 09:00", reviewYear: 2022) else { Issue.record("02-30"); return }
        #expect(missing.message.contains("日期不存在"))
        for bad in ["2022-09-10", "2022-09-10 9:00", "2022-09-10T09:00", "２０２２-09-10 09:00", ""] {
            if case .success = DefenseTime.parse(bad, reviewYear: 2022) { Issue.record("\(bad) accepted") }
        }
        #expect(try DefenseTime.parse(" 2022-09-10 14:05 ", reviewYear: 2022).get().text == "2022-09-10 14:05")
    }
}
