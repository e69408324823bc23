import Fluent
import Foundation

/// The text of one document the duplication check compares (七.1): an uploaded
/// 送审论文 (extracted when it is uploaded) or a document of an imported reference
/// corpus (earlier years' papers). The extracted text is kept as it came, so the
/// report can show and highlight it; normalization is recomputed from it. A file
/// whose text cannot be read keeps its reason in `error` (Chinese) and no text.
final class PaperText: Model, @unchecked Sendable {
    static let schema = "paper_texts"

    enum Source: String { case upload, corpus }

    @ID(key: .id) var id: UUID?
    @Field(key: "source") var source: String
    @OptionalParent(key: "application_id") var application: ApplicationRecord?
    @OptionalField(key: "stored_file_id") var storedFileID: UUID?
    /// The review year the paper belongs to (the application's, or the corpus's --year).
    @OptionalField(key: "year") var year: Int?
    /// The uploaded file's name, or the corpus document's file name.
    @Field(key: "name") var name: String
    @Field(key: "text") var text: String
    /// Normalized characters the check counts (reference list left out).
    @Field(key: "characters") var characters: Int
    @OptionalField(key: "error") var error: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(source: Source, applicationID: UUID?, storedFileID: UUID?, year: Int?, name: String,
         text: String, characters: Int, error: String?) {
        self.source = source.rawValue
        self.$application.id = applicationID
        self.storedFileID = storedFileID
        self.year = year
        self.name = name
        self.text = text
        self.characters = characters
        self.error = error
    }
}
