import Fluent
import Foundation

/// One application's result in one job: our copy ratio and the sources with their
/// matched passages (JSON of `SimilarityResult.Source`), positions in normalized
/// characters of the paper and of the source document.
final class SimilarityResult: Model, @unchecked Sendable {
    static let schema = "similarity_results"

    @ID(key: .id) var id: UUID?
    @Parent(key: "job_id") var job: SimilarityJob
    @Parent(key: "application_id") var application: ApplicationRecord
    @OptionalField(key: "paper_text_id") var paperTextID: UUID?
    @Field(key: "characters") var characters: Int
    @Field(key: "covered") var covered: Int
    @Field(key: "ratio") var ratio: Double
    @Field(key: "sources") var sourcesJSON: String
    /// Why there is no ratio (no paper uploaded, its text unreadable), in Chinese.
    @OptionalField(key: "error") var error: String?
    @Field(key: "checked_at") var checkedAt: Double

    struct Source: Codable, Sendable, Equatable {
        /// The `PaperText` id of the source document.
        var text: UUID
        var covered: Int
        var ratio: Double
        /// [start, end, sourceStart, sourceEnd] per passage.
        var matches: [[Int]]
    }

    init() {}

    init(jobID: UUID, applicationID: UUID, paperTextID: UUID?, characters: Int, covered: Int, ratio: Double,
         sources: [Source], error: String?, checkedAt: Date) throws {
        self.$job.id = jobID
        self.$application.id = applicationID
        self.paperTextID = paperTextID
        self.characters = characters
        self.covered = covered
        self.ratio = ratio
        self.sourcesJSON = String(decoding: try JSONEncoder().encode(sources), as: UTF8.self)
        self.error = error
        self.checkedAt = checkedAt.timeIntervalSince1970
    }

    /// The stored sources; a value that does not decode is an error, never an empty list.
    func sources() throws -> [Source] {
        do { return try JSONDecoder().decode([Source].self, from: Data(sourcesJSON.utf8)) } catch {
            throw StoredValueError(field: "similarity_results.sources", value: String(sourcesJSON.prefix(40)))
        }
    }
}
