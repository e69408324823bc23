import Foundation
import Testing

/// Issue 18, item 2: one shape for every page. Controllers decode, authorize, fire
/// transitions and pick a page; every page is built under `Sources/App/Views`. A
/// controller that imports Plot is building HTML itself, so the check reads the
/// package's own source tree (found from this file's path) and fails on any such file.
@Suite struct PageShapeTests {
    /// `Sources/App` of this package: three folders up from this file is `Tests`' parent.
    static let appSources: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/App")

    static func swiftFiles(under folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    /// True when a line of the file imports Plot (`import Plot`, `@testable import Plot`,
    /// `import struct Plot.HTML`, ...).
    static func importsPlot(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).contains { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let at = words.firstIndex(of: "import") else { return false }
            // Everything after the keyword (and an optional kind such as `struct`) names the module.
            return words[(at + 1)...].contains { $0 == "Plot" || $0.hasPrefix("Plot.") }
        }
    }

    @Test func noControllerImportsPlot() throws {
        let controllers = Self.appSources.appendingPathComponent("Controllers")
        let files = try Self.swiftFiles(under: controllers)
        // The tree was found: an empty list would pass for the wrong reason.
        #expect(files.count > 20, "\(controllers.path)")
        let offenders = try files.filter { Self.importsPlot(try String(contentsOf: $0, encoding: .utf8)) }
            .map { $0.path.replacingOccurrences(of: Self.appSources.path + "/", with: "") }.sorted()
        #expect(offenders.isEmpty, "build these pages under Sources/App/Views: \(offenders)")
    }

    @Test func theCheckSeesAnImport() {
        #expect(Self.importsPlot("import Domain\nimport Plot\nimport Vapor"))
        #expect(Self.importsPlot("import struct Plot.HTML"))
        #expect(!Self.importsPlot("import Domain\n// Plot pages live in Views\nimport Vapor"))
        #expect(!Self.importsPlot("import PlotExtras"))
    }

