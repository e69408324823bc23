import ArgumentParser
// Temporary until the eligibility command lands.
struct EligibilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eligibility")
}
