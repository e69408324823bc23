import Plot

/// Messages for a form, keyed by field name; `nil` for a field means it is fine.
struct FieldErrors: Sendable {
    private(set) var messages: [String: String] = [:]
    /// Problems not tied to one field (shown above the form).
    private(set) var general: [String] = []

    subscript(field: String) -> String? { messages[field] }

    mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    mutating func addGeneral(_ message: String) { general.append(message) }

    var isEmpty: Bool { messages.isEmpty && general.isEmpty }
}

/// A choice in a select box.
struct Choice: Sendable {
    var value: String
    var label: String
}

/// Accessible form pieces: a visible label tied to its input, the error text
/// next to the field (linked by aria-describedby), the typed value kept.
extension Node where Context: HTML.BodyContext {
    static func csrfField(_ token: String) -> Node {
        .input(.type(.hidden), .name("csrf"), .value(token))
    }

    static func errorSummary(_ errors: FieldErrors) -> Node {
        .if(!errors.isEmpty, .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"),
            .h2(.text("请修改以下问题后重新提交")),
            .ul(
                .forEach(errors.general) { .li(.text($0)) },
                .forEach(errors.messages.sorted(by: { $0.key < $1.key })) { pair in
                    .li(.a(.href("#f-\(pair.key)"), .text(pair.value)))
                }
            )
        ))
    }

    static func textField(_ name: String, label: String, value: String? = nil, error: String? = nil,
                          type: String = "text", required: Bool = false, hint: String? = nil,
                          autocomplete: String? = nil, maxLength: Int? = nil, id fieldID: String? = nil) -> Node {
        // Several forms on one page may share a field name; each gets its own id.
        let id = "f-\(fieldID ?? name)"
        let describedBy = [hint == nil ? nil : "\(id)-hint", error == nil ? nil : "\(id)-error"]
            .compactMap { $0 }.joined(separator: " ")
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(id), .text(label), .if(required, .span(.class("required"), .text("（必填）")))),
            .unwrap(hint) { .p(.class("hint"), .id("\(id)-hint"), .text($0)) },
            .unwrap(error) { .p(.class("field-error"), .id("\(id)-error"), .text($0)) },
            .input(
                .type(HTMLInputType(rawValue: type) ?? .text), .name(name), .id(id),
                .value(type == "password" ? "" : (value ?? "")),
                .required(required),
                .attribute(named: "autocomplete", value: autocomplete),
                .attribute(named: "maxlength", value: maxLength.map(String.init)),
                .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy),
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true")
            )
        )
    }

    static func selectField(_ name: String, label: String, choices: [Choice], selected: String?,
                            error: String? = nil, required: Bool = false, prompt: String? = "请选择") -> Node {
        let id = "f-\(name)"
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(id), .text(label), .if(required, .span(.class("required"), .text("（必填）")))),
            .unwrap(error) { .p(.class("field-error"), .id("\(id)-error"), .text($0)) },
            .select(
                .attribute(named: "name", value: name), .id(id),
                .attribute(named: "required", value: required ? "required" : nil),
                .attribute(named: "aria-describedby", value: error == nil ? nil : "\(id)-error"),
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                .unwrap(prompt) { option(value: "", label: $0, selected: false) },
                .forEach(choices) { choice in
                    option(value: choice.value, label: choice.label, selected: choice.value == selected)
                }
            )
        )
    }

    /// `<option value>label</option>`: Plot's own option element has no text content.
    private static func option(value: String, label: String, selected: Bool) -> Node<HTML.SelectContext> {
        .element(named: "option", nodes: [
            // An empty value must still be written, or the browser submits the label.
            Node<HTML.BodyContext>.attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
            selected ? .attribute(named: "selected", value: "selected") : .empty,
            .text(label),
        ])
    }

    static func checkboxField(_ name: String, label: String, checked: Bool, hint: String? = nil, id fieldID: String? = nil,
                              required: Bool = false) -> Node {
        let id = "f-\(fieldID ?? name)"
        return .div(
            .class("field checkbox"),
            .input(.type(.checkbox), .name(name), .id(id), .value("1"), .checked(checked), .required(required)),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .text($0)) }
        )
    }

    static func submitButton(_ title: String, style: String = "primary") -> Node {
        .div(.class("actions"), .button(.type(.submit), .class("button \(style)"), .text(title)))
    }
}

extension Node where Context: HTML.BodyContext {
    static func textAreaField(_ name: String, label: String, value: String, error: String? = nil,
                              required: Bool = false, hint: String? = nil, rows: Int = 6, maxLength: Int? = nil,
                              id fieldID: String? = nil, counter: String? = nil) -> Node {
        let id = "f-\(fieldID ?? name)"
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(id), .text(label), .if(required, .span(.class("required"), .text("（必填）")))),
            .unwrap(hint) { .p(.class("hint"), .id("\(id)-hint"), .text($0)) },
            .unwrap(error) { .p(.class("field-error"), .id("\(id)-error"), .text($0)) },
            .textarea(
                .name(name), .id(id), .rows(rows),
                .attribute(named: "maxlength", value: maxLength.map(String.init)),
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                // site.js counts as you type into the element with this id.
                .attribute(named: "data-counter", value: counter),
                .attribute(named: "aria-describedby", value: counter ?? hint.map { _ in "\(id)-hint" }),
                .text(value)
            )
        )
    }
}
