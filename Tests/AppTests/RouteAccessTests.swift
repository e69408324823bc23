import Domain
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

/// Walks every route against every role. The expectation table is written
/// here by hand, independent of `AccessPolicy`, so a route added without a
/// rule, or a rule that drifts, fails this test.
@Suite struct RouteAccessTests {
    static let everyone = Set(Role.allCases)
    static let office: Set<Role> = [.committeeOffice]
    static let admin: Set<Role> = [.systemAdministrator]
    static let reviewers: Set<Role> = [.systemAdministrator, .committeeOffice, .cityHR, .countyBureau, .competentDepartment]

    /// "METHOD /path" → roles allowed; nil means public.
    static let expected: [String: Set<Role>?] = [
        "GET /": nil, "GET /healthz": nil, "GET /login": nil, "POST /login": nil, "POST /logout": nil,
        "GET /register": nil, "POST /register": nil, "GET /conditions": nil, "GET /conditions/check": nil,
        "GET /home": everyone, "GET /notifications": everyone, "POST /notifications/read": everyone, "GET /account/password": everyone, "POST /account/password": everyone,
        "GET /organizations": reviewers,
        "GET /admin/organizations": admin, "GET /admin/organizations/new": admin, "POST /admin/organizations": admin,
        "GET /admin/organizations/:id/edit": admin, "POST /admin/organizations/:id": admin,
        "POST /admin/organizations/:id/deactivate": admin, "POST /admin/organizations/:id/activate": admin,
        "GET /admin/accounts": admin, "GET /admin/accounts/new": admin, "POST /admin/accounts": admin,
        "POST /admin/accounts/:id/disable": admin, "POST /admin/accounts/:id/enable": admin,
        "POST /admin/accounts/:id/unlock": admin, "POST /admin/accounts/:id/reset-password": admin,
        "GET /admin/audit": admin,
        "GET /department/clerks": [.competentDepartment], "GET /department/clerks/new": [.competentDepartment],
        "POST /department/clerks": [.competentDepartment],
        "POST /department/clerks/:id/disable": [.competentDepartment],
        "POST /department/clerks/:id/enable": [.competentDepartment],
        "POST /department/clerks/:id/reset-password": [.competentDepartment],
        "GET /applications": [.applicant], "POST /applications": [.applicant],
        "GET /applications/received": workflowParties,
        "GET /applications/:appID/progress": viewers, "POST /applications/:appID/progress/:transition": workflowParties,
        "GET /intake": [.committeeOffice], "POST /intake/days": [.committeeOffice],
        "POST /intake/bookings/:bookingID/check-in": [.committeeOffice],
        "POST /intake/bookings/:bookingID/applications/:appID/accept": [.committeeOffice],
        "POST /intake/bookings/:bookingID/applications/:appID/return": [.committeeOffice],
        "POST /intake/items/:itemID/originals-returned": [.committeeOffice],
        "GET /intake/book": bookers, "POST /intake/book": bookers, "POST /intake/bookings/:bookingID/cancel": bookers,
        "GET /applications/:appID/print/recommendation": viewers, "GET /applications/:appID/print/publicity-summary": viewers,
        "GET /applications/:appID/print/publicity-notice/:kind": viewers, "GET /applications/:appID/versions/:number": viewers,
        "GET /calendar": [.committeeOffice], "POST /calendar": [.committeeOffice],
        // 年度政策 (issue 19): the committee office only.
        "GET /policies": [.committeeOffice], "POST /policies": [.committeeOffice], "GET /policies/:policyID/diff": [.committeeOffice],
        "GET /policies/:policyID/rehearsal": [.committeeOffice], "POST /policies/:policyID/activate": [.committeeOffice],
        "GET /fees": [.committeeOffice], "GET /fees/export": [.committeeOffice], "POST /fees/:appID/pay": [.committeeOffice], "POST /fees/:appID/correct": [.committeeOffice],
        // The paper duplication check (issue 10, 七.1): the committee office only.
        "GET /committee/similarity": office, "POST /committee/similarity/jobs": office,
        "GET /committee/similarity/:appID": office, "POST /committee/similarity/:appID/external": office,
        "POST /committee/similarity/:appID/decision": office,
        "GET /reviews": workflowParties, "GET /summary": workflowParties, "GET /summary/print": workflowParties, "GET /summary/export": workflowParties, "POST /reviews/approve": [.personnelAgency, .countyHR, .countyBureau, .competentDepartment, .cityHR],
        "GET /applications/:appID/unit": [.unitClerk], "POST /applications/:appID/unit/panel": [.unitClerk],
        "POST /applications/:appID/unit/ratings": [.unitClerk], "POST /applications/:appID/unit/publicity/:kind": [.unitClerk],
        "POST /applications/:appID/unit/objection/:kind": [.unitClerk],
        "POST /applications/:appID/unit/objection/:kind/:index/resolve": [.unitClerk],
        "POST /applications/:appID/unit/opinion": [.unitClerk], "POST /applications/:appID/unit/commitment": [.unitClerk],
        "GET /applications/:appID": viewers, "GET /applications/:appID/commitment": viewers,
        "POST /applications/:appID/commitment": [.applicant],
        "POST /applications/:appID/submit": [.applicant], "POST /applications/:appID/withdraw": [.applicant],
        "GET /applications/:appID/basics": viewers, "POST /applications/:appID/basics": [.applicant],
        "GET /applications/:appID/report": viewers, "POST /applications/:appID/report": [.applicant],
        "GET /applications/:appID/defense": viewers, "POST /applications/:appID/defense": [.applicant],
        "GET /office/reopenings": [.committeeOffice], "POST /office/reopenings": [.committeeOffice],
        "GET /applications/:appID/sections/:section": viewers, "POST /applications/:appID/sections/:section": [.applicant],
        "GET /applications/:appID/sections/:section/:itemID": viewers,
        "POST /applications/:appID/sections/:section/:itemID": [.applicant],
        "POST /applications/:appID/sections/:section/:itemID/delete": [.applicant],
        "GET /applications/:appID/files": viewers, "POST /applications/:appID/files": [.applicant],
        "GET /applications/:appID/files/:fileID": viewers, "POST /applications/:appID/files/:fileID/delete": [.applicant],
        "GET /applications/:appID/print/dossier": viewers,
        "GET /applications/:appID/print/evaluation-form": viewers, "GET /applications/:appID/print/review-form": viewers,
        // The committee stage (issue 11).
        "GET /committee": office, "GET /committee/experts": office, "POST /committee/experts": office,
        "POST /committee/experts/:expertID/disable": office, "POST /committee/experts/:expertID/enable": office,
        "POST /committee/experts/:expertID/renew": office, "POST /committee/conflicts": office,
        "GET /committee/panels": office, "POST /committee/panels": office, "GET /committee/panels/:panelID": office,
        "POST /committee/panels/:panelID/swap": office, "POST /committee/panels/:panelID/schedule": office,
        "POST /committee/panels/:panelID/reopen": office,
        "GET /committee/quantitative": office, "GET /committee/quantitative/:appID": office,
        "POST /committee/quantitative/:appID": office, "GET /committee/rankings": office, "GET /committee/rankings.csv": office,
        "GET /committee/meetings": office, "POST /committee/meetings": office, "GET /committee/meetings/:meetingID": office,
        "POST /committee/meetings/:meetingID/attendance": office, "POST /committee/meetings/:meetingID/ballots": office,
        "POST /committee/meetings/:meetingID/close": office, "GET /committee/meetings/:meetingID/minutes": office,
        // Issue 16: committees as data, the junior referral, the start of voting.
        "GET /committee/committees": office, "POST /committee/committees": office,
        "GET /committee/quantitative/referrals": office, "POST /committee/quantitative/referrals": office,
        "POST /committee/meetings/:meetingID/start": office,
        "GET /committee/results/cases/:caseID/decision": office, "POST /committee/results/cases/:caseID/decision": office,
        "GET /demo/clock": office, "POST /demo/clock": office,
        "GET /committee/results": office, "POST /committee/results/publicity": office, "POST /committee/results/cases": office,
        "POST /committee/results/cases/:caseID/resolve": office, "POST /committee/results/certificates": office,
        "GET /committee/certificates/:certID": office,
        "GET /applications/:appID/certificate": viewers, "GET /applications/:appID/admission": viewers,
        "GET /results": nil, "GET /verify": nil, "GET /verify/:code": nil,
        "GET /results/confirmation": [.cityHR], "POST /results/confirmation/:publicityID": [.cityHR],
        "GET /expert/panels": [.expert], "GET /expert/panels/:panelID": [.expert],
        "POST /expert/panels/:panelID/scores/:appID": [.expert], "POST /expert/panels/:panelID/close": [.expert],
        "POST /expert/conflicts": [.expert], "GET /expert/meetings/:meetingID": [.expert],
        "POST /expert/meetings/:meetingID/ballots/:appID": [.expert],
        // Issue 11, second part: question bank and defense material, table, integrity, exports.
        "GET /committee/questions": office, "POST /committee/questions": office, "POST /committee/questions/:questionID/disable": office,
        "POST /expert/panels/:panelID/questions/:appID": [.expert], "GET /expert/panels/:panelID/material/:appID/files/:fileID": [.expert],
        "GET /committee/quantitative/table": office, "POST /committee/quantitative/table": office,
        "GET /applications/:appID/integrity-flag": flaggers, "POST /applications/:appID/integrity-flag": flaggers,
        "POST /expert/panels/:panelID/flags/:appID": flaggers,
        "GET /committee/integrity": office, "POST /committee/integrity/cancel": office, "POST /committee/integrity/flags/:flagID/dismiss": office,
        "GET /committee/exports": office, "GET /committee/exports/platform.json": office, "GET /committee/exports/:kind": office,
    ]

