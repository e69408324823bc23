import Testing
@testable import Domain

/// The input of `title-review route` (`shared/contracts/workflow.md`, "Bad input"):
/// a missing field, a value of the wrong type, an unknown level each give one line
/// naming the field.
@Suite struct RouteInputTests {
    static let full = #"{"level": "engineer", "unit": {"cityDirect": false, "county": "140404", "ownership": "public", "hasCompetentDepartment": true, "personnelAgency": false}}"#

    func error(_ text: String) -> String {
        do { _ = try RouteInput.decode(text); return "decoded" } catch { return error.description }
    }

    /// The contract's example with one unit field replaced (`nil` removes it).
    func unitJSON(_ changes: [String: String?], level: String = "\"engineer\"") -> String {
        var fields: [(String, String)] = [("cityDirect", "false"), ("county", "\"140404\""), ("ownership", "\"public\""),
                                          ("hasCompetentDepartment", "true"), ("personnelAgency", "false")]
        for (key, value) in changes {
            if let i = fields.firstIndex(where: { $0.0 == key }) {
                if let value { fields[i].1 = value } else { fields.remove(at: i) }
            } else if let value {
                fields.append((key, value))
            }
        }
        let unit = fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
        return "{\"level\": \(level), \"unit\": {\(unit)}}"
    }

    @Test func theContractsExampleDecodes() throws {
        let (level, unit) = try RouteInput.decode(RouteInputTests.full)
        #expect(level == .engineer)
        #expect(unit == RouteUnit(cityDirect: false, county: "140404", ownership: .publicSector,
                                  hasCompetentDepartment: true, personnelAgency: false))
        #expect(try shippedPolicy.route(level: level, unit: unit).json
                == #"{"route":["unit","countyIndustryBureau","cityHRFiling","committeeOffice"],"county":"140404"}"#)
    }

    @Test(arguments: [("engineer", TargetLevel.engineer), ("assistant_engineer", .assistantEngineer), ("technician", .technician)])
    func everyLevelDecodes(name: String, level: TargetLevel) throws {
        #expect(try RouteInput.decode(unitJSON([:], level: "\"\(name)\"")).0 == level)
    }

    @Test func unknownLevel() {
        #expect(error(unitJSON([:], level: "\"senior\""))
                == #"level: unknown value "senior" (expected one of: engineer, assistant_engineer, technician)"#)
        #expect(error(unitJSON([:], level: "\"assistantEngineer\"")).hasPrefix("level: unknown value \"assistantEngineer\""))
    }

    @Test func levelOfTheWrongType() {
        #expect(error(unitJSON([:], level: "1")) == "level: expected string, found number")
        #expect(error(unitJSON([:], level: "[\"engineer\"]")) == "level: expected string, found array")
    }

    @Test func missingLevelOrUnit() {
        #expect(error(#"{"unit": {"cityDirect": true, "ownership": "public", "hasCompetentDepartment": true}}"#)
                == "level: missing required field")
        #expect(error(unitJSON([:], level: "null")) == "level: missing required field")
        #expect(error(#"{"level": "engineer"}"#) == "unit: missing required field")
        #expect(error(#"{"level": "engineer", "unit": null}"#) == "unit: missing required field")
    }

    @Test func documentOrUnitOfTheWrongType() {
        #expect(error("[]") == "expected object, found array")
        #expect(error(#"{"level": "engineer", "unit": "上党区"}"#) == "unit: expected object, found string")
        #expect(error(#"{"level": "engineer", "unit": []}"#) == "unit: expected object, found array")
        #expect(error("{\"level\": ") == "level: invalid JSON at line 1, column 11: unexpected end of input")
        #expect(error("").hasPrefix("invalid JSON"))
    }

    @Test(arguments: ["cityDirect", "ownership", "hasCompetentDepartment"])
    func missingRequiredUnitField(field: String) {
        #expect(error(unitJSON([field: nil])) == "unit.\(field): missing required field")
        #expect(error(unitJSON([field: "null"])) == "unit.\(field): missing required field")
    }

    @Test func unitFieldsOfTheWrongType() {
        #expect(error(unitJSON(["cityDirect": "\"false\""])) == "unit.cityDirect: expected boolean, found string")
        #expect(error(unitJSON(["cityDirect": "0"])) == "unit.cityDirect: expected boolean, found number")
        #expect(error(unitJSON(["hasCompetentDepartment": "\"yes\""])) == "unit.hasCompetentDepartment: expected boolean, found string")
        #expect(error(unitJSON(["personnelAgency": "1"])) == "unit.personnelAgency: expected boolean, found number")
        #expect(error(unitJSON(["county": "140404"])) == "unit.county: expected string, found number")
        #expect(error(unitJSON(["county": "{}"])) == "unit.county: expected string, found object")
        #expect(error(unitJSON(["ownership": "true"])) == "unit.ownership: expected string, found boolean")
    }

    @Test func unknownOwnership() {
        #expect(error(unitJSON(["ownership": "\"private\""]))
                == #"unit.ownership: unknown value "private" (expected one of: public, non_public)"#)
    }

    @Test func personnelAgencyIsRequiredForNonPublicUnitsOnly() throws {
        // It decides the agency step for a non-public unit...
        #expect(error(unitJSON(["ownership": "\"non_public\"", "personnelAgency": nil])) == "unit.personnelAgency: missing required field")
        #expect(error(unitJSON(["ownership": "\"non_public\"", "personnelAgency": "null"])) == "unit.personnelAgency: missing required field")
        let withAgency = try RouteInput.decode(unitJSON(["ownership": "\"non_public\"", "personnelAgency": "true"]))
        #expect(withAgency.1.personnelAgency)
        // ...and is ignored for a public one, where it defaults to false.
        let (_, publicUnit) = try RouteInput.decode(unitJSON(["personnelAgency": nil]))
        #expect(publicUnit.personnelAgency == false)
        let (level, flagged) = try RouteInput.decode(unitJSON(["personnelAgency": "true"]))
        #expect(try shippedPolicy.route(level: level, unit: flagged).steps == [.unit, .countyIndustryBureau, .cityHRFiling, .committeeOffice])
    }

    @Test func countyMayBeAbsentOrNullInTheInput() throws {
        // Whether it is needed is the route's question (Policy.route), not the decoder's.
        #expect(try RouteInput.decode(unitJSON(["county": nil])).1.county == nil)
        #expect(try RouteInput.decode(unitJSON(["county": "null"])).1.county == nil)
        #expect(try RouteInput.decode(unitJSON(["county": "\"999999\""])).1.county == "999999")
    }

    @Test func cityDirectPublicUnitWithoutCounty() throws {
        let (level, unit) = try RouteInput.decode(unitJSON(["cityDirect": "true", "county": nil]))
        #expect(try shippedPolicy.route(level: level, unit: unit).json
                == #"{"route":["unit","competentDepartment","cityHRReview","committeeOffice"],"county":null}"#)
    }

    @Test func unknownExtraFieldsAreIgnored() throws {
        let text = #"{"level": "technician", "name": "x", "unit": {"cityDirect": true, "ownership": "public", "hasCompetentDepartment": true, "kind": "enterprise"}}"#
        let (level, unit) = try RouteInput.decode(text)
        #expect(level == .technician)
        #expect(unit == RouteUnit(cityDirect: true, county: nil, ownership: .publicSector, hasCompetentDepartment: true))
    }
}
