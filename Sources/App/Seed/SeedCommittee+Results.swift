import Domain
import Fluent
import Foundation

/// The committee stage's end (issue 16, item 8): result publicities on the official
/// calendar, the city HR bureau's confirmation, certificates, and a few revoked for
/// false materials (十（二））.
extension SeedCommittee {
    /// Result publicities (from the working day after the vote, for the policy's working
    /// days on the official calendar), the city HR bureau's confirmation, certificates.
    mutating func publishResults(_ passedByMeeting: [Decided]) throws {
        let cityHR = orgs.cityHRClerk!
        for (meeting, day, committee, passed) in passedByMeeting where !passed.isEmpty {
            let starts = try workday(after: day)
            let ends = try calendar.publicityEnd(start: starts, workingDays: publicityDays)
            let publicity = ResultPublicity(year: year, starts: starts.iso, ends: ends.iso, applicationIDs: passed.map { $0.app.id! })
            publicity.id = UUID()
            let confirmed = try workday(after: ends)
            publicity.confirmedOn = confirmed.iso
            publicity.confirmedBy = cityHR.id
            publicity.confirmedByName = cityHR.realName
            publicities.append(publicity)
            officeEntry("result.publicize", "result_publicity", publicity.id!, "\(starts.iso)..\(ends.iso) \(passed.count) meeting \(meeting.id!.uuidString)",
                        at: starts.beijingMorning)
            // An objection now and then, looked into and resolved before the confirmation.
            for c in passed where rng.below(40) == 0 {
                let objection = ResultCase(applicationID: c.app.id!, kind: "objection", received: starts.adding(days: 1).iso,
                                           content: "反映申报人\(c.applicant.realName)的专业技术工作报告中项目业绩与实际不符。")
                objection.id = UUID()
                objection.resolution = "经核查，项目业绩有合同和验收材料佐证，反映问题不属实，维持评审结果。"
                objection.resolvedOn = ends.iso
                cases.append(objection)
                officeEntry("result.case", "application", c.app.id!, "objection", at: starts.adding(days: 1).beijingMorning)
                officeEntry("result.case.resolve", "application", c.app.id!, "", at: ends.beijingMorning)
            }
            officeEntry("result.confirm", "result_publicity", publicity.id!, "\(starts.iso)..\(ends.iso) \(passed.count)",
                        at: confirmed.beijingMorning, by: cityHR)
            // 发证 on the day of the confirmation: after the last working day of the publicity.
            for (i, c) in passed.enumerated() {
                try fire(.certify, c, at: confirmed.beijingMorning.addingTimeInterval(3600 + Double(i)), actor: office, reason: "")
                certificates.append((c, confirmed, committee.name))
            }
        }
    }

    /// False materials found after certification: a few certificates revoked, the review
    /// cancelled, the integrity record opened for the policy's years.
    mutating func revokeForFalseMaterials() throws {
        let certified = certificates
        if certified.count >= 2 {
            var picks = Set<Int>()
            let wanted = max(1, certified.count / 30)
            while picks.count < wanted { picks.insert(rng.below(certified.count)) }
            let latest = LocalDate(year: year, month: 12, day: 20)!
            for index in picks.sorted() {
                let (c, issued, _) = certified[index]
                let day = min(latest, try workday(after: issued.adding(days: 20 + rng.below(30))))
                let basis = rng.pick(["所提交论文经核查系他人代写", "学历证书经学信网核验系伪造", "技术项目业绩材料经核查与事实不符"])
                let flag = IntegrityFlag(applicationID: c.app.id!, reporterID: office.id!, reporterName: office.realName,
                                         reporterRole: Role.committeeOffice.label, evidence: basis)
                flag.id = UUID()
                flag.state = "confirmed"
                flag.resolution = basis
                flag.resolvedAt = day.beijingMorning
                flags.append(flag)
                try fire(.cancelForIntegrity, c, at: day.beijingMorning, actor: office, reason: "提供虚假材料，取消评审资格：\(basis)")
                officeEntry("integrity.record", "application", c.app.id!, "\(integrityYears) years", at: day.beijingMorning.addingTimeInterval(1))
                revocations.append((c, day, basis))
            }
        }
    }
}
