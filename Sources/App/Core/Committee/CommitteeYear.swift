import Domain
import Vapor

/// The review year of the committee stage (issue 19, item 2). A list shows the year the
/// `YearPicker` chose; an action on a record (a panel, a meeting, a publicity, an
/// application) is judged by the bundle of the record's own year, never by the year in
/// use, so the 2022 panels still grade with the 2022 weights once 2023 has opened.
extension Request {
    /// The bundle of a review year a record belongs to. A record of a year no bundle
    /// answers for is an error in the data, never answered by another year's rules.
    @inline(never) // see CommitteeData.rules(_:year:): a release-build compiler crash when inlined into async code
    func policies(year: Int) throws -> PolicyStore {
        guard let store = application.policyRegistry.store(year: year) else {
            throw StoredValueError(field: "year", value: String(year))
        }
        return store
    }
}

enum CommitteeYear {
    /// Why nothing new may be created for `year` today, in Chinese; nil when it may. A
    /// year whose declaration has not opened yet is not under review: no panel, committee,
    /// meeting, question, table or publicity of it. The year in use and the years before
    /// it stay open to the office (a 2022 review finishes after 2023 has opened).
    static func creationRefusal(_ req: Request, year: Int, what: String) throws -> String? {
        let store = try req.policies(year: year)
        let opens = store.current.declaration.opens
        guard req.today < opens else { return nil }
        return "\(year)年度评审尚未开始（\(opens.chinese)开始申报），现在不能为该年度\(what)；请在页首选择正在进行的评审年度"
    }

    /// The list's address after an action on a record of `year`: the office comes back to
    /// the year it was working in (`?year=` only when that is not the year in use).
    static func path(_ req: Request, _ url: SiteURL, year: Int, notice: String? = nil, fragment: String? = nil) -> String {
        let other = year == req.policies.year.year ? nil : String(year)
        switch (other, notice) {
        case (let y?, let n?): return url.path(query: ["year": y, "notice": n], fragment: fragment)
        case (let y?, nil): return url.path(query: ["year": y], fragment: fragment)
        case (nil, let n?): return url.path(query: ["notice": n], fragment: fragment)
        case (nil, nil): return url.path(query: [:], fragment: fragment)
        }
    }
}
