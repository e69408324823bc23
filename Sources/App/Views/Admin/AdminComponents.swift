import Domain
import Foundation
import Plot

/// A page of a long list and the filters that produced it, so the page links
/// keep the filters (admin accounts, organizations, audit log).
struct Pager: Sendable {
    var page: Int
    var pageSize: Int
    var total: Int
    var path: String
    /// The active filters, in the order they appear in the form.
    var query: [(String, String)]

    var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
    var offset: Int { (page - 1) * pageSize }

    /// The page asked for in `?page=`, clamped to 1 for junk or negatives.
    static func requestedPage(_ raw: String?) -> Int {
        max(1, raw.flatMap { Int($0) } ?? 1)
    }

    /// A pager on a page that exists: one asked for past the end shows the last.
    static func clamped(page: Int, pageSize: Int, total: Int, path: String, query: [(String, String)]) -> Pager {
        var pager = Pager(page: page, pageSize: pageSize, total: total, path: path, query: query)
        pager.page = min(page, pager.pageCount)
        return pager
    }

    /// The rows of this page, for a list's statement.
    var window: CommitteeListQuery.Window { .init(limit: pageSize, offset: offset) }

    func link(to page: Int) -> String {
        Self.url(path, query.filter { !$0.1.isEmpty } + (page > 1 ? [("page", String(page))] : []))
    }

    /// `path?a=1&b=2`, each value percent-encoded (values may be Chinese).
    static func url(_ path: String, _ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return path }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let pairs = items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        return path + "?" + pairs.joined(separator: "&")
    }
}

extension Node where Context: HTML.BodyContext {
    /// A one-button form for a state change (停用, 解锁, 重置密码 ...): POST with
    /// the CSRF token, because links must never change anything.
    static func postButton(_ action: String, csrf: String, title: String, style: String = "secondary") -> Node {
        .form(
            .method(.post), .action(action), .class("inline"),
            .csrfField(csrf),
            .button(.type(.submit), .class("button small \(style)"), .text(title))
        )
    }

    static func pager(_ pager: Pager) -> Node {
        .nav(
            .class("pager"), .ariaLabel("分页"),
            .span(.class("muted"), .text("共\(pager.total)条，第\(pager.page)/\(pager.pageCount)页")),
            .if(pager.page > 1, .a(.href(pager.link(to: pager.page - 1)), .attribute(named: "rel", value: "prev"),
                                   .text("上一页"))),
            .if(pager.page < pager.pageCount, .a(.href(pager.link(to: pager.page + 1)),
                                                 .attribute(named: "rel", value: "next"), .text("下一页")))
        )
    }

    /// The filter bar above a list: GET, so a filtered list can be bookmarked.
    static func filterForm(_ action: String, _ fields: Node<HTML.FormContext>...) -> Node {
        .form(
            .method(.get), .action(action), .class("filters"),
            .group(fields),
            .div(.class("actions"),
                 .button(.type(.submit), .class("button"), .text("筛选")),
                 .a(.class("button secondary"), .href(action), .text("清除条件")))
        )
    }

    static func tag(_ text: String, _ style: String = "") -> Node {
        .span(.class(style.isEmpty ? "tag" : "tag \(style)"), .text(text))
    }
}

/// Yes/no in a table cell.
func yesNo(_ value: Bool) -> String { value ? "是" : "—" }

/// Times on the administration pages, in Beijing time (UTC+8, no daylight
/// saving) whatever the server's zone is.
enum BeijingTime {
    /// "2022-08-25 14:03" (or with seconds).
    static func text(_ date: Date, seconds: Bool = false) -> String {
        let total = Int((date.timeIntervalSince1970 + 8 * 3600).rounded(.down))
        let days = Int((Double(total) / 86400).rounded(.down))
        let rest = total - days * 86400
        let time = seconds
            ? String(format: "%02d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60)
            : String(format: "%02d:%02d", rest / 3600, rest % 3600 / 60)
        return "\(LocalDate(dayNumber: days).iso) \(time)"
    }

    /// An audit timestamp ("2022-08-25T06:03:05.123Z", UTC) in Beijing time;
    /// the stored text itself if it is not in that shape.
    static func text(auditTimestamp s: String) -> String {
        let u = Array(s.utf8)
        guard u.count >= 19, let day = LocalDate(iso: s.prefix(10)),
              let h = Int(String(decoding: u[11..<13], as: UTF8.self)),
              let m = Int(String(decoding: u[14..<16], as: UTF8.self)),
              let sec = Int(String(decoding: u[17..<19], as: UTF8.self)) else { return s }
        let epoch = day.dayNumber * 86400 + h * 3600 + m * 60 + sec
        return text(Date(timeIntervalSince1970: TimeInterval(epoch)), seconds: true)
    }
}
