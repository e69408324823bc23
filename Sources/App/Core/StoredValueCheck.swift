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
