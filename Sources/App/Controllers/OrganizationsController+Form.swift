import Domain
import Fluent
import Vapor

/// The organization form as posted, and its validation against the notice's
/// reporting lines (四（三）、六): employers carry a credit code and a kind;
/// only non-public and social organizations have a personnel agency.
struct OrganizationForm: Content {
    var name: String?
    var kind: String?
    var division: String?
    var unitKind: String?
    var creditCode: String?
    var cityDirect: String?
    var aboveScale: String?
    var competentDepartmentID: String?
    var personnelAgencyID: String?

    struct Parsed {
        var name: String
        var kind: OrganizationKind
        var divisionCode: String
        var unitKind: UnitKind?
        var creditCode: String?
        var isCityDirect: Bool
        var isAboveScale: Bool
        var competentDepartmentID: UUID?
        var personnelAgencyID: UUID?

        func apply(to org: Organization) {
            org.name = name
            org.kindRaw = kind.rawValue
            org.divisionCode = divisionCode
            org.unitKindRaw = unitKind?.code
            org.creditCode = creditCode
            org.isCityDirect = isCityDirect
            org.isAboveScale = isAboveScale
            org.$competentDepartment.id = competentDepartmentID
            org.$personnelAgency.id = personnelAgencyID
        }
    }

    static let onlyUnits = "只有用人单位填写此项"

    /// Checks every field and returns the typed values, or nil with `errors` filled.
    /// `existing` is the organization being edited (nil when creating).
    static func validate(_ v: AdminOrganizationFormPage.Values, existing: Organization?, on db: any Database,
                         errors: inout FieldErrors) async throws -> Parsed? {
        let selfID = existing?.id
        if v.name.isEmpty {
            errors.add("name", "请填写机构名称")
        } else if v.name.count > 60 {
            errors.add("name", "机构名称不能超过60个字符")
        } else if v.name.contains(where: { "<>\"".contains($0) }) {
            // Half-width quotes and angle brackets never occur in a registered name (全角“”《》 do).
            errors.add("name", "机构名称不能包含半角引号或尖括号，请使用全角符号“”《》")
        } else {
            var q = Organization.query(on: db).filter(\.$name == v.name)
            if let selfID { q = q.filter(\.$id != selfID) }
            if try await q.count() > 0 { errors.add("name", "已有同名机构，请核对是否重复登记") }
        }

        let kind = OrganizationKind(rawValue: v.kind)
        if kind == nil { errors.add("kind", "请选择机构类型") }
        let division = OrganizationsController.division(v.division)
        if division == nil { errors.add("division", "请选择所在地区") }
        if let kind, let division {
            let cityLevel = division.kind == .city
            switch kind {
            case .cityHR, .cityIndustryBureau, .committeeOffice:
                if !cityLevel { errors.add("division", "\(kind.label)的所在地区应为长治市（市级）") }
            case .countyBureau, .countyHR:
                if cityLevel { errors.add("division", "\(kind.label)须选择所在县（区）") }
            default:
                break
            }
        }
        // Unit-only fields are refused for other kinds only once the kind is known.
        let isUnit = kind == .unit
        let otherKind = kind != nil && !isUnit

        var unitKind: UnitKind?
        if v.unitKind.isEmpty {
            if isUnit { errors.add("unitKind", "请选择单位性质") }
        } else if otherKind {
            errors.add("unitKind", onlyUnits)
        } else {
            unitKind = UnitKind(code: v.unitKind)
        }

        var creditCode: String?
        if v.creditCode.isEmpty {
            if isUnit { errors.add("creditCode", "请填写统一社会信用代码") }
        } else {
            switch UnifiedSocialCreditCode.parse(v.creditCode) {
            case .failure(let problem):
                errors.add("creditCode", problem.message)
            case .success(let code):
                creditCode = code.value
                var q = Organization.query(on: db).filter(\.$creditCode == code.value)
                if let selfID { q = q.filter(\.$id != selfID) }
                if let other = try await q.first() {
                    errors.add("creditCode", "该统一社会信用代码已由“\(other.name)”使用，同一单位不能重复登记")
                }
            }
        }

        if v.aboveScale {
            if otherKind {
                errors.add("aboveScale", onlyUnits)
            } else if let unitKind, unitKind != .enterprise, unitKind != .nonPublic {
                errors.add("aboveScale", "只有企业和非公经济组织可标记为规上企业")
            }
        }

        var departmentID: UUID?
        if !v.competentDepartmentID.isEmpty {
            if otherKind {
                errors.add("competentDepartmentID", onlyUnits)
            } else if let id = try await pick(v.competentDepartmentID, kind: .competentDepartment,
                                              current: existing?.$competentDepartment.id, selfID: selfID, on: db) {
                departmentID = id
            } else {
                errors.add("competentDepartmentID", "请从列表中选择主管部门")
            }
        }

        var agencyID: UUID?
        if !v.personnelAgencyID.isEmpty {
            if otherKind {
                errors.add("personnelAgencyID", onlyUnits)
            } else if let unitKind, unitKind != .nonPublic, unitKind != .socialOrganization {
                errors.add("personnelAgencyID", "只有非公经济组织和社会组织可以选择人事档案代理机构")
            } else if let id = try await pick(v.personnelAgencyID, kind: .personnelAgency,
                                              current: existing?.$personnelAgency.id, selfID: selfID, on: db) {
                agencyID = id
            } else {
                errors.add("personnelAgencyID", "请从列表中选择人事档案代理机构")
            }
        }

        if let existing, let kind, kind != existing.kind {
            try await checkKindChange(existing, to: kind, on: db, errors: &errors)
        }

        guard errors.isEmpty, let kind, let division else { return nil }
        return Parsed(name: v.name, kind: kind, divisionCode: division.id, unitKind: unitKind, creditCode: creditCode,
                      isCityDirect: v.cityDirect, isAboveScale: v.aboveScale,
                      competentDepartmentID: departmentID, personnelAgencyID: agencyID)
    }

    /// The id of an organization of `kind` that may be chosen: active, or the
    /// value already stored (a department deactivated later must not block edits).
    private static func pick(_ raw: String, kind: OrganizationKind, current: UUID?, selfID: UUID?,
                             on db: any Database) async throws -> UUID? {
        guard let id = UUID(uuidString: raw), id != selfID,
              let org = try await Organization.find(id, on: db), org.kind == kind,
              org.isActive || id == current else { return nil }
        return id
    }

    /// A kind change must not strand accounts whose role cannot belong to the new
    /// kind, nor units that point to this organization as department or agency.
    private static func checkKindChange(_ org: Organization, to kind: OrganizationKind, on db: any Database,
                                        errors: inout FieldErrors) async throws {
        guard let orgID = org.id else { return }
        let refused = Role.allCases.filter { !$0.allowedOrganizationKinds.contains(kind) }.map(\.rawValue)
        if !refused.isEmpty {
            let n = try await UserAccount.query(on: db).filter(\.$organization.$id == orgID)
                .filter(\.$roleRaw ~~ refused).count()
            if n > 0 { errors.add("kind", "该机构下有\(n)个账号的角色不能属于“\(kind.label)”，不能改为此类型") }
        }
        let refs = try await Organization.query(on: db).group(.or) {
            $0.filter(\.$competentDepartment.$id == orgID).filter(\.$personnelAgency.$id == orgID)
        }.count()
        if refs > 0 { errors.add("kind", "有\(refs)个用人单位以此机构为主管部门或人事档案代理机构，不能修改类型") }
    }
}
