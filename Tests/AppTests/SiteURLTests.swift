import Domain
import Foundation
import Testing
import Vapor
@testable import App

/// Routes and links share one typed address (`SiteURL`, issue 8, item 4): every
/// registered route must be the pattern of an address, and every address must
/// be registered, so a link built from `SiteURL` always reaches a route.
@Suite struct SiteURLTests {
    /// Every address in its pattern form, written out here: a new route without
    /// an address, or an address whose route was renamed or removed, fails.
    static let patterns: [SiteURL] = {
        let id = Param<UUID>.pattern
        var all: [SiteURL] = [
            .home, .health, .login, .logout, .register, .conditions, .conditionsCheck, .workbench,
            .notifications, .notificationsRead, .changePassword, .organizationDirectory,
            .applications, .receivedApplications, .calendar, .policies, .policyDiff(.pattern), .policyRehearsal(.pattern), .policyActivate(.pattern), .reviews, .approveReviews, .summary, .summaryPrint, .summaryExport,
            .reopenings, .results, .verify, .verifyCode(.pattern), .resultsConfirmation, .confirmResults(id), .demoClock,
        ]
        let admin: [SiteURL.Admin] = [
            .organizations, .newOrganization, .organization(id), .editOrganization(id), .deactivateOrganization(id),
            .activateOrganization(id), .accounts, .newAccount, .audit,
        ] + [SiteURL.AccountAction.disable, .enable, .unlock, .resetPassword].map { .account(id, $0) }
        all += admin.map { .admin($0) }
        all += ([.clerks, .newClerk] + [SiteURL.AccountAction.disable, .enable, .resetPassword].map { .clerk(id, $0) })
            .map { SiteURL.department($0) }
        let unit: [SiteURL.UnitPage] = [.overview, .panel, .ratings, .opinion, .commitment, .publicity(.pattern),
                                        .objection(.pattern), .resolveObjection(.pattern, .pattern)]
        let pages: [SiteURL.ApplicationPage] = [
            .overview, .basics, .report, .commitment, .submit, .withdraw, .defense, .section(.pattern),
            .item(.pattern, id), .deleteItem(.pattern, id), .files, .file(id), .deleteFile(id),
            .publicityNotice(.pattern), .progress, .transition(.pattern), .version(.pattern), .certificate,
            .admission, .integrityFlag,
        ] + [SiteURL.PrintForm.dossier, .evaluationForm, .reviewForm, .recommendation, .publicitySummary].map { .print($0) }
            + unit.map { .unit($0) }
        all += pages.map { .application(id, $0) }
        all += ([.office, .days, .checkIn(id), .book, .cancel(id), .accept(id, id), .giveBack(id, id), .originalsReturned(id)] as [SiteURL.Intake]).map { .intake($0) }
        all += ([.list, .export, .pay(id), .correct(id)] as [SiteURL.Fees]).map { .fees($0) }
        let committee: [SiteURL.Committee] = [
            .home, .experts, .conflicts, .panels, .panel(id, nil), .quantitative, .quantitativeTable,
            .quantitativeScores(id), .rankings, .rankingsCSV, .meetings, .meeting(id, nil), .results, .resultsPublicity,
            .resultsCases, .resolveCase(id), .issueCertificates, .certificate(id), .questions, .disableQuestion(id),
            .integrity, .integrityCancel, .dismissFlag(id), .exports, .platformExport, .export(.pattern), .similarity,
            .similarityJobs, .similarityReport(id), .similarityExternal(id), .similarityDecision(id),
            .committees, .referrals, .caseDecision(id),
        ] + [SiteURL.ExpertAction.disable, .enable, .renew].map { .expert(id, $0) }
            + [SiteURL.PanelAction.swap, .schedule, .reopen].map { .panel(id, $0) }
            + [SiteURL.MeetingPage.attendance, .start, .ballots, .close, .minutes].map { .meeting(id, $0) }
        all += committee.map { .committee($0) }
        let expert: [SiteURL.Expert] = [
            .panels, .panel(id), .score(panel: id, application: id), .closePanel(id), .questions(panel: id, application: id),
            .materialFile(panel: id, application: id, file: id), .flag(panel: id, application: id), .conflicts,
            .meeting(id), .ballot(meeting: id, application: id),
        ]
        all += expert.map { .expert($0) }
        return all
    }()

