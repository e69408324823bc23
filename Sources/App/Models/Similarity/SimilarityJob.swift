import Fluent
import Foundation

/// "Check this year's accepted applications", started by the committee office and
/// run by a background worker (`SimilarityWorker`). A job lives in the database so it
/// survives a restart: a worker holds it with a lease it renews while it works; a job
/// left `running` by a dead process is claimed again once the lease has run out.
final class SimilarityJob: Model, @unchecked Sendable {
    static let schema = "similarity_jobs"

    enum State: String { case queued, running, done, failed }

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "state") var state: String
    @Field(key: "total") var total: Int
    @Field(key: "done") var done: Int
    @OptionalField(key: "error") var error: String?
    @Field(key: "requested_at") var requestedAt: Double
    @OptionalField(key: "lease_until") var leaseUntil: Double?
    @OptionalField(key: "claimed_by") var claimedBy: String?
    @OptionalParent(key: "requested_by") var requestedBy: UserAccount?
    @OptionalField(key: "finished_at") var finishedAt: Double?

    init() {}

    init(year: Int, requestedAt: Date, requestedBy: UUID?) {
        self.year = year
        self.state = State.queued.rawValue
        self.total = 0
        self.done = 0
        self.requestedAt = requestedAt.timeIntervalSince1970
        self.$requestedBy.id = requestedBy
    }

    var stateValue: State? { State(rawValue: state) }
}
