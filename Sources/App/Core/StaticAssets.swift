import Foundation
import Vapor

/// The stylesheets and the few scripts, read once from the bundle and served
/// from memory under /static/.
///
/// Pages link each asset by a URL with its content hash in the name
/// (`/static/site.3fa2c1d0e4b59a67.css`): that URL never changes meaning, so the
/// browser may keep it for a year without asking again (issue 12), and a new
/// release links a new name. The plain name (`/static/site.css`) is still
/// served, with revalidation, for anything that kept an old link.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        var body: ByteBuffer
        var contentType: HTTPMediaType
        var etag: String
        /// True for the hashed name, which may be cached for good.
        var immutable: Bool
    }

    /// Asset by request path: each file under both its plain and its hashed name.
    let assets: [String: Asset]
    /// The hashed path by plain path, for links.
    let versioned: [String: String]

    /// The bundle's assets, read on first use. A bundle that cannot be read
    /// stops the server at start (`configure` asks for them), never a page
    /// without its stylesheet.
    static let bundled: Result<StaticAssets, any Error> = Result { try load() }

    /// The URL a page links for `path` (e.g. `/static/site.css`): the hashed name.
    static func url(_ path: String) -> String {
        (try? bundled.get())?.versioned[path] ?? path
    }

    static func load() throws -> StaticAssets {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("public"),
              FileManager.default.fileExists(atPath: root.path) else {
            throw StaticAssetsError(message: "the resource bundle has no public/ folder")
        }
        var assets: [String: Asset] = [:]
        var versioned: [String: String] = [:]
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard !url.hasDirectoryPath, !url.lastPathComponent.hasPrefix(".") else { continue }
            let data = try Data(contentsOf: url)
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count))
            let type: HTTPMediaType = switch url.pathExtension {
            case "css": .init(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            case "js": .init(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
            case "svg": .init(type: "image", subType: "svg+xml")
            case "png": .png
            default: .binary
            }
            let digest = SHA256.hash(data: data).prefix(8).hexString
            let plain = "/static" + relative
            let hashed = hashedPath(plain, digest: digest)
            let asset = Asset(body: ByteBuffer(data: data), contentType: type, etag: "\"\(digest)\"", immutable: false)
            assets[plain] = asset
            assets[hashed] = Asset(body: asset.body, contentType: type, etag: asset.etag, immutable: true)
            versioned[plain] = hashed
        }
        return StaticAssets(assets: assets, versioned: versioned)
    }

    /// `/static/site.css` with digest `ab12` → `/static/site.ab12.css`.
    static func hashedPath(_ plain: String, digest: String) -> String {
        let name = plain.split(separator: "/").last.map(String.init) ?? plain
        let directory = plain.dropLast(name.count)
        guard let dot = name.lastIndex(of: ".") else { return "\(plain).\(digest)" }
        return "\(directory)\(name[..<dot]).\(digest)\(name[dot...])"
    }
}

struct StaticAssetsError: Error, CustomStringConvertible {
    let message: String
    var description: String { "static assets: \(message)" }
}

struct StaticAssetsMiddleware: AsyncMiddleware {
    let assets: StaticAssets

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard req.method == .GET || req.method == .HEAD, req.url.path.hasPrefix("/static/") else {
            return try await next.respond(to: req)
        }
        guard let asset = assets.assets[req.url.path] else { throw PageError.notFound }
        var headers = HTTPHeaders()
        headers.contentType = asset.contentType
        headers.replaceOrAdd(name: .eTag, value: asset.etag)
        headers.replaceOrAdd(name: .cacheControl,
                             value: asset.immutable ? "public, max-age=31536000, immutable" : "public, max-age=300, must-revalidate")
        if req.headers.first(name: .ifNoneMatch) == asset.etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: asset.body))
    }
}
