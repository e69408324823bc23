import Foundation
import Logging
import NIOConcurrencyHelpers

/// LOG_FORMAT=json: one JSON object per line on stderr, for a log collector
/// (issue 12, item 6). Fields: time (UTC, ms), level, label, message and the
/// metadata — the request log's `request-id`, method, path and status. Nothing
/// here adds personal data: request logs never carry bodies or query strings.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    /// Where lines go (stderr; tests collect them).
    let write: @Sendable (String) -> Void

    init(label: String, level: Logger.Level = .info, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { $1 }) { fields[key] = "\(value)" }
        fields["time"] = AuditLog.timestamp(Date())
        fields["level"] = level.rawValue
        fields["label"] = label
        fields["message"] = message.description
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return }
        write(String(decoding: data, as: UTF8.self))
    }

    static let lock = NIOLock()

    @Sendable static func standardError(_ line: String) {
        lock.withLock { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}
