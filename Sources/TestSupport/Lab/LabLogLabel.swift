import Foundation

/// The label of a lab capture, read from what the real programs logged beside it — client and server pppd
/// `debug` logs, pptpd's and pptp-linux's syslog lines — never from what the scenario script intended. The
/// first rule whose log line is there decides; each names the line, so a disagreement says what to look at.
public struct LabLogLabel: Sendable, CustomStringConvertible {
    public enum Outcome: String, Sendable { case success, failed }

    public var outcome: Outcome
    /// Stages the logs are consistent with (a log cannot always tell a blocked tunnel from a silent peer).
    public var stages: Set<String>
    /// A Windows code the capture carries literally (MS-CHAP `E=`), when the logs show one.
    public var literalCode: Int?
    /// The log line that decided, for messages.
    public var evidence: String

    public var description: String {
        "\(outcome.rawValue)" + (stages.isEmpty ? "" : " at \(stages.sorted().joined(separator: "|"))")
            + (literalCode.map { " \($0)" } ?? "") + " — \(evidence)"
    }

    /// The logs of one lab scenario folder, as one client saw it: the first client's (`client-pppd.log`,
    /// `pptp.log`) or, in the two-client scenarios, the second's (`client2-pppd.log`, `pptp2.log`); the server's
    /// logs are shared.
    public struct Logs: Sendable {
        public var clientPPPD = ""
        public var serverPPPD = ""
        public var pptpd = ""
        public var pptp = ""

        public init(folder: URL, client: Int = 1) {
            func read(_ name: String) -> String {
                (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            }
            let suffix = client == 1 ? "" : "\(client)"
            clientPPPD = read("client\(suffix)-pppd.log")
            serverPPPD = read("server-pppd.log")
            pptpd = read("pptpd.log")
            pptp = read("pptp\(suffix).log")
        }

        /// Whether the folder holds a second client's logs.
        public static func hasSecondClient(_ folder: URL) -> Bool {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("client2-pppd.log").path)
        }

        public var all: String { [clientPPPD, serverPPPD, pptpd, pptp].joined(separator: "\n") }
    }

    /// The label, or nil when no rule's log line is there.
    public static func label(_ logs: Logs) -> LabLogLabel? {
        func line(_ text: String, _ needle: String) -> String? {
            text.split(separator: "\n").first { $0.contains(needle) }.map { String($0.suffix(160)) }
        }
        func failed(_ stages: Set<String>, _ evidence: String?, code: Int? = nil) -> LabLogLabel? {
            evidence.map { LabLogLabel(outcome: .failed, stages: stages, literalCode: code, evidence: $0) }
        }
        let all = logs.all
        // No TCP connection at all: pptp-linux says why connect() failed.
        for reason in [
            "connect: Connection timed out", "connect: Connection refused", "connect: No route to host",
            "connect: Network is unreachable", "connect: Host is unreachable",
        ] {
            if let e = line(logs.pptp, reason) { return failed(["tcp-connect"], e) }
        }
        // The server resets the control connection after the client's first message: pptp-linux retries, gives up.
        if let e = line(logs.pptp, "Could not launch call manager"), !logs.pptp.contains("Outgoing call established") {
            return failed(["control-connection"], line(logs.pptp, "Connection reset by peer") ?? e)
        }
        // Authentication refused: the MS-CHAP Failure carries the code.
        if let e = line(all, "CHAP Failure") ?? line(all, "CHAP authentication failed")
            ?? line(all, "MS-CHAP authentication failed")
        {
            var code: Int?
            if let r = e.range(of: "E=") {
                code = Int(e[r.upperBound...].prefix { $0.isNumber })
            }
            return failed(["authentication"], e, code: code ?? 691)
        }
        if let e = line(all, "PAP authentication failed") ?? line(all, "PAP AuthNak") {
            return failed(["authentication"], e, code: nil)
        }
        if let e = line(all, "peer refused to authenticate") { return failed(["lcp"], e) }
        if let e = line(all, "MPPE required but peer negotiation failed") ?? line(all, "MPPE required, but")
            ?? line(all, "Peer refused to agree to his compression")
        {
            return failed(["encryption"], e)
        }
        // pptpd loses its side of the tunnel at once: the pppd it started exited, or GRE came back as an error.
        if let e = line(logs.pptpd, "from PTY failed"), !logs.serverPPPD.contains("local  IP address") {
            return failed(["call-setup"], e)
        }
        if let e = line(logs.pptpd, "from network failed") { return failed(["call-setup", "gre"], e) }
        if let e = line(all, "LCP: timeout sending Config-Requests") { return failed(["gre", "lcp"], e) }
        if let e = line(all, "IPCP: timeout sending Config-Requests") ?? line(all, "not authorized to use remote address")
            ?? line(all, "Could not determine remote IP address") ?? line(all, "Peer refused to agree to our IP address")
        {
            return failed(["network-config"], e)
        }
        if let e = line(all, "echo-requests") { return failed(["established"], e) }
        let up = logs.clientPPPD.contains("local  IP address") || logs.serverPPPD.contains("local  IP address")
        if up {
            // The client's pty closed under its pppd with no Terminate on either side: its pptp gave up.
            // (pppd still logs a TermReq after the hang-up; only what came before it counts.)
            let beforeHangup = logs.clientPPPD.components(separatedBy: "Modem hangup").first ?? ""
            if let e = line(logs.clientPPPD, "Modem hangup"), beforeHangup.count < logs.clientPPPD.count,
                !beforeHangup.contains("LCP terminated by peer"), !beforeHangup.contains("Terminating on signal"),
                !beforeHangup.contains("sent [LCP TermReq")
            {
                return failed(["established"], line(logs.pptp, "Message too long") ?? e)
            }
            let e = line(logs.clientPPPD, "local  IP address") ?? line(logs.serverPPPD, "local  IP address") ?? ""
            return LabLogLabel(outcome: .success, stages: [], literalCode: nil, evidence: e)
        }
        return nil
    }
}
