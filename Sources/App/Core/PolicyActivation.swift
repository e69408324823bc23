import Domain
import Fluent
import Foundation
import Vapor

/// 启用年度政策 (issue 19, item 3): an uploaded bundle becomes the bundle of its own
/// review year. The year opens on the bundle's declaration dates (`PolicyRegistry`),
/// not on the day of activation; a year that already has a bundle in use keeps it,
/// and a year earlier than the latest one in use is never activated: a bundle in use
/// is only ever superseded by a later year's.
enum PolicyActivation {
    /// Why `policy` cannot be activated now, or nil. Chinese, for the office's page.
    static func refusal(_ record: PolicyBundleRecord, _ policy: Policy, registry: PolicyRegistry) -> String? {
        if let year = record.activeYear { return "编号为 \(record.bundleID) 的年度政策已于\(year)年度启用，不能再次启用。" }
        let year = policy.applicationDate.year
        if let holder = registry.store(year: year) {
            return "\(year)年度已有启用的年度政策（\(holder.current.id)），不能更换；启用的年度政策只能由以后年度的政策文件接替。"
        }
        let latest = registry.latest
        if year < latest.year.year {
            return "\(policy.id) 是\(year)年度的政策，早于已启用的\(latest.year.year)年度（\(latest.current.id)），不能启用。"
        }
        return nil
    }

    /// Why an upload of `policy` is refused because a year in use already holds it, or nil.
    /// An active year is never changed by an upload; a correction of a year in use is not
    /// possible, only a later year.
    static func uploadRefusal(_ policy: Policy, registry: PolicyRegistry) -> String? {
        let year = policy.applicationDate.year
        if registry.store(id: policy.id) != nil {
            return "编号为 \(policy.id) 的年度政策正在使用，不能上传覆盖；新的年度政策请使用新的编号（id）。"
        }
        if let holder = registry.store(year: year) {
            return "\(year)年度的政策（\(holder.current.id)）已经启用，不能上传同一年度的政策文件替换它；只能上传以后年度的政策文件。"
        }
        let latest = registry.latest
        if year < latest.year.year {
            return "上传的是\(year)年度的政策，早于已启用的\(latest.year.year)年度（\(latest.current.id)），未保存。"
        }
        return nil
    }

    /// Marks the bundle active for its year and writes the audit record in one
    /// transaction, then puts it in the registry. Returns the refusal when another
    /// activation took the year first (the unique `active_year`).
    static func activate(_ record: PolicyBundleRecord, _ policy: Policy, req: Request) async throws -> String? {
        let store: PolicyStore
        do { store = try PolicyStore.make(policy) } catch {
            throw StoredValueError(field: "policy_bundles.json", value: "\(record.bundleID): \(error.detail)")
        }
        let year = policy.applicationDate.year
        record.activeYear = year
        record.activatedAt = req.clock.now()
        record.activatedBy = req.currentUser?.id
        let entry = req.auditEntry("policy.activate", objectType: "policy_bundle", objectID: record.bundleID,
                                   detail: "\(year) declaration \(policy.declaration.opens.iso)..\(policy.declaration.closes.iso)")
        do {
            try await req.transaction { db in
                try await record.update(on: db)
                try await AuditLog.append(entry, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return "\(year)年度已有启用的年度政策，不能更换。"
        }
        req.application.policyRegistry.add(store)
        req.application.pageCache?.rulesChanged() // pages read from the registry before it go
        return nil
    }

    /// At start: the bundles the office activated join the shipped year, so a restart
    /// answers as before it. A stored bundle that no longer loads stops the start with
    /// its name (answering its year from another bundle would be silently wrong).
    static func loadActive(into app: Application) async throws {
        let rows = try await PolicyBundleRecord.query(on: app.db).filter(\.$activeYear != nil).all()
        for row in rows {
            let policy = try row.policy()
            let store: PolicyStore
            do { store = try PolicyStore.make(policy) } catch {
                throw StoredValueError(field: "policy_bundles.json", value: "\(row.bundleID): \(error.detail)")
            }
            app.policyRegistry.add(store)
        }
    }
}
