import Foundation
import Vapor

/// Rendered HTML that changes only with the policy bundle and the day, kept so
/// that a public page read by thousands (评审条件公示) is rendered once per policy
/// and day instead of once per request (issue 12: `/conditions` ≥ 2,000/s).
///
/// Only the page's content is cached, never the frame around it: the header,
/// the menu and the sign-out form's CSRF token belong to the person asking and
/// are rendered for each request. One entry per fragment name; a new key (the
/// next day, another policy) replaces the old value, so the cache cannot grow.
final class FragmentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (key: String, html: String)] = [:]

    /// The cached HTML of `name` for `key`, rendering it with `render` when the
    /// key has changed. Two requests racing on a new key both render; the
    /// result is the same, so the last one stored wins harmlessly.
    func html(_ name: String, key: String, render: () -> String) -> String {
        if let hit = lock.withLock({ entries[name] }), hit.key == key { return hit.html }
        let html = render()
        lock.withLock { entries[name] = (key, html) }
        return html
    }
}

extension Application {
    private struct FragmentCacheKey: StorageKey { typealias Value = FragmentCache }

    /// Created by `configure()`; one per application.
    var fragments: FragmentCache {
        get {
            guard let cache = storage[FragmentCacheKey.self] else { fatalError("configure() creates the fragment cache") }
            return cache
        }
        set { storage[FragmentCacheKey.self] = newValue }
    }
}
