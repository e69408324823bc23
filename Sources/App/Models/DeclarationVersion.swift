import Domain
import Fluent
import Foundation

/// What the applicant submitted, frozen at the moment of submission (issue 9 item 5:
/// the history keeps both versions when an application comes back and goes again).
final class DeclarationVersion: Model, @unchecked Sendable {
    static let schema = "declaration_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    /// 1 for the first submission, 2 after the first return, …
    @Field(key: "number") var number: Int
    @Field(key: "submitted_at") var submittedAt: Date
    /// JSON of `Content`.
    @Field(key: "content") var content: String

    init() {}

    init(applicationID: UUID, number: Int, submittedAt: Date, content: Content) throws {
        self.$application.id = applicationID
        self.number = number
        self.submittedAt = submittedAt
        self.content = String(decoding: try JSONEncoder.sorted.encode(content), as: UTF8.self)
    }

    struct Item: Codable, Equatable, Sendable {
        var section: String
        var values: [String: String]
    }

    struct File: Codable, Equatable, Sendable {
        var slot: String
        var name: String
        var sha256: String
    }

    struct Content: Codable, Equatable, Sendable {
        var targetLevel: String
        var specialty: String
        var basics: [String: String]
        var workReport: String
        var items: [Item]
        var files: [File]
    }

    func decoded() throws -> Content { try JSONDecoder().decode(Content.self, from: Data(content.utf8)) }

    /// The declaration now, as a version's content.
    static func content(of snapshot: DeclarationSnapshot) -> Content {
        let app = snapshot.application
        return Content(targetLevel: app.targetLevel, specialty: app.specialty, basics: app.basicValues,
                       workReport: app.workReport,
                       items: snapshot.items.map { Item(section: $0.section, values: $0.values) },
                       files: snapshot.files.map { File(slot: $0.slot, name: $0.originalName, sha256: $0.sha256) })
    }
}
