import Domain
import Vapor

/// Turns every error into a page in Chinese with the right status. Unknown
/// errors are logged with a reference number the user can quote; the page
/// never shows internals.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch let error as PageError {
            if case .signInRequired(let expired) = error, req.method == .GET {
                let target = expired ? SiteURL.login.path(query: ["next": req.url.path, "expired": "1"])
                    : SiteURL.login.path(query: ["next": req.url.path])
                return req.redirect(to: target)
            }
            if error.status == .forbidden { await Self.recordRefusal(req, reason: error.message) }
            return render(req, status: error.status, title: error.title, message: error.message(req.config))
        } catch let abort as AbortError {
            if abort.status == .forbidden { await Self.recordRefusal(req, reason: abort.reason) }
            let (title, message) = Self.describe(abort.status)
            return render(req, status: abort.status, title: title, message: message)
        } catch {
            let reference = String(UInt32.random(in: 100_000...999_999))
            // Never the raw description: it may quote personal numbers the database refused.
            req.logger.error("unhandled error, reference \(reference): \(String(reflecting: type(of: error))): \(LogScrubber.scrub(String(describing: error)))")
            return render(req, status: .internalServerError, title: "系统错误",
                          message: "系统处理您的请求时出错，请稍后重试。如问题持续，请联系管理员并提供编号 \(reference)。")
        }
    }

    /// Issue 8, item 3: every refused request (403) is a security event in the
    /// audit log -- who, from where, which page and why. A failure to record is
    /// logged but does not replace the refusal page.
    static func recordRefusal(_ req: Request, reason: String) async {
        let entry = req.auditEntry("security.denied", objectType: "route", objectID: req.url.path,
                                   outcome: .denied, detail: "\(req.method.rawValue) \(req.url.path): \(reason)")
        do {
            try await req.audit(entry, now: req.clock.now())
        } catch {
            req.logger.error("could not record refusal in the audit log: \(String(reflecting: type(of: error)))")
        }
    }

    static func describe(_ status: HTTPResponseStatus) -> (String, String) {
        switch status.code {
        case 400: ("请求有误", "提交的内容格式不正确，请检查后重新提交。")
        case 401: ("请先登录", "此页面需要登录后访问。")
        case 403: ("无权访问", "您无权进行此操作。")
        case 404: ("页面不存在", "您访问的页面不存在或已被删除。")
        case 405: ("请求方式不支持", "此地址不接受这种请求方式。")
        case 413: ("提交的内容过大", "提交的内容超过了允许的大小。")
        case 415: ("格式不支持", "提交的内容格式不受支持。")
        case 429: ("请求过于频繁", "请稍候再试。")
        default: ("系统错误", "系统处理您的请求时出错，请稍后重试。")
        }
    }

    private func render(_ req: Request, status: HTTPResponseStatus, title: String, message: String) -> Response {
        let page = ErrorPage(title: title, message: message, chrome: PageChrome(req: req, title: title))
        return page.render().response(status: status)
    }
}
