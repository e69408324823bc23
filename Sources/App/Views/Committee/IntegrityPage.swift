import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// 诚信核查与诚信档案 (the committee office): the reports with their confirm and dismiss
/// forms, the direct cancellation form, and the integrity records (ID numbers masked).
/// A refused form comes back as typed (`typed`: `flagID` says which report's form).
/// Reports and cancellable applications belong to a review year (`YearPicker`); the
/// records do not: a record follows the person by ID number for its own term (十（二））,
/// so the page lists every record in force today, whatever year it was opened in.
struct IntegrityPage {
    struct Flag: Sendable {
        var id: UUID
        var applicationID: UUID
        var applicant: String
        var reporter: String
        var evidence: String
        var status: String
        var isOpen: Bool
    }

    struct Record: Sendable {
        var name: String
        var maskedID: String
        var reason: String
        var term: String
        var unitFailure: String
    }

    var chrome: PageChrome
    var csrf: String
    var errors: [String]
    var typed: [String: String]
    var picker: YearPicker
    var recordYears: Int
    /// The reports about the chosen year's applications.
    var flags: [Flag]
    /// The chosen year's applications whose review can still be cancelled.
    var cancellable: [Choice]
    /// Records in force today (any year), then those lifted.
    var records: [Record]
    var lifted: [Record]

    static func load(_ req: Request, errors: [String] = [], typed: [String: String] = [:]) async throws -> IntegrityPage {
        let picker = YearPicker.make(req, url: .committee(.integrity))
        let year = picker.selected
        let flags = try await IntegrityFlag.query(on: req.db).with(\.$application) { $0.with(\.$applicant).with(\.$unit) }
            .sort(\.$createdAt, .descending).all().filter { $0.application.year == year }
        let records = try await IntegrityRecord.query(on: req.db).sort(\.$starts, .descending).all()
        // In force on the review's clock (`ends` is the last day in force, as the check at submission reads it).
        let today = req.today.iso
        let inForce = records.filter { $0.starts <= today && today <= $0.ends }
        let lifted = records.filter { $0.ends < today }
        func row(_ r: IntegrityRecord) -> Record {
            Record(name: r.realName, maskedID: Masking.middle(r.idNumber, keepFirst: 3, keepLast: 4), reason: r.reason,
                   term: r.termText, unitFailure: r.unitFailure ?? "—")
        }
        let cancellable = try await ApplicationRecord.query(on: req.db).filter(\.$year == year).with(\.$applicant).with(\.$unit)
            .sort(\.$specialty).all().filter { ApplicationTransition.cancelForIntegrity.from.contains($0.stateValue) }
        return IntegrityPage(
            chrome: PageChrome(req: req, title: "诚信核查与诚信档案"), csrf: try await req.csrfToken(), errors: errors, typed: typed,
            picker: picker, recordYears: try CommitteeData.integer(req, "integrityRecordYears"),
            flags: flags.map { f in
                Flag(id: f.id!, applicationID: f.$application.id,
                     applicant: "\(f.application.applicant.realName)（\(f.application.stateValue.label)）",
                     reporter: "\(f.reporterName)（\(f.reporterRole)）", evidence: f.evidence,
                     status: f.stateLabel + (f.resolution.map { "：\($0)" } ?? ""), isOpen: f.state == "open")
            },
            cancellable: cancellable.map {
                Choice(value: $0.id!.uuidString, label: "\($0.applicant.realName)（\($0.specialty)，\($0.stateValue.label)）")
            },
            records: inForce.map(row), lifted: lifted.map(row))
    }

    /// The forms post back with the year shown (`?year=`), so a refusal and the redirect keep it.
    private func withYear(_ url: SiteURL) -> String { url.path(query: ["year": String(picker.selected)]) }

