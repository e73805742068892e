import ArgumentParser
import Diagnosis

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a Windows RAS error code: what it means, what a capture shows, which rules report it and the fixes.")

    @Argument(help: "A Windows error code, e.g. 691, 806, 619.")
    var code: Int

    func run() throws {
        let rules = RuleCatalog.rules(forCode: code)
        guard let known = WindowsErrorCodes.lookup(code) else {
            let codes = WindowsErrorCodes.table.map { String($0.code) }.joined(separator: ", ")
            Output.error("pptp-pcap: no knowledge of Windows error \(code). Known codes: \(codes)")
            throw ExitCode(ExitStatus.warnings)
        }
        var out: [String] = []
        out.append("Error \(known.code): \(known.title)")
        out.append("")
        out.append("Meaning: \(known.meaning)")
        if !known.captureEvidence.isEmpty { out.append("In a capture: \(known.captureEvidence)") }
        if let v = known.versions { out.append("Windows versions: \(v)") }
        out.append(known.literalInCapture
                   ? "The code can appear literally in the capture (MS-CHAP Failure E=\(known.code)): reported with certain confidence."
                   : "The code never appears in a capture: pptp-pcap infers it from what the packets show.")
        if !rules.isEmpty {
            out.append("")
            out.append("Rules that report it:")
            for rule in rules {
                out.append("  \(rule.id) [\(rule.stage.rawValue), \(rule.severity.rawValue)] — \(rule.title)")
                out.append("    \(rule.explanation)")
                if let notes = rule.codeNotes { out.append("    Codes: \(notes)") }
                for fix in rule.fixes.windowsClient { out.append("    Windows client: \(fix)") }
                for fix in rule.fixes.linuxServer { out.append("    Linux pptpd/pppd: \(fix)") }
                for fix in rule.fixes.network { out.append("    Network: \(fix)") }
            }
        }
        Output.write(out.joined(separator: "\n") + "\n")
        Output.flush()
    }
}
