/// Masks anything that looks like an ID number or a mobile number before text
/// goes to a log: an error from the database may quote the values it refused
/// ("Key (id_number)=(140402198803121010) already exists").
public enum LogScrubber {
    public static func scrub(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            // 11 digits (a mobile) or longer (an ID number, with a final X).
            out += run.count >= 11 ? Masking.middle(run) : run
            run = ""
        }
        for ch in text {
            if ch.isASCII, ch.isNumber || ((ch == "X" || ch == "x") && run.count == 17) {
                run.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }
}
