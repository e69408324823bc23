import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// The printable certificate with its QR code (`CertificateQRCode`); a revoked one prints
/// only 已撤销 (十（二）: a cancelled result is never printed as a valid title).
struct CertificatePrintPage {
    var number: String
    var code: String
    var holder: String
    var maskedID: String
    var committee: String
    var title: String
    var specialty: String
    var issuedOn: String
    /// The configured public address (PUBLIC_BASE_URL), never the request's Host header.
    var link: String
    /// nil while valid; else the day (if known) and the reason.
    var revoked: (on: String?, reason: String)?
    var qrSVG: String?

    static func load(_ req: Request, _ c: CertificateRecord) async throws -> CertificatePrintPage {
        let link = "\(req.config.publicBaseURL)/verify/\(c.code)"
        var page = CertificatePrintPage(number: c.number, code: c.code, holder: c.holderName, maskedID: c.maskedID, committee: c.committee,
                                        title: c.title, specialty: c.specialty, issuedOn: LocalDate(iso: c.issuedOn)?.chinese ?? c.issuedOn,
                                        link: link, revoked: nil, qrSVG: nil)
        if try await ResultRules.isRevoked(c, on: req.db) {
            page.revoked = (c.revokedOn.map { LocalDate(iso: $0)?.chinese ?? $0 }, c.revokedReason ?? "评审资格已取消")
        } else {
            page.qrSVG = await CertificateQRCode.svg(link)
        }
        return page
    }

    func render() -> HTML {
        if let revoked {
            return HTML(.attribute(named: "lang", value: "zh-CN"),
                .head(.meta(.charset(.utf8)), .element(named: "title", text: "证书已撤销"), .link(.rel(.stylesheet), .href(PrintLayout.stylesheet))),
                .body(.main(.id("certificate"), .class("revoked"),
                    .h1(.text("已撤销")),
                    .p(.text("证书编号\(number)（持证人\(holder)）已撤销\(revoked.on.map { "（\($0)）" } ?? "")：\(revoked.reason)。该证书不再有效，不得打印使用。")),
                    .p(.text("查验网址：\(link)"))
                )))
        }
        return HTML(.attribute(named: "lang", value: "zh-CN"),
            .head(.meta(.charset(.utf8)), .element(named: "title", text: "专业技术职务任职资格证书"), .link(.rel(.stylesheet), .href(PrintLayout.stylesheet))),
            .body(.main(.id("certificate"),
                .h1(.text("专业技术职务任职资格证书")),
                .p(.text("\(holder)（身份证号 \(maskedID)）经\(committee)评审通过，具备\(title)（\(specialty)专业）任职资格。")),
                .p(.text("取得资格时间：\(issuedOn)")),
                .p(.text("证书编号：\(number)")), .p(.text("验证码：\(code)")),
                // The SVG comes from qrencode, a tool of our own choosing, never from user input.
                .div(.class("qr"), qrSVG.map { Node<HTML.BodyContext>.raw($0) } ?? .p(.text("（二维码生成工具不可用，请凭验证码查验）"))),
                .p(.text("查验网址：\(link)"))
            )))
    }
}
