public import PPTPLogs
import PPTPSessions

/// Rules over the logs written beside the capture (`analyze --log`): what the programs themselves said. A log
/// line is evidence like a packet: quoted with its file and line. The capture's own rules still run; where a
/// log and the capture agree, both findings stand, the log's naming the cause in the program's words.
extension RuleCatalog {
    /// The first rule that lists `code` first, else any that lists it: the stage a literal code belongs to.
    public static func stage(ofCode code: Int) -> Stage? {
        let rules =
            tcpConnect + controlConnection + callSetup + gre + lcp + authentication + encryption
            + networkConfig + established + teardown
        return (rules.first { $0.errorCodes.first == code } ?? rules.first { $0.errorCodes.contains(code) })?.stage
    }

    /// The catalogs are listed, not `all`: `logs` is itself part of `all` and reads these while it is built.
    public static func codes(of id: String) -> [Int] {
        (tcpConnect + callSetup + gre + lcp + authentication + encryption + networkConfig + established)
            .first { $0.id == id }?.errorCodes ?? []
    }

    static func cite(_ log: JoinedLog, _ e: PlacedEvent) -> LogCitation {
        LogCitation(lane: log.lane, file: log.origin, line: e.event.line, text: e.event.text)
    }

    /// What a program's failure sentence means: the stage and the rule whose codes it shares.
    public static func meaning(of s: LogStatement) -> (stage: Stage, codesOf: String)? {
        switch s {
        case .authenticationFailed, .noSecret: (.authentication, "authentication.chap-failure")
        case .encryptionRequiredButNotNegotiated: (.encryption, "encryption.mppe-refused")
        case .lcpTimeout: (.lcp, "lcp.requests-unanswered")
        case .echoTimeout: (.established, "established.echo-loss")
        case .addressRefused: (.networkConfig, "network-config.ipcp-terminated-by-server")
        case .controlConnectionFailed: (.tcpConnect, "tcp-connect.no-answer")
        default: nil
        }
    }

    /// What pptpd's `GRE: read(…) from network failed: … error = REASON` means: the ICMP behind it, and the
    /// stage and codes of the call it ended. After the link was up (or for a frag-needed, which only big data
    /// packets meet) a connection dropped, before it one that never formed. The log rule and the verdict of a
    /// log read alone (`LogVerdict`) both read it here.
    public static func greSocketError(_ reason: String, linkWasUp: Bool) -> (icmp: String, stage: Stage, codes: [Int]) {
        let dropped = linkWasUp || reason.hasPrefix("Message too long")
        return (
            icmpMeaning(ofSocketError: reason), dropped ? .established : .gre,
            codes(of: dropped ? "established.ppp-stopped" : "gre.protocol-unreachable")
        )
    }

    /// The ICMP the Linux kernel turned into a socket's error (`icmp_err_convert` in net/ipv4/icmp.c), from
    /// `strerror`'s English text.
    static func icmpMeaning(ofSocketError reason: String) -> String {
        switch reason {
        case let r where r.hasPrefix("Protocol not available"): "an ICMP protocol-unreachable"
        case let r where r.hasPrefix("Message too long"): "an ICMP fragmentation-needed"
        case let r where r.hasPrefix("No route to host"): "an ICMP host-unreachable or administratively-prohibited"
        case let r where r.hasPrefix("Network is unreachable"): "an ICMP network-unreachable"
        case let r where r.hasPrefix("Host is down"): "an ICMP host-unknown"
        case let r where r.hasPrefix("Connection refused"): "an ICMP port-unreachable"
        default: "an error (\"\(reason)\")"
        }
    }

    /// The capture shows the session completing `stage` (or a later one): a sentence that puts the failure
    /// there is about another attempt, or a summary of several (pptp-linux's "Could not launch call manager
    /// after 3 tries"), not this session's cause.
    static func captureGotPast(_ stage: Stage, _ f: SessionFacts) -> Bool {
        guard let last = StageProgress(f).lastCompleted else { return false }
        return last > stage || (last == stage && stage < .established)
    }

    /// The stage a program's failure sentence or a Windows error code puts the failure at.
    static func failureStage(of s: LogStatement) -> Stage? {
        if let (stage, _) = meaning(of: s) { return stage }
        if case .windowsError(let code, _, true, let connected) = s {
            return connected ? .established : stage(ofCode: code) ?? .established
        }
        return nil
    }

    /// The capture shows the link up (IPCP open or data both ways) while a log says it failed before that: the
    /// log is about another attempt, or a program misreports; not a failure of this session.
    static func contradicts(_ stage: Stage, _ f: SessionFacts) -> Bool {
        // Not at network-config: a server may end IPCP after it opened, and IPv6CP alone keeps such a link up.
        f.established && stage < .networkConfig
    }

