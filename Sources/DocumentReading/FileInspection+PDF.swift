/// What poppler's `pdfinfo` says about a PDF.
public enum PDFInfo: Sendable, Equatable {
    /// pdfinfo read it. `pages` is nil only if it printed no page count.
    case readable(pages: Int?, encrypted: Bool)
    /// pdfinfo could not open it without a password (a user password is set).
    case needsPassword
    /// pdfinfo failed, crashed, ran past the time limit or past the output limit; the text says
    /// which, for logs.
    case broken(String)
    /// pdfinfo is not installed: the caller accepts the file with the page count unknown.
    case toolMissing

    /// pdfinfo answers a normal file in milliseconds; this bounds a file built to make it spin.
    public static let timeout: Duration = .seconds(10)
    /// pdfinfo prints about 600 bytes; the document's title and other metadata come on top.
    public static let maxOutput = 64 * 1024

    /// Runs `tool` (pdfinfo) on the file at `path`. Blocks.
    public static func read(path: String, tool: String = "pdfinfo", timeout: Duration = timeout) -> PDFInfo {
        // A path starting with "-" would be taken as an option.
        let argument = path.hasPrefix("-") ? "./" + path : path
        let output: ToolOutput
        do {
            output = try ChildProcess.run(tool, [argument], timeout: timeout, maxOutput: maxOutput)
        } catch .toolMissing {
            return .toolMissing
        } catch {
            return .broken("\(tool) could not be started: \(error)")
        }
        return parse(output)
    }

    /// The verdict from pdfinfo's output. Lines are read from the END: the document's own
    /// metadata (Title, Subject, Author ...) comes first and may hold a forged
    /// "\nPages: 1\nEncrypted: no"; poppler's own `Pages:` and `Encrypted:` lines follow it.
    public static func parse(_ output: ToolOutput) -> PDFInfo {
        if output.timedOut { return .broken("pdfinfo ran past its time limit") }
        if output.truncated { return .broken("pdfinfo wrote more than \(maxOutput) bytes") }
        if output.status != 0 {
            let message = String(decoding: output.stderr, as: UTF8.self)
            if message.contains("Incorrect password") { return .needsPassword }
            let lastLine = message.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
            return .broken("pdfinfo exit status \(output.status): \(lastLine)")
        }
        let lines = String(decoding: output.stdout, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard let pagesLine = lines.last(where: { $0.hasPrefix("Pages:") }) else {
            return .broken("pdfinfo printed no page count")
        }
        let pagesText = pagesLine.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)
        guard let pages = Int(pagesText), pages >= 0 else {
            return .broken("pdfinfo printed an unreadable page count")
        }
        let encryptedLine = lines.last(where: { $0.hasPrefix("Encrypted:") })
        let encrypted = encryptedLine.map {
            $0.dropFirst("Encrypted:".count).trimmingCharacters(in: .whitespaces).hasPrefix("yes")
        } ?? false
        return .readable(pages: pages, encrypted: encrypted)
    }
}

private extension Substring {
    func trimmingCharacters(in set: Set<Character>) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return text
    }
}

private extension Set where Element == Character {
    static let whitespaces: Set<Character> = [" ", "\t"]
}
