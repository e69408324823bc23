import Foundation

/// One year's notice as data: its identity, its clauses with their original text,
/// the parameters the rules read, the interpretations the product takes where the
/// text is open, and its own test cases. Next year's notice is a new bundle.
///
/// ```swift
/// let policy = try Policy.load(id: "changzhi-2022")
/// policy.clause("3.1.3")?.text
/// policy.parameter("engineerBachelorYears")?.value      // .integer(4)
/// policy.interpretation("I3-year-counting")?.text
/// ```
public struct Policy: Sendable {
    public let id: String
    /// 长治市2022年度工程系列（非建筑、建材、环保专业）中、初级专业技术职务任职资格评审.
    public let title: String
    /// 长工信〔2022〕139号.
    public let documentNumber: String
    public let issuers: [String]
    /// Status checks (sanctions in force, retirement) are made on this day (I1).
    public let applicationDate: LocalDate
    /// Durations are measured to this day (I1).
    public let referenceDate: LocalDate
    /// 收审: the committee office receives materials on these days.
    public let intake: ClosedRange<LocalDate>
    /// When declarations may be started and submitted (the bundle's `declaration`).
    public let declaration: DeclarationPeriod
    public let clauses: [Clause]
    public let parameters: [Parameter]
    public let interpretations: [Interpretation]
    /// Which clause each eligibility rule cites, per level.
    public let citations: [RuleCitation]
    public let testCases: [PolicyTestCase]
    /// Who handles an application after the employer, in which order (`route(level:unit:)`).
    public let routes: RouteTable

    /// The eligibility rules' parameters, resolved and type-checked when the bundle loads.
    let eligibility: EligibilityParameters

    private let clauseIndex: [String: Int]
    private let parameterIndex: [String: Int]
    private let interpretationIndex: [String: Int]

    init(id: String, title: String, documentNumber: String, issuers: [String], applicationDate: LocalDate,
         referenceDate: LocalDate, intake: ClosedRange<LocalDate>, declaration: DeclarationPeriod,
         clauses: [Clause], parameters: [Parameter],
         interpretations: [Interpretation], citations: [RuleCitation], testCases: [PolicyTestCase],
         routes: RouteTable, eligibility: EligibilityParameters) {
        self.id = id; self.title = title; self.documentNumber = documentNumber; self.issuers = issuers
        self.applicationDate = applicationDate; self.referenceDate = referenceDate; self.intake = intake
        self.declaration = declaration
        self.clauses = clauses; self.parameters = parameters; self.interpretations = interpretations
        self.citations = citations; self.testCases = testCases; self.eligibility = eligibility
        self.routes = routes
        clauseIndex = Dictionary(clauses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        parameterIndex = Dictionary(parameters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        interpretationIndex = Dictionary(interpretations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A clause by its id (`3.1.3`, `2`, `10.1`).
    public func clause(_ id: String) -> Clause? { clauseIndex[id].map { clauses[$0] } }
    public func parameter(_ id: String) -> Parameter? { parameterIndex[id].map { parameters[$0] } }
    /// An interpretation by its id (`I3-year-counting`).
    public func interpretation(_ id: String) -> Interpretation? { interpretationIndex[id].map { interpretations[$0] } }
    public func interpretation(_ id: InterpretationID) -> Interpretation? { interpretation(id.rawValue) }
    /// The interpretations that shaped a finding, to show their sentences beside it.
    public func interpretations(for finding: Finding) -> [Interpretation] { finding.interpretations.compactMap { interpretation($0) } }

    // MARK: loading

    /// The ids of the bundles shipped with the application.
    public static var availableIDs: [String] {
        guard let dir = policiesDirectory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    private static var policiesDirectory: URL? { Bundle.module.url(forResource: "policies", withExtension: nil) }

    /// Loads a shipped bundle. Errors name the file and the place in it.
    public static func load(id: String) throws(PolicyError) -> Policy {
        let bytes = try bundleBytes(id: id)
        do { return try load(json: bytes) } catch {
            throw PolicyError(file: "\(id).json", problem: error.problem, path: error.path)
        }
    }

    /// The raw JSON of a shipped bundle.
    public static func bundleBytes(id: String) throws(PolicyError) -> [UInt8] {
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
              let url = policiesDirectory?.appendingPathComponent(id + ".json"),
              FileManager.default.fileExists(atPath: url.path) else {
            let known = availableIDs.joined(separator: ", ")
            throw PolicyError(file: nil, problem: "unknown policy \"\(id)\" (available: \(known))")
        }
        guard let data = try? Data(contentsOf: url) else {
            throw PolicyError(file: url.lastPathComponent, problem: "cannot be read")
        }
        return [UInt8](data)
    }

    /// Loads a bundle from its JSON text; errors carry the path inside the bundle.
    public static func load(json: [UInt8]) throws(PolicyError) -> Policy {
        do {
            let root = try JSONValue.parse(json)
            return try PolicyLoader(root: root).load()
        } catch {
            throw PolicyError(file: nil, problem: error.problem, path: error.path)
        }
    }

    public static func load(json: String) throws(PolicyError) -> Policy { try load(json: Array(json.utf8)) }
}

/// A policy bundle that cannot be used: `parameters.engineerBachelorYears.clause: unknown clause "3.9.9"`.
public struct PolicyError: Error, Sendable, CustomStringConvertible {
    /// The bundle's file name, when it was loaded from one.
    public let file: String?
    public let path: [JSONPathComponent]
    public let problem: String

    public init(file: String?, problem: String, path: [JSONPathComponent] = []) {
        self.file = file; self.problem = problem; self.path = path
    }

    /// The place inside the bundle and the problem, without the file name.
    public var detail: String { JSONInputError(path: path, problem: problem).description }
    public var description: String { file.map { "\($0): \(detail)" } ?? detail }
}

/// One clause of the notice: `3.1.3` is 三（一）3.
public struct Clause: Sendable, Equatable {
    public let id: String
    /// A short heading: 任职资格要求.
    public let heading: String
    /// The notice's text, cleaned of the PDF's spacing artefacts.
    public let text: String
}

/// A number, date, level or list the rules read, with where it comes from.
public struct Parameter: Sendable, Equatable {
    public let id: String
    public let value: ParameterValue
    /// 年, 篇, 字, 元, 工作日 ... shown next to the value.
    public let unit: String
    /// What it means, in plain Chinese.
    public let description: String
    public let clause: String
}

public enum ParameterValue: Sendable, Equatable {
    case integer(Int)
    case decimal(Double)
    case text(String)
    case flag(Bool)
    case list([ParameterValue])
}

/// A decision the product takes where the notice is open (the contract's list of 13).
public struct Interpretation: Sendable, Equatable {
    public let id: String
    public let title: String
    public let clauses: [String]
    public let parameters: [String]
    /// The sentence shown to users next to a finding it shaped.
    public let text: String
}

/// The clauses one eligibility rule cites, per level (and for the transfer track).
public struct RuleCitation: Sendable, Equatable {
    public let rule: EligibilityRule
    public let clauses: [EligibilityContext: String]
}
