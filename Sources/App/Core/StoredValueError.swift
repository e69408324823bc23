/// A stored value the code does not know: fail loudly instead of guessing.
struct StoredValueError: Error, CustomStringConvertible {
    let field: String
    let value: String
    var description: String { "stored value \"\(value)\" of \(field) is not known to this version" }
}
