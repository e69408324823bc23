import Foundation
import Testing
@testable import Domain

@Suite struct AccessPolicyTests {
    static func actor(_ role: Role, org: UUID = UUID()) -> AccessActor {
        AccessActor(userID: UUID(), role: role, organizationID: org)
    }

    @Test func anonymousIsAlwaysDenied() {
        for action in Action.allCases {
            #expect(AccessPolicy.decide(nil, action) == .deny("请先登录"))
        }
    }

    @Test func onlyAdministratorsManageAccountsAndOrganizations() {
        for role in Role.allCases {
            let allowed = AccessPolicy.decide(Self.actor(role), .manageAccounts).isAllowed
            #expect(allowed == (role == .systemAdministrator))
            #expect(AccessPolicy.decide(Self.actor(role), .viewAuditLog).isAllowed == (role == .systemAdministrator))
        }
    }

    @Test func departmentManagesOnlyItsOwnUnitsClerks() {
        let dept = UUID()
        let me = Self.actor(.competentDepartment, org: dept)
        let ownUnit = OrganizationFacts(id: UUID(), kind: .unit, competentDepartmentID: dept)
        let otherUnit = OrganizationFacts(id: UUID(), kind: .unit, competentDepartmentID: UUID())
        #expect(AccessPolicy.decide(me, .manageUnitClerks, .organization(ownUnit)).isAllowed)
        #expect(!AccessPolicy.decide(me, .manageUnitClerks, .organization(otherUnit)).isAllowed)
        let ownClerk = AccountFacts(id: UUID(), role: .unitClerk, organizationID: ownUnit.id, competentDepartmentID: dept)
        let ownApplicant = AccountFacts(id: UUID(), role: .applicant, organizationID: ownUnit.id, competentDepartmentID: dept)
        let otherClerk = AccountFacts(id: UUID(), role: .unitClerk, organizationID: otherUnit.id, competentDepartmentID: UUID())
        #expect(AccessPolicy.decide(me, .manageUnitClerks, .account(ownClerk)).isAllowed)
        #expect(!AccessPolicy.decide(me, .manageUnitClerks, .account(ownApplicant)).isAllowed)
        #expect(!AccessPolicy.decide(me, .manageUnitClerks, .account(otherClerk)).isAllowed)
        // Another role with the same organization id gets nothing.
        #expect(!AccessPolicy.decide(Self.actor(.unitClerk, org: dept), .manageUnitClerks, .organization(ownUnit)).isAllowed)
    }

    @Test func personalDataIsForThePersonAndTheCommitteeOffice() {
        let person = Self.actor(.applicant)
        let data = AccessObject.personalData(ownerUserID: person.userID)
        #expect(AccessPolicy.decide(person, .viewPersonalData, data).isAllowed)
        #expect(AccessPolicy.decide(Self.actor(.committeeOffice), .viewPersonalData, data).isAllowed)
        for role in Role.allCases where role != .committeeOffice {
            #expect(!AccessPolicy.decide(Self.actor(role), .viewPersonalData, data).isAllowed, "\(role)")
        }
    }

    @Test func everyRoleHasAHome() {
        for role in Role.allCases {
            #expect(AccessPolicy.decide(Self.actor(role), .viewOwnHome).isAllowed)
            #expect(!role.allowedOrganizationKinds.isEmpty)
        }
    }
}

@Suite struct LockoutPolicyTests {
    let policy = LockoutPolicy(threshold: 5, duration: 900)
    let now = Date(timeIntervalSince1970: 1_660_000_000)

    @Test func fifthConsecutiveFailureLocksForFifteenMinutes() {
        var state = LockoutPolicy.State(failedLogins: 0, lockedUntil: nil)
        for attempt in 1...4 {
            let (next, events) = policy.failure(state, at: now)
            #expect(events.isEmpty)
            #expect(next.failedLogins == attempt)
            #expect(policy.remaining(next) == 5 - attempt)
            state = next
        }
        let (locked, events) = policy.failure(state, at: now)
        #expect(events == [.locked(until: now.addingTimeInterval(900))])
        #expect(locked.isLocked(at: now.addingTimeInterval(899)))
        #expect(!locked.isLocked(at: now.addingTimeInterval(900)))
    }

    @Test func successResetsTheCountAndRecordsAnExpiredLock() {
        let counted = LockoutPolicy.State(failedLogins: 3, lockedUntil: nil)
        #expect(policy.success(counted, at: now) == (LockoutPolicy.State(failedLogins: 0, lockedUntil: nil), []))
        let expired = LockoutPolicy.State(failedLogins: 0, lockedUntil: now.addingTimeInterval(-1))
        #expect(policy.success(expired, at: now).1 == [.unlockedByTime])
    }

    @Test func failureAfterAnExpiredLockStartsCountingAfresh() {
        let expired = LockoutPolicy.State(failedLogins: 0, lockedUntil: now.addingTimeInterval(-1))
        let (next, events) = policy.failure(expired, at: now)
        #expect(events == [.unlockedByTime])
        #expect(next == LockoutPolicy.State(failedLogins: 1, lockedUntil: nil))
    }
}
