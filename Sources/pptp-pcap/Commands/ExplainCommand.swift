import ArgumentParser
import PPTPDiagnosis
import PPTPMultiPoint

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract:
            "Explain a Windows RAS error code (what it means, what a capture shows, which rules report it, the fixes), a rule, or the security findings."
    )

    @Argument(
        help: ArgumentHelp(
            "A Windows error code (691, 806, 619), a rule id (gre.no-return, log.stated-reason), or `security` for the findings about what a session exposes.",
            valueName: "code-or-rule"))
    var topic: String

    func run() throws {
        if topic.lowercased() == "security" {
            return explain(RuleRegistry.all.filter(\.isSecurity), heading: Self.securityHeading)
        }
        if let rule = RuleRegistry.rule(topic) { return explain([rule], heading: nil) }
        guard let code = Int(topic) else {
            Output.error(
                "pptp-pcap: \(topic) is neither a Windows error code nor a rule id (`pptp-pcap explain security` lists the security rules)"
            )
            throw ExitCode(ExitStatus.warnings)
        }
        let rules = RuleRegistry.rules(forCode: code)
        guard let known = WindowsErrorCodes.lookup(code) else {
            let codes = WindowsErrorCodes.table.map { String($0.code) }.joined(separator: ", ")
            Output.error("pptp-pcap: no knowledge of Windows error \(code). Known codes: \(codes)")
            throw ExitCode(ExitStatus.warnings)
        }
        var out: [String] = []
        out.append(known.searchName())
        out.append("Symbol: \(known.symbol) (\(known.header.rawValue))")
        out.append("Windows versions: \(known.versions)")
        out.append("")
        out.append("Dialog text:")
        for (i, t) in known.texts.enumerated() {
            let next = i + 1 < known.texts.count ? known.texts[i + 1].from : nil
            out.append("  \(Self.span(from: max(t.from, known.since), before: next, until: known.until)): \(t.text)")
        }
        out.append("")
        out.append("Meaning: \(known.meaning)")
        if !known.captureEvidence.isEmpty { out.append("In a capture: \(known.captureEvidence)") }
        out.append(
            known.literalInCapture
                ? "The code can appear literally in the capture (MS-CHAP Failure E=\(known.code)): reported with certain confidence."
                : "The code never appears in a capture: pptp-pcap infers it from what the packets show.")
        if !rules.isEmpty {
            out.append("")
            out.append("Rules that report it:")
            out += Self.describe(rules)
        }
        Output.write(out.joined(separator: "\n") + "\n")
        Output.flush()
    }

    static let securityHeading = """
        Security findings: what a session exposes, whatever its outcome. They never change the verdict and reports \
        show them after it. PPTP itself is not secure (MS-CHAPv2 is crackable offline, MPPE inherits its keys): the \
        lasting fix is a migration to IKEv2, OpenVPN or WireGuard.
        """

    func explain(_ rules: [any RuleDescribing], heading: String?) {
        var out: [String] = []
        if let heading { out += [heading, ""] }
        out += Self.describe(rules)
        Output.write(out.joined(separator: "\n") + "\n")
        Output.flush()
    }

    static func describe(_ rules: [any RuleDescribing]) -> [String] {
        var out: [String] = []
        for rule in rules {
            let codes = rule.errorCodes.isEmpty ? "" : ", codes \(rule.errorCodes.map(String.init).joined(separator: " "))"
            out.append("  \(rule.id) [\(rule.stage.rawValue), \(rule.severity.rawValue)\(codes)] — \(rule.title)")
            out.append("    \(rule.explanation)")
            if let notes = rule.codeNotes { out.append("    Codes: \(notes)") }
            for fix in rule.fixes.windowsClient { out.append("    Windows client: \(fix)") }
            for fix in rule.fixes.linuxServer { out.append("    Linux pptpd/pppd: \(fix)") }
            for fix in rule.fixes.network { out.append("    Network: \(fix)") }
        }
        return out
    }

    /// "Windows XP", "Windows Vista to Windows 8", "Windows 7 and later": the versions one dialog text holds for.
    static func span(from: WindowsVersion, before next: WindowsVersion?, until: WindowsVersion?) -> String {
        let last = next.flatMap { WindowsVersion(rawValue: $0.rawValue - 1) } ?? until
        guard let last else { return "\(from.name) and later" }
        return last == from ? from.name : "\(from.name) to \(last.name)"
    }
}
