import Foundation

/// pppd's messages (2.4 and 2.5), decoded: the packets `debug` prints and the sentences that say why a link
/// failed or ended. Wordings are pppd's own (`auth.c`, `lcp.c`, `ipcp.c`, `ccp.c`, `chap-new.c`, `main.c`).
enum PppdLines {
    /// The user a `Peer alice failed CHAP authentication` or `… authentication succeeded for alice` names.
    static func mentionedUser(_ m: Substring) -> String? {
        if m.hasPrefix("Peer "), let name = m.dropFirst(5).split(separator: " ").first { return LogText.printable(name) }
        if let r = m.range(of: " for ") { return LogText.printable(m[r.upperBound...].prefix { $0 != " " }) }
        return nil
    }

    /// What a message of pppd's means and how to show it; nil for lines the diagnosis does not use.
    static func decode(_ message: Substring) -> (LogEvent.Kind, String)? {
        if message.hasPrefix("sent [") || message.hasPrefix("rcvd [") { return packet(message) }
        guard let statement = statement(message) else { return nil }
        return (.statement(statement), LogText.printable(message))
    }

    /// `sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x9d0a1138>]`, `rcvd [CHAP Failure id=0x55 "E=691 R=1 …"]`.
    static func packet(_ message: Substring) -> (LogEvent.Kind, String)? {
        let direction: LoggedPacket.Direction = message.hasPrefix("sent") ? .sent : .received
        var body = message.dropFirst(6)
        if body.last == "]" { body = body.dropLast() }
        let words = body.split(separator: " ", maxSplits: 2)
        guard words.count >= 2 else { return nil }
        var packet = LoggedPacket(
            direction: direction, protocolName: String(words[0]), code: String(words[1]), identifier: nil)
        let rest = words.count > 2 ? words[2] : ""
        if let id = Self.value(after: "id=0x", in: rest, radix: 16) { packet.identifier = UInt8(truncatingIfNeeded: id) }
        if packet.protocolName == "LCP" {
            packet.magic =
                (Self.value(after: "<magic 0x", in: rest, radix: 16) ?? Self.value(after: "magic=0x", in: rest, radix: 16))
                .map { UInt32(truncatingIfNeeded: $0) }
        }
        if packet.protocolName == "CHAP", packet.code == "Failure" {
            packet.msError = Self.value(after: "E=", in: rest, radix: 10)
        }
        let text =
            "\(direction == .sent ? "sent" : "rcvd") \(packet.protocolName) \(packet.code)"
            + (packet.identifier.map { " id=0x\(String($0, radix: 16))" } ?? "") + Self.safeDetail(packet, rest)
        return (.packet(packet), LogText.printable(text))
    }

