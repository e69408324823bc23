import Domain

extension Organization {
    /// What the route depends on about an employer: the contract's `unit` object.
    /// The county is the unit's own division unless it sits at city level (a
    /// city-direct unit with a competent department names no county, W4).
    func routeUnit() throws -> RouteUnit {
        guard kind == .unit, let unitKind else { throw StoredValueError(field: "organizations.unit_kind", value: unitKindRaw ?? "") }
        return RouteUnit(cityDirect: isCityDirect,
                         county: divisionCode == DivisionCodes.city ? nil : divisionCode,
                         ownership: UnitOwnership(unitKind),
                         hasCompetentDepartment: $competentDepartment.id != nil,
                         personnelAgency: $personnelAgency.id != nil)
    }
}

enum DivisionCodes {
    /// 长治市 (GB/T 2260): organizations at city level carry it.
    static let city = "140400"
}
