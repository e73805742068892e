import ArgumentParser

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a Windows error code.")
    @Argument var code: Int
    func run() throws {}
}
