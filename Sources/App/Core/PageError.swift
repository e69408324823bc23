import Vapor

/// Errors that become a Chinese page for the user (never a stack trace).
enum PageError: Error {
    case signInRequired(expired: Bool)
    case forbidden(String)
    case notFound
    case csrf
    case badRequest(String)
    case payloadTooLarge
    /// The action was meant for a step the application has left (a double click, the
    /// Back button, a colleague was quicker): 422, the actor did nothing wrong.
    case alreadyHandled(String)

    var status: HTTPResponseStatus {
        switch self {
        case .signInRequired: .unauthorized
        case .forbidden, .csrf: .forbidden
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .payloadTooLarge: .payloadTooLarge
        case .alreadyHandled: .unprocessableEntity
        }
    }

    var title: String {
        switch self {
        case .signInRequired: "请先登录"
        case .forbidden: "无权访问"
        case .notFound: "页面不存在"
        case .csrf: "表单已失效"
        case .badRequest: "请求有误"
        case .payloadTooLarge: "提交的内容过大"
        case .alreadyHandled: "该申报已被处理"
        }
    }

    /// The message with the configured durations (the idle limit).
    func message(_ config: AppConfig) -> String {
        if case .signInRequired(true) = self { return "登录已超时（\(config.sessionIdleText)无操作），请重新登录。" }
        return message
    }

    var message: String {
        switch self {
        case .signInRequired(let expired):
            expired ? "登录已超时（长时间无操作），请重新登录。" : "此页面需要登录后访问。"
        case .forbidden(let reason): reason
        case .notFound: "您访问的页面不存在或已被删除。"
        case .csrf: "表单已过期或来源无法确认（防伪令牌校验失败）。请返回上一页，刷新后重新提交；您填写的内容在浏览器返回后通常仍在。"
        case .badRequest(let message): message
        case .payloadTooLarge: "提交的内容超过了允许的大小。"
        case .alreadyHandled(let message): message
        }
    }
}
