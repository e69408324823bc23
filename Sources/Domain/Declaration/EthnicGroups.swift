/// 民族 as GB/T 3304-1991《中国各民族名称的罗马字母拼写法和代码》 lists them: the 56
/// ethnic groups with their two-digit numeric codes, in the standard's order.
/// (Source: GB/T 3304-1991, table 1, column 数字代码.)
///
/// The declaration stores the name (汉族 ...), as the printed forms show it and as
/// earlier free-text entries hold it; the code is for exports that want it.
public struct EthnicGroup: Sendable, Equatable {
    public let code: String
    public let name: String

    public static let all: [EthnicGroup] = [
        "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
        "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
        "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
        "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
        "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
        "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
    ].enumerated().map { index, name in
        EthnicGroup(code: index + 1 < 10 ? "0\(index + 1)" : "\(index + 1)", name: name)
    }

    /// The select box's choices: value and label are the name.
    public static let choices: [FieldSpec.Choice] = all.map { FieldSpec.Choice($0.name, $0.name) }

    public static func named(_ name: String) -> EthnicGroup? { all.first { $0.name == name } }
}
