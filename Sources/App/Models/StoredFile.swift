import Domain
import Fluent
import Foundation

/// An uploaded file of a declaration. The bytes live under FILES_PATH with a
/// generated name (never the user's), outside the web root; this row says
/// what it is, where it belongs in the dossier, and its SHA-256.
final class StoredFile: Model, @unchecked Sendable {
    static let schema = "stored_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: ApplicationRecord
    /// Dossier slot code (`DossierSlot.rawValue`), e.g. category3, submittedPaper, photo.
    @Field(key: "slot") var slot: String
    /// The declaration item it evidences (a paper, an achievement ...), if any.
    @OptionalParent(key: "item_id") var item: ApplicationItem?
    /// What the applicant says it is (e.g. 毕业证书), shown in the materials list.
    @Field(key: "label") var label: String
    /// The name it was uploaded under, for display and download only.
    @Field(key: "original_name") var originalName: String
    /// Detected from the bytes: pdf | jpeg | png | docx.
    @Field(key: "file_type") var fileType: String
    @Field(key: "size") var size: Int
    @OptionalField(key: "pages") var pages: Int?
    @Field(key: "sha256") var sha256: String
    /// Generated file name under FILES_PATH.
    @Field(key: "storage_name") var storageName: String
    @Parent(key: "uploaded_by") var uploadedBy: UserAccount
    @Timestamp(key: "uploaded_at", on: .create) var uploadedAt: Date?

    /// The properties listed, not found by reflection: FluentKit's default walks a
    /// Mirror on every row it loads, a tenth of a page's time (issue 12's profile).
    /// `ModelPropertiesTests` checks this list against the reflected one.
    var properties: [any AnyProperty] {
        [$id, $application, $slot, $item, $label, $originalName, $fileType, $size, $pages, $sha256, $storageName,
         $uploadedBy, $uploadedAt]
    }

    init() {}

    /// The row for a file the store has accepted.
    init(applicationID: UUID, slot: DossierSlot, itemID: UUID?, label: String, originalName: String,
         stored: FileStore.Stored, uploadedBy: UUID) {
        self.$application.id = applicationID
        self.slot = slot.rawValue
        self.$item.id = itemID
        self.label = label
        self.originalName = originalName
        self.fileType = stored.kind.rawValue
        self.size = stored.scan.size
        self.pages = stored.kind == .pdf ? stored.scan.pages : nil
        self.sha256 = stored.sha256
        self.storageName = stored.storageName
        self.$uploadedBy.id = uploadedBy
    }
}

extension StoredFile {
    /// A file of this application; another application's file is nil.
    static func find(_ id: UUID, of application: UUID, on db: any Database) async throws -> StoredFile? {
        try await StoredFile.query(on: db).filter(\.$id == id).filter(\.$application.$id == application).first()
    }

    /// The application's files in the order they were uploaded (材料卷宗目录).
    static func uploaded(to application: UUID, on db: any Database) async throws -> [StoredFile] {
        try await StoredFile.query(on: db).filter(\.$application.$id == application).sort(\.$uploadedAt).sort(\.$id).all()
    }
}