    static func text(_ components: [PathComponent]) -> String {
        "/" + components.map(\.description).joined(separator: "/")
    }

    @Test("every registered route is the pattern of a SiteURL, and every SiteURL is registered")
    func routesAndAddressesAgree() async throws {
        try await withTestApp(demo: false) { app in
            let known = Set(Self.patterns.map { Self.text($0.pathComponents) })
            #expect(known.count == Self.patterns.count, "two addresses share a pattern")
            let registered = Set(app.routes.all.map { Self.text($0.path) })
            let withoutAddress = registered.subtracting(known).sorted()
            let withoutRoute = known.subtracting(registered).sorted()
            #expect(withoutAddress.isEmpty, "registered but no SiteURL: \(withoutAddress)")
            #expect(withoutRoute.isEmpty, "a SiteURL but no route: \(withoutRoute)")
            #expect(registered.count > 100)
        }
    }

    @Test("links render with their values filled in and escaped")
    func pathsRender() throws {
        let app = try #require(UUID(uuidString: "0F0E0D0C-0B0A-0908-0706-050403020100"))
        let item = try #require(UUID(uuidString: "00000000-0000-0000-0000-0000000000AB"))
        #expect(SiteURL.home.path == "/")
        #expect(SiteURL.workbench.path == "/home")
        #expect(SiteURL.application(.value(app), .overview).path == "/applications/0F0E0D0C-0B0A-0908-0706-050403020100")
        #expect(SiteURL.application(.value(app), .item(.value(.papers), .value(item))).path
            == "/applications/0F0E0D0C-0B0A-0908-0706-050403020100/sections/papers/00000000-0000-0000-0000-0000000000AB")
        #expect(SiteURL.application(.value(app), .unit(.resolveObjection(.value(.materials), .value(2)))).path
            == "/applications/0F0E0D0C-0B0A-0908-0706-050403020100/unit/objection/materials/2/resolve")
        #expect(SiteURL.application(.value(app), .print(.evaluationForm)).path
            == "/applications/0F0E0D0C-0B0A-0908-0706-050403020100/print/evaluation-form")
        #expect(SiteURL.committee(.rankingsCSV).path == "/committee/rankings.csv")
        #expect(SiteURL.admin(.account(.value(item), .resetPassword)).path
            == "/admin/accounts/00000000-0000-0000-0000-0000000000AB/reset-password")
        // A value cannot add a segment or a query: "/", "?", "#" and non-ASCII are escaped.
        #expect(SiteURL.verifyCode(.value("a/b?c#d 证")).path == "/verify/a%2Fb%3Fc%23d%20%E8%AF%81")
        #expect(SiteURL.department(.clerks).path(query: ["notice": "created"]) == "/department/clerks?notice=created")
        #expect(SiteURL.admin(.accounts).path(query: ["q": "张 三&x=1"]) == "/admin/accounts?q=%E5%BC%A0%20%E4%B8%89%26x%3D1")
        #expect(SiteURL.application(.value(app), .files).path(fragment: "slot-photo")
            == "/applications/0F0E0D0C-0B0A-0908-0706-050403020100/files#slot-photo")
    }

    @Test("patterns name their parameters as the controllers read them")
    func patternsRender() {
        #expect(Self.text(SiteURL.application(.pattern, .deleteItem(.pattern, .pattern)).pathComponents)
            == "/applications/:appID/sections/:section/:itemID/delete")
        #expect(Self.text(SiteURL.expert(.materialFile(panel: .pattern, application: .pattern, file: .pattern)).pathComponents)
            == "/expert/panels/:panelID/material/:appID/files/:fileID")
        #expect(Self.text(SiteURL.home.pathComponents) == "/")
    }

    /// `SiteURL.escaped` works on bytes (issue 18, speed); it must write exactly what
    /// Foundation's percent-encoding with the RFC 3986 unreserved set writes.
    @Test("segment escaping matches Foundation's percent-encoding")
    func segmentEscapingMatchesFoundation() {
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let samples = ["", "plain-Text_1.2~", "张伟", "a b/c?d#e&f=g%h+i", "水利 工程/2022", "e\u{301}", "👩‍🔬", "\u{0}\n\t",
                       "0A4C5D6E-1111-4222-8333-944455556666", "'\"<>\\"]
        for text in samples {
            #expect(SiteURL.escaped(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved), "\(text)")
        }
    }
}

