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

    static func load(_ req: Request, errors: [String] = [], typed: String = "") async throws -> DemoClockPage {
        DemoClockPage(chrome: PageChrome(req: req, title: "演示日期"), csrf: try await req.csrfToken(), errors: errors,
                      today: req.today.chinese, todayISO: req.today.iso, typed: typed)
    }

    func render() -> HTML {
        Layout.page(chrome, .h1(.text(chrome.title)),
            .if(!errors.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                                      .h2(.text("请修改以下问题后重新提交")), .ul(.forEach(errors) { .li(.text($0)) }))),
            .p(.text("演示数据的日期：\(today)。演示从收审截止前开始；为走完答辩、评委会表决、结果公示和发证，评委会办公室可把演示日期向后调整（只能向后，与真实工作中日期只向前一致）。正式运行时系统使用真实日期，本页不存在。")),
            .form(.method(.post), .action(SiteURL.demoClock.path), .class("stacked"), .csrfField(csrf),
                  .textField("day", label: "调整到", value: typed.isEmpty ? todayISO : typed, type: "date", required: true),
                  .submitButton("调整演示日期")))
    }
}
