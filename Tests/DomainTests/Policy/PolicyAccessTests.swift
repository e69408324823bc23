import Foundation
import Testing
@testable import Domain

/// 年度政策 (issue 19): uploading and comparing a year's bundle is the committee
/// office's alone; every other role is refused (deny by default).
@Suite struct PolicyAccessTests {
    @Test func onlyTheCommitteeOfficeManagesPolicies() {
        #expect(AccessPolicy.roles(for: .managePolicies) == [.committeeOffice])
        for role in Role.allCases {
            let actor = AccessActor(userID: UUID(), role: role, organizationID: UUID())
            #expect(AccessPolicy.decide(actor, .managePolicies).isAllowed == (role == .committeeOffice), "\(role)")
        }
    }
}
