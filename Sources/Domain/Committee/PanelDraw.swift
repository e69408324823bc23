import Foundation

/// The random draw of a defense panel for one specialty group (九; 人社部《职称评审管理
/// 暂行规定》2019 第十六条: 评审委员会...从评审专家库中随机抽取评审专家组成评审组).
///
/// Pure and reproducible: the candidates are put in a fixed order (by id), the ones
/// with a conflict against any applicant of the group are set aside with their reasons,
/// and the rest are shuffled with a generator seeded by the recorded seed; the first
/// `size` are the panel. The same seed and the same pool give the same panel.
public enum PanelDraw {
    public struct Exclusion: Sendable, Hashable {
        public let expert: ExpertCandidate
        public let conflicts: [DeclaredConflict]
        /// 郑海：与申报人张伟同一工作单位；...
        public let reason: String
    }

    public struct Result: Sendable, Hashable {
        public let seed: UInt64
        /// In draw order; the first is the proposed lead (组长).
        public let members: [ExpertCandidate]
        public let excluded: [Exclusion]
        /// How many eligible experts there were.
        public let eligibleCount: Int
    }

    public enum Failure: Error, Equatable, Sendable {
        case badSize(Int)
        case notEnough(eligible: Int, needed: Int)

        public var message: String {
            switch self {
            case .badSize(let n): "评审组人数须为正整数（当前\(n)）"
            case .notEnough(let eligible, let needed):
                "可抽取的专家不足：回避后仅\(eligible)人，评审组需要\(needed)人。请先在专家库中增加该专业的专家"
            }
        }
    }

    public static func draw(pool: [ExpertCandidate], applicants: [GroupApplicant], declared: [DeclaredConflict],
                            size: Int, seed: UInt64) -> Swift.Result<Result, Failure> {
        guard size > 0 else { return .failure(.badSize(size)) }
        let ordered = pool.sorted { $0.id.uuidString < $1.id.uuidString }
        var eligible: [ExpertCandidate] = []
        var excluded: [Exclusion] = []
        for expert in ordered {
            var conflicts: [DeclaredConflict] = []
            var parts: [String] = []
            for a in applicants {
                let found = ConflictRules.reasons(expert: expert, applicant: a, declared: declared)
                conflicts += found
                parts += found.map { c in
                    c.source == .sameEmployer ? "与申报人\(a.name)同一工作单位"
                        : "\(c.source.label)（申报人\(a.name)）" + (c.reason.isEmpty ? "" : "：\(c.reason)")
                }
            }
            if conflicts.isEmpty { eligible.append(expert) }
            else { excluded.append(Exclusion(expert: expert, conflicts: conflicts, reason: parts.joined(separator: "；"))) }
        }
        guard eligible.count >= size else { return .failure(.notEnough(eligible: eligible.count, needed: size)) }
        var generator = SeededGenerator(seed: seed)
        // Fisher–Yates with the seeded generator (not `shuffle(using:)`, whose algorithm
        // the standard library does not promise to keep).
        var deck = eligible
        for i in stride(from: deck.count - 1, to: 0, by: -1) {
            let j = generator.below(i + 1)
            deck.swapAt(i, j)
        }
        return .success(Result(seed: seed, members: Array(deck.prefix(size)), excluded: excluded,
                               eligibleCount: eligible.count))
    }

    /// A replacement for a member the office swaps out: the first expert of the same
    /// seeded order who is eligible and not on the panel (nor in `excluding`), so a swap
    /// is reproducible too.
    public static func replacement(pool: [ExpertCandidate], applicants: [GroupApplicant], declared: [DeclaredConflict],
                                   excluding: Set<UUID>, seed: UInt64) -> ExpertCandidate? {
        let eligibleCount = pool.count
        guard eligibleCount > 0 else { return nil }
        // Draw the whole eligible deck (size 1 first, to learn how many are eligible).
        guard case .success(let one) = draw(pool: pool, applicants: applicants, declared: declared, size: 1, seed: seed),
              case .success(let deck) = draw(pool: pool, applicants: applicants, declared: declared,
                                             size: one.eligibleCount, seed: seed) else { return nil }
        return deck.members.first { !excluding.contains($0.id) }
    }
}
