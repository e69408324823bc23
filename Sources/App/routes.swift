import Vapor

/// Every route, by controller. Each route declares its access rule
/// (`isPublic()` or `requires(_:)`); `AccessMiddleware` refuses the others.
func routes(_ app: Application) throws {
    try app.register(collection: PublicController())
    try app.register(collection: AuthController())
    try app.register(collection: RegistrationController())
    try app.register(collection: HomeController())
    try app.register(collection: AccountController())
    try app.register(collection: OrganizationsController())
    try app.register(collection: AccountsAdminController())
    try app.register(collection: AuditController())
    try app.register(collection: UnitClerksController())
    try app.register(collection: ConditionsController())
    try app.register(collection: ReceivedApplicationsController())
    try app.register(collection: ApplicationsController())
    try app.register(collection: DeclarationController())
    try app.register(collection: FilesController())
    try app.register(collection: PrintController())
    try app.register(collection: ProgressController())
    try app.register(collection: UnitEvaluationController())
    try app.register(collection: ReviewQueueController())
    try app.register(collection: ExpertPoolController())
    try app.register(collection: PanelsController())
    try app.register(collection: ExpertPanelController())
    try app.register(collection: MeetingsController())
    try app.register(collection: QuantitativeController())
    try app.register(collection: ResultsController())
    try app.register(collection: ReopeningsController())
    try app.register(collection: SummaryTableController())
    try app.register(collection: IntakeController())
    try app.register(collection: FeesController())
}
