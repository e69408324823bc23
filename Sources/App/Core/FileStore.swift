import Crypto
import DocumentReading
import Domain
import Foundation
import Vapor

/// Uploaded files on disk, outside the web root (FILES_PATH). A file arrives
/// in `tmp/<uuid>` while it streams in; its first bytes are checked on the
/// way, the whole file once it is there (DocumentReading: poppler's pdfinfo,
/// ZIPFoundation, in the thread pool); only an accepted file moves to
/// `<2 hex chars>/<uuid>`. The generated name is the
/// only name on disk: the user's name stays in the database, for display.
struct FileStore: Sendable {
    let root: String
    let threadPool: NIOThreadPool

    init(root: String, threadPool: NIOThreadPool) {
        self.root = root
        self.threadPool = threadPool
    }

    init(_ req: Request) {
        self.init(root: req.config.filesPath, threadPool: req.application.threadPool)
    }

    /// What the store knows about an accepted file.
    struct Stored: Sendable {
        var storageName: String
        var scan: FileScan
        var kind: FileKind
        var sha256: String
    }

    /// The path of a stored file, or nil when the name is not one we generate
    /// (so a bad database value can never point outside the store).
    func path(forStorageName name: String) -> String? {
        guard UUID(uuidString: name) != nil, name == name.lowercased() else { return nil }
        return "\(root)/\(name.prefix(2))/\(name)"
    }

    /// Starts receiving a file for `slot`; `originalName` is checked against the content.
    func begin(originalName: String, slot: DossierSlot) async throws -> Upload {
        let name = UUID().uuidString.lowercased()
        let directory = "\(root)/tmp"
        let tempPath = "\(directory)/\(name)"
        let handle = try await threadPool.runIfActive {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: tempPath, contents: nil,
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw FileStoreError.cannotCreate
            }
            return try FileHandle(forWritingTo: URL(fileURLWithPath: tempPath))
        }
        return Upload(store: self, storageName: name, tempPath: tempPath, handle: handle,
                      originalName: originalName, slot: slot)
    }

    /// Removes a stored file; a file already gone is not an error.
    func delete(storageName: String) async {
        guard let path = path(forStorageName: storageName) else { return }
        try? await threadPool.runIfActive { try? FileManager.default.removeItem(atPath: path) }
    }

    func exists(storageName: String) async -> Bool {
        guard let path = path(forStorageName: storageName) else { return false }
        return (try? await threadPool.runIfActive { FileManager.default.fileExists(atPath: path) }) ?? false
    }

    /// One file arriving. It hashes each chunk, writes it to the temporary
    /// file in batches, and stops writing (deleting what it wrote) at the
    /// first problem: too large, or first bytes that are not an accepted kind.
    /// After a problem it still counts the bytes that follow, so the message
    /// can say how large the file was. The whole file is inspected in
    /// `finish`. Used by one request only.
    final class Upload {
        /// Writes are batched: the multipart parser hands over small slices.
        private static let batchSize = 256 * 1024

        let storageName: String
        let originalName: String
        let slot: DossierSlot
        private let store: FileStore
        private let tempPath: String
        private var handle: FileHandle?
        private var hasher = SHA256()
        /// The first bytes, until the signature can be told.
        private var head: [UInt8] = []
        private var pending: [UInt8] = []
        private var checkedSignature = false
        private(set) var problem: FileProblem?
        /// Every byte of the file part, written or not.
        private(set) var received = 0

        fileprivate init(store: FileStore, storageName: String, tempPath: String, handle: FileHandle,
                         originalName: String, slot: DossierSlot) {
            self.store = store
            self.storageName = storageName
            self.tempPath = tempPath
            self.handle = handle
            self.originalName = originalName
            self.slot = slot
        }

        func append(_ buffer: ByteBuffer) async throws {
            received += buffer.readableBytes
            guard problem == nil else { return }
            if received > DossierFileRules.maxBytes {
                await refuse(.tooLarge(bytes: received))
                return
            }
            buffer.withUnsafeReadableBytes { bytes in
                hasher.update(bufferPointer: bytes)
                pending.append(contentsOf: bytes)
                if !checkedSignature { head.append(contentsOf: bytes.prefix(FileSignature.length - head.count)) }
            }
            if !checkedSignature, head.count >= FileSignature.length {
                checkedSignature = true
                let provisional = FileSignature(head: head).provisionalType.flatMap { FileKind(rawValue: $0.rawValue) }
                if let early = DossierFileRules.earlyProblem(provisional, name: originalName, slot: slot) {
                    await refuse(early)
                    return
                }
            }
            if pending.count >= Self.batchSize { try await flush() }
        }

        /// The verdict on the whole file. The file stays in `tmp` until `commit`.
        func finish() async throws -> Result<FileScan, FileProblem> {
            if let problem {
                if case .tooLarge = problem { return .failure(.tooLarge(bytes: received)) }
                return .failure(problem)
            }
            try await flush()
            try await close()
            let scan = try await inspect()
            if let found = DossierFileRules.problem(with: scan, name: originalName, slot: slot) {
                await refuse(found)
                return .failure(found)
            }
            return .success(scan)
        }

        /// Reads the whole temporary file with DocumentReading in the thread
        /// pool: pdfinfo runs as a child process with a time limit, so a
        /// hostile PDF costs at most that long on one pool thread.
        private func inspect() async throws -> FileScan {
            let path = tempPath
            let found = try await store.threadPool.runIfActive { FileInspection.inspect(path: path) }
            // Every byte counts towards the size, even if the file on disk were cut short.
            return FileScan(size: received, kind: found.type.flatMap { FileKind(rawValue: $0.rawValue) },
                            encrypted: found.encrypted, broken: found.broken, pages: found.pages)
        }

        /// Moves a checked file to its place in the store.
        func commit(_ scan: FileScan) async throws -> Stored {
            guard problem == nil, handle == nil, let kind = scan.kind,
                  let target = store.path(forStorageName: storageName) else { throw FileStoreError.notChecked }
            let source = tempPath
            try await store.threadPool.runIfActive {
                let directory = (target as NSString).deletingLastPathComponent
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try FileManager.default.moveItem(atPath: source, toPath: target)
            }
            let digest = hasher.finalize().hexString
            return Stored(storageName: storageName, scan: scan, kind: kind, sha256: digest)
        }

        /// Gives up on the file: closes and deletes the temporary copy.
        func discard() async {
            try? await close()
            pending = []
            let path = tempPath
            try? await store.threadPool.runIfActive { try? FileManager.default.removeItem(atPath: path) }
        }

        private func refuse(_ found: FileProblem) async {
            problem = found
            await discard()
        }

        private func flush() async throws {
            guard !pending.isEmpty, let handle else { return }
            let data = Data(pending)
            pending.removeAll(keepingCapacity: true)
            try await store.threadPool.runIfActive { try handle.write(contentsOf: data) }
        }

        private func close() async throws {
            guard let handle else { return }
            self.handle = nil
            try await store.threadPool.runIfActive { try handle.close() }
        }
    }
}

enum FileStoreError: Error {
    case cannotCreate
    case notChecked
}
