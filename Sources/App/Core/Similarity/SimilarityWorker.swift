import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Similarity
import SQLKit
import Vapor

/// Runs the duplication check's jobs (七.1). `step()` claims one job -- a queued one,
/// or one left `running` whose lease has run out (its process died) -- and runs it:
/// the index is built over every stored text (this year's other papers, earlier
/// years', the imported corpus), then each accepted application's 送审论文 is checked,
/// progress and lease written after each one. Claiming is atomic: on PostgreSQL with
/// `FOR UPDATE SKIP LOCKED`, so several instances never run the same job; on SQLite
/// inside the single writer's transaction (`WriteGate`).
struct SimilarityWorker: Sendable {
    let app: Application
    /// Who holds a job (process and a random part), for the jobs page and the logs.
    let workerID: String
    /// How long a claim lasts without renewal; renewed after every application.
    static let lease: TimeInterval = 300

    init(app: Application, workerID: String? = nil) {
        self.app = app
        self.workerID = workerID ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    }

    private var now: Double { app.clock.now().timeIntervalSince1970 }

    /// Claims and runs one job; false when there is none to run.
    @discardableResult
    func step() async throws -> Bool {
        guard let jobID = try await claim() else { return false }
        do {
            try await run(jobID)
        } catch is CancellationError {
            // Shutting down: hand the job back for the next start.
            try? await update(jobID) { $0.state = SimilarityJob.State.queued.rawValue; $0.leaseUntil = nil; $0.claimedBy = nil }
            throw CancellationError()
        } catch {
            app.logger.error("similarity job \(jobID) failed: \(String(describing: error))")
            try? await update(jobID) {
                $0.state = SimilarityJob.State.failed.rawValue
                $0.error = "查重任务出错：\(String(describing: error).prefix(200))"
                $0.leaseUntil = nil
                $0.finishedAt = now
            }
        }
        return true
    }

