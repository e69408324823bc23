import Foundation
import ZIPFoundation

extension FileInspection {
    /// The parts every Word document has (ECMA-376 Part 2, Open Packaging Conventions, and the
    /// main document part's usual name).
    static let docxParts = ["[Content_Types].xml", "word/document.xml"]

    /// A DOCX is a ZIP archive ZIPFoundation can open whose central directory lists Word's parts.
    /// A ZIP with a DOCX signature but anything else inside (or a damaged one) is not a DOCX.
    /// Blocks (reads the file's end).
    public static func isDOCX(path: String) -> Bool {
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            return docxParts.allSatisfy { archive[$0] != nil }
        } catch {
            return false
        }
    }
}
