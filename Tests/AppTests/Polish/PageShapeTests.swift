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
}
