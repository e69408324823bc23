import Domain
import Foundation
import Vapor

/// Every address of the site, typed (issue 8, item 4). A controller registers
/// its routes from these values and pages link to the same values, so a route
/// and the links to it cannot disagree: renaming a path changes both, and a link
/// to a route that does not exist does not compile.
///
/// Each address is described once, as a list of `Part`s; `path` (for links,
/// parameters filled in and percent-escaped) and `pathComponents` (for
/// registration, parameters as `:name`) are both read from that list. A
/// parameter is `.pattern` when registering and `.value(x)` when linking.
/// `SiteURLTests` checks that every registered route is one of these.
enum SiteURL: Sendable {
    /// 首页 (public).
    case home
    case health
    case login
    case logout
    case register
    /// 评审条件 and the quick check.
    case conditions
    case conditionsCheck
    /// 工作台: the signed-in home of every role.
    case workbench
    case notifications
    case notificationsRead
    case changePassword
    /// 机构名录 for the reviewing bodies.
    case organizationDirectory
    case admin(Admin)
    case department(Department)
    /// The applicant's own declarations (GET), and starting one (POST).
    case applications
    /// 收到的申报: the employer's and reviewing bodies' list.
    case receivedApplications
    /// One declaration and everything hanging off it.
    case application(Param<UUID>, ApplicationPage)
    case intake(Intake)
    case calendar
    /// 年度政策: the office's uploaded bundles, and one compared with the year in use.
    case policies
    case policyDiff(Param<String>)
    /// 试运行: the stored bundle's eligibility over the year's declarations, and the activation form.
    case policyRehearsal(Param<String>)
    case policyActivate(Param<String>)
    case fees(Fees)
    /// 待我办理 and the batch approval.
    case reviews
    case approveReviews
    /// 汇总表 and its download.
    case summary
    /// The notice's form of it, printed on A4 landscape.
    case summaryPrint
    case summaryExport
    /// 补正申报: the committee office reopens declarations.
    case reopenings
    case committee(Committee)
    case expert(Expert)
    /// 演示日期: the office moves the demo's clock forward (demo only; 404 elsewhere).
    case demoClock
    /// The public list of results, and certificate verification.
    case results
    case verify
    case verifyCode(Param<String>)
    /// 审核确认 (the city HR bureau): the result publicities' lists, and confirming one.
    case resultsConfirmation
    case confirmResults(Param<UUID>)

    enum Admin: Sendable {
        case organizations
        case newOrganization
        /// GET shows nothing here; POST saves an edit.
        case organization(Param<UUID>)
        case editOrganization(Param<UUID>)
        case deactivateOrganization(Param<UUID>)
        case activateOrganization(Param<UUID>)
        case accounts
        case newAccount
        case account(Param<UUID>, AccountAction)
        case audit
    }

    /// What may be done to one account (the department: all but unlock).
    enum AccountAction: String, Sendable {
        case disable, enable, unlock
        case resetPassword = "reset-password"
    }

    enum Department: Sendable {
        case clerks
        case newClerk
        case clerk(Param<UUID>, AccountAction)
    }

    enum ApplicationPage: Sendable {
        case overview
        case basics, report, commitment, submit, withdraw, defense
        case section(Param<DeclarationSection>)
        case item(Param<DeclarationSection>, Param<UUID>)
        case deleteItem(Param<DeclarationSection>, Param<UUID>)
        case files
        case file(Param<UUID>)
        case deleteFile(Param<UUID>)
        case print(PrintForm)
        case publicityNotice(Param<PublicityKind>)
        /// 办理进度, and a workflow step taken from it.
        case progress
        case transition(Param<ApplicationTransition>)
        /// The declaration as submitted the n-th time.
        case version(Param<Int>)
        /// 单位评议推荐: the employer's part.
        case unit(UnitPage)
        case certificate, admission
        /// 举报材料不实 (十（二）).
        case integrityFlag
    }

    /// The printable forms under `/applications/:appID/print/`.
    enum PrintForm: String, Sendable {
        case dossier
        case evaluationForm = "evaluation-form"
        case reviewForm = "review-form"
        case recommendation
        case publicitySummary = "publicity-summary"
    }

    enum UnitPage: Sendable {
        case overview
        case panel, ratings, opinion, commitment
        case publicity(Param<PublicityKind>)
        case objection(Param<PublicityKind>)
        case resolveObjection(Param<PublicityKind>, Param<Int>)
    }

    enum Intake: Sendable {
        /// The committee office's page of intake days.
        case office
        case days
        case checkIn(Param<UUID>)
        /// Booking by units and reporting bodies.
        case book
        case cancel(Param<UUID>)
        /// The office accepts or returns one application of a checked-in booking.
        case accept(Param<UUID>, Param<UUID>)
        case giveBack(Param<UUID>, Param<UUID>)
        /// 原件退回: the originals handed back after the review.
        case originalsReturned(Param<UUID>)
    }

    enum Fees: Sendable {
        case list
        case export
        case pay(Param<UUID>)
        /// 更正 a recorded payment, with its reason (issue 17 item 5).
        case correct(Param<UUID>)
    }