    /// Types declared in a file whose name ends in `Builder` (`struct IntakePageBuilder`,
    /// `final class XBuilder<T>`, ...), by name. Only declarations count: a use such as
    /// `any RoutesBuilder` does not.
    static func builderTypes(_ text: String) -> [String] {
        let pattern = #"(?m)^\s*(?:(?:public|internal|fileprivate|private|final|indirect)\s+)*(?:struct|class|enum|actor|protocol|typealias)\s+([A-Za-z_][A-Za-z0-9_]*Builder)\b"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    }

    /// The queue's builder is being folded into `ReviewQueuePage` together with the queue's
    /// speed work (issue 18, item 1, the lead's part); remove it here when that lands.
    static let buildersBeingFolded: Set<String> = []

    /// A page's queries live in its `static func load(...)` (reusable ones on the models), not
    /// in a separate `*Builder` beside it: the old shape must not come back.
    @Test func noBuilderTypesBesideThePages() throws {
        let files = try Self.swiftFiles(under: Self.appSources)
        #expect(files.count > 100, "\(Self.appSources.path)")
        var found: [String] = []
        for file in files {
            let name = file.path.replacingOccurrences(of: Self.appSources.path + "/", with: "")
            found += Self.builderTypes(try String(contentsOf: file, encoding: .utf8)).map { "\($0) (\(name))" }
        }
        let offenders = found.filter { entry in !Self.buildersBeingFolded.contains { entry.hasPrefix($0 + " ") } }.sorted()
        #expect(offenders.isEmpty, "fold these into their pages' static func load(...): \(offenders)")
    }

    @Test func theCheckSeesABuilder() {
        #expect(Self.builderTypes("import Vapor\nstruct IntakePageBuilder {\n}") == ["IntakePageBuilder"])
        #expect(Self.builderTypes("  final class QueueBuilder: Sendable {}") == ["QueueBuilder"])
        #expect(Self.builderTypes("func boot(routes: any RoutesBuilder) throws {}\n// a SummaryTableBuilder once lived here").isEmpty)
        #expect(Self.builderTypes("struct BuilderOfThings {}").isEmpty)
    }

    // MARK: - Pages in area folders (Views/<Area>/<Name>Page.swift)

    /// Swift files lying directly in `folder`, not in one of its subfolders, by name.
    static func looseSwiftFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }.map(\.lastPathComponent).sorted()
    }

    /// Every page (and the pieces the pages share, under `Views/Shared`) lies in the folder
    /// of its area: a page file directly in `Views/` is in no area.
    @Test func everyViewFileLiesInAnAreaFolder() throws {
        let views = Self.appSources.appendingPathComponent("Views")
        // The tree was found: the areas' pages are there.
        #expect(try Self.swiftFiles(under: views).count > 50, "\(views.path)")
        let loose = try Self.looseSwiftFiles(in: views)
        #expect(loose.isEmpty, "move these into an area folder under Sources/App/Views (Applicant, Unit, Review, Admin, Account, Public, Print, Shared, ...): \(loose)")
    }

    @Test func theCheckSeesALooseFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("views-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Applicant"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "".write(to: folder.appendingPathComponent("Applicant/FeesPage.swift"), atomically: true, encoding: .utf8)
        #expect(try Self.looseSwiftFiles(in: folder).isEmpty)
        try "".write(to: folder.appendingPathComponent("NewPage.swift"), atomically: true, encoding: .utf8)
        #expect(try Self.looseSwiftFiles(in: folder) == ["NewPage.swift"])
    }

    // MARK: - A page's reads live in its load

    /// A database read as it is written in this code base: a query, a lookup by id, a parent
    /// fetched, a snapshot or a store loaded.
    static let databaseRead = try! NSRegularExpression(pattern: #"\.query\(on:|\.find\(|\.get\(on:|Snapshot\.load\(|Store\.load\("#)
    /// A page built by its memberwise initializer (`FeesPage(`), not by its `load` (`FeesPage.load(`).
    static let pageInitializer = try! NSRegularExpression(pattern: #"\b[A-Z][A-Za-z0-9]*Page\("#)

    static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The functions of a source text by name, each body without the functions nested in it
    /// (a nested function is listed on its own). Braces are counted; the controllers hold no
    /// brace inside a string that would unbalance them, and a miscount would show in
    /// `theReadCheckSeesAPageBuiltInAController`.
    static func functionBodies(_ text: String) -> [String: String] {
        let chars = Array(text.unicodeScalars)
        let declaration = try! NSRegularExpression(pattern: #"\bfunc\s+([A-Za-z_][A-Za-z0-9_]*)"#)
        let ns = text as NSString
        var spans: [(name: String, open: Int, close: Int)] = []
        for match in declaration.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: match.range(at: 1))
            // Scalar offsets: the Chinese in the sources makes UTF-16 and scalar offsets differ.
            let prefix = ns.substring(to: match.range.location + match.range.length)
            var i = prefix.unicodeScalars.count
            while i < chars.count, chars[i] != "{" { i += 1 }
            var depth = 0, j = i
            while j < chars.count {
                if chars[j] == "{" { depth += 1 } else if chars[j] == "}" { depth -= 1; if depth == 0 { break } }
                j += 1
            }
            if j < chars.count { spans.append((name, i, j)) }
        }
        var bodies: [String: String] = [:]
        for span in spans {
            var kept = ""
            var k = span.open
            for nested in spans.filter({ $0.open > span.open && $0.close < span.close }).sorted(by: { $0.open < $1.open }) where nested.open >= k {
                kept.unicodeScalars.append(contentsOf: chars[k..<nested.open])
                k = nested.close + 1
            }
            kept.unicodeScalars.append(contentsOf: chars[k...span.close])
            bodies[span.name, default: ""] += kept
        }
        return bodies
    }

    /// True when `body` calls the function `name` of its own type (`name(`, `self.name(`,
    /// `Self.name(`), not a member of something else (`FeesPage.load(` is not `load(`).
    static func calls(_ body: String, _ name: String) -> Bool {
        matches(try! NSRegularExpression(pattern: #"(?<![.\w])"# + name + #"\(|\b(?:self|Self)\."# + name + #"\("#), body)
    }

    /// The functions of one controller (its files `X.swift`, `X+Part.swift` together) that a
    /// GET route reaches, directly or through the controller's own helpers, and that build a
    /// page by its initializer while reading the database themselves or through those helpers:
    /// the reads a page's `static func load` should run. A POST handler that renders the form
    /// again after a refusal goes through the page's `load` and is not looked at; nor is a
    /// lookup of the object the URL names (`req.application(for:)`, `DefensePanel.find`) before
    /// `XPage.load(...)`, which is decoding and authorizing.
    static func pagesBuiltAfterReads(_ source: String) -> [String] {
        let bodies = functionBodies(source)
        let getRoute = try! NSRegularExpression(pattern: #"routes\.get\([^\n]*?use:\s*([A-Za-z_][A-Za-z0-9_]*)\)"#)
        let ns = source as NSString
        let handlers = Set(getRoute.matches(in: source, range: NSRange(location: 0, length: ns.length))
            .map { ns.substring(with: $0.range(at: 1)) }).filter { bodies[$0] != nil }
        func closure(_ start: Set<String>, _ step: (String, String) -> Bool) -> Set<String> {
            var set = start, changed = true
            while changed {
                changed = false
                for (name, _) in bodies where !set.contains(name) && set.contains(where: { step(name, $0) }) {
                    set.insert(name); changed = true
                }
            }
            return set
        }
        // Functions that read, or call one of their own that does.
        let reads = closure(Set(bodies.filter { matches(databaseRead, $0.value) }.keys)) { name, reader in
            name != reader && calls(bodies[name]!, reader)
        }
        // Functions a GET route reaches.
        let reached = closure(handlers) { name, caller in name != caller && calls(bodies[caller]!, name) }
        return reached.filter { reads.contains($0) && matches(pageInitializer, bodies[$0]!) }.sorted()
    }

    @Test func noControllerReadsForThePageItShows() throws {
        let controllers = Self.appSources.appendingPathComponent("Controllers")
        let files = try Self.swiftFiles(under: controllers)
        #expect(files.count > 20, "\(controllers.path)")
        // One controller's files together: FilesController.swift and FilesController+Upload.swift.
        var sources: [String: String] = [:]
        for file in files {
            let name = String(file.deletingPathExtension().lastPathComponent.split(separator: "+")[0])
            sources[name, default: ""] += try String(contentsOf: file, encoding: .utf8) + "\n"
        }
        let offenders = sources.flatMap { name, source in Self.pagesBuiltAfterReads(source).map { "\(name).\($0)" } }.sorted()
        #expect(offenders.isEmpty, "move these reads into the page's static func load(...) (reusable queries onto the models): \(offenders)")
    }

    @Test func theReadCheckSeesAPageBuiltInAController() {
        // The shapes this check was written against (issue 18, item 2): the read in the handler,
        // in a helper the handler calls, or in a helper of a helper.
        let direct = #"""
        struct NotificationsController: RouteCollection {
            func boot(routes: any RoutesBuilder) throws {
                routes.get(.notifications, use: list).requires(.viewNotifications)
                routes.post(.notificationsRead, use: markRead).requires(.viewNotifications)
            }
            @Sendable func list(req: Request) async throws -> Response {
                let items = try await UserNotification.query(on: req.db).all()
                return NotificationsPage(chrome: PageChrome(req: req, title: "通知"), rows: items.map { .init($0) }).render().response()
            }
            @Sendable func markRead(req: Request) async throws -> Response {
                try await UserNotification.query(on: req.db).set(\.$readAt, to: Date()).update()
                return ChangePasswordPage(chrome: PageChrome(req: req, title: "x")).render().response()
            }
        }
        """#
        #expect(Self.pagesBuiltAfterReads(direct) == ["list"])
        let helper = #"""
        struct FeesController: RouteCollection {
            func boot(routes: any RoutesBuilder) throws {
                routes.get(.fees(.list), use: list).requires(.manageFees)
            }
            private func rows(_ req: Request) async throws -> [Row] {
                let paid = try await FeePayment.query(on: req.db).all()
                func due(_ app: ApplicationRecord) -> Int { 1 }
                return paid.map { Row($0) }
            }
            private func collected(_ req: Request) async throws -> [Row] { try await rows(req) }
            @Sendable func list(req: Request) async throws -> Response { try await page(req, error: nil) }
            private func page(_ req: Request, error: String?) async throws -> Response {
                let rows = try await self.collected(req)
                return FeesPage(chrome: PageChrome(req: req, title: "评审费"), rows: rows, error: error).render().response()
            }
        }
        """#
        #expect(Self.pagesBuiltAfterReads(helper) == ["page"])
        // The shape wanted: the handler names the object and lets the page load itself.
        let loads = #"""
        struct FeesController: RouteCollection {
            func boot(routes: any RoutesBuilder) throws {
                routes.get(.fees(.list), use: list).requires(.manageFees)
                routes.get(.panel(.pattern), use: show).requires(.manageCommittee)
            }
            private func load(_ req: Request) async throws -> Organization { try await Organization.find(id, on: req.db)! }
            @Sendable func list(req: Request) async throws -> Response { try await FeesPage.load(req).render().response() }
            @Sendable func show(req: Request) async throws -> Response {
                guard let panel = try await DefensePanel.find(id, on: req.db) else { throw PageError.notFound }
                return try await PanelPage.load(req, panel).render().response()
            }
        }
        """#
        #expect(Self.pagesBuiltAfterReads(loads).isEmpty)
    }
}

