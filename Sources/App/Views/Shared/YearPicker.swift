import Plot
import Vapor

/// 年度 (issue 19, item 2): lists of the year's records pick the review year with
/// `?year=`; the year in use is the default, and every year the application knows
/// (the shipped one and those the office activated) stays readable.
struct YearPicker: Sendable {
    var years: [Int]
    var selected: Int
    /// The list's own address; the picker adds `?year=`.
    var url: SiteURL

    /// The year a list shows: `?year=` when it is a known year, else the year in use.
    static func make(_ req: Request, url: SiteURL) -> YearPicker {
        let years = req.application.policyRegistry.all.map(\.year.year)
        let asked = req.query[Int.self, at: "year"]
        let selected = asked.flatMap { years.contains($0) ? $0 : nil } ?? req.policies.year.year
        return YearPicker(years: years, selected: selected, url: url)
    }

    /// The year shown, and links to the others once there is more than one.
    var node: Node<HTML.BodyContext> {
        .nav(
            .class("year-picker"), .attribute(named: "aria-label", value: "评审年度"),
            .text("评审年度："),
            .forEach(years) { year in
                let link: Node<HTML.BodyContext> = year == selected
                    ? .strong(.attribute(named: "aria-current", value: "page"), .text("\(year)年度"))
                    : .a(.href(url.path(query: ["year": String(year)])), .text("\(year)年度"))
                return .group(.text(" "), link)
            }
        )
    }
}
