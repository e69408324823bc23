import Domain
import Fluent
import Foundation

/// The committee stage's people (issue 16, item 8): the expert pool per specialty, each
/// expert with an account, and the year's two committees drawn from it (四（三）).
extension SeedCommittee {
    /// A committee with its members and their roles.
    typealias Seated = (record: ReviewCommitteeRecord, members: [(Expert, CommitteeRole)])

    /// Per specialty the panel's size and spares, each with an account.
    mutating func draftExpertPool(termStart: LocalDate, termEnd expertTermEnd: LocalDate,
                                  passwordHash: String) -> (pool: [String: [Expert]], accountOf: [UUID: UserAccount]) {
        var pool: [String: [Expert]] = [:]
        var accountOf: [UUID: UserAccount] = [:]
        let poolDay = termStart.beijingMorning
        for (s, specialty) in SeedNames.specialties.enumerated() {
            for k in 0..<(panelSize + Self.spareExperts) {
                let n = experts.count + 1
                // The spares work for employers that also declare (a conflict the draw sets aside
                // when one of theirs is in the group); the rest for the supervising departments,
                // whose staff never declare here, so a panel can always be drawn.
                let departments = orgs.bodies.filter { $0.kind == .competentDepartment }
                let employer = k < Self.spareExperts || departments.isEmpty
                    ? orgs.units[rng.below(orgs.units.count)].organization : departments[rng.below(departments.count)]
                let name = SeedNames.person(700_000 + n * 17)
                let account = UserAccount(id: UUID(), username: "seed-expert-\(String(format: "%03d", n))",
                                          passwordHash: passwordHash, role: .expert, organizationID: employer.id!, realName: name)
                let e = Expert(name: name, userID: account.id, organizationID: employer.id!, specialty: specialty,
                               title: k % 3 == 0 ? "正高级工程师" : "高级工程师",
                               contact: "1390356" + String(format: "%04d", n), termStart: termStart.iso, termEnd: expertTermEnd.iso)
                e.id = UUID()
                accounts.append(account)
                experts.append(e)
                accountOf[e.id!] = account
                pool[specialty, default: []].append(e)
                audit.append(chain.next(AuditEntry(actorID: nil, actorName: "system", role: nil, action: "account.create",
                                                   objectType: "account", objectID: account.id?.uuidString, ip: nil,
                                                   detail: "seed expert \(account.username) \(specialty) (\(s + 1))"), at: poolDay))
            }
        }
        return (pool, accountOf)
    }

    /// The year's two committees from the pool, odd, at least the minimum, one chair.
    mutating func formCommittees(pool: [String: [Expert]], termStart: LocalDate,
                                 termEnd memberTermEnd: LocalDate) throws -> [CommitteeTier: Seated] {
        let poolDay = termStart.beijingMorning
        var committeeOf: [CommitteeTier: Seated] = [:]
        for (t, tier) in [CommitteeTier.intermediate, .junior].enumerated() {
            var size = max(committeeRules.minimumMembers, tier == .intermediate ? 11 : 9)
            if size % 2 == 0 { size += 1 }
            let name = tier == .intermediate ? "长治市工程系列中级专业技术职务评审委员会" : "长治市工程系列初级专业技术职务评审委员会"
            let record = ReviewCommitteeRecord(year: year, tier: tier, name: name, termStart: termStart, termEnd: memberTermEnd)
            record.id = UUID()
            // One expert of each specialty in turn (the intermediate the first, the junior the second).
            var chosen: [Expert] = []
            var k = 0
            while chosen.count < size {
                let list = pool[SeedNames.specialties[k % SeedNames.specialties.count]]!
                chosen.append(list[(t + k / SeedNames.specialties.count * 2) % list.count])
                k += 1
            }
            let members = chosen.enumerated().map { i, e in (e, i == 0 ? CommitteeRole.chair : i == 1 ? .viceChair : .member) }
            let problems = committeeRules.problems(roles: members.map(\.1))
            guard problems.isEmpty else { throw SeedCommitteeError(description: "\(tier.label): " + problems.joined(separator: "; ")) }
            committees.append(record)
            for (e, role) in members {
                let m = ReviewCommitteeMember(committeeID: record.id!, expertID: e.id!, role: role)
                m.id = UUID()
                committeeMembers.append(m)
            }
            committeeOf[tier] = (record, members)
            audit.append(chain.next(AuditEntry(actorID: office.id, actorName: office.username, role: office.roleRaw, action: "committee.create",
                                               objectType: "committee", objectID: record.id!.uuidString, ip: "127.0.0.1",
                                               detail: "\(tier.rawValue) members \(members.count)"), at: poolDay.addingTimeInterval(3600)))
        }
        return committeeOf
    }
}
