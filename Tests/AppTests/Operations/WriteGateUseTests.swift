import Foundation
import Testing

/// On SQLite write transactions queue behind the write gate (`Request.transaction`);
/// one opened with `req.db.transaction` skips the queue and can fail with "database
/// is locked" or race an audit append. Several committee pages did; this keeps the
/// rule from coming back.
@Suite struct WriteGateUseTests {
    @Test func requestHandlersOpenTransactionsThroughTheWriteGate() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let app = tests.appendingPathComponent("../../../Sources/App").standardizedFileURL
        let files = try #require(FileManager.default.enumerator(at: app, includingPropertiesForKeys: nil))
        var swiftFiles = 0
        var offenders: [String] = []
        for case let url as URL in files where url.pathExtension == "swift" {
            swiftFiles += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("req.db.transaction") || line.contains("request.db.transaction") {
                offenders.append("\(url.lastPathComponent):\(number + 1)")
            }
        }
        #expect(swiftFiles > 100, "the sources were not found from \(app.path)")
        #expect(offenders.isEmpty, "use req.transaction: \(offenders.joined(separator: ", "))")
    }
}
