import Domain
import Foundation
import Plot
import Vapor

/// 演示日期 (the committee office, demo only): the demo's date and a form that moves it
/// forward, so a newcomer can walk the defense, the vote, the result publicity and the
/// certificates, which fall after the intake window the demo starts in.
struct DemoClockPage {
    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var today: String
    var todayISO: String
    var typed: String
    /// The review years the demo's date may move into: those with a bundle in use.
    var years: [Int]

    static func load(_ req: Request, errors: [String] = [], typed: String = "") async throws -> DemoClockPage {
        DemoClockPage(chrome: PageChrome(req: req, title: "演示日期"), csrf: try await req.csrfToken(), errors: errors,
                      today: req.today.chinese, todayISO: req.today.iso, typed: typed,
                      years: req.application.policyRegistry.all.map(\.year.year))
    }

    /// 演示日期须在2022年度内 / 须在2022年、2023年内, and how a later year becomes possible.
    static func yearsText(_ years: [Int], prefix: String) -> String {
        prefix + years.map { "\($0)年" }.joined(separator: "、") + "内（已启用年度政策的年份）；新年度的政策启用后，演示日期才能调整到该年"
    }

    func render() -> HTML {
        Layout.page(chrome, .h1(.text(chrome.title)),
            .if(!errors.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                                      .h2(.text("请修改以下问题后重新提交")), .ul(.forEach(errors) { .li(.text($0)) }))),
            .p(.text("演示数据的日期：\(today)。演示从收审截止前开始；为走完答辩、评委会表决、结果公示和发证，评委会办公室可把演示日期向后调整（只能向后，与真实工作中日期只向前一致）。正式运行时系统使用真实日期，本页不存在。")),
            .p(.class("hint"), .id("years"), .text(Self.yearsText(years, prefix: "可调整到"))),
            .form(.method(.post), .action(SiteURL.demoClock.path), .class("stacked"), .csrfField(csrf),
                  .textField("day", label: "调整到", value: typed.isEmpty ? todayISO : typed, type: "date", required: true),
                  .submitButton("调整演示日期")))
    }
}
