import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 证书查验 (public): the code form, and the answer for a code: unknown, revoked (十（二）:
/// 已撤销 in place of the result, the title never shown as held), or valid.
struct CertificateVerifyPage {
    enum Outcome: Sendable {
        case form
        case unknown(code: String)
        case revoked(Certificate, on: String?, reason: String)
        case valid(Certificate)
    }

    struct Certificate: Sendable {
        var holder: String
        var maskedID: String
        var title: String
        var specialty: String
        var issuedOn: String
        var number: String
        var committee: String
    }

    var chrome: PageChrome
    var outcome: Outcome

    static func form(_ req: Request) -> CertificateVerifyPage {
        CertificateVerifyPage(chrome: PageChrome(req: req, title: "证书查验"), outcome: .form)
    }

    /// `code` as typed in the URL; anything but up to 20 ASCII letters and digits is unknown.
    static func load(_ req: Request, code raw: String) async throws -> CertificateVerifyPage {
        let code = raw.uppercased()
        let chrome = PageChrome(req: req, title: "证书查验")
        let valid = code.count <= 20 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard valid, let cert = try await CertificateRecord.query(on: req.db).filter(\.$code == code).first() else {
            return CertificateVerifyPage(chrome: chrome, outcome: .unknown(code: String(code.prefix(20))))
        }
        let shown = Certificate(holder: cert.holderName, maskedID: cert.maskedID, title: cert.title, specialty: cert.specialty,
                                issuedOn: LocalDate(iso: cert.issuedOn)?.chinese ?? cert.issuedOn, number: cert.number,
                                committee: cert.committee)
        if try await ResultRules.isRevoked(cert, on: req.db) {
            return CertificateVerifyPage(chrome: chrome, outcome: .revoked(shown, on: cert.revokedOn.map { LocalDate(iso: $0)?.chinese ?? $0 },
                                                                           reason: cert.revokedReason ?? "评审资格已取消"))
        }
        return CertificateVerifyPage(chrome: chrome, outcome: .valid(shown))
    }

    var status: HTTPResponseStatus {
        if case .unknown = outcome { return .notFound }
        return .ok
    }

    func render() -> HTML {
        switch outcome {
        case .form:
            return CommitteeUI.page(chrome, [
                .form(.method(.get), .action(SiteURL.verify.path), .class("stacked"),
                      .textField("code", label: "验证码（证书上的12位字母数字）", required: true, maxLength: 20),
                      .submitButton("查验")),
            ])
        case .unknown(let code):
            return CommitteeUI.page(chrome, [
                .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
                     .p(.text("验证码“\(code)”不存在，请核对证书上的验证码。"))),
                .p(.a(.href(SiteURL.verify.path), .text("重新查验"))),
            ])
        case .revoked(let cert, let day, let reason):
            return CommitteeUI.page(chrome, [
                .div(.class("error-summary revoked"), .attribute(named: "role", value: "alert"),
                     .p(.text("查验结果：该证书已撤销\(day.map { "（\($0)）" } ?? "")，\(reason)，不再有效。"))),
                .dl(.id("certificate"),
                    .dt(.text("姓名")), .dd(.text(cert.holder)),
                    .dt(.text("身份证号")), .dd(.text(cert.maskedID)),
                    .dt(.text("证书编号")), .dd(.text(cert.number)),
                    .dt(.text("评审结果")), .dd(.strong(.text("已撤销"))),
                    .dt(.text("评审委员会")), .dd(.text(cert.committee))),
            ])
        case .valid(let cert):
            return CommitteeUI.page(chrome, [
                .p(.class("notice"), .text("查验结果：证书真实有效。")),
                .dl(.id("certificate"),
                    .dt(.text("姓名")), .dd(.text(cert.holder)),
                    .dt(.text("身份证号")), .dd(.text(cert.maskedID)),
                    .dt(.text("资格名称")), .dd(.text(cert.title)),
                    .dt(.text("专业")), .dd(.text(cert.specialty)),
                    .dt(.text("取得资格时间")), .dd(.text(cert.issuedOn)),
                    .dt(.text("证书编号")), .dd(.text(cert.number)),
                    .dt(.text("评审委员会")), .dd(.text(cert.committee))),
            ])
        }
    }
}
