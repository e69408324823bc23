import Domain
import Plot

/// The public front page: what the system is, which review is open, the key
/// dates and where to start.
struct PublicHomePage {
    struct Milestone {
        var date: String
        var text: String
    }

    var chrome: PageChrome
    /// The year's values (name, fees, the notice's number).
    var review: ReviewYear
    var intakeWindow: String
    var intakeOpenNow: Bool
    var milestones: [Milestone]

    func render() -> HTML {
        Layout.page(
            chrome,
            .section(
                .class("hero"),
                .h1(.text(review.reviewName)),
                .p(.class("lead"), .text("工程系列（非建筑、建材、环保专业）工程师、助理工程师、技术员任职资格评审的网上申报、单位推荐、逐级审核、收审、答辩与评审系统。依据\(review.documentNumber)文件。申报期：\(review.declarationText)。")),
                .p(.class(intakeOpenNow ? "status open" : "status"),
                   .text(intakeOpenNow ? "材料收审进行中：\(intakeWindow)" : "材料收审时间：\(intakeWindow)（由单位电话预约，统一报送）")),
                .div(
                    .class("cta"),
                    .a(.class("button primary"), .href(SiteURL.conditions.path), .text("查看评审条件并自测")),
                    .a(.class("button"), .href(SiteURL.register.path), .text("申报人注册")),
                    .a(.class("button secondary"), .href(SiteURL.login.path), .text("登录"))
                )
            ),
            .section(
                .class("panel"),
                .h2(.text("评审流程")),
                .ol(
                    .class("steps"),
                    .forEach(milestones) { m in .li(.strong(.text(m.date)), .text(" "), .text(m.text)) }
                )
            ),
            .section(
                .class("panel two-col"),
                .div(
                    .h2(.text("谁使用本系统")),
                    .ul(
                        .li(.text("申报人：自测条件、网上申报、上传卷宗材料、签署承诺、查看进度")),
                        .li(.text("用人单位：民主评议、三公示、出具鉴定意见并推荐")),
                        .li(.text("主管部门、县（区）工信局、市人社局：逐级审核、备案、填写汇总表")),
                        .li(.text("评委会办公室：预约收审、完整性审查、论文查重、收费、组织答辩、诚信档案")),
                        .li(.text("评审专家：答辩评分；评委会：综合评议与表决"))
                    )
                ),
                .div(
                    .h2(.text("评审费用")),
                    .p(.text("\(review.feesText)（长发改费管发〔2016〕34号）。")),
                    .h2(.text("联系方式")),
                    .p(.text("市工信局编制人事科 0355-3036240"))
                )
            )
        )
    }
}