    /// Takes the oldest runnable job, atomically.
    func claim() async throws -> UUID? {
        let at = now, until = now + Self.lease
        if let sql = app.db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            let row = try await sql.raw("""
                UPDATE similarity_jobs SET state = 'running', lease_until = \(bind: until), claimed_by = \(bind: workerID)
                WHERE id = (SELECT id FROM similarity_jobs
                            WHERE state = 'queued' OR (state = 'running' AND lease_until < \(bind: at))
                            ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id
                """).first()
            return try row?.decode(column: "id", as: UUID.self)
        }
        let worker = workerID
        return try await app.transaction { db in
            guard let job = try await SimilarityJob.query(on: db).group(.or, { or in
                or.filter(\.$state == SimilarityJob.State.queued.rawValue)
                or.group(.and) { and in
                    and.filter(\.$state == SimilarityJob.State.running.rawValue).filter(\.$leaseUntil < at)
                }
            }).sort(\.$requestedAt).first() else { return nil }
            job.state = SimilarityJob.State.running.rawValue
            job.leaseUntil = until
            job.claimedBy = worker
            try await job.update(on: db)
            return job.id
        }
    }

    private func update(_ id: UUID, _ change: @escaping @Sendable (SimilarityJob) -> Void) async throws {
        try await app.transaction { db in
            guard let job = try await SimilarityJob.find(id, on: db) else { return }
            change(job)
            try await job.update(on: db)
        }
    }

    /// A document of the index: its text id (the index's name) and its text.
    private struct Document: Sendable { var id: UUID; var text: String }

    private func run(_ jobID: UUID) async throws {
        let db = app.db
        guard let job = try await SimilarityJob.find(jobID, on: db) else { return }
        let year = job.year
        try await SimilarityResult.query(on: db).filter(\.$job.$id == jobID).delete()
        let applications = try await ApplicationRecord.query(on: db).filter(\.$year == year)
            .filter(\.$state ~~ SimilarityRecords.acceptedStates.map(\.rawValue)).sort(\.$submittedAt).all()
        let total = applications.count, until = now + Self.lease
        try await update(jobID) { $0.total = total; $0.done = 0; $0.leaseUntil = until }
        try await PaperTextExtraction.backfill(applications, app: app)

        // Every readable text: uploads whose file is still there (of this year and
        // before), and the imported corpus.
        let texts = try await PaperText.query(on: db).filter(\.$error == nil).sort(\.$createdAt).all()
        let fileIDs = texts.compactMap(\.storedFileID)
        let live = fileIDs.isEmpty ? Set<UUID>() : Set(try await StoredFile.query(on: db).filter(\.$id ~~ fileIDs).all().compactMap(\.id))
        let usable = texts.filter { t in
            guard !t.text.isEmpty else { return false }
            if t.source == PaperText.Source.corpus.rawValue { return true }
            return t.storedFileID.map(live.contains) == true && (t.year ?? year) <= year
        }
        let documents = usable.map { Document(id: $0.id!, text: $0.text) }
        let index = try await app.threadPool.runIfActive {
            var builder = SimilarityIndexBuilder()
            for d in documents { try builder.add(name: d.id.uuidString, text: d.text) }
            return builder.build()
        }
        var own: [UUID: [PaperText]] = [:]
        for t in usable { if let a = t.$application.id { own[a, default: []].append(t) } }

        for (i, application) in applications.enumerated() {
            try Task.checkCancellation()
            let appID = try application.requireID()
            let papers = own[appID] ?? []
            let result: SimilarityResult
            if let paper = papers.last {
                let excluded = Set(papers.flatMap { index.documents(named: $0.id!.uuidString) })
                let text = paper.text
                let coverage = try await app.threadPool.runIfActive {
                    try index.check(Normalizer.paperCharacters(text), excluding: excluded)
                }
                let sources = coverage.sources.compactMap { s -> SimilarityResult.Source? in
                    guard let id = UUID(uuidString: s.name) else { return nil }
                    return .init(text: id, covered: s.covered,
                                 ratio: coverage.characters == 0 ? 0 : Double(s.covered) / Double(coverage.characters),
                                 matches: s.matches.map { [$0.start, $0.end, $0.sourceStart, $0.sourceEnd] })
                }
                result = try SimilarityResult(jobID: jobID, applicationID: appID, paperTextID: paper.id,
                                              characters: coverage.characters, covered: coverage.covered,
                                              ratio: coverage.copyRatio, sources: sources, error: nil, checkedAt: app.clock.now())
            } else {
                let failed = try await PaperText.query(on: db).filter(\.$application.$id == appID).filter(\.$error != nil)
                    .sort(\.$createdAt).all().last
                result = try SimilarityResult(jobID: jobID, applicationID: appID, paperTextID: nil, characters: 0, covered: 0,
                                              ratio: 0, sources: [], error: failed?.error ?? "未上传送审论文全文，无法检测",
                                              checkedAt: app.clock.now())
            }
            let done = i + 1, lease = now + Self.lease
            try await app.transaction { db in
                try await result.create(on: db)
                guard let job = try await SimilarityJob.find(jobID, on: db) else { return }
                job.done = done
                job.leaseUntil = lease
                try await job.update(on: db)
            }
        }
        let finished = now
        try await update(jobID) {
            $0.state = SimilarityJob.State.done.rawValue
            $0.leaseUntil = nil
            $0.finishedAt = finished
        }
    }
}

/// Starts the worker loop when the server boots and stops it at shutdown (a job
/// being run goes back to the queue). Not started under tests, which call `step()`.
final class SimilarityWorkerLifecycle: LifecycleHandler, Sendable {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)
    /// Seconds between looks at the queue when it is empty.
    static let idle: Duration = .seconds(2)

    func didBootAsync(_ application: Application) async throws {
        guard application.environment != .testing else { return }
        let worker = SimilarityWorker(app: application)
        let loop = Task {
            while !Task.isCancelled {
                do {
                    if try await !worker.step() { try await Task.sleep(for: Self.idle) }
                } catch is CancellationError {
                    return
                } catch {
                    application.logger.error("similarity worker: \(String(describing: error))")
                    try? await Task.sleep(for: Self.idle)
                }
            }
        }
        task.withLockedValue { $0 = loop }
    }

    func shutdownAsync(_ application: Application) async {
        let loop = task.withLockedValue { t -> Task<Void, Never>? in defer { t = nil }; return t }
        loop?.cancel()
        await loop?.value
    }
}
