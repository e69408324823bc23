import Crypto
import Domain
import Foundation
import Vapor

/// Uploaded files on disk, outside the web root (FILES_PATH). A file arrives
/// in `tmp/<uuid>` while it streams in and is checked on the way; only an
/// accepted file moves to `<2 hex chars>/<uuid>`. The generated name is the
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

    /// One file arriving. It hashes and inspects each chunk, writes it to the
    /// temporary file in batches, and stops writing (deleting what it wrote)
    /// at the first problem: too large, or first bytes that are not an
    /// accepted kind. After a problem it still counts the bytes that follow,
    /// so the message can say how large the file was. Used by one request only.
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
        private var sniffer = FileSniffer()
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
            if received > FileInspector.maxBytes {
                await refuse(.tooLarge(bytes: received))
                return
            }
            buffer.withUnsafeReadableBytes { bytes in
                hasher.update(bufferPointer: bytes)
                sniffer.consume(bytes)
                pending.append(contentsOf: bytes)
            }
            if !checkedSignature, let signature = sniffer.signature {
                checkedSignature = true
                if let early = FileInspector.earlyProblem(signature, name: originalName, slot: slot) {
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
            let scan = sniffer.finish()
            if let found = FileInspector.problem(with: scan, name: originalName, slot: slot) {
                await refuse(found)
                return .failure(found)
            }
            return .success(scan)
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
            let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
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
