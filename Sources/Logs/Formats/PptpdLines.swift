import Foundation

/// pptpd's messages (its manager and the `pptpctrl` process it starts per client), decoded.
enum PptpdLines {
    static func decode(_ m: Substring) -> (LogEvent.Kind, String)? {
        guard let s = statement(m) else { return nil }
        return (.statement(s), LogText.printable(m))
    }

    static func statement(_ m: Substring) -> LogStatement? {
        if m.hasPrefix("CTRL: Client "), let address = m.split(separator: " ").dropFirst(2).first {
            if m.hasSuffix("control connection started") { return .controlConnectionStarted(client: LogText.printable(address)) }
            if m.hasSuffix("control connection finished") {
                return .controlConnectionFinished(client: LogText.printable(address))
            }
        }
        if m.hasPrefix("CTRL: Starting call") { return .callStarting }
        if m.hasPrefix("GRE: read(") && m.contains("from PTY failed") { return .pppdDiedUnexpectedly }
        if m.hasPrefix("GRE: read("), m.contains("from network failed"), let error = m.range(of: "error = ") {
            return .greNetworkError(reason: LogText.printable(m[error.upperBound...]))
        }
        if m.hasPrefix("CTRL: EOF or bad error reading ctrl packet") { return .controlConnectionLost }
        if m.hasPrefix("GRE: accepting packet") { return .greAccepted }
        return nil
    }

    /// The pppd a control process started: `CTRL: Reaping child PPP[4495]` names its pid (the launcher execs pppd).
    static func childPppd(_ m: Substring) -> Int? {
        guard m.hasPrefix("CTRL: Reaping child PPP[") else { return nil }
        return Int(m.dropFirst(24).prefix { $0.isNumber })
    }
}

/// pptp-linux's messages (`log[ctrlp_disp:pptp_ctrl.c:939]: Outgoing call established …`), decoded.
enum PptpClientLines {
    /// A line pptp-linux wrote to its standard error, which pppd's logfile collects when pppd started it:
    /// `anon warn[open_inetsock:pptp_callmgr.c:352]: connect: …` (`anon` is the `--logstring`, any word).
    static func isBareLine(_ m: Substring) -> Bool {
        guard let space = m.firstIndex(of: " ") else { return false }
        let rest = m[m.index(after: space)...]
        return ["log[", "warn[", "fatal["].contains { rest.hasPrefix($0) } && rest.contains("]: ")
    }

    static func decode(_ m: Substring) -> (LogEvent.Kind, String)? {
        // Drop the `anon log[function:file.c:line]: ` source tag: it says where in pptp, not what happened.
        var text = m
        if let close = m.range(of: "]: ") { text = m[close.upperBound...] }
        guard let s = statement(text) else { return nil }
        return (.statement(s), LogText.printable(text))
    }

    static func statement(_ m: Substring) -> LogStatement? {
        if m.hasPrefix("Client connection established") { return .controlConnectionEstablished }
        if m.hasPrefix("Outgoing call established (call ID ") {
            let numbers = m.split { !$0.isNumber }.compactMap { UInt16($0) }
            guard numbers.count >= 2 else { return nil }
            return .outgoingCallEstablished(callID: numbers[0], peerCallID: numbers[1])
        }
        if m.hasPrefix("Could not open control connection to ") {
            return .controlConnectionFailed(server: m.split(separator: " ").last.map { LogText.printable($0) })
        }
        if m.hasPrefix("connect:") || m.contains("Connection refused") || m.contains("timed out") {
            return .controlConnectionFailed(server: nil)
        }
        if m.hasPrefix("pppd may have shutdown") { return .hangup }
        if m.hasPrefix("read error: Connection reset by peer") || m.hasPrefix("read returned zero, peer has closed") {
            return .controlConnectionLost
        }
        if m.hasPrefix("Could not launch call manager") { return .controlConnectionFailed(server: nil) }
        return nil
    }
}