    /// Any reviewer may report suspected false materials (十（二））.
    static let flaggers: Set<Role> = [.unitClerk, .committeeOffice, .expert, .personnelAgency, .countyHR, .countyBureau,
                                      .competentDepartment, .cityHR]

    /// Roles that may look at declarations at all; the object rule narrows it.
    static let viewers: Set<Role> = [.applicant, .unitClerk, .committeeOffice, .personnelAgency, .countyHR, .countyBureau,
                                     .competentDepartment, .cityHR]
    /// Units and reporting bodies book intake (十（三）: 不受理个人报送).
    static let bookers: Set<Role> = [.unitClerk, .personnelAgency, .countyHR, .countyBureau, .competentDepartment, .cityHR]
    /// The employer, the reviewing bodies along the routes and the committee office.
    static let workflowParties: Set<Role> = [.unitClerk, .committeeOffice, .personnelAgency, .countyHR, .countyBureau,
                                             .competentDepartment, .cityHR]

    static let demoUser: [Role: String] = [
        .applicant: "applicant1", .unitClerk: "unit1", .competentDepartment: "dept1", .countyBureau: "county1",
        .cityHR: "cityhr", .committeeOffice: "office", .expert: "expert1", .systemAdministrator: "admin",
        .countyHR: "countyhr1", .personnelAgency: "agency1",
    ]

