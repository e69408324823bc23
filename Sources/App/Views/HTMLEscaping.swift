/// Plot escapes text nodes but writes attribute values as given, so every
/// value that can carry user input goes through this before it becomes an
/// attribute (form values, hidden fields).
extension String {
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
