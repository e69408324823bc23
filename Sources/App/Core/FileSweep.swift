import Fluent
import Foundation
import Vapor

/// What a stop in the middle of an upload leaves under FILES_PATH, found and
/// cleared when the server starts (issue 12 item 4).
///
/// An upload streams into `tmp/<uuid>`, moves to `<2 hex>/<uuid>` once
/// accepted, and only then gets its `stored_files` row (`FileStore`). A kill
/// can therefore leave two kinds of remains:
/// - a temporary file (killed while receiving or checking): nobody refers to
///   it; it is deleted;
/// - a stored file without a row (killed between the move and the commit, or
///   between a row's deletion and its file's): it is moved to `orphaned/`, not
///   deleted, because a FILES_PATH pointed at the wrong database would make
///   every file look like an orphan; `orphaned/` can be reviewed and emptied
///   by hand.
///
/// Which remains are safe to touch depends on who else may be writing: on
/// SQLite the server holds `SingleInstanceLock`, so at start no upload can be
/// in flight and everything found is a remain; on PostgreSQL other instances
/// may be between their move and their commit right now, so only what is
/// older than `grace` (one hour; an upload takes seconds) is touched.
enum FileSweep {
    /// Older than this, a temporary or unreferenced file cannot belong to an upload in flight.
    static let grace: TimeInterval = 3600
    static let tempFolder = "tmp"
    static let orphanedFolder = "orphaned"

    /// A file found under FILES_PATH.
    struct Entry: Sendable, Equatable {
        /// Path relative to FILES_PATH, e.g. `3f/3f2a…` or `tmp/9c1e…`.
        var relativePath: String
        var name: String
        var size: Int
        var modified: Date
    }

    /// What is under FILES_PATH, by kind.
    struct Listing: Sendable {
        /// `<2 hex>/<uuid>`: the dossier files, named by their storage name.
        var stored: [Entry] = []
        /// `tmp/*`: uploads in progress or cut off.
        var temporary: [Entry] = []
        /// `orphaned/*`: set aside by an earlier sweep.
        var orphaned: [Entry] = []
        /// Anything else (not written by `FileStore`).
        var other: [Entry] = []
    }

    /// What one sweep did.
    struct Outcome: Sendable, Equatable {
        var temporaryRemoved = 0
        var temporaryKept = 0
        var orphansSetAside = 0
        var orphansKept = 0
    }

    /// Lists FILES_PATH (an absent directory is empty).
    static func list(root: String) -> Listing {
        let fm = FileManager.default
        var listing = Listing()
        guard let top = try? fm.contentsOfDirectory(atPath: root) else { return listing }
        for folder in top.sorted() {
            let folderPath = root + "/" + folder
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: folderPath, isDirectory: &isDirectory) else { continue }
            guard isDirectory.boolValue else {
                if let entry = entry(root: root, relative: folder) { listing.other.append(entry) }
                continue
            }
            for name in ((try? fm.contentsOfDirectory(atPath: folderPath)) ?? []).sorted() {
                guard let entry = entry(root: root, relative: folder + "/" + name) else { continue }
                switch folder {
                case tempFolder: listing.temporary.append(entry)
                case orphanedFolder: listing.orphaned.append(entry)
                default:
                    if isStorageName(name), folder == String(name.prefix(2)) {
                        listing.stored.append(entry)
                    } else {
                        listing.other.append(entry)
                    }
                }
            }
        }
        return listing
    }

    /// A name `FileStore` generates: a lowercased UUID.
    static func isStorageName(_ name: String) -> Bool {
        UUID(uuidString: name) != nil && name == name.lowercased()
    }

    /// Of `names`, those that have a `stored_files` row (asked in batches, so the
    /// answer does not load a province's rows at once).
    static func referenced(_ names: [String], on db: any Database) async throws -> Set<String> {
        var found = Set<String>()
        var start = 0
        while start < names.count {
            let batch = Array(names[start..<min(start + 500, names.count)])
            start += batch.count
            let rows = try await StoredFile.query(on: db).filter(\.$storageName ~~ batch).field(\.$storageName).all()
            found.formUnion(rows.map(\.storageName))
        }
        return found
    }

    /// Deletes temporary files and sets aside stored files without a row.
    /// `everything`: no upload can be in flight (SQLite, lock held), so age does not matter.
    static func sweep(root: String, referenced: Set<String>, listing: Listing, everything: Bool,
                      now: Date = Date()) -> Outcome {
        let fm = FileManager.default
        var outcome = Outcome()
        let oldEnough: (Entry) -> Bool = { everything || now.timeIntervalSince($0.modified) > grace }
        for entry in listing.temporary {
            if oldEnough(entry), (try? fm.removeItem(atPath: root + "/" + entry.relativePath)) != nil {
                outcome.temporaryRemoved += 1
            } else {
                outcome.temporaryKept += 1
            }
        }
        let unreferenced = listing.stored.filter { !referenced.contains($0.name) }
        if !unreferenced.isEmpty {
            try? fm.createDirectory(atPath: root + "/" + orphanedFolder, withIntermediateDirectories: true)
        }
        for entry in unreferenced {
            let target = root + "/" + orphanedFolder + "/" + entry.name
            if oldEnough(entry), !fm.fileExists(atPath: target),
               (try? fm.moveItem(atPath: root + "/" + entry.relativePath, toPath: target)) != nil {
                outcome.orphansSetAside += 1
            } else {
                outcome.orphansKept += 1
            }
        }
        return outcome
    }

    /// The sweep `serve` runs before it accepts requests: everything on SQLite
    /// (the caller holds the single-instance lock), only remains older than an
    /// hour on PostgreSQL. Logs what it did.
    @discardableResult
    static func atStart(_ app: Application) async throws -> Outcome {
        let root = app.config.filesPath
        let everything: Bool = if case .postgres = app.config.store { false } else { true }
        let listing = list(root: root)
        let known = try await referenced(listing.stored.map(\.name), on: app.db)
        let outcome = try await app.threadPool.runIfActive {
            sweep(root: root, referenced: known, listing: listing, everything: everything)
        }
        let rule = everything ? "single instance: all remains" : "shared database: remains older than one hour"
        app.logger.notice("file sweep at start (\(rule)): \(outcome.temporaryRemoved) temporary files removed from \(root)/\(tempFolder), \(outcome.orphansSetAside) stored files without a record moved to \(root)/\(orphanedFolder); kept \(outcome.temporaryKept) temporary and \(outcome.orphansKept) unrecorded files younger than an hour")
        return outcome
    }

    private static func entry(root: String, relative: String) -> Entry? {
        let path = root + "/" + relative
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.type] as? FileAttributeType) == .typeRegular else { return nil }
        return Entry(relativePath: relative, name: (relative as NSString).lastPathComponent,
                     size: (attributes[.size] as? NSNumber)?.intValue ?? 0,
                     modified: (attributes[.modificationDate] as? Date) ?? .distantPast)
    }
}
