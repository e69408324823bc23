/// The year's values the pages and messages say, read once from the policy
/// bundle: dates, fees, copy counts, thresholds, weights and durations. A page
/// never writes "300元" or "8月25日" itself; next year's bundle changes them all.
///
/// ```swift
/// let year = try ReviewYear(policy)
/// year.feesText          // 工程师（中级）每人300元；助理工程师、技术员（初级）每人260元
/// year.copyRatioRule     // 抄袭率不高于25%的参加答辩，高于25%的取消答辩资格
/// ```
public struct ReviewYear: Sendable, Equatable {
    /// The review's year (the status date's year), as in 2022年度.
    public let year: Int
    /// 长工信〔2022〕139号.
    public let documentNumber: String
    /// The status date (申报截止日, I1).
    public let applicationDate: LocalDate
    /// Durations are measured to this day (I1).
    public let referenceDate: LocalDate
    /// 收审 (十（三）).
    public let intake: ClosedRange<LocalDate>
    /// When declarations may be started and submitted (the bundle's `declaration`).
    public let declaration: DeclarationPeriod
    /// 评审费 per person (八), in yuan.
    public let feeIntermediate: Int
    public let feeJunior: Int
    /// 综合考评表 (五.1), 评审表 (五.2) and 送审论文 (五.3) copies.
    public let evaluationFormCopies: Int
    public let reviewFormCopies: Int
    public let submittedPaperCopies: Int
    /// The copy-ratio limit (七.1) and how a ratio exactly at it is read.
    public let copyRatioLimit: Double
    public let copyRatioAtLimitDefends: Bool
    /// 答辩材料 / 现场答辩 weights in the defense score, and the defense's weight in the review score (九).
    public let defenseMaterialWeight: Double
    public let defenseLiveWeight: Double
    public let reviewScoreDefenseWeight: Double
    /// 优 : 中 : 差 (九).
    public let defenseGradeRatio: [Int]
    /// Minimum working days of each publicity (十（一）).
    public let publicityWorkingDays: Int
    /// Years an integrity record stays in force (十（二）).
    public let integrityRecordYears: Int
    /// Recommending experts a practical material needs (七.2).
    public let expertsRequired: Int
    /// Technical reports an assistant engineer needs (三（二）4).
    public let technicalReportsRequired: Int

    /// Reads the values; a missing or mistyped parameter names itself.
    public init(_ policy: Policy) throws(PolicyError) {
        func value(_ id: String) throws(PolicyError) -> ParameterValue {
            guard let p = policy.parameter(id) else {
                throw PolicyError(file: nil, problem: "missing required field (the pages read it)", path: [.key("parameters"), .key(id)])
            }
            return p.value
        }
        func wrong(_ id: String, _ expected: String) -> PolicyError {
            PolicyError(file: nil, problem: "expected \(expected)", path: [.key("parameters"), .key(id), .key("value")])
        }
        func int(_ id: String) throws(PolicyError) -> Int {
            guard case .integer(let n) = try value(id), n >= 0 else { throw wrong(id, "a non-negative whole number") }
            return n
        }
        func fraction(_ id: String) throws(PolicyError) -> Double {
            switch try value(id) {
            case .decimal(let d) where d >= 0 && d <= 1: return d
            case .integer(let n) where n == 0 || n == 1: return Double(n)
            default: throw wrong(id, "a number between 0 and 1")
            }
        }
        func flag(_ id: String) throws(PolicyError) -> Bool {
            guard case .flag(let b) = try value(id) else { throw wrong(id, "true or false") }
            return b
        }
        year = policy.applicationDate.year
        documentNumber = policy.documentNumber
        applicationDate = policy.applicationDate
        referenceDate = policy.referenceDate
        intake = policy.intake
        declaration = policy.declaration
        feeIntermediate = try int("reviewFeeIntermediate")
        feeJunior = try int("reviewFeeJunior")
        evaluationFormCopies = try int("evaluationFormCopies")
        reviewFormCopies = try int("reviewFormCopies")
        submittedPaperCopies = try int("submittedPaperCopies")
        copyRatioLimit = try fraction("copyRatioLimit")
        copyRatioAtLimitDefends = try flag("copyRatioAtLimitDefends")
        defenseMaterialWeight = try fraction("defenseMaterialWeight")
        defenseLiveWeight = try fraction("defenseLiveWeight")
        reviewScoreDefenseWeight = try fraction("reviewScoreDefenseWeight")
        guard case .list(let ratio) = try value("defenseGradeRatio") else { throw wrong("defenseGradeRatio", "a list of whole numbers") }
        var grades: [Int] = []
        for part in ratio {
            guard case .integer(let n) = part, n >= 0 else { throw wrong("defenseGradeRatio", "a list of whole numbers") }
            grades.append(n)
        }
        defenseGradeRatio = grades
        publicityWorkingDays = try int("publicityMinimumWorkingDays")
        integrityRecordYears = try int("integrityRecordYears")
        expertsRequired = try int("expertRecommendationsRequired")
        technicalReportsRequired = try int("technicalReportsRequired")
    }

    // MARK: wording

    /// 长治市2022年度工程系列中、初级职称评审 (the page header).
    public var reviewName: String { "长治市\(year)年度工程系列中、初级职称评审" }

    /// 0.25 → "25%", 0.4 → "40%" (whole percents; one decimal when needed).
    public static func percent(_ fraction: Double) -> String {
        let tenths = (fraction * 1000).rounded()
        let whole = Int(tenths) / 10, rest = Int(tenths) % 10
        return rest == 0 ? "\(whole)%" : "\(whole).\(rest)%"
    }

    /// "8月25日": a day of the review's own year, as the notice writes it.
    public static func monthDay(_ date: LocalDate) -> String { "\(date.month)月\(date.day)日" }

    public var intakeText: String { "\(Self.monthDay(intake.lowerBound))至\(Self.monthDay(intake.upperBound))" }
    public var declarationText: String { "\(declaration.opens.chinese)至\(declaration.closes.chinese)" }
    public var closesText: String { "\(Self.monthDay(applicationDate))前" }
    public var feesText: String { "工程师（中级）每人\(feeIntermediate)元；助理工程师、技术员（初级）每人\(feeJunior)元" }
    public var gradeRatioText: String { defenseGradeRatio.map(String.init).joined(separator: ":") }
    public var copyRatioLimitText: String { Self.percent(copyRatioLimit) }

    /// 七.1 as the product reads it: the notice says "低于25%参与答辩，高于25%取消",
    /// and the bundle decides the ratio exactly at the limit.
    public var copyRatioRule: String {
        let limit = copyRatioLimitText
        return copyRatioAtLimitDefends
            ? "抄袭率不高于\(limit)的参加答辩，高于\(limit)的取消答辩资格"
            : "抄袭率低于\(limit)的参加答辩，达到或高于\(limit)的取消答辩资格"
    }

    /// 答辩材料学术水平40%，现场答辩60%.
    public var defenseWeightsText: String {
        "答辩材料学术水平\(Self.percent(defenseMaterialWeight))，现场答辩\(Self.percent(defenseLiveWeight))"
    }
}
