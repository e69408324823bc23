import Domain
import Fluent
import Foundation

/// Who hears about a transition (issue 9 item 9): the applicant whenever someone
/// else moves their application; the unit's clerks when an application arrives
/// from its applicant or comes back, is refused or accepted further up.
enum WorkflowNotices {
    static func send(_ transition: ApplicationTransition, to next: ApplicationState, application: ApplicationRecord,
                     actorID: UUID?, actorOrganization: String, opinion: String, at now: Date, on db: any Database) async throws {
        let id = try application.requireID()
        let link = DeclarationURL(id: id).progress
        let reason = opinion.isEmpty ? "" : "（意见：\(opinion.prefix(100))）"
        var recipients: [(UUID, String)] = []
        let applicantID = application.$applicant.id
        if actorID != applicantID {
            recipients.append((applicantID, "您的申报：\(actorOrganization)\(transition.label)，当前状态为“\(next.label)”\(reason)"))
        }
        let tellsUnit: Set<ApplicationTransition> = [.submit, .returnForCorrection, .reject, .acceptAtIntake, .cancelForIntegrity]
        if tellsUnit.contains(transition) {
            let clerks = try await UserAccount.query(on: db).filter(\.$organization.$id == application.$unit.id)
                .filter(\.$roleRaw == Role.unitClerk.rawValue).all()
            let name = try await application.$applicant.get(on: db).realName
            for clerk in clerks where clerk.id != actorID {
                recipients.append((clerk.id!, "本单位\(name)的申报：\(actorOrganization)\(transition.label)，当前状态为“\(next.label)”\(reason)"))
            }
        }
        for (user, message) in recipients {
            try await UserNotification(userID: user, applicationID: id, message: message, link: link, createdAt: now).create(on: db)
        }
    }
}
