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

extension Node where Context: HTMLContext {
    /// Text, escaped by construction. Shadows Plot's `.text` (Swift prefers the more
    /// constrained builder, as with the attribute builders above): Plot escapes a
    /// Character at a time, building a String for each, which was an eighth of an
    /// applicant's overview (issue 18, perf). This works on the UTF-8 bytes: `&`, `<`
    /// and `>` are single ASCII bytes that never occur inside a multi-byte sequence,
    /// so a combining mark after `<` cannot hide it (it can from a Character switch),
    /// and an entity the user typed (`&lt;`) is shown as typed, not decoded.
    static func text(_ text: String) -> Node { .raw(text.textEscaped) }
}

extension String {
    /// The escaping itself; views never call it -- the builders above do.
    var attributeEscaped: String { HTMLBytes.escape(self, quotes: true) }

    /// Text content: `&`, `<`, `>` (quotes need no escaping between tags).
    var textEscaped: String { HTMLBytes.escape(self, quotes: false) }
}

/// Escaping on UTF-8 bytes, returning the string itself (no copy) when nothing
/// needs escaping -- most names, dates and labels.
enum HTMLBytes {
    static func escape(_ text: String, quotes: Bool) -> String {
        func special(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || (quotes && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")))
        }
        let bytes = text.utf8
        guard bytes.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'") where quotes: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
