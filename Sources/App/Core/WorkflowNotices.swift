import Domain
import Fluent
import Foundation

/// Writes the notices of a transition (who hears: `WorkflowNoticeRules`), inside
/// the transition's own transaction: each recipient's in-app notice and its
/// outbox rows (in-app sent, SMS pending for a gateway) commit with the state
/// change or not at all.
enum WorkflowNotices {
    static func send(_ transition: ApplicationTransition, from: ApplicationState, to next: ApplicationState,
                     application: ApplicationRecord, actorID: UUID?, actorOrganization: String, opinion: String,
                     at now: Date, on db: any Database) async throws {
        let id = try application.requireID()
        let link = DeclarationURL(id: id).progress
        let reason = opinion.isEmpty ? "" : "（意见：\(opinion.prefix(100))）"
        let applicantID = application.$applicant.id
        // One notice per account: the queue's notice replaces the unit's general one for its clerks.
        var order: [UserAccount] = [], messages: [UUID: String] = [:]
        func add(_ user: UserAccount, _ message: String) {
            guard let userID = user.id, userID != actorID, !user.isDisabled else { return }
            if messages[userID] == nil { order.append(user) }
            messages[userID] = message
        }
        let audiences = WorkflowNoticeRules.audiences(transition, from: from, to: next, actorIsApplicant: actorID == applicantID)
        guard !audiences.isEmpty else { return }
        let applicant = try await application.$applicant.get(on: db)
        for audience in audiences {
            switch audience {
            case .applicant:
                add(applicant, "您的申报：\(actorOrganization)\(transition.label)，当前状态为“\(next.label)”\(reason)")
            case .unitClerks:
                let clerks = try await UserAccount.query(on: db).filter(\.$organization.$id == application.$unit.id)
                    .filter(\.$roleRaw == Role.unitClerk.rawValue).all()
                for clerk in clerks {
                    add(clerk, "本单位\(applicant.realName)的申报：\(actorOrganization)\(transition.label)，当前状态为“\(next.label)”\(reason)")
                }
            case .queue(let step):
                // The transition's own event is already written (WorkflowRunner), so an
                // earlier arrival in this state makes two.
                let arrivals = try await WorkflowEvent.query(on: db).filter(\.$application.$id == id)
                    .filter(\.$toState == next.rawValue).count()
                let message = WorkflowNoticeRules.arrivalMessage(
                    applicant: applicant.realName,
                    level: BasicsForm.levels.first { $0.code == application.targetLevel }?.label ?? application.targetLevel, specialty: application.specialty,
                    step: step, state: next, again: arrivals > 1) + reason
                for account in try await partyAccounts(step, application, on: db) { add(account, message) }
            }
        }
        for user in order {
            let notice = UserNotification(userID: user.id!, applicationID: id, message: messages[user.id!]!, link: link, createdAt: now)
            try await notice.create(on: db)
            for channel in NotificationChannel.channels(hasMobile: !(user.mobile ?? "").isEmpty) {
                try await NotificationOutboxItem(notificationID: notice.id!, userID: user.id!, channel: channel, at: now).create(on: db)
            }
        }
    }

    /// The accounts that act at `step` for this application, by the same rule as
    /// their queues (`ReviewParty.acts`): the unit's own clerks, its department's,
    /// its county's, its agency's, the city's, the office's.
    static func partyAccounts(_ step: RouteStep, _ application: ApplicationRecord, on db: any Database) async throws -> [UserAccount] {
        let unit = try await application.$unit.get(on: db)
        let facts = ApplicationFacts(id: try application.requireID(), applicantID: application.$applicant.id,
                                     unitID: application.$unit.id, state: application.stateValue, route: try application.route(),
                                     routeCounty: application.routeCounty, reachedStep: application.reachedStep,
                                     competentDepartmentID: unit.$competentDepartment.id, personnelAgencyID: unit.$personnelAgency.id)
        let accounts = try await UserAccount.query(on: db).filter(\.$roleRaw == WorkflowNoticeRules.role(at: step).rawValue)
            .with(\.$organization).all()
        return accounts.filter { ReviewParty.acts($0.actor, at: step, for: facts) }
    }
}