    public static let logs: [Rule] = [
        Rule(
            id: "log.windows-error", stage: .established, confidence: .medium,
            title: "Windows logged the error it showed the user",
            explanation: "RasClient's event 20227 (and 20226 for a connection that ended) carries the very error "
                + "number the dialog showed: no inference needed. It is listed first among the probable codes; the "
                + "capture's findings say why it happened.",
            fixes: Fixes(windows: [
                "`pptp-pcap explain CODE` gives the code's meaning and the capture evidence that goes with it."
            ])
        ) { f in
            guard let (code, connected, log, event) = f.logs?.windowsCode else { return nil }
            let stage = connected ? .established : stage(ofCode: code) ?? .established
            guard !contradicts(stage, f) else { return nil }
            return Match(
                evidence: event.packet.map { [$0] } ?? [],
                message: "Windows reported error \(code) (\(log.origin) line \(event.event.line): \(event.event.text)).",
                errorCodes: [code], stage: stage, logLines: [cite(log, event)])
        },
        Rule(
            id: "log.stated-reason", stage: .established, confidence: .high,
            title: "The PPP software said why the link failed",
            explanation: "pppd, pptpd and pptp-linux write the reason they gave up in their own words (`CHAP "
                + "authentication failed`, `MPPE required but peer negotiation failed`, `LCP: timeout sending "
                + "Config-Requests`). That sentence names the failed stage from inside the program, where the "
                + "capture only sees its effect.",
            fixes: Fixes(linux: [
                "Read the lines around the quoted one in the same log (pppd `debug` shows each option it refused)."
            ])
        ) { f in
            guard let logs = f.logs else { return nil }
            for (log, event, statement) in logs.statements where log.log.source != .windowsRasClient {
                guard let (stage, codesOf) = meaning(of: statement), !captureGotPast(stage, f) else { continue }
                let who = "The \(log.role.rawValue)'s \(log.log.source.rawValue)"
                return Match(
                    evidence: event.packet.map { [$0] } ?? [],
                    message: "\(who) said \"\(event.event.text)\" (\(log.origin) line \(event.event.line)).",
                    errorCodes: codes(of: codesOf), stage: stage, logLines: [cite(log, event)])
            }
            return nil
        },
        Rule(
            id: "log.contradicts-capture", stage: .established, severity: .warning, confidence: .medium,
            title: "A log says the session failed where the capture shows it working",
            explanation: "The capture shows the link up (IPCP open or data both ways), yet a log joined to the "
                + "session says it failed at an earlier stage. Either the line is about another attempt (a redial, "
                + "another client with the same addresses), or the capture and the log are not of the same time. "
                + "The capture's verdict stands; check the log's clock and which attempt the line belongs to.",
            fixes: Fixes()
        ) { f in
            guard let logs = f.logs else { return nil }
            for (log, event, statement) in logs.statements {
                guard let stage = failureStage(of: statement), contradicts(stage, f) else { continue }
                return Match(
                    evidence: event.packet.map { [$0] } ?? [],
                    message: "The \(log.role.rawValue)'s \(log.log.source.rawValue) said \"\(event.event.text)\" "
                        + "(\(log.origin) line \(event.event.line)), a failure at \(stage.rawValue), but the capture shows "
                        + "the session established.",
                    logLines: [cite(log, event)])
            }
            return nil
        },
        Rule(
            id: "log.gre-dropped-on-server-host", stage: .gre, errorCodes: codes(of: "gre.no-return"),
            confidence: .high,
            title: "GRE reached the server's network but not its pppd",
            explanation: "The capture shows the client's GRE arriving, and the server's pppd log, which lists every "
                + "PPP packet it receives with `debug`, received none: the packets were dropped on the server host "
                + "after the capture point — its own firewall (no rule for IP protocol 47), or pptpd not passing "
                + "them on. The network delivered them.",
            fixes: Fixes(
                linux: [
                    "Allow GRE on the server host itself: `iptables -A INPUT -p gre -j ACCEPT` (nftables: "
                        + "`meta l4proto gre accept`); with firewalld `firewall-cmd --add-protocol=gre --permanent`."
                ])
        ) { f in
            guard let logs = f.logs, f.greFromClient.packets > 0,
                [.server, .sameSegment].contains(f.session.capturePoint)
            else { return nil }
            let accepted = logs.statements.contains { if case .greAccepted = $0.statement { true } else { false } }
            guard !accepted else { return nil }
            for log in logs.written(at: .server) where log.log.source == .pppd {
                let sent = log.events.filter { $0.event.packet?.direction == .sent }
                guard let firstSent = sent.first, let lastLine = log.events.last,
                    !log.events.contains(where: { $0.event.packet?.direction == .received })
                else { continue }
                // Only what arrived while this pppd ran could have been logged: the client's first requests often
                // reach the server before pptpd has started it, and a session cut by an ICMP error ends it early.
                let whileRunning = f.pppEvents.filter {
                    $0.from == .client && $0.packet.time > firstSent.time && $0.packet.time < lastLine.time
                }
                guard let first = whileRunning.first, let last = whileRunning.last else { continue }
                return Match(
                    evidence: first == last ? [first.packet] : [first.packet, last.packet],
                    message: "\(Wording.plural(whileRunning.count, "PPP packet")) from the client reached the capture "
                        + "point while the server's pppd (\(log.origin)) was running (first \(Wording.at(first.packet))), "
                        + "and it logged \(Wording.plural(sent.count, "packet")) sent and not one received.",
                    decisive: first.packet, logLines: [cite(log, sent.last ?? firstSent)])
            }
            return nil
        },
        Rule(
            id: "log.gre-icmp-error-at-server", stage: .gre, errorCodes: codes(of: "gre.protocol-unreachable"),
            confidence: .high,
            title: "An ICMP error about the server's GRE ended the call",
            explanation: "pptpd reads the call's GRE from a raw socket the kernel binds to the client's address; an "
                + "ICMP destination-unreachable about the server's GRE is handed to that socket as an error, and "
                + "pptpd ends the call on it (`GRE: read(…) from network failed`). The error text names the ICMP: "
                + "\"Protocol not available\" is protocol-unreachable — the client, or a NAT router without PPTP "
                + "passthrough that took the GRE for itself, does not accept IP protocol 47; \"Message too long\" is "
                + "fragmentation-needed — a link towards the client has a smaller MTU than the server's GRE; \"No route "
                + "to host\" is host-unreachable or administratively-prohibited from a router or firewall.",
            fixes: Fixes(
                linux: [
                    "On a Linux NAT router in front of the clients load the PPTP helper (`modprobe nf_nat_pptp`, and "
                        + "on kernels since 4.7 `iptables -t raw -A PREROUTING -p tcp --dport 1723 -j CT --helper pptp`).",
                    "\"Message too long\": lower the tunnel's MTU in the server's pppd options (`mtu 1400` and "
                        + "`mru 1400` in /etc/ppp/options.pptpd).",
                ],
                network: [
                    "Find the device that sends the ICMP (`tcpdump -ni any icmp` on the server shows its address) "
                        + "and let IP protocol 47 through it; a home router needs its PPTP/VPN passthrough on."
                ])
        ) { f in
            guard let logs = f.logs else { return nil }
            for (log, event, statement) in logs.statements where log.role == .server {
                guard case .greNetworkError(let reason) = statement else { continue }
                let meaning = greSocketError(reason, linkWasUp: f.established)
                return Match(
                    evidence: event.packet.map { [$0] } ?? [],
                    message: "The server's pptpd said \"\(event.event.text)\" (\(log.origin) line \(event.event.line)): "
                        + "its GRE socket was handed \(meaning.icmp) about the server's GRE, and it ended the call.",
                    errorCodes: meaning.codes, stage: meaning.stage, logLines: [cite(log, event)])
            }
            return nil
        },
        Rule(
            id: "log.server-ppp-start-failed", stage: .callSetup, errorCodes: codes(of: "call-setup.server-ppp-exited"),
            confidence: .high,
            title: "The server's pppd could not start",
            explanation: "pptpd starts a pppd for each call and hands it the call's GRE. That pppd exited before it "
                + "sent anything — a bad option in pptpd's pppd options file, a missing plugin or module, a "
                + "permission — and pptpd dropped the call. pppd prints the reason on its standard error or in its "
                + "log; pptpd's own line only says that it ended.",
            fixes: Fixes(linux: [
                "Run the `pppd` command pptpd logs (with the options file from `option` in pptpd.conf) by hand: it "
                    + "prints the option it refuses; check `/etc/ppp/options.pptpd` for typos and plugins that are "
                    + "not installed."
            ])
        ) { f in
            guard let logs = f.logs, !f.pppEvents.contains(where: { $0.from == .server }) else { return nil }
            for (log, event, statement) in logs.statements where log.role == .server {
                switch statement {
                case .optionError, .pppdDiedUnexpectedly:
                    let cause = logs.statements.first { $0.log.role == .server && $0.statement == .optionError }
                    let quoted = cause ?? (log, event, statement)
                    return Match(
                        evidence: event.packet.map { [$0] } ?? [],
                        message: "The server's \(quoted.log.log.source.rawValue) said \"\(quoted.event.event.text)\" "
                            + "(\(quoted.log.origin) line \(quoted.event.event.line)); the server sent no PPP at all.",
                        logLines: [cite(quoted.log, quoted.event)])
                default: continue
                }
            }
            return nil
        },
    ]
}