    /// What of a packet's options a report may show: options and reasons, never CHAP values or passwords.
    static func safeDetail(_ p: LoggedPacket, _ rest: Substring) -> String {
        let afterID = rest.drop { $0 != " " }.dropFirst()
        switch p.protocolName {
        case "CHAP", "PAP", "EAP":
            if let e = p.msError {
                let m = rest.range(of: "M=").map { String(rest[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
                return " E=\(e)" + (m.isEmpty ? "" : " M=\(m)")
            }
            if p.code == "Success" || p.code == "Failure" || p.code == "AuthNak" || p.code == "AuthAck" {
                // A Success message carries the authenticator response (S=…): show only what follows M=.
                if let m = rest.range(of: "M=") { return " M=" + String(rest[m.upperBound...].prefix { $0 != "\"" }) }
                return ""
            }
            return ""
        default:
            return afterID.isEmpty ? "" : " " + afterID
        }
    }

    /// The number after `marker` in `text`, in `radix`.
    static func value(after marker: String, in text: Substring, radix: Int) -> Int? {
        guard let r = text.range(of: marker) else { return nil }
        let digits = text[r.upperBound...].prefix { $0.isHexDigit && (radix == 16 || $0.isNumber) }.prefix(16)
        return Int(digits, radix: radix)
    }

    static func statement(_ m: Substring) -> LogStatement? {
        if m.hasPrefix("Peer "), m.contains(" failed ") && m.hasSuffix("authentication") {
            return .authenticationFailed(byPeer: false)
        }
        if m.hasSuffix("authentication failed") || m.hasPrefix("MS-CHAP authentication failed")
            || m.hasPrefix("CHAP authentication failed") || m.hasPrefix("PAP authentication failed")
            || m.hasPrefix("EAP: peer reports authentication failure")
        {
            return .authenticationFailed(byPeer: true)
        }
        if m.hasSuffix("authentication succeeded") || (m.hasPrefix("peer from calling number") && m.hasSuffix("authorized")) {
            return .authenticationSucceeded
        }
        if m.hasPrefix("No CHAP secret found") || m.hasPrefix("No secret found for PAP login")
            || m.hasPrefix("No MS-CHAP") || m.hasPrefix("No EAP secret")
        {
            return .noSecret
        }
        if m.hasPrefix("MPPE required") { return .encryptionRequiredButNotNegotiated }
        if m.hasPrefix("LCP: timeout sending Config-Requests") { return .lcpTimeout }
        if m.hasPrefix("No response to "), m.contains("echo-requests") {
            return .echoTimeout(Int(m.dropFirst(15).prefix { $0.isNumber }) ?? 0)
        }
        if m.hasPrefix("Modem hangup") || m.hasPrefix("Hangup (SIGHUP)") { return .hangup }
        if m.hasPrefix("Connection terminated") { return .connectionTerminated }
        if m.hasPrefix("LCP terminated by peer") {
            let reason = m.firstIndex(of: "(").map { String(m[m.index(after: $0)...].prefix { $0 != ")" }) }
            return .terminatedByPeer(reason.map { LogText.printable($0) })
        }
        if m.hasPrefix("Terminating on signal") { return .terminatingOnSignal(Int(m.dropFirst(22).prefix { $0.isNumber }) ?? 0) }
        if m.hasPrefix("local  IP address") || m.hasPrefix("local IP address") {
            return .ipAddress(local: true, String(m.split(separator: " ").last ?? ""))
        }
        if m.hasPrefix("remote IP address") { return .ipAddress(local: false, String(m.split(separator: " ").last ?? "")) }
        if m.hasPrefix("Peer is not authorized to use remote address") || m.hasPrefix("Refusing to use") {
            return .addressRefused(LogText.printable(m.split(separator: " ").last ?? ""))
        }
        if m.contains("unrecognized option") || m.hasPrefix("In file ") || m.hasPrefix("pppd: In file")
            || m.contains("options file") && m.contains("error")
        {
            return .optionError
        }
        if m == "Exit." { return .exit }
        return nil
    }

    /// Whether a message is pppd's at all, for a logfile with no syslog tag (pppd's `logfile` writes bare messages).
    static func looksLikePppd(_ m: Substring) -> Bool {
        m.hasPrefix("sent [") || m.hasPrefix("rcvd [") || m.hasPrefix("Using interface ppp") || m.hasPrefix("using channel")
            || m.hasPrefix("Connect: ppp") || m.hasPrefix("pppd ") || statement(m) != nil
    }

    /// The end a pppd ran on: the one that asks for authentication (LCP auth option in its own Configure-Request,
    /// CHAP Challenge, PAP Ack/Nak) is the server.
    static func role(of events: [LogEvent]) -> LogRole? {
        for e in events {
            guard let p = e.packet else { continue }
            let text = e.text
            let authenticates =
                (p.protocolName == "LCP" && p.code == "ConfReq" && text.contains("<auth "))
                || (p.protocolName == "CHAP" && (p.code == "Challenge" || p.code == "Success" || p.code == "Failure"))
                || (p.protocolName == "PAP" && (p.code == "AuthAck" || p.code == "AuthNak"))
            if authenticates { return p.direction == .sent ? .server : .client }
            if p.protocolName == "CHAP" && p.code == "Response" || p.protocolName == "PAP" && p.code == "AuthReq" {
                return p.direction == .sent ? .client : .server
            }
        }
        return nil
    }
}