    func render() -> HTML {
        CommitteeUI.page(chrome, [
            CommitteeUI.officeMenu(), picker.node, CommitteeUI.errors(errors),
            .p(.text("申报材料经核实虚假的，不论处于哪个阶段（含已发证），取消评审资格、撤销已发证书，记入职称评审诚信档案库\(recordYears)年（年度政策参数 integrityRecordYears），并记录所在单位未认真审核的情况（十（二））。")),
            CommitteeUI.section("\(picker.selected)年度的举报与核查", id: "flags", [
                CommitteeUI.table(["申报人", "举报人", "疑点与证据", "状态", "处理"], flags.map { f in
                    [.text(f.applicant), .text(f.reporter), .text(f.evidence), .text(f.status),
                     f.isOpen ? .group(
                        Self.cancelForm(csrf: csrf, applicationID: f.applicationID, flagID: f.id,
                                        typed: typed["flagID"] == f.id.uuidString ? typed : [:], year: picker.selected),
                        .form(.method(.post), .action(withYear(SiteURL.committee(.dismissFlag(.value(f.id))))), .class("inline"), .csrfField(csrf),
                              .input(.type(.text), .name("resolution"), .placeholder("不属实的理由"),
                                     .value(typed["dismiss-\(f.id.uuidString)"] ?? ""),
                                     .attribute(named: "maxlength", value: String(IntegrityController.dismissalMax)),
                                     .attribute(named: "aria-label", value: "不属实的理由")),
                              .button(.type(.submit), .class("button secondary"), .text("核查不属实")))) : .text("—")]
                }, id: "flag-list", empty: "\(picker.selected)年度暂无举报。"),
            ]),
            CommitteeUI.section("直接认定（办公室核查发现，\(picker.selected)年度的申报）", id: "cancel", [
                CommitteeUI.form(withYear(SiteURL.committee(.integrityCancel)), csrf: csrf, id: "cancel-form", [
                    .selectField("applicationID", label: "申报人", choices: cancellable,
                                 selected: typed["flagID"] == nil ? typed["applicationID"] : nil, required: true),
                    .textAreaField("basis", label: "认定依据（虚假材料及核查情况）", value: typed["flagID"] == nil ? typed["basis"] ?? "" : "",
                                   required: true, rows: 3, maxLength: IntegrityController.basisMax),
                    .textField("unitFailure", label: "单位未认真审核的情况（如有）", value: typed["flagID"] == nil ? typed["unitFailure"] : nil,
                               maxLength: IntegrityController.unitFailureMax),
                ], submit: "取消评审资格并记入诚信档案", style: "danger"),
            ]),
            CommitteeUI.section("职称评审诚信档案", id: "records", [
                .p(.class("hint"), .text("诚信档案按身份证号记录，在记录期限内对各年度的申报都有效，不随上面选择的评审年度变化：这里列出今天仍在期限内的全部记录，无论记入的是哪一年度。")),
                CommitteeUI.table(["姓名", "身份证号", "依据", "记录期限", "单位审核责任"], records.map { r in
                    [.text(r.name), .text(r.maskedID), .text(r.reason), .text(r.term), .text(r.unitFailure)]
                }, id: "integrity-records", empty: "暂无在期限内的记录。"),
                .if(!lifted.isEmpty, .group(
                    .h3(.text("已期满解除的记录")),
                    CommitteeUI.table(["姓名", "身份证号", "依据", "记录期限", "单位审核责任"], lifted.map { r in
                        [.text(r.name), .text(r.maskedID), .text(r.reason), .text(r.term), .text(r.unitFailure)]
                    }, id: "lifted-records", empty: ""))),
            ]),
        ])
    }

    /// A report's confirmation form: cancels the review with the basis typed here.
    static func cancelForm(csrf: String, applicationID: UUID, flagID: UUID, typed: [String: String] = [:],
                           year: Int? = nil) -> CommitteeUI.Body {
        let action = SiteURL.committee(.integrityCancel)
        return .form(.method(.post), .action(year.map { action.path(query: ["year": String($0)]) } ?? action.path), .class("stacked"), .csrfField(csrf),
              .input(.type(.hidden), .name("applicationID"), .value(applicationID.uuidString)),
              .input(.type(.hidden), .name("flagID"), .value(flagID.uuidString)),
              .textAreaField("basis", label: "认定依据", value: typed["basis"] ?? "", required: true, rows: 2, maxLength: IntegrityController.basisMax,
                             id: "basis-\(flagID.uuidString.prefix(8))"),
              .textField("unitFailure", label: "单位未认真审核的情况（如有）", value: typed["unitFailure"], maxLength: IntegrityController.unitFailureMax,
                         id: "unit-\(flagID.uuidString.prefix(8))"),
              .submitButton("核实：取消评审资格", style: "danger"))
    }
}
