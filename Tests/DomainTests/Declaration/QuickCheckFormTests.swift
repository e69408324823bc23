import Testing
@testable import Domain

/// The public quick check runs the same engine: its one work period is the current
/// post, taken as technical work, so on the worker-technician route (三（一）3, I7)
/// only the time in that post since the grade counts.
@Suite struct QuickCheckFormTests {
    static let today = LocalDate(year: 2022, month: 8, day: 1)!

    func answer(workStart: String) throws -> EligibilityAnswer {
        let values: FieldValues = [
            "targetLevel": "engineer", "track": "regular", "unitKind": "enterprise",
            "educationLevel": "associate", "discipline": "engineering", "sameAsSpecialty": "1",
            "skillGrade": "technician", "skillObtained": "2016-01-01", "workStart": workStart,
            "assessment2019": "competent", "assessment2020": "competent", "assessment2021": "competent",
            "papers": "2", "achievementKind": "project", "achievementLevel": "city", "achievementRank": "1",
            "achievementAccepted": "1", "workReport": "1",
        ]
        guard case .profile(let p) = QuickCheckForm.profile(values, policy: shippedPolicy, today: Self.today) else {
            Issue.record("the form did not validate"); throw CancellationError()
        }
        return shippedEngine.evaluate(p)
    }

    @Test func aTechnicianWhoseTechnicalPostBeganIn2020IsNotYetEligible() throws {
        let a = try answer(workStart: "2020-03-01")
        #expect(a.route == .workerTechnician)
        #expect(a.failing.map(\.clause) == ["3.1.3"])
        #expect(a.earliestEligible == LocalDate(year: 2023, month: 3, day: 1))
    }

    @Test func threeYearsInTheTechnicalPostByTheReferenceDateAreEnough() throws {
        let a = try answer(workStart: "2019-12-31")
        #expect(a.route == .workerTechnician)
        #expect(a.verdict == .eligible, "\(a.failing.map(\.message))")
    }
}
