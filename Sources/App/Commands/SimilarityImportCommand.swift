import ArgumentParser
import Fluent
import Foundation
import Vapor

/// `title-review similarity import DIR|ZIP [--year 2021]`: stores a reference corpus
/// (earlier papers) in the database for the duplication check (七.1). All or nothing:
/// an unreadable document stops the import with exit 2 and one line naming it.
struct SimilarityImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a reference corpus (a folder or .zip of .txt, .pdf, .docx papers) for the duplication check.")

    @ArgumentParser.Argument(help: ArgumentHelp("A folder (its files) or a .zip archive (its file entries).", valueName: "DIR|ZIP"))
    var path: String

    @ArgumentParser.Option(name: .long, help: "The review year the documents belong to (e.g. 2021).")
    var year: Int?

    func run() async throws {
        if let year, !(1990...2100).contains(year) { try CommandIO.fail("--year: \(year) is not a review year (1990-2100)") }
        let documents: [CorpusImport.Document]
        do { documents = try CorpusImport.read(path) } catch { try CommandIO.fail(error.description) }
        let app = try await AppRunner.makeApp(arguments: ["title-review"])
        do {
            let count = try await Self.store(documents, year: year, on: app)
            try await app.asyncShutdown()
            print("imported \(count) documents\(year.map { " (year \($0))" } ?? "")")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Stores the documents with one audit record, in one transaction.
    static func store(_ documents: [CorpusImport.Document], year: Int?, on app: Application) async throws -> Int {
        try await app.transaction { db in
            for d in documents {
                try await PaperText(source: .corpus, applicationID: nil, storedFileID: nil, year: year, name: d.name,
                                    text: d.text, characters: d.characters, error: nil).create(on: db)
            }
            try await AuditLog.append(AuditEntry(actorID: nil, actorName: "system", role: nil, action: "similarity.import",
                                                 ip: nil, detail: "\(documents.count) documents year \(year.map(String.init) ?? "-")"), on: db)
            return documents.count
        }
    }
}

/// `title-review similarity run-jobs`: runs the queued duplication-check jobs (and
/// ones whose worker died) in this process, then exits -- for an instance that does
/// not serve pages, or a cron job.
struct SimilarityRunJobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-jobs",
        abstract: "Run the queued duplication-check jobs, then exit.")

    func run() async throws {
        let app = try await AppRunner.makeApp(arguments: ["title-review"])
        do {
            let worker = SimilarityWorker(app: app)
            var count = 0
            while try await worker.step() { count += 1 }
            try await app.asyncShutdown()
            print("ran \(count) jobs")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
