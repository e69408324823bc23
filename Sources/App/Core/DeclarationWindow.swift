import Domain
import Fluent
import Vapor

/// Whether the year's declarations are open for a unit today, by the one clock:
/// the policy's declaration period, or a reopening the committee office recorded
/// for that unit. Never the machine's own date.
extension Request {
    /// The last day of the latest reopening for the unit in the current review year, if any.
    func declarationReopenedUntil(unitID: UUID) async throws -> LocalDate? {
        let year = policies.current.applicationDate.year
        let rows = try await DeclarationReopening.query(on: db).filter(\.$unit.$id == unitID).filter(\.$year == year).all()
        return try rows.map { row in
            guard let day = LocalDate(iso: row.until) else {
                throw StoredValueError(field: "declaration_reopenings.until", value: row.until)
            }
            return day
        }.max()
    }

    /// Why `act` is refused for the unit today, or nil when it may go ahead.
    func declarationRefusal(_ act: DeclarationPeriod.Act, unitID: UUID) async throws -> String? {
        let period = policies.current.declaration
        if period.contains(today) { return nil }
        return period.refusal(act, on: today, reopenedUntil: try await declarationReopenedUntil(unitID: unitID))
    }
}
