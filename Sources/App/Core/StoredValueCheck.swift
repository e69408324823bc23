import Foundation
import Fluent

/// Models whose columns hold coded values (states, kinds, roles, levels, JSON
/// payloads) check them whenever a row is loaded and whenever one is saved
/// (Fluent reads a saved row back through `output(from:)`). A value this version
/// does not know throws `StoredValueError`; `ErrorPageMiddleware` logs it with a
/// reference number and answers 500. Nothing is ever guessed (no `?? .draft`,
/// no `?? [:]`): a wrong guess would silently put a declaration in another state.
protocol StoredValuesChecked: Fields {
    /// Throws `StoredValueError` for the first loaded column whose value is not
    /// known. Only columns present in the row are checked (partial selects).
    func checkStoredValues() throws
}

extension StoredValuesChecked {
    /// The body of the model's `output(from:)`: Fluent's field loading, then the check.
    func loadCheckingStoredValues(from output: any DatabaseOutput) throws {
        for case let field as any AnyDatabaseProperty in properties {
            try field.output(from: output)
        }
        try checkStoredValues()
    }
}

/// Decoding helpers shared by the checks and the typed accessors.
enum StoredValue {
    /// Decodes `raw` or throws the error naming the column.
    static func decode<T>(_ field: String, _ raw: String, _ make: (String) -> T?) throws -> T {
        guard let value = make(raw) else { throw StoredValueError(field: field, value: raw) }
        return value
    }

    /// JSON field values of a payload column; an undecodable payload is an error, never `[:]`.
    static func fieldValues(_ field: String, _ json: String) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        } catch {
            throw StoredValueError(field: field, value: String(json.prefix(40)))
        }
    }

    /// For the typed accessors: the row was checked when it was loaded or saved,
    /// so a value that does not decode here was assigned by code and never saved
    /// -- a programming error, stopped where it happens rather than guessed around.
    static func checked<T>(_ field: String, _ raw: String, _ make: (String) -> T?) -> T {
        guard let value = make(raw) else {
            preconditionFailure(StoredValueError(field: field, value: raw).description + " (assigned in code, not checked)")
        }
        return value
    }
}

/// A JSON column of field values decoded once per stored text: the load check
/// decodes it already, and a page reads `values` several times (the checklist,
/// the eligibility profile, the rows), which profiling showed decoding each time.
/// Keyed by the raw text, so an assignment to the column is never answered from
/// an older decoding.
struct FieldValuesCache {
    private var raw: String?
    private var decoded: [String: String] = [:]

    /// Decodes `json` (failing loudly, as the load check must) and keeps the result.
    mutating func check(_ field: String, _ json: String) throws {
        if raw == json { return }
        decoded = try StoredValue.fieldValues(field, json)
        raw = json
    }

    /// The values of `json`, from the last decoding when the text is the same.
    mutating func values(_ field: String, _ json: String) -> [String: String] {
        if raw == json { return decoded }
        let values = StoredValue.checked(field, json) { try? StoredValue.fieldValues(field, $0) }
        raw = json
        decoded = values
        return values
    }
}
