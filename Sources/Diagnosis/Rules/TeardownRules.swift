import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let teardown: [Rule] = [
        Rule(
            id: "teardown.dropped-by-server", stage: .teardown, errorCodes: [629, 807], confidence: .high,
            title: "The server ended a working session",
            explanation: "The tunnel was up, then the server cleared the call (Call-Disconnect-Notify with result "
                + "lost carrier / general error / admin shutdown), stopped the control connection or reset it, without "
                + "the client asking.",
            fixes: Fixes(linux: [
                "Look in the server's log at that time: idle timeout (`idle`), session limits (`maxconnect`), "
                    + "RADIUS Session-Timeout, or an administrator."
            ])
        ) { f in
            guard f.established else { return nil }
            let clientFirst =
                ([f.call?.clearRequest?.packet].compactMap { $0 }
                + f.control(.stopControlConnectionRequest, from: .client).map(\.packet)
                + f.lcp.client.terminates.map(\.packet)).min()
            var serverEvents: [(PacketRef, String)] = []
            if let cdn = f.call?.disconnect, cdn.from == .server, let r = cdn.resultCode, r != 4 {
                serverEvents.append((cdn.packet, "Call-Disconnect-Notify result \(r) (\(PPTPCodes.disconnectResult(r)))"))
            }
            serverEvents += f.control(.stopControlConnectionRequest, from: .server).map {
                ($0.packet, "Stop-Control-Connection-Request")
            }
            serverEvents += f.lcp.server.terminates.map { ($0.packet, "LCP Terminate-Request") }
            serverEvents += f.tcp(.rst, from: .server).map { ($0.packet, "TCP reset") }
            guard let first = serverEvents.min(by: { $0.0 < $1.0 }), clientFirst.map({ $0 > first.0 }) ?? true else { return nil }
            // A server whose pppd ended PPP with a Terminate-Request the client acknowledged hung up in order
            // (teardown.ended-by-server): the session worked.
            guard f.serverEndedPPPInOrder.map({ $0 > first.0 }) ?? true else { return nil }
            return Match(
                evidence: [first.0], message: "The server sent \(first.1) at \(Wording.at(first.0)) while the tunnel was in use.")
        },
        Rule(
            id: "teardown.ended-by-server", stage: .teardown, severity: .warning, errorCodes: [629], confidence: .high,
            title: "The server hung up a working session",
            explanation: "The tunnel was up and carried data; then the server's PPP ended the link in order (LCP "
                + "Terminate-Request, acknowledged by the client) without the client asking. The session itself worked: "
                + "the server was stopped, restarted, hit a limit or an administrator ended the session. Windows reports "
                + "the connection as closed by the remote computer (629).",
            fixes: Fixes(linux: [
                "The server's pppd log says why at that moment: `Terminating on signal 15` (pptpd or the "
                    + "system stopped), `Connect time expired` (`maxconnect`), `Terminating connection due to lack "
                    + "of activity` (`idle`), or a RADIUS Session-Timeout."
            ])
        ) { f in
            guard f.established, let end = f.serverEndedPPPInOrder, f.orderlyEndByClient.map({ $0 > end }) ?? true else {
                return nil
            }
            let reason = f.lcp.server.terminates.first.map { $0.detail.isEmpty ? "" : " (\($0.detail))" } ?? ""
            return Match(
                evidence: [end],
                message: "The server sent LCP Terminate-Request at \(Wording.at(end))\(reason) while the "
                    + "tunnel was in use, and the client acknowledged it.")
        },
        Rule(
            id: "teardown.cleared-without-terminate", stage: .teardown, severity: .warning, confidence: .medium,
            title: "The client cleared the call without ending PPP first",
            explanation: "A client hang-up normally ends PPP with an LCP Terminate-Request, then clears the call. Here "
                + "the client's PPTP cleared the call (Call-Clear-Request) with no Terminate-Request on the wire, after a "
                + "tunnel that worked to the end: every LCP echo answered, no ICMP error. Most often the user hung up and "
                + "the Terminate-Request was lost on the client (pppd run with `record`, or the PPTP program stopped "
                + "together with pppd); if nobody hung up, the client's PPP stopped and its logs say why.",
            fixes: Fixes(
                windows: [
                    "If the user did not disconnect: Event Viewer → Applications and Services Logs → "
                        + "Microsoft → Windows → RasClient at that time (event 20226 gives the reason code)."
                ],
                linux: [
                    "The client's pppd log: `Terminating on signal` is a hang-up; `Modem hangup` with no signal "
                        + "before it means its pty closed (see pptp's `log[…]` lines)."
                ])
        ) { f in
            guard let clear = f.clientClearedWithoutTerminate else { return nil }
            let last = f.call?.gre(from: .client).last
            return Match(
                evidence: [last, clear].compactMap { $0 },
                message: "The client sent Call-Clear-Request at \(Wording.at(clear)) with no LCP Terminate-Request "
                    + "before it" + (last.map { "; its last GRE was at \(Wording.at($0))" } ?? "")
                    + ", and every LCP echo of the server had been answered.")
        },
        Rule(
            id: "teardown.wan-error", stage: .teardown, severity: .warning, confidence: .high,
            title: "The server reported WAN errors",
            explanation: "WAN-Error-Notify carries the PAC's counters of CRC, framing, overrun, timeout and alignment errors."
        ) { f in
            guard let w = f.call?.wanErrors.first else { return nil }
            return Match(
                evidence: f.call?.wanErrors.prefix(4).map(\.packet) ?? [w.packet],
                message: "WAN-Error-Notify at \(Wording.at(w.packet)).")
        },
    ]

    static let capture: [Rule] = [
        Rule(
            id: "capture.ppp-only", stage: .lcp, severity: .info, confidence: .high,
            title: "Only the PPP layer is in the capture",
            explanation: "The capture holds the PPP frames of the link and nothing around them: no TCP 1723 control "
                + "connection and no GRE. The PPP negotiation (LCP, authentication, CCP, IPCP) is judged on its own; a "
                + "failure of the tunnel itself (GRE blocked: 806, 721 before Vista; the server closing TCP 1723: 628/629) would not "
                + "show here. Capture the network interface as well to see the tunnel.",
            fixes: captureWholeSession
        ) { f in
            guard let link = f.session.pppLink else { return nil }
            return Match(
                evidence: [f.session.first],
                message: "\(link.description.prefix(1).uppercased() + link.description.dropFirst()): the PPTP/GRE "
                    + "layers are outside this capture.")
        },
        Rule(
            id: "capture.mid-session", stage: .established, severity: .info, confidence: .high,
            title: "The capture starts in the middle of the session",
            explanation: "The beginning of this session (TCP handshake, control messages, call setup) is not in the "
                + "capture, so only what follows can be judged."
        ) { f in
            let s = f.session
            guard s.pppLink == nil else { return nil }
            if !s.controlChannelSeen {
                return Match(
                    evidence: [s.first],
                    message: "Only the tunnel's GRE is in the capture (from \(Wording.at(s.first))): no TCP 1723 "
                        + "control connection. The capture started after the session was set up, or its filter left TCP out.",
                    stage: .gre)
            }
            guard !s.sawSYN, f.control(.startControlConnectionRequest).isEmpty else { return nil }
            return Match(
                evidence: [s.first],
                message: "The control connection was already open when the capture started (first packet \(s.first.number)).",
                stage: .controlConnection)
        },
        Rule(
            id: "capture.control-retransmissions", stage: .controlConnection, severity: .warning, confidence: .high,
            title: "The control connection lost or reordered segments",
            explanation: "TCP retransmissions, out-of-order segments or gaps on port 1723: a lossy path (the control "
                + "channel itself still recovers)."
        ) { f in
            let bad = f.session.tcpEvents.filter { $0.kind == .retransmission || $0.kind == .gap || $0.kind == .outOfOrder }
            guard bad.count >= 2 || bad.contains(where: { $0.kind == .gap }) else { return nil }
            let gaps = bad.filter { $0.kind == .gap }.count
            return Match(
                evidence: bad.prefix(6).map(\.packet),
                message: "\(Wording.plural(bad.count, "retransmitted, out-of-order or missing segment"))"
                    + (gaps > 0 ? " (\(gaps) gap\(gaps == 1 ? "" : "s") that never filled)" : "") + ".")
        },
        Rule(
            id: "capture.vpn-type-fallback", stage: .established, severity: .info, confidence: .medium,
            title: "The client tried another VPN type afterwards",
            explanation: "Windows set to 'Automatic' VPN type tries PPTP, then L2TP/IPsec and SSTP; traffic to the same "
                + "server on those ports after PPTP failed is that fallback."
        ) { f in
            guard let first = f.fallbacks.first else { return nil }
            return Match(
                evidence: f.fallbacks.map(\.packet),
                message: f.fallbacks.map { "\($0.what) at \(Wording.at($0.packet))" }.joined(separator: "; ") + ".")
        },
    ]
}
