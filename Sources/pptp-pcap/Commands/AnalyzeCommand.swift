import ArgumentParser

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analyze", abstract: "Diagnose PPTP sessions.")
    @Argument(help: "A pcap or pcapng capture file.") var file: String
    func run() throws {}
}
