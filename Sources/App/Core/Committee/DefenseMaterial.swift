import Domain
import Fluent
import Foundation
import Vapor

/// The one item an applicant chose for the defense in the declaration (九): what the
/// panel reads before the defense and assigns the individual questions from. Loaded
/// only after the caller passed the panel seat's recusal check.
struct DefenseMaterial {
    let item: ApplicationItem
    let section: DeclarationSection
    let files: [StoredFile]

    /// Title, where it appeared (journal or publisher), and the date, as the page says them.
    var title: String { item.values["title"] ?? item.values["name"] ?? "未命名" }
    var venue: String? {
        let v = item.values
        if let journal = v["journal"], !journal.isEmpty { return "期刊：\(journal)" + (v["issn"].map { "（\($0)）" } ?? "") }
        if let publisher = v["publisher"], !publisher.isEmpty { return "出版社：\(publisher)" + (v["isbn"].map { "（\($0)）" } ?? "") }
        if let project = v["project"], !project.isEmpty { return "所属技术项目：\(project)" }
        return nil
    }
    var date: String? { item.values["published"] ?? item.values["date"] }

    static func load(for application: ApplicationRecord, on db: any Database) async throws -> DefenseMaterial? {
        guard let itemID = application.defenseItemID,
              let item = try await ApplicationItem.query(on: db).filter(\.$id == itemID)
                .filter(\.$application.$id == application.id!).first(),
              let section = item.sectionValue else { return nil }
        let files = try await StoredFile.query(on: db).filter(\.$application.$id == application.id!)
            .filter(\.$item.$id == itemID).sort(\.$uploadedAt).all()
        return DefenseMaterial(item: item, section: section, files: files)
    }
}

/// The questions of a specialty's bank and those the panel assigned to each applicant.
enum QuestionBank {
    static func questions(year: Int, specialty: String, on db: any Database) async throws -> [DefenseQuestion] {
        try await DefenseQuestion.query(on: db).filter(\.$year == year).filter(\.$specialty == specialty)
            .filter(\.$isActive == true).sort(\.$kind).sort(\.$createdAt).all()
    }

    static func assigned(applicationID: UUID, on db: any Database) async throws -> [QuestionAssignment] {
        try await QuestionAssignment.query(on: db).filter(\.$application.$id == applicationID)
            .with(\.$question).with(\.$expert).sort(\.$createdAt).all()
    }
}
