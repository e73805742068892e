import Analysis
import ArgumentParser
import PcapIO
import Reporting

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Diagnose every PPTP session in a capture: outcome, failed stage, probable Windows error, evidence, fix.",
        discussion: """
            The text report is for a terminal or a ticket; --format json follows the versioned schema in \
            Schemas/report.schema.json. PAP passwords and MS-CHAP challenge/response values never appear in a report.
            Exit codes: 0 no session failed, 1 warnings (damaged input), 2 unreadable, 3 a session failed.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html }

    @Argument(help: "A pcap or pcapng capture file.", completion: .file())
    var file: String

    @Option(help: "Report format: text (terminal, ticket), json (Schemas/report.schema.json), markdown (ticket systems and forges) or html (one self-contained file with a ladder diagram).")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.", completion: .file())
    var output: String?

    @Option(help: "A libpcap (BPF) filter applied while reading, e.g. 'tcp port 1723 or proto 47'.")
    var filter: String?

    @Flag(help: "Replace IP and MAC addresses, user names and host names with stable pseudonyms (report and evidence).")
    var redact = false

    @Option(help: "Write the packets of the failed sessions (control stream, GRE, ICMP errors about them) to this pcap file.",
            completion: .file())
    var evidence: String?

    func run() throws {
        let result: Analyzer.Result
        do {
            result = try Analyzer.analyze(path: file, options: .init(filter: filter, redact: redact))
        } catch {
            Output.error("pptp-pcap: \(error)")
            throw ExitCode(ExitStatus.unreadable)
        }
        let rendered: String
        switch format {
        case .text: rendered = TextRenderer(color: output == nil && Output.useColor).render(result.report)
        case .json where output == nil:
            // Streamed: the JSON of a large capture is never held whole.
            if !JSONRenderer.write(result.report, to: Output.write(bytes:)) { Output.write(JSONRenderer.render(result.report)) }
            rendered = "\n"
        case .json: rendered = JSONRenderer.render(result.report) + "\n"
        case .markdown: rendered = MarkdownRenderer.render(result.report)
        case .html: rendered = HTMLRenderer.render(result.report)
        }
        if let output {
            guard Output.writeFile(output, rendered) else {
                Output.error("pptp-pcap: cannot write the report to \(output)")
                throw ExitCode(ExitStatus.unreadable)
            }
        } else {
            Output.write(rendered)
        }
        Output.flush()
        if let evidence {
            do {
                let n = try EvidenceWriter.write(from: file, filter: filter, flows: result.evidenceFlows, to: evidence,
                                                 pseudonyms: result.pseudonyms)
                Output.error("pptp-pcap: wrote \(n) packets to \(evidence)")
            } catch {
                Output.error("pptp-pcap: \(error)")
                throw ExitCode(ExitStatus.unreadable)
            }
        }
        if let e = result.readError { Output.error("pptp-pcap: warning: \(e)") }
        if result.report.summary.failed > 0 { throw ExitCode(ExitStatus.sessionFailed) }
        if result.readError != nil || result.report.capture.malformedPackets > 0 { throw ExitCode(ExitStatus.warnings) }
    }
}
