import Plot

// Attribute values are escaped by construction (issue 8, item 3).
//
// Plot escapes text nodes but writes attribute values exactly as given. Instead of
// asking every view to remember a helper, this file shadows Plot's builders for
// every attribute that can carry data: the generic `.attribute(named:value:)`,
// `.value`, `.href` and `.action`. Swift prefers these (more specific constraints
// or a concrete `String` parameter) over Plot's, so `.value(userText)` in any view
// of this module goes through `String.attributeEscaped` -- one builder path. Plot's
// own builders (`.id`, `.class`, `.name`, `.for`, `.type` ...) are for identifiers
// the code makes; `AttributeEscapingTests` renders hostile values through all of
// these and fails if one comes out raw.

extension Node where Context: HTMLContext {
    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute(name: name, value: value?.attributeEscaped, ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Attribute where Context: HTMLContext {
    static func attribute(named name: String, value: String?) -> Attribute {
        Attribute(name: name, value: value?.attributeEscaped)
    }
}

extension Node where Context == HTML.InputContext {
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

extension Attribute where Context == HTML.InputContext {
    static func value(_ value: String) -> Attribute { .attribute(named: "value", value: value) }
}

extension Node where Context == HTML.OptionContext {
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

extension Attribute where Context == HTML.OptionContext {
    static func value(_ value: String) -> Attribute { .attribute(named: "value", value: value) }
}

extension Node where Context == HTML.ButtonContext {
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: String) -> Node { .attribute(named: "href", value: url) }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: String) -> Attribute { .attribute(named: "href", value: url) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: String) -> Node { .attribute(named: "action", value: url) }
}

extension String {
    /// The escaping itself; views never call it -- the builders above do.
    var attributeEscaped: String {
        var out = ""
        out.reserveCapacity(count)
        for ch in self {
            switch ch {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
