/// The unit's appraisal opinion (鉴定意见, 四（二）): for each of 学历、资历、工作能力、
/// 业绩成果、学术技术 whether it meets the conditions, the collective decision to
/// recommend, and the principal's signature.
public struct AppraisalOpinion: Sendable, Equatable, Codable {
    /// Each item of `OpinionItem` with whether it meets the conditions.
    public var meets: [String: Bool]
    /// The opinion's text as it is printed on the 评审表.
    public var text: String
    /// 经单位集体研究同意推荐: the date of the collective decision.
    public var decidedOn: String
    public var recommend: Bool
    /// 主要负责人 who signs.
    public var headName: String

    public init(meets: [OpinionItem: Bool], text: String, decidedOn: LocalDate, recommend: Bool, headName: String) {
        self.meets = Dictionary(uniqueKeysWithValues: meets.map { ($0.key.rawValue, $0.value) })
        self.text = text
        self.decidedOn = decidedOn.iso
        self.recommend = recommend
        self.headName = headName
    }

    public func meets(_ item: OpinionItem) -> Bool? { meets[item.rawValue] }
    public var decisionDate: LocalDate? { LocalDate(iso: decidedOn) }

    /// Items the opinion finds not meeting the conditions.
    public var unmet: [OpinionItem] { OpinionItem.allCases.filter { meets($0) == false } }
}

/// An objection raised during a publicity, and how it was resolved.
public struct Objection: Sendable, Equatable, Codable {
    public var receivedOn: String
    public var content: String
    public var resolvedOn: String?
    public var resolution: String?

    public init(receivedOn: LocalDate, content: String) {
        self.receivedOn = receivedOn.iso
        self.content = content
    }

    public var isOpen: Bool { resolvedOn == nil }
}

/// One publicity: its start, its end computed on the official calendar, objections.
public struct Publicity: Sendable, Equatable {
    public var kind: PublicityKind
    public var starts: LocalDate
    /// The last day: `calendar publicity-end starts N`; never entered by hand.
    public var ends: LocalDate
    public var objections: [Objection]

    public init(kind: PublicityKind, starts: LocalDate, ends: LocalDate, objections: [Objection] = []) {
        self.kind = kind; self.starts = starts; self.ends = ends; self.objections = objections
    }

    public var openObjections: Int { objections.filter(\.isOpen).count }
}
