import Foundation
import Vapor

/// The stylesheet and the few scripts, read once from the bundle and served
/// from memory under /static/ with a content hash as ETag.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        var body: ByteBuffer
        var contentType: HTTPMediaType
        var etag: String
    }

    var assets: [String: Asset]

    static func load() throws -> StaticAssets {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("public") else {
            return StaticAssets(assets: [:])
        }
        var assets: [String: Asset] = [:]
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
            let digest = SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
            assets["/static" + relative] = Asset(body: ByteBuffer(data: data), contentType: type, etag: "\"\(digest)\"")
        }
        return StaticAssets(assets: assets)
    }
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
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        if req.headers.first(name: .ifNoneMatch) == asset.etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: asset.body))
    }
}
