import Domain
import Fluent
import Foundation
import Vapor

/// Forming a committee from the office's form: the fields checked (name, a term within the
/// rules' years, members from the active pool with one office each), the membership checked
/// by `CommitteeRules`, then the committee and its members replaced in one transaction with
/// the audit record. A committee one of whose meetings has started voting is fixed.
enum CommitteeFormation {
    struct Input {
        var tier: CommitteeTier
        var name: String
        var termStart: LocalDate
        var termEnd: LocalDate
        var members: [(expertID: UUID, role: CommitteeRole)]
    }

    static let nameLimit = 60

    /// The typed fields, for the page to keep after a refusal.
    static func typed(_ req: Request) -> [String: String] {
        var out: [String: String] = [:]
        for key in ["tier", "name", "termStart", "termEnd"] { out[key] = CommitteeData.field(req, key) }
        if let all = try? req.content.decode([String: String].self) {
            for (k, v) in all where k.hasPrefix("role_") && !v.isEmpty { out[k] = v }
        }
        return out
    }

    struct Problems: Error { let messages: [String] }

    /// The input, or the Chinese problems with it.
    static func parse(_ req: Request, pool: [Expert], rules: CommitteeRules, year: Int) -> Result<Input, Problems> {
        var problems: [String] = []
        let tier = CommitteeTier(rawValue: CommitteeData.field(req, "tier"))
        if tier == nil { problems.append("请选择中级评委会或初级评委会") }
        let name = CommitteeData.field(req, "name")
        if name.isEmpty { problems.append("请填写评委会名称") }
        if name.count > nameLimit { problems.append("评委会名称不超过\(nameLimit)个字") }
        let start = LocalDate(iso: CommitteeData.field(req, "termStart"))
        let end = LocalDate(iso: CommitteeData.field(req, "termEnd"))
        if start == nil || end == nil { problems.append("任期起止日期格式应为 YYYY-MM-DD") }
        if let s = start, let e = end {
            if e < s { problems.append("任期止不能早于任期起") }
            // 每届任期不得超过3年: the last day is before the same date n years on.
            if e >= s.adding(years: rules.memberTermYears) { problems.append("每届任期不超过\(rules.memberTermYears)年") }
            if !(s.year...e.year).contains(year) { problems.append("任期须包含\(year)年度评审") }
        }
        var members: [(UUID, CommitteeRole)] = []
        for expert in pool {
            let raw = CommitteeData.field(req, "role_\(expert.id!.uuidString)")
            guard !raw.isEmpty else { continue }
            guard let role = CommitteeRole(rawValue: raw) else { problems.append("\(expert.name)的职务无效"); continue }
            members.append((expert.id!, role))
        }
        problems += rules.problems(roles: members.map(\.1))
        guard problems.isEmpty, let tier, let start, let end else { return .failure(Problems(messages: problems)) }
        return .success(Input(tier: tier, name: name, termStart: start, termEnd: end, members: members))
    }

    /// Replaces the tier's committee of the year; nil, or the reason it is fixed.
    static func save(_ req: Request, _ input: Input, year: Int) async throws -> String? {
        try await req.transaction { db in
            let existing = try await ReviewCommitteeRecord.query(on: db).filter(\.$year == year)
                .filter(\.$tier == input.tier.rawValue).first()
            if let existing {
                let voting = try await CommitteeMeeting.query(on: db).filter(\.$committee.$id == existing.id!)
                    .filter(\.$votingStartedAt != nil).count()
                if voting > 0 { return "\(input.tier.label)已有会议开始表决，本届组成不能再更改" }
                try await ReviewCommitteeMember.query(on: db).filter(\.$committee.$id == existing.id!).delete()
                existing.name = input.name
                existing.termStart = input.termStart.iso
                existing.termEnd = input.termEnd.iso
                try await existing.update(on: db)
            }
            let committee = existing ?? ReviewCommitteeRecord(year: year, tier: input.tier, name: input.name,
                                                              termStart: input.termStart, termEnd: input.termEnd)
            if existing == nil { try await committee.create(on: db) }
            for m in input.members {
                try await ReviewCommitteeMember(committeeID: committee.id!, expertID: m.expertID, role: m.role).create(on: db)
            }
            // Open meetings that have not started voting take the new membership.
            let open = try await CommitteeMeeting.query(on: db).filter(\.$committee.$id == committee.id!)
                .filter(\.$state == "open").all()
            for meeting in open {
                try await MeetingMember.query(on: db).filter(\.$meeting.$id == meeting.id!).delete()
                for m in input.members {
                    try await MeetingMember(meetingID: meeting.id!, expertID: m.expertID, isChair: m.role == .chair, role: m.role)
                        .create(on: db)
                }
            }
            let roles = input.members.map(\.role)
            try await AuditLog.append(req.auditEntry("committee.form", objectType: "committee", objectID: committee.id!.uuidString,
                                                     detail: "\(input.tier.rawValue) \(year) members \(roles.count) "
                                                        + "chair \(roles.filter { $0 == .chair }.count) vice \(roles.filter { $0 == .viceChair }.count)"),
                                      on: db)
            return nil
        }
    }
}
