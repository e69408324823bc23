import Domain
import Fluent
import Foundation

/// One applicant's declaration (申报) for one year and level. Named
/// `ApplicationRecord` because `Application` is Vapor's.
final class ApplicationRecord: Model, StoredValuesChecked, @unchecked Sendable {
    static let schema = "applications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "applicant_id") var applicant: UserAccount
    /// The employer at the time of declaring (the applicant's organization).
    @Parent(key: "unit_id") var unit: Organization
    @Field(key: "year") var year: Int
    @Field(key: "policy_id") var policyID: String
    /// `TargetLevel.jsonName`: engineer | assistant_engineer | technician.
    @Field(key: "target_level") var targetLevel: String
    /// regular | transfer.
    @Field(key: "track") var track: String
    /// 申报专业.
    @Field(key: "specialty") var specialty: String
    /// `ApplicationState` raw value; changed only through `Workflow`.
    @Field(key: "state") var state: String
    /// Everything else of the basic sections (民族、政治面貌、岗位、现职称 ...,
    /// the status flags, probation), as JSON of field values: see `BasicsForm`.
    @Field(key: "basics") var basics: String
    /// 专业技术工作报告 / 工作总结 written in the page.
    @Field(key: "work_report") var workReport: String
    @OptionalField(key: "commitment_signed_at") var commitmentSignedAt: Date?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// The route fixed at submission: `RouteStep` raw values joined by commas ("" before).
    @Field(key: "route") var routeText: String
    /// The county whose bodies act on the route, if any.
    @OptionalField(key: "route_county") var routeCounty: String?
    /// Index in the route of the furthest step the application has reached.
    @Field(key: "reached_step") var reachedStep: Int
    /// The one paper, book or practical material the engineer's defense will be about (九).
    @OptionalField(key: "defense_item_id") var defenseItemID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// The properties listed, not found by reflection: FluentKit's default walks a
    /// Mirror on every row it loads, a tenth of a page's time (issue 12's profile).
    /// `ModelPropertiesTests` checks this list against the reflected one.
    var properties: [any AnyProperty] {
        [$id, $applicant, $unit, $year, $policyID, $targetLevel, $track, $specialty, $state, $basics, $workReport,
         $commitmentSignedAt, $submittedAt, $routeText, $routeCounty, $reachedStep, $defenseItemID, $createdAt,
         $updatedAt]
    }

    init() {}

    init(applicantID: UUID, unitID: UUID, year: Int, policyID: String, targetLevel: TargetLevel,
         track: Track, specialty: String) {
        self.$applicant.id = applicantID
        self.$unit.id = unitID
        self.year = year
        self.policyID = policyID
        self.targetLevel = targetLevel.jsonName
        self.track = track.jsonName
        self.specialty = specialty
        self.state = ApplicationState.draft.rawValue
        self.basics = "{}"
        self.workReport = ""
        self.routeText = ""
        self.reachedStep = 0
    }

    // Checked when the row loads or saves (`checkStoredValues`): never a guessed default.
    var level: TargetLevel { StoredValue.checked("applications.target_level", targetLevel, TargetLevel.init(jsonName:)) }
    var trackValue: Track { StoredValue.checked("applications.track", track, Track.init(jsonName:)) }
    var stateValue: ApplicationState { StoredValue.checked("applications.state", state, ApplicationState.init(rawValue:)) }

    func output(from output: any DatabaseOutput) throws { try loadCheckingStoredValues(from: output) }

    func checkStoredValues() throws {
        if let raw = $targetLevel.value { _ = try StoredValue.decode("applications.target_level", raw, TargetLevel.init(jsonName:)) }
        if let raw = $track.value { _ = try StoredValue.decode("applications.track", raw, Track.init(jsonName:)) }
        if let raw = $state.value { _ = try StoredValue.decode("applications.state", raw, ApplicationState.init(rawValue:)) }
        if let raw = $basics.value { try basicsCache.check("applications.basics", raw) }
        if $routeText.value != nil { _ = try route() }
    }

    /// The stored route; a value that does not decode is an error, never skipped.
    func route() throws -> [RouteStep] { try Self.route(routeText) }

    /// A stored route column read back (also by `ReviewQueueQuery`'s lean rows).
    static func route(_ text: String) throws -> [RouteStep] {
        guard !text.isEmpty else { return [] }
        return try text.split(separator: ",").map {
            try StoredValue.decode("applications.route", String($0), RouteStep.init(rawValue:))
        }
    }

