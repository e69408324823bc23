import Domain
import Foundation

/// The bodies and employers of a seeded year: the city's bureaus and office, its
/// supervising departments, in each of the 12 counties and districts a 工信局, a
/// 人社局 and a talent-service centre, and employers of every kind spread over the
/// counties and the city-direct sector — each with one clerk account. Every unit's
/// route is computed for every level here, so a unit the policy cannot route is
/// never used (`unroutable` counts them).
struct SeedOrganizations {
    /// One employer and its routes by level.
    struct Unit {
        var organization: Organization
        var clerk: UserAccount
        var routes: [TargetLevel: ApplicationRoute]
    }

    var bodies: [Organization] = []
    var units: [Unit] = []
    var accounts: [UserAccount] = []
    var unroutable = 0
    /// Clerks of the reviewing bodies, to name who acted at each step.
    var cityHRClerk: UserAccount!
    var officeClerk: UserAccount!
    var countyBureauClerks: [String: UserAccount] = [:]
    var countyHRClerks: [String: UserAccount] = [:]
    var clerksByOrganization: [UUID: UserAccount] = [:]
    var names: [UUID: String] = [:]

    static let city = DivisionCodes.city

    init(unitCount: Int, policy: Policy, passwordHash: String, rng: inout SeedRandom) throws {
        var clerkSerial = 0
        func body(_ name: String, _ kind: OrganizationKind, _ division: String, role: Role, username: String) -> (Organization, UserAccount) {
            let org = Organization(id: UUID(), name: name, kind: kind, divisionCode: division, isCityDirect: division == Self.city)
            clerkSerial += 1
            let clerk = UserAccount(id: UUID(), username: username, passwordHash: passwordHash, role: role,
                                    organizationID: org.id!, realName: SeedNames.person(900_000 + clerkSerial * 13))
            bodies.append(org)
            accounts.append(clerk)
            clerksByOrganization[org.id!] = clerk
            names[org.id!] = name
            return (org, clerk)
        }
        cityHRClerk = body("长治市人力资源和社会保障局", .cityHR, Self.city, role: .cityHR, username: "seed-cityhr").1
        let bureau = body("长治市工业和信息化局", .cityIndustryBureau, Self.city, role: .systemAdministrator, username: "seed-admin").0
        _ = bureau
        officeClerk = body("长治市工程系列中初级评审委员会办公室", .committeeOffice, Self.city, role: .committeeOffice,
                           username: "seed-office").1
        let cityAgency = body("长治市公共就业和人才服务中心", .personnelAgency, Self.city, role: .personnelAgency,
                              username: "seed-agency-140400").0
        let departments = SeedNames.departments.enumerated().map { index, name in
            body(name, .competentDepartment, Self.city, role: .competentDepartment, username: "seed-dept-\(index + 1)").0
        }
        var countyAgencies: [String: Organization] = [:]
        for county in AdministrativeDivision.changzhiCounties {
            let code = county.code!
            countyBureauClerks[code] = body("\(county.name)工业和信息化局", .countyBureau, code, role: .countyBureau,
                                            username: "seed-county-\(code)").1
            countyHRClerks[code] = body("\(county.name)人力资源和社会保障局", .countyHR, code, role: .countyHR,
                                        username: "seed-countyhr-\(code)").1
            countyAgencies[code] = body("\(county.name)公共就业和人才服务中心", .personnelAgency, code, role: .personnelAgency,
                                        username: "seed-agency-\(code)").0
        }

        let areas = AdministrativeDivision.changzhiCounties.map { ($0.code!, $0.name) } + [(Self.city, "长治市")]
        for j in 0..<unitCount {
            let (division, areaName) = areas[j % areas.count]
            let cityDirect = division == Self.city
            let kind = UnitKind.all[(j / areas.count) % UnitKind.all.count]
            var department: UUID?
            var agency: UUID?
            let trades: [String]
            switch kind {
            case .publicInstitution:
                trades = SeedNames.institutionTrades
                if cityDirect { department = departments[j % departments.count].id }
            case .enterprise:
                trades = SeedNames.enterpriseTrades
                if cityDirect, j % 2 == 0 { department = departments[1].id }
            case .nonPublic:
                trades = SeedNames.enterpriseTrades
                if j % 3 != 0 { agency = cityDirect ? cityAgency.id : countyAgencies[division]?.id }
            case .socialOrganization:
                trades = SeedNames.socialTrades
            }
            let brand = SeedNames.brands[(j / 7) % SeedNames.brands.count]
            let trade = trades[j % trades.count]
            let name = "\(areaName)\(brand)\(trade)（\(String(format: "%04d", j + 1))）"
            let prefix = switch kind {
            case .publicInstitution: "12"
            case .enterprise, .nonPublic: "91"
            case .socialOrganization: "51"
            }
            let code = UnifiedSocialCreditCode.completing(prefix + division + "MA" + String(format: "%07d", j + 1))
            let org = Organization(id: UUID(), name: name, kind: .unit, divisionCode: division, unitKind: kind, creditCode: code,
                                   isCityDirect: cityDirect, isAboveScale: kind == .enterprise && rng.below(2) == 0,
                                   competentDepartmentID: department, personnelAgencyID: agency)
            var routes: [TargetLevel: ApplicationRoute] = [:]
            do {
                let routeUnit = try org.routeUnit()
                for level in [TargetLevel.engineer, .assistantEngineer, .technician] {
                    routes[level] = try policy.route(level: level, unit: routeUnit)
                }
            } catch {
                unroutable += 1
                continue
            }
            let clerk = UserAccount(id: UUID(), username: "seed-unit-\(String(format: "%05d", j + 1))", passwordHash: passwordHash,
                                    role: .unitClerk, organizationID: org.id!, realName: SeedNames.person(800_000 + j * 11))
            accounts.append(clerk)
            clerksByOrganization[org.id!] = clerk
            names[org.id!] = name
            units.append(Unit(organization: org, clerk: clerk, routes: routes))
        }
    }

    /// The clerk of the body that acts at `step` for an application of `unit` on `route`.
    func clerk(at step: RouteStep?, unit: Organization, route: ApplicationRoute, applicant: UserAccount) -> UserAccount {
        switch step {
        case nil: applicant
        case .unit?: clerksByOrganization[unit.id!]!
        case .personnelAgency?: unit.$personnelAgency.id.flatMap { clerksByOrganization[$0] } ?? cityHRClerk
        case .countyHR?: route.county.flatMap { countyHRClerks[$0] } ?? cityHRClerk
        case .countyIndustryBureau?: route.county.flatMap { countyBureauClerks[$0] } ?? cityHRClerk
        case .competentDepartment?: unit.$competentDepartment.id.flatMap { clerksByOrganization[$0] } ?? cityHRClerk
        case .cityHRFiling?, .cityHRReview?: cityHRClerk
        case .committeeOffice?: officeClerk
        }
    }
}
