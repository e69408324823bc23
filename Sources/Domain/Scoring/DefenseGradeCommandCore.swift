/// The core of `title-review defense grade`: input bytes to output bytes, no process.
///
/// Output (the scoring contract), compact JSON and a newline:
/// `{"applicants":[{"applicant":"A01","defenseScore":80.7,"rank":1,"grade":"excellent",
/// "eliminated":false,"reviewScore":67.26}],"counts":{"excellent":1,"medium":0,"poor":0}}`;
/// applicants in rank order (ties in the order of first appearance in `scores`),
/// `reviewScore` only for applicants given a quantitative score, numbers in their
/// shortest decimal form (80.7, 67.26, 80).
public enum DefenseGradeCommandCore {
    public static func run(input: [UInt8], rules: DefenseRules) throws(JSONInputError) -> [UInt8] {
        let parsed = try DefenseGradeInput.decode(input)
        let panel = DefenseGrading.grade(parsed.entries, quantitative: parsed.quantitative, rules: rules)
        return encode(panel)
    }

    /// With the rules read from a policy. Throws `PolicyError` when the bundle's scoring
    /// parameters are unusable, `JSONInputError` for bad input.
    public static func run(input: [UInt8], policy: Policy) throws -> [UInt8] {
        let rules = try DefenseRules(policy: policy)
        return try run(input: input, rules: rules)
    }

    /// The contract's output JSON for a graded panel.
    public static func encode(_ panel: PanelResult) -> [UInt8] {
        var o = TextBuffer(capacity: 128 + 128 * panel.applicants.count)
        o.append("{\"applicants\":[")
        for (i, a) in panel.applicants.enumerated() {
            if i > 0 { o.append(byte: UInt8(ascii: ",")) }
            o.append("{\"applicant\":")
            o.appendJSONString(a.applicant)
            o.append(",\"defenseScore\":")
            o.append(string: a.defenseScore.description)
            o.append(",\"rank\":")
            o.append(int: a.rank)
            o.append(",\"grade\":")
            o.appendJSONString(a.grade.rawValue)
            o.append(",\"eliminated\":")
            o.append(a.eliminated ? "true" : "false")
            if let r = a.reviewScore {
                o.append(",\"reviewScore\":")
                o.append(string: r.description)
            }
            o.append(byte: UInt8(ascii: "}"))
        }
        o.append("],\"counts\":{\"excellent\":")
        o.append(int: panel.counts.excellent)
        o.append(",\"medium\":")
        o.append(int: panel.counts.medium)
        o.append(",\"poor\":")
        o.append(int: panel.counts.poor)
        o.append("}}\n")
        return o.bytes
    }
}