    /// The facts access decisions need; the unit must be loaded (`.with(\.$unit)`).
    func facts() throws -> ApplicationFacts {
        let unit = $unit.value
        return ApplicationFacts(id: id!, applicantID: $applicant.id, unitID: $unit.id, state: stateValue,
                                route: try route(), routeCounty: routeCounty, reachedStep: reachedStep,
                                competentDepartmentID: unit?.$competentDepartment.id,
                                personnelAgencyID: unit?.$personnelAgency.id)
    }

    private var basicsCache = FieldValuesCache()

    var basicValues: FieldValues {
        get { basicsCache.values("applications.basics", basics) }
        set { basics = JSONEncoder.sorted.string(newValue) }
    }
}

extension JSONEncoder {
    /// Stable key order, so stored JSON diffs cleanly and hashes reproducibly.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }

    /// Field values as sorted JSON; a `[String: String]` always encodes.
    func string(_ values: FieldValues) -> String {
        guard let data = try? encode(values) else { preconditionFailure("[String: String] did not encode") }
        return String(decoding: data, as: UTF8.self)
    }
}

extension ApplicationRecord {
    /// The name of the real organization acting at a step of this application's route
    /// (its unit, the unit's agency or department, the county's bureau, the city's HR
    /// bureau, the committee office), nil where none is on record. Needs the unit loaded.
    func actingOrganizationName(at step: RouteStep, on db: any Database) async throws -> String? {
        switch step {
        case .unit:
            return unit.name
        case .personnelAgency:
            if let id = unit.$personnelAgency.id, let org = try await Organization.find(id, on: db) { return org.name }
        case .competentDepartment:
            if let id = unit.$competentDepartment.id, let org = try await Organization.find(id, on: db) { return org.name }
        case .countyHR, .countyIndustryBureau:
            let kind: OrganizationKind = step == .countyHR ? .countyHR : .countyBureau
            if let county = routeCounty,
               let org = try await Organization.query(on: db).filter(\.$kindRaw == kind.rawValue)
                .filter(\.$divisionCode == county).filter(\.$isActive == true).first() { return org.name }
        case .cityHRFiling, .cityHRReview:
            if let org = try await Organization.query(on: db).filter(\.$kindRaw == OrganizationKind.cityHR.rawValue).first() { return org.name }
        case .committeeOffice:
            if let org = try await Organization.query(on: db).filter(\.$kindRaw == OrganizationKind.committeeOffice.rawValue).first() { return org.name }
        }
        return nil
    }
}

extension ApplicationRecord {
    /// The person's declaration of a review year, if they started one (one per person and year).
    static func declaration(of applicant: UUID, year: Int, on db: any Database) async throws -> ApplicationRecord? {
        try await ApplicationRecord.query(on: db).filter(\.$applicant.$id == applicant).filter(\.$year == year).first()
    }

    /// 收到的申报: the year's submitted declarations `actor` may open (a unit clerk's own
    /// unit's; every one for the committee office), newest submission first, with applicants
    /// and units. Lists are a side path for leaks, so each row passes the same rule as opening it.
    static func received(by actor: AccessActor, year: Int, on db: any Database) async throws -> [ApplicationRecord] {
        var query = ApplicationRecord.query(on: db).filter(\.$state != ApplicationState.draft.rawValue)
            .filter(\.$year == year)
            .with(\.$applicant).with(\.$unit).sort(\.$submittedAt, .descending)
        if actor.role == .unitClerk { query = query.filter(\.$unit.$id == actor.organizationID) }
        return try await query.all()
            .filter { AccessPolicy.decide(actor, .viewApplication, .application(try $0.facts())).isAllowed }
    }
}

extension ApplicationRecord {
    /// The applications 评审材料汇总表 lists for `actor` (`SummaryTable.includes` and the same
    /// access rule as opening one), oldest submission first, with applicants and units (one query).
    /// `level`: a level code, or empty for every level.
    static func listedInSummaryTable(for actor: AccessActor, level: String, on db: any Database) async throws -> [ApplicationRecord] {
        var query = ApplicationRecord.query(on: db)
            .filter(\.$state ~~ SummaryTable.listedStates.map(\.rawValue))
            .with(\.$applicant).with(\.$unit).sort(\.$submittedAt, .ascending)
        switch actor.role {
        case .unitClerk: query = query.filter(\.$unit.$id == actor.organizationID)
        case .countyHR, .countyBureau: query = query.filter(\.$routeCounty == (actor.organizationDivision ?? "-"))
        default: break
        }
        if !level.isEmpty { query = query.filter(\.$targetLevel == level) }
        return try await query.all().filter { record in
            guard let facts = try? record.facts() else { return false }
            return SummaryTable.includes(actor, facts)
                && AccessPolicy.decide(actor, .viewApplication, .application(facts)).isAllowed
        }
    }
}
