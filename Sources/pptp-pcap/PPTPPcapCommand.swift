import ArgumentParser
import PPTPAnalysis

@main
struct PPTPPcapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pptp-pcap",
        abstract: "Find out why a PPTP VPN connection failed, from a packet capture.",
        discussion: """
            Reads pcap and pcapng captures (through libpcap), rebuilds every PPTP session (TCP 1723 control \
            channel, enhanced GRE, PPP negotiation) and names the stage that failed, the Windows error the user \
            most probably saw, the packets that prove it and the fix.

            EXIT CODES
              0   analyzed; no PPTP session failed
              1   analyzed with warnings: the input is damaged (cut-off file, malformed packets)
              2   the capture could not be read
              3   analyzed; at least one PPTP session failed
              4   scan, report, merge: the catalog could not be opened, read or written
              64  usage error
            """,
        version: Analyzer.version,
        subcommands: [
            AnalyzeCommand.self, PacketsCommand.self, ExplainCommand.self,
            ScanCommand.self, ReportCommand.self, MergeCommand.self, CaptureHelpCommand.self,
        ],
        defaultSubcommand: AnalyzeCommand.self
    )
}

/// Exit statuses, documented in the root command's help.
enum ExitStatus {
    static let ok: Int32 = 0
    static let warnings: Int32 = 1
    static let unreadable: Int32 = 2
    static let sessionFailed: Int32 = 3
    /// scan, report, merge: the SQLite catalog could not be opened, read or written.
    static let catalogFailed: Int32 = 4
}
