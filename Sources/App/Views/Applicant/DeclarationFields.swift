import Domain
import Plot

/// Renders declaration fields from their specs, so every section's form is
/// declared once in Domain and drawn the same way.
extension Node where Context: HTML.BodyContext {
    static func declarationFields(_ specs: [FieldSpec], values: FieldValues, errors: [String: String]) -> Node {
        .div(.class("field-grid"), .forEach(specs) { spec in declarationField(spec, value: values[spec.name], error: errors[spec.name]) })
    }

    /// The same fields read-only (reviewers, and the applicant after submission):
    /// labels and values as text, choices by their label, flags as 是/否.
    static func declarationValues(_ specs: [FieldSpec], values: FieldValues) -> Node {
        .dl(.class("facts read-only"), .id("read-only-values"), .forEach(specs) { spec in
            .group(.dt(.text(spec.label)), .dd(.text(displayValue(spec, values[spec.name]))))
        })
    }

    static func displayValue(_ spec: FieldSpec, _ value: String?) -> String {
        var isFlag = false
        if case .flag = spec.kind { isFlag = true }
        guard let value, !value.isEmpty else { return isFlag ? "否" : "—" }
        switch spec.kind {
        case .flag: return value == "1" ? "是" : "否"
        case .choice(let choices): return choices.first { $0.code == value }?.label ?? value
        default: return value
        }
    }

    static func declarationField(_ spec: FieldSpec, value: String?, error: String?) -> Node {
        switch spec.kind {
        case .text(let max):
            return .textField(spec.name, label: spec.label, value: value, error: error, required: spec.required,
                              hint: spec.hint, maxLength: max)
        case .longText(let max):
            return .textAreaField(spec.name, label: spec.label, value: value ?? "", error: error,
                                  required: spec.required, hint: spec.hint, maxLength: max)
        case .date:
            return .textField(spec.name, label: spec.label, value: value, error: error, type: "date",
                              required: spec.required, hint: spec.hint)
        case .year:
            return .textField(spec.name, label: spec.label, value: value, error: error, type: "number",
                              required: spec.required, hint: spec.hint ?? "如：2021", maxLength: 4)
        case .integer:
            return .textField(spec.name, label: spec.label, value: value, error: error, type: "number",
                              required: spec.required, hint: spec.hint)
        case .flag:
            return .checkboxField(spec.name, label: spec.label, checked: value == "1", hint: spec.hint)
        case .choice(let choices):
            return .selectField(spec.name, label: spec.label, choices: choices.map { Choice(value: $0.code, label: $0.label) },
                                selected: value, error: error, required: spec.required)
        }
    }
}
