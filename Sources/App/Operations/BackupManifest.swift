import Crypto
import Foundation

/// manifest.json of a backup directory: what the backup holds and the SHA-256 of
/// every file in it, so a restore can refuse a damaged or altered backup before it
/// touches the database.
struct BackupManifest: Codable, Equatable, Sendable {
    static let formatName = "title-review-backup/1"
    static let fileName = "manifest.json"

    struct Entry: Codable, Equatable, Sendable {
        /// Relative to the backup directory: `database.sqlite`, `database.pgdump`, `files/ab/ab12...`.
        var path: String
        var size: Int64
        var sha256: String
    }

    var format: String = formatName
    var createdAt: String
    /// "sqlite" or "postgres": which restore path applies.
    var database: String
    /// The database image: `database.sqlite` or `database.pgdump`.
    var databaseFile: String
    var policy: String
    var entries: [Entry]

    /// The SHA-256 of a file, read in 1 MiB pieces (dossier files reach 20 MB).
    static func sha256(ofFile path: String) throws -> (digest: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError("\(path): cannot be read") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hasher.finalize().hexString, size)
    }

    /// Every entry checked against the directory; the first mismatch is the error.
    func verify(in directory: String) throws {
        guard format == Self.formatName else { throw BackupError("\(Self.fileName): unknown format \"\(format)\"") }
        guard entries.contains(where: { $0.path == databaseFile }) else {
            throw BackupError("\(Self.fileName): the database image \(databaseFile) is not listed")
        }
        for entry in entries {
            guard !entry.path.hasPrefix("/"), !entry.path.split(separator: "/").contains("..") else {
                throw BackupError("\(Self.fileName): entry path \(entry.path) leaves the backup directory")
            }
            let path = directory + "/" + entry.path
            guard FileManager.default.fileExists(atPath: path) else { throw BackupError("\(entry.path): missing from the backup") }
            let (digest, size) = try Self.sha256(ofFile: path)
            guard size == entry.size, digest == entry.sha256 else {
                throw BackupError("\(entry.path): SHA-256 does not match the manifest (damaged or altered)")
            }
        }
    }

    static func read(from directory: String) throws -> BackupManifest {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { throw BackupError("\(path): no manifest (not a backup directory)") }
        do { return try JSONDecoder().decode(BackupManifest.self, from: data) } catch {
            throw BackupError("\(path): not a valid manifest")
        }
    }

    func write(to directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: URL(fileURLWithPath: directory + "/" + Self.fileName))
    }
}

/// One line for stderr: the place and the problem (shared/contracts/cli.md).
struct BackupError: Error, CustomStringConvertible, Equatable {
    var description: String
    init(_ description: String) { self.description = description }
}
