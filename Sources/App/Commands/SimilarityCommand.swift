import ArgumentParser
import DocumentReading
import Domain
import Foundation
import Similarity

/// `title-review similarity check PAPER --corpus DIR [--exclude NAME]... [--threshold 0.25] [--min-passage 13]`
/// (shared/contracts/cli.md, "Paper duplication check"; notice 七.1).
public struct SimilarityCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "similarity",
        abstract: "Paper duplication check (送审论文查重).",
        subcommands: [SimilarityCheckCommand.self, SimilarityImportCommand.self, SimilarityRunJobsCommand.self])

    public init() {}
}

/// Checks one paper against every document of a folder and prints the contract's
/// JSON report. The folder is indexed once per run (winnowed fingerprints), then the
/// paper's passages of at least --min-passage normalized characters found, to the
/// letter, in a document are counted as copied. Exits 0 whatever the ratio; a file
/// that cannot be read exits 2 with one line naming it and the reason.
public struct SimilarityCheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a paper against a folder of documents and print the copy ratio as JSON.",
        discussion: """
            PAPER and the documents in DIR are .txt (UTF-8 or GB18030), .pdf (read with poppler's \
            pdftotext) or .docx files. Files in DIR whose names start with "." and sub-folders are \
            ignored; PAPER itself is never compared with itself when it lies in DIR. Characters are \
            counted after normalization (white space and punctuation dropped, full-width letters and \
            digits folded, Latin letters lower-cased); the reference list (from the 参考文献 or \
            References heading on) is left out of the paper and the documents unless --keep-references.
            """)

    @Argument(help: ArgumentHelp("The paper to check (.txt, .pdf or .docx).", valueName: "PAPER"))
    public var paper: String

    @Option(name: .long, help: ArgumentHelp("The folder of comparison documents.", valueName: "DIR"))
    public var corpus: String

    @Option(name: .long, help: ArgumentHelp(
        "A document of DIR to leave out (the applicant's own earlier paper); repeatable.", valueName: "NAME"))
    public var exclude: [String] = []

    @Option(name: .long, help: "The copy ratio above which the paper exceeds the limit (default: the policy's copyRatioLimit, 0.25).")
    public var threshold: Double?

    @Option(name: .customLong("min-passage"), help: "The shortest passage, in normalized characters, that counts as copied.")
    public var minPassage: Int = 13

    @Flag(name: .customLong("keep-references"), help: "Count the reference lists too.")
    public var keepReferences = false

    @Option(name: .long, help: "The policy bundle whose copyRatioLimit is the default threshold.")
    public var policy = "changzhi-2022"

    public init() {}

    public func run() throws {
        let limit: Double
        if let threshold {
            guard threshold.isFinite, threshold >= 0, threshold <= 1 else {
                try CommandIO.fail("--threshold: \(threshold) is not a ratio between 0 and 1")
            }
            limit = threshold
        } else {
            let loaded: Policy
            do { loaded = try Policy.load(id: policy) } catch { try CommandIO.fail("--policy: \(error.detail)") }
            switch loaded.parameter("copyRatioLimit")?.value {
            case .decimal(let value)?: limit = value
            case .integer(let value)?: limit = Double(value)
            default: try CommandIO.fail("--policy: \(policy) has no numeric parameter copyRatioLimit")
            }
        }
        guard minPassage >= 1 else { try CommandIO.fail("--min-passage: \(minPassage) must be at least 1") }

        let paperURL = URL(fileURLWithPath: paper)
        let documents: [(url: URL, name: String)]
        do { documents = try Self.corpusDocuments(in: corpus, paper: paperURL) } catch { try CommandIO.fail(error.message) }
        let names = Set(documents.map(\.url.lastPathComponent))
        var excluded = Set<String>()
        for name in exclude {
            let matching = Self.documents(matching: name, in: names)
            guard !matching.isEmpty else { try CommandIO.fail("--exclude: no document \"\(name)\" in \(corpus)") }
            excluded.formUnion(matching)
        }

        let paperCharacters: [UInt32]
        do {
            paperCharacters = Normalizer.paperCharacters(try Self.extract(paperURL, name: paper),
                                                         keepReferences: keepReferences)
        } catch {
            try CommandIO.fail("PAPER: \(error.description)")
        }

        let index: SimilarityIndex
        do {
            index = try Self.buildIndex(documents.filter { !excluded.contains($0.url.lastPathComponent) },
                                        minimumPassage: minPassage, keepReferences: keepReferences)
        } catch {
            try CommandIO.fail("--corpus: \(error)")
        }
        let coverage: Coverage
        do { coverage = try index.check(paperCharacters, minimumPassage: minPassage) } catch {
            try CommandIO.fail("--min-passage: \(error.description)")
        }
        // Written in pieces: with --min-passage 1 the report can list millions of matches.
        CoverageReport(coverage, threshold: limit).writeJSON { FileHandle.standardOutput.write(Data($0)) }
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    struct CorpusError: Error { let message: String }

    /// The documents of `directory`, sorted by name: regular files not starting with
    /// ".", the paper itself left out (a paper compared with itself is all copied).
    static func corpusDocuments(in directory: String, paper: URL) throws(CorpusError) -> [(url: URL, name: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CorpusError(message: "--corpus: \"\(directory)\" is not a folder")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw CorpusError(message: "--corpus: cannot list \"\(directory)\"")
        }
        let paperPath = paper.resolvingSymlinksInPath().standardizedFileURL.path
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        let shown = directory.hasSuffix("/") ? directory : directory + "/"
        return names.sorted().compactMap { name -> (url: URL, name: String)? in
            guard !name.hasPrefix(".") else { return nil }
            let url = base.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
            if url.resolvingSymlinksInPath().standardizedFileURL.path == paperPath { return nil }
            return (url, shown + name)
        }
    }

    /// The corpus names an --exclude value means: the file name itself, a path ending
    /// in it, or the name without its extension.
    static func documents(matching value: String, in names: Set<String>) -> Set<String> {
        let last = URL(fileURLWithPath: value).lastPathComponent
        if names.contains(last) { return [last] }
        return names.filter { ($0 as NSString).deletingPathExtension == last }
    }

    /// Reads, normalizes and indexes the documents: reading runs on all cores in
    /// batches (pdftotext is a child process per file), adding to the index in order.
    static func buildIndex(_ documents: [(url: URL, name: String)], minimumPassage: Int,
                           keepReferences: Bool) throws -> SimilarityIndex {
        var builder = SimilarityIndexBuilder(parameters: WinnowingParameters(minimumPassage: minimumPassage))
        let batchSize = 64
        var first = 0
        while first < documents.count {
            let batch = Array(documents[first..<min(documents.count, first + batchSize)])
            let slots = Slots(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { i in
                do throws(DocumentTextError) {
                    let text = try extract(batch[i].url, name: batch[i].name)
                    slots.set(i, .success(Normalizer.paperCharacters(text, keepReferences: keepReferences)))
                } catch {
                    slots.set(i, .failure(error))
                }
            }
            for (i, result) in slots.results.enumerated() {
                switch result {
                case .success(let characters)?: try builder.add(name: batch[i].url.lastPathComponent, normalized: characters)
                case .failure(let error)?: throw error
                case nil: break
                }
            }
            first += batchSize
        }
        return (consume builder).build()
    }

    /// The text of a file, errors naming it as the user wrote it.
    static func extract(_ url: URL, name: String) throws(DocumentTextError) -> String {
        guard let kind = DocumentText.Kind(fileExtension: url.pathExtension) else {
            throw DocumentTextError(file: name, reason: .unsupportedType(url.pathExtension.lowercased()))
        }
        return try DocumentText.extract(fileAt: url, kind: kind, name: name)
    }

    /// One result per document, each written by exactly one concurrent iteration.
    final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var results: [Result<[UInt32], DocumentTextError>?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: Result<[UInt32], DocumentTextError>) {
            lock.lock(); results[i] = value; lock.unlock()
        }
    }

}
