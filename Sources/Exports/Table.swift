/// A table to export: a title (the sheet's name), the column headers and rows of
/// text cells. Numbers that a spreadsheet should add up are marked as such.
public struct ExportTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A number written as a number cell (fees, scores), kept as its decimal text.
        case number(String)

        public var text: String {
            switch self {
            case .text(let s), .number(let s): s
            }
        }
    }

    public var title: String
    public var headers: [String]
    public var rows: [[Cell]]

    public init(title: String, headers: [String], rows: [[Cell]]) {
        self.title = title
        self.headers = headers
        self.rows = rows
    }
}