    enum Committee: Sendable {
        case home
        case experts
        case expert(Param<UUID>, ExpertAction)
        case conflicts
        case panels
        case panel(Param<UUID>, PanelAction?)
        case quantitative
        case quantitativeTable
        case quantitativeScores(Param<UUID>)
        case rankings
        case rankingsCSV
        case meetings
        case meeting(Param<UUID>, MeetingPage?)
        /// 评委会组成: the year's 中级评委会 and 初级评委会 and their members.
        case committees
        /// 提交初级评委会评议: referring scored juniors to the vote.
        case referrals
        /// 复查/投诉 decision: the outcome and, for a re-review, what is re-done.
        case caseDecision(Param<UUID>)
        case results
        case resultsPublicity
        case resultsCases
        case resolveCase(Param<UUID>)
        case issueCertificates
        case certificate(Param<UUID>)
        case questions
        case disableQuestion(Param<UUID>)
        case integrity
        case integrityCancel
        case dismissFlag(Param<UUID>)
        case exports
        case platformExport
        case export(Param<String>)
        case similarity
        case similarityJobs
        case similarityReport(Param<UUID>)
        case similarityExternal(Param<UUID>)
        case similarityDecision(Param<UUID>)
    }

    enum ExpertAction: String, Sendable { case disable, enable, renew }
    enum PanelAction: String, Sendable { case swap, schedule, reopen }
    enum MeetingPage: String, Sendable { case attendance, start, ballots, close, minutes }

    /// The expert's own pages.
    enum Expert: Sendable {
        case panels
        case panel(Param<UUID>)
        case score(panel: Param<UUID>, application: Param<UUID>)
        case closePanel(Param<UUID>)
        case questions(panel: Param<UUID>, application: Param<UUID>)
        case materialFile(panel: Param<UUID>, application: Param<UUID>, file: Param<UUID>)
        case flag(panel: Param<UUID>, application: Param<UUID>)
        case conflicts
        case meeting(Param<UUID>)
        case ballot(meeting: Param<UUID>, application: Param<UUID>)
    }

    // MARK: - The one description of each address

    /// One path segment: fixed text, or a named parameter with its value (nil in a pattern).
    enum Part: Equatable, Sendable {
        case literal(String)
        case parameter(name: String, value: String?)
    }

    var parts: [Part] {
        switch self {
        case .home: []
        case .health: ["healthz"]
        case .login: ["login"]
        case .logout: ["logout"]
        case .register: ["register"]
        case .conditions: ["conditions"]
        case .conditionsCheck: ["conditions", "check"]
        case .workbench: ["home"]
        case .notifications: ["notifications"]
        case .notificationsRead: ["notifications", "read"]
        case .changePassword: ["account", "password"]
        case .organizationDirectory: ["organizations"]
        case .admin(let page): ["admin"] + page.parts
        case .department(let page): ["department", "clerks"] + page.parts
        case .applications: ["applications"]
        case .receivedApplications: ["applications", "received"]
        case .application(let id, let page): ["applications", id.part("appID")] + page.parts
        case .intake(let page): ["intake"] + page.parts
        case .calendar: ["calendar"]
        case .policies: ["policies"]
        case .policyDiff(let id): ["policies", id.part("policyID"), "diff"]
        case .policyRehearsal(let id): ["policies", id.part("policyID"), "rehearsal"]
        case .policyActivate(let id): ["policies", id.part("policyID"), "activate"]
        case .fees(let page): ["fees"] + page.parts
        case .reviews: ["reviews"]
        case .approveReviews: ["reviews", "approve"]
        case .summary: ["summary"]
        case .summaryPrint: ["summary", "print"]
        case .summaryExport: ["summary", "export"]
        case .reopenings: ["office", "reopenings"]
        case .committee(let page): ["committee"] + page.parts
        case .demoClock: ["demo", "clock"]
        case .expert(let page): ["expert"] + page.parts
        case .results: ["results"]
        case .verify: ["verify"]
        case .verifyCode(let code): ["verify", code.part("code")]
        case .resultsConfirmation: ["results", "confirmation"]
        case .confirmResults(let id): ["results", "confirmation", id.part("publicityID")]
        }
    }

    /// The address for a link, a form's action or a redirect: parameters filled
    /// in, each segment percent-escaped.
    var path: String {
        "/" + parts.map { part -> String in
            switch part {
            case .literal(let text):
                return Self.escaped(text)
            case .parameter(_, let value?):
                return Self.escaped(value)
            case .parameter(let name, nil):
                // A pattern has no address to link to: a programming error, loud in tests.
                assertionFailure("SiteURL.path of a pattern (\(name) has no value): \(self)")
                return ":" + name
            }
        }.joined(separator: "/")
    }

    /// `path` with a query string (`?notice=created`, names and values escaped)
    /// and a fragment (`#slot-…`, for a part of the page).
    func path(query: KeyValuePairs<String, String> = [:], fragment: String? = nil) -> String {
        var text = path
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.escaped($0.key))=\(Self.escaped($0.value))" }.joined(separator: "&")
        }
        if let fragment { text += "#" + fragment }
        return text
    }

    /// The route's components for registration: parameters as `:name`.
    var pathComponents: [PathComponent] {
        parts.map { part in
            switch part {
            case .literal(let text): .constant(text)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }

    /// Unreserved characters only (RFC 3986): a value never adds a segment, a
    /// query parameter or a fragment, whatever it contains. Every other byte of the
    /// UTF-8 text as `%XX` (upper-case hex, as Foundation writes it). On the bytes,
    /// without Foundation's CharacterSet: a list page builds a link per row, and
    /// `addingPercentEncoding` was a twentieth of the queue's time (issue 18).
    static func escaped(_ text: String) -> String {
        func unreserved(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"): true
            default: false
            }
        }
        let bytes = text.utf8
        guard !bytes.allSatisfy(unreserved) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for byte in bytes {
            if unreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%")); out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