    static func key(_ route: Vapor.Route) -> String {
        "\(route.method.rawValue) /" + route.path.map { $0.description }.joined(separator: "/")
    }

    /// The route's path with its parameters filled: unknown ids (so allowed
    /// roles get 404, refused ones 403) and a real section name.
    static func samplePath(_ route: Vapor.Route) -> String {
        "/" + route.path.map { component in
            if case .parameter(let name) = component { return name == "section" ? "papers" : UUID().uuidString }
            return component.description
        }.joined(separator: "/")
    }

    @Test func everyRouteDeclaresARuleAndIsInTheTable() async throws {
        try await withTestApp(demo: false) { app in
            for route in app.routes.all {
                let key = Self.key(route)
                #expect(route.rules.access != nil, "\(key) declares no access rule")
                #expect(Self.expected.keys.contains(key), "\(key) is missing from RouteAccessTests.expected")
                if let expectation = Self.expected[key] {
                    switch (route.rules.access, expectation) {
                    case (.publicPage?, nil): break
                    case (.action(let action)?, let roles?):
                        #expect(AccessPolicy.roles(for: action) == roles, "\(key): policy roles differ from the table")
                    default:
                        Issue.record("\(key): declared \(String(describing: route.rules.access)) but table says \(String(describing: expectation))")
                    }
                }
            }
        }
    }

    @Test(arguments: Role.allCases)
    func roleAgainstEveryProtectedRoute(role: Role) async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            let login = try await browser.login(Self.demoUser[role]!)
            #expect(login.status == .seeOther)
            for route in app.routes.all {
                let key = Self.key(route)
                guard let allowed = Self.expected[key], let allowed else { continue }
                let path = Self.samplePath(route)
                let response = route.method == .GET ? try await browser.get(path) : try await browser.post(path, [:])
                if allowed.contains(role) {
                    // 404 for an unknown id is the object rule's business; the route rule let it through.
                    #expect(response.status != .forbidden && response.status != .unauthorized,
                            "\(role) should reach \(key), got \(response.status.code)")
                    // Reaching a route and crashing there is no pass (issue 8, item 11).
                    #expect(response.status.code < 500, "\(role) reached \(key) but got \(response.status.code)")
                } else {
                    #expect(response.status == .forbidden, "\(role) must be refused \(key), got \(response.status.code)")
                    #expect(response.text.contains("无权"), "refusal page for \(key) explains in Chinese")
                }
            }
        }
    }

    @Test func anonymousVisitorsAreSentToLogin() async throws {
        try await withTestApp { app in
            var browser = Browser(app)
            for route in app.routes.all where route.method == .GET {
                guard let allowed = Self.expected[Self.key(route)], allowed != nil else { continue }
                let response = try await browser.get(Self.samplePath(route))
                #expect(response.status == .seeOther, "\(Self.key(route)) without login")
                #expect(response.location?.hasPrefix("/login?next=") == true)
            }
        }
    }
}
