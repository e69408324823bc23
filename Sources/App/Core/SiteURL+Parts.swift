import Foundation

// Each nested address as its list of path parts, read by `SiteURL.parts`.

extension SiteURL.Admin {
    var parts: [SiteURL.Part] {
        switch self {
        case .organizations: ["organizations"]
        case .newOrganization: ["organizations", "new"]
        case .organization(let id): ["organizations", id.part("id")]
        case .editOrganization(let id): ["organizations", id.part("id"), "edit"]
        case .deactivateOrganization(let id): ["organizations", id.part("id"), "deactivate"]
        case .activateOrganization(let id): ["organizations", id.part("id"), "activate"]
        case .accounts: ["accounts"]
        case .newAccount: ["accounts", "new"]
        case .account(let id, let action): ["accounts", id.part("id"), .literal(action.rawValue)]
        case .audit: ["audit"]
        }
    }
}

extension SiteURL.Department {
    var parts: [SiteURL.Part] {
        switch self {
        case .clerks: []
        case .newClerk: ["new"]
        case .clerk(let id, let action): [id.part("id"), .literal(action.rawValue)]
        }
    }
}

extension SiteURL.ApplicationPage {
    var parts: [SiteURL.Part] {
        switch self {
        case .overview: []
        case .basics: ["basics"]
        case .report: ["report"]
        case .commitment: ["commitment"]
        case .submit: ["submit"]
        case .withdraw: ["withdraw"]
        case .defense: ["defense"]
        case .section(let s): ["sections", s.part("section")]
        case .item(let s, let item): ["sections", s.part("section"), item.part("itemID")]
        case .deleteItem(let s, let item): ["sections", s.part("section"), item.part("itemID"), "delete"]
        case .files: ["files"]
        case .file(let id): ["files", id.part("fileID")]
        case .deleteFile(let id): ["files", id.part("fileID"), "delete"]
        case .print(let form): ["print", .literal(form.rawValue)]
        case .publicityNotice(let kind): ["print", "publicity-notice", kind.part("kind")]
        case .progress: ["progress"]
        case .transition(let t): ["progress", t.part("transition")]
        case .version(let n): ["versions", n.part("number")]
        case .unit(let page): ["unit"] + page.parts
        case .certificate: ["certificate"]
        case .admission: ["admission"]
        case .integrityFlag: ["integrity-flag"]
        }
    }
}

extension SiteURL.UnitPage {
    var parts: [SiteURL.Part] {
        switch self {
        case .overview: []
        case .panel: ["panel"]
        case .ratings: ["ratings"]
        case .opinion: ["opinion"]
        case .commitment: ["commitment"]
        case .publicity(let kind): ["publicity", kind.part("kind")]
        case .objection(let kind): ["objection", kind.part("kind")]
        case .resolveObjection(let kind, let index): ["objection", kind.part("kind"), index.part("index"), "resolve"]
        }
    }
}

extension SiteURL.Intake {
    var parts: [SiteURL.Part] {
        switch self {
        case .office: []
        case .days: ["days"]
        case .checkIn(let id): ["bookings", id.part("bookingID"), "check-in"]
        case .book: ["book"]
        case .cancel(let id): ["bookings", id.part("bookingID"), "cancel"]
        case .accept(let booking, let app): ["bookings", booking.part("bookingID"), "applications", app.part("appID"), "accept"]
        case .giveBack(let booking, let app): ["bookings", booking.part("bookingID"), "applications", app.part("appID"), "return"]
        case .originalsReturned(let item): ["items", item.part("itemID"), "originals-returned"]
        }
    }
}

extension SiteURL.Fees {
    var parts: [SiteURL.Part] {
        switch self {
        case .list: []
        case .export: ["export"]
        case .pay(let id): [id.part("appID"), "pay"]
        case .correct(let id): [id.part("appID"), "correct"]
        }
    }
}

extension SiteURL.Committee {
    var parts: [SiteURL.Part] {
        switch self {
        case .home: []
        case .experts: ["experts"]
        case .expert(let id, let action): ["experts", id.part("expertID"), .literal(action.rawValue)]
        case .conflicts: ["conflicts"]
        case .panels: ["panels"]
        case .panel(let id, let action): ["panels", id.part("panelID")] + (action.map { [.literal($0.rawValue)] } ?? [])
        case .quantitative: ["quantitative"]
        case .quantitativeTable: ["quantitative", "table"]
        case .quantitativeScores(let id): ["quantitative", id.part("appID")]
        case .rankings: ["rankings"]
        case .rankingsCSV: ["rankings.csv"]
        case .meetings: ["meetings"]
        case .meeting(let id, let page): ["meetings", id.part("meetingID")] + (page.map { [.literal($0.rawValue)] } ?? [])
        case .committees: ["committees"]
        case .referrals: ["quantitative", "referrals"]
        case .caseDecision(let id): ["results", "cases", id.part("caseID"), "decision"]
        case .results: ["results"]
        case .resultsPublicity: ["results", "publicity"]
        case .resultsCases: ["results", "cases"]
        case .resolveCase(let id): ["results", "cases", id.part("caseID"), "resolve"]
        case .issueCertificates: ["results", "certificates"]
        case .certificate(let id): ["certificates", id.part("certID")]
        case .questions: ["questions"]
        case .disableQuestion(let id): ["questions", id.part("questionID"), "disable"]
        case .integrity: ["integrity"]
        case .integrityCancel: ["integrity", "cancel"]
        case .dismissFlag(let id): ["integrity", "flags", id.part("flagID"), "dismiss"]
        case .exports: ["exports"]
        case .platformExport: ["exports", "platform.json"]
        case .export(let kind): ["exports", kind.part("kind")]
        case .similarity: ["similarity"]
        case .similarityJobs: ["similarity", "jobs"]
        case .similarityReport(let id): ["similarity", id.part("appID")]
        case .similarityExternal(let id): ["similarity", id.part("appID"), "external"]
        case .similarityDecision(let id): ["similarity", id.part("appID"), "decision"]
        }
    }
}

extension SiteURL.Expert {
    var parts: [SiteURL.Part] {
        switch self {
        case .panels: ["panels"]
        case .panel(let id): ["panels", id.part("panelID")]
        case .score(let panel, let app): ["panels", panel.part("panelID"), "scores", app.part("appID")]
        case .closePanel(let panel): ["panels", panel.part("panelID"), "close"]
        case .questions(let panel, let app): ["panels", panel.part("panelID"), "questions", app.part("appID")]
        case .materialFile(let panel, let app, let file):
            ["panels", panel.part("panelID"), "material", app.part("appID"), "files", file.part("fileID")]
        case .flag(let panel, let app): ["panels", panel.part("panelID"), "flags", app.part("appID")]
        case .conflicts: ["conflicts"]
        case .meeting(let id): ["meetings", id.part("meetingID")]
        case .ballot(let meeting, let app): ["meetings", meeting.part("meetingID"), "ballots", app.part("appID")]
        }
    }
}
