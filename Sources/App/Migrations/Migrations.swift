import Fluent

/// Every migration, in order. Append only: a released migration never changes.
enum AppMigrations {
    static let all: [any Migration] = [
        M0001_CreateOrganizations(),
        M0002_CreateUserAccounts(),
        M0003_CreateUserSessions(),
        M0004_CreateAuditRecords(),
        M0005_CreateApplications(),
        M0006_CreateApplicationItems(),
        M0007_CreateStoredFiles(),
        M0008_CreateIntegrityRecords(),
        M0009_AddRouteToApplications(),
        M0010_CreateWorkflowEvents(),
        M0011_CreateUnitEvaluations(),
        M0012_CreateDeclarationReopenings(),
        M0013_CreateExpertPool(),
        M0014_CreateDefensePanels(),
        M0015_CreateCommitteeMeetings(),
        M0016_CreateResults(),
        M0017_CreateIntakeAndFees(),
        M0018_CreateCommitteeCompletion(),
        M0018_CreateNotifications(),
        M0019_CreateHolidaySchedules(),
        M0020_IndexForeignKeysAndFilters(),
        M0021_CreateSimilarity(),
        M0022_CreateDeclarationVersions(),
        M0030_CreateServerSecrets(),
        M0031_IndexReviewQueues(),
        M0040_CreateIntakeBookingItems(),
        M0037_AddSimilarityDecisionBasis(),
        M0048_CreatePolicyBundles(),
        M0045_TiePublicitiesToSubmissions(),
    ]
}
