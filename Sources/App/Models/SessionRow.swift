import Fluent
import FluentSQL
import Foundation
import SQLKit

/// What every signed-in request reads first, in one statement: the session, its person
/// and the person's organization (left joins: an anonymous session has neither) and the
/// data generation (`DataGeneration`). Written out once, not built per request: the
/// builder re-quoted every identifier of three tables on every page (issue 18).
struct SessionRow {
    let session: UserSession
    let user: UserAccount?
    let organization: Organization?
    let generation: Int64

    /// The statement, built once from the models' own column lists.
    private static let sql: String = {
        func columns(_ keys: [FieldKey], of alias: String) -> String {
            keys.map { "\(alias).\"\($0.description)\" AS \"\(alias)_\($0.description)\"" }.joined(separator: ", ")
        }
        return """
            SELECT \(columns(UserSession.keys, of: "s")), \(columns(UserAccount.keys, of: "u")), \
            \(columns(Organization.keys, of: "o")), g.value AS generation \
            FROM "\(UserSession.schema)" s \
            LEFT JOIN "\(UserAccount.schema)" u ON u.id = s.user_id \
            LEFT JOIN "\(Organization.schema)" o ON o.id = u.organization_id \
            JOIN "\(DataGeneration.table)" g ON g.id = 1 \
            WHERE s.token_hash = 
            """
    }()

    static func query(hash: String, on db: any Database) async throws -> SessionRow? {
        guard let sql = db as? any SQLDatabase else { throw DataGenerationMissing() }
        let statement = SQLQueryString(stringLiteral: Self.sql) + "\(bind: hash)"
        guard let row = try await sql.raw(statement).first() else { return nil }
        let session = try UserSession.decoded(from: row, prefix: "s_")
        let user: UserAccount? = try row.decodeNil(column: "u_id") ? nil : UserAccount.decoded(from: row, prefix: "u_")
        let organization: Organization? = try row.decodeNil(column: "o_id") ? nil : Organization.decoded(from: row, prefix: "o_")
        return SessionRow(session: session, user: user, organization: organization,
                          generation: try row.decode(column: "generation", as: Int64.self))
    }
}

extension Model {
    /// A model from the columns of `row` named `prefix` + column (a hand-written join).
    static func decoded(from row: any SQLRow, prefix: String) throws -> Self {
        let model = Self()
        try model.output(from: PrefixedRowOutput(row: row, prefix: prefix))
        return model
    }
}

/// A row's columns under a prefix, as Fluent's decoding asks for them.
private struct PrefixedRowOutput: DatabaseOutput {
    let row: any SQLRow
    let prefix: String

    var description: String { "\(prefix)* of \(row)" }
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: prefix + key.description) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: prefix + key.description) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        try row.decode(column: prefix + key.description, as: T.self)
    }
}
