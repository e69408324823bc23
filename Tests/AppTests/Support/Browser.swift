import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import App

/// A tiny browser for HTTP tests: keeps the session cookie, picks up the CSRF
/// token from each HTML page it sees, and posts forms the way a page would.
struct Browser {
    let app: Application
    var cookie: String?
    /// The anonymous forms' nonce cookie (`AnonymousCSRF.cookieName`), kept as a browser would.
    var csrfCookie: String?
    var csrf: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil)
    }

    /// Posts `form` as application/x-www-form-urlencoded, adding the CSRF token
    /// the last page carried unless `csrf` is given (nil keeps it out).
    @discardableResult
    mutating func post(_ path: String, _ form: [String: String] = [:],
                       csrf override: String?? = .none) async throws -> TestingHTTPResponse {
        var fields = form
        switch override {
        case .none: if let csrf { fields["csrf"] = csrf }
        case .some(.some(let token)): fields["csrf"] = token
        case .some(.none): break
        }
        let body = fields.sorted(by: { $0.key < $1.key })
            .map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.POST, path, body: body)
    }

    /// Signs in through the login form; returns the login response.
    @discardableResult
    mutating func login(_ username: String, _ password: String = demoPassword) async throws -> TestingHTTPResponse {
        try await get("/login")
        let response = try await post("/login", ["username": username, "password": password])
        // Follow the redirect as a browser would: the new session's page carries its CSRF token.
        if let location = response.location { try await get(location) }
        return response
    }

    private mutating func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        let cookies = [cookie.map { "\(SessionStore.cookieName)=\($0)" }, csrfCookie.map { "\(AnonymousCSRF.cookieName)=\($0)" }]
            .compactMap { $0 }
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.joined(separator: "; ")) }
        if body != nil { headers.contentType = .urlEncodedForm }
        let buffer = body.map { ByteBuffer(string: $0) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
        for header in response.headers[.setCookie] {
            guard header.hasPrefix(SessionStore.cookieName + "=") else { continue }
            let value = header.dropFirst(SessionStore.cookieName.count + 1).prefix { $0 != ";" }
            cookie = value.isEmpty ? nil : String(value)
        }
        for header in response.headers[.setCookie] where header.hasPrefix(AnonymousCSRF.cookieName + "=") {
            let value = header.dropFirst(AnonymousCSRF.cookieName.count + 1).prefix { $0 != ";" }
            csrfCookie = value.isEmpty ? nil : String(value)
        }
        if let token = Self.csrfToken(in: response.body.string) { csrf = token }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="[^"]*""#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }
    var location: String? { headers.first(name: .location) }
}
