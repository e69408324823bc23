#if canImport(CoreFoundation)
import CoreFoundation
#endif
import DocumentReading
import Foundation
import Similarity
import ZIPFoundation

/// Reads a reference corpus -- earlier years' papers the office holds -- from a
/// folder or a ZIP archive, for `title-review similarity import`. Every document must
/// be readable: a silently skipped one would be a silently missed copy, so the first
/// unreadable file stops the import (nothing is stored). Archives are bounded (entry
/// count, each entry's and the total uncompressed size) and extracted under generated
/// names, so an entry's path can never point outside the temporary folder.
enum CorpusImport {
    struct Document: Sendable, Equatable {
        var name: String
        var text: String
        var characters: Int
    }

    struct Failure: Error, Equatable, CustomStringConvertible {
        let description: String
    }

    static let maxEntries = 20_000
    static let maxEntryBytes: UInt64 = 50 * 1024 * 1024
    static let maxTotalBytes: UInt64 = 4 * 1024 * 1024 * 1024

    /// The readable documents of `path` (a folder: its files, not sub-folders, not
    /// names starting with "."; a .zip: its file entries at any depth).
    static func read(_ path: String) throws(Failure) -> [Document] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(description: "\(path): no such file or folder")
        }
        if isDirectory.boolValue { return try readFolder(path) }
        guard path.lowercased().hasSuffix(".zip") else { throw Failure(description: "\(path): expected a folder or a .zip archive") }
        return try readZip(path)
    }

    private static func documentFiles(in folder: String) throws(Failure) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw Failure(description: "\(folder): cannot list the folder")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted().filter { name in
            var dir: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &dir) && !dir.boolValue
        }
    }

    private static func readFolder(_ folder: String) throws(Failure) -> [Document] {
        var out: [Document] = []
        for name in try documentFiles(in: folder) {
            out.append(try document(at: URL(fileURLWithPath: folder + "/" + name), name: name, shownAs: folder + "/" + name))
        }
        guard !out.isEmpty else { throw Failure(description: "\(folder): no documents to import") }
        return out
    }

    private static func document(at url: URL, name: String, shownAs: String) throws(Failure) -> Document {
        let ext = (name as NSString).pathExtension
        guard let kind = DocumentText.Kind(fileExtension: ext) else {
            throw Failure(description: "\(shownAs): unsupported type .\(ext) (expected .txt, .pdf or .docx)")
        }
        do {
            let text = try DocumentText.extract(fileAt: url, kind: kind, name: shownAs)
            return Document(name: name, text: text, characters: Normalizer.paperCharacters(text).count)
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// GB18030, for archives made on Chinese Windows (names without the UTF-8 flag).
    static let gb18030 = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(
        CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))

    /// An entry's name: UTF-8 when the bytes are UTF-8 (flagged or not), else GB18030
    /// (Chinese Windows' archivers), else ZIP's old code page 437.
    static func entryPath(_ entry: Entry) -> String {
        let utf8 = entry.path(using: .utf8)
        if !utf8.isEmpty { return utf8 }
        let gb = entry.path(using: gb18030)
        return gb.isEmpty ? entry.path : gb
    }

    private static func readZip(_ path: String) throws(Failure) -> [Document] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw Failure(description: "\(path): not a readable ZIP archive")
        }
        let entries = archive.filter { entry in
            guard entry.type == .file else { return false }
            let parts = entryPath(entry).split(separator: "/")
            return !parts.contains { $0.hasPrefix(".") || $0 == "__MACOSX" }
        }
        guard !entries.isEmpty else { throw Failure(description: "\(path): no documents to import") }
        guard entries.count <= maxEntries else { throw Failure(description: "\(path): more than \(maxEntries) entries") }
        var total: UInt64 = 0
        for entry in entries {
            guard entry.uncompressedSize <= maxEntryBytes else {
                throw Failure(description: "\(path)/\(entryPath(entry)): larger than \(maxEntryBytes / 1024 / 1024) MB")
            }
            total += entry.uncompressedSize
            guard total <= maxTotalBytes else { throw Failure(description: "\(path): more than \(maxTotalBytes >> 30) GB uncompressed") }
        }
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true) } catch {
            throw Failure(description: "\(temp.path): cannot create a temporary folder")
        }
        defer { try? FileManager.default.removeItem(at: temp) }
        var out: [Document] = []
        for (i, entry) in entries.sorted(by: { entryPath($0) < entryPath($1) }).enumerated() {
            let shown = entryPath(entry)
            let name = String(shown.split(separator: "/").last ?? "")
            let ext = (name as NSString).pathExtension
            let target = temp.appendingPathComponent("\(i).\(ext.isEmpty ? "bin" : ext.lowercased())")
            var written: UInt64 = 0
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    written += UInt64(chunk.count)
                    guard written <= maxEntryBytes else { throw Failure(description: "\(path)/\(shown): larger than stated") }
                    if FileManager.default.fileExists(atPath: target.path) {
                        let handle = try FileHandle(forWritingTo: target)
                        defer { try? handle.close() }
                        try handle.seekToEnd()
                        try handle.write(contentsOf: chunk)
                    } else {
                        try chunk.write(to: target)
                    }
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(description: "\(path)/\(shown): cannot be extracted (damaged archive)")
            }
            out.append(try document(at: target, name: name, shownAs: "\(path)/\(shown)"))
        }
        return out
    }
}
