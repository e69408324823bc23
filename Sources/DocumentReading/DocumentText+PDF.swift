import Foundation

extension DocumentText {
    /// poppler's pdftotext, `-enc UTF-8 FILE -`: the text on stdout, pages separated
    /// by form feeds. Exit status 1 with "Incorrect password" is a password-protected
    /// file (3, a permission error, is treated alike; poppler's pdftotext reads files
    /// that merely forbid copying); any other failure is a broken file. A PDF that opens but yields no text is image-only when it holds
    /// pictures (asked of poppler's `pdfimages -list`), else empty.
    static func pdfText(fileAt url: URL, name: String, tool: String = "pdftotext",
                        timeout: Duration = pdfTimeout) throws(DocumentTextError) -> String {
        _ = try checkedSize(of: url, name: name)
        let path = url.path.hasPrefix("-") ? "./" + url.path : url.path
        let output: ToolOutput
        do {
            output = try ChildProcess.run(tool, ["-enc", "UTF-8", path, "-"], timeout: timeout, maxOutput: maxPDFTextBytes)
        } catch .toolMissing {
            throw DocumentTextError(file: name, reason: .toolMissing(tool))
        } catch {
            throw DocumentTextError(file: name, reason: .broken("\(tool) could not be started: \(error)"))
        }
        if output.timedOut { throw DocumentTextError(file: name, reason: .timedOut) }
        let stderr = String(decoding: output.stderr, as: UTF8.self)
        if output.truncated {
            // Either stream over the limit kills the tool: too much text, or a flood of warnings.
            if output.stdout.count >= maxPDFTextBytes {
                throw DocumentTextError(file: name, reason: .tooLarge("more than \(maxPDFTextBytes) bytes of text"))
            }
            throw DocumentTextError(file: name, reason: .broken("\(tool) wrote more than \(maxPDFTextBytes) bytes of messages"))
        }
        if output.status != 0 {
            if stderr.contains("Incorrect password") || output.status == 3 || stderr.contains("Permission Error") {
                throw DocumentTextError(file: name, reason: .encrypted)
            }
            let last = stderr.split(whereSeparator: \.isNewline).last.map(String.init) ?? "exit status \(output.status)"
            throw DocumentTextError(file: name, reason: .broken("\(tool): \(last)"))
        }
        let text = String(decoding: output.stdout, as: UTF8.self)
        if !hasVisibleText(text) {
            throw DocumentTextError(file: name, reason: hasImages(path: path) ? .imageOnly : .empty)
        }
        return text
    }

    /// Whether poppler's `pdfimages -list` lists at least one picture. Its listing
    /// has two header lines, then one line per picture. When the tool is missing or
    /// fails, the answer is yes: a PDF without text is most often a scan.
    static func hasImages(path: String) -> Bool {
        guard let output = try? ChildProcess.run("pdfimages", ["-list", path], timeout: .seconds(10), maxOutput: 1 << 20),
              !output.timedOut, output.status == 0 else { return true }
        let lines = String(decoding: output.stdout, as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.count > 2
    }
}
