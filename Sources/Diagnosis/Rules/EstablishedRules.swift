import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let mtuFixes = Fixes(
        windows: [
            "Lower the MTU of the VPN interface: `netsh interface ipv4 set subinterface \"VPN\" mtu=1400 store=persistent`."
        ],
        linux: [
            "In /etc/ppp/pptpd-options (or options.pptp): `mtu 1400` and `mru 1400`; clamp TCP MSS on the server: "
                + "`iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu`."
        ],
        network: ["Let ICMP type 3 code 4 (fragmentation needed) through every firewall; clamp MSS on the path's router."])

    static let established: [Rule] = [
        Rule(
            id: "established.ppp-stopped", stage: .established, errorCodes: [807, 619], confidence: .medium,
            title: "One side's PPP stopped without ending the link",
            explanation: "A hang-up ends PPP with an LCP Terminate-Request before the call is cleared. Here one side "
                + "cleared the call or closed the control connection with no Terminate-Request at all, while GRE had "
                + "been flowing both ways: the PPP process on that side stopped — pppd or the PPTP program exited or "
                + "crashed (pptp-linux exits when it can no longer send GRE, e.g. a firewall on that host; its pppd "
                + "then logs `Modem hangup`), or the host lost the link.",
            fixes: Fixes(
                windows: [
                    "On a Windows client: Event Viewer → Applications and Services Logs → Microsoft → Windows "
                        + "→ RasClient, at that time (event 20226 gives the reason code)."
                ],
                linux: [
                    "pppd's log on the side that cleared: `Modem hangup` means its pty closed (pptp exited: see "
                        + "pptp's `log[…]` lines); pptpd's `GRE: read(fd=…) from PTY failed` means the server's pppd exited."
                ],
                network: [
                    "A firewall rule that starts dropping GRE on a host (or a NAT state that expires) makes "
                        + "the PPTP program there give up."
                ])
        ) { f in
            // GRE rejected with ICMP explains the end itself (gre.protocol-unreachable).
            guard f.callConnected, f.greBothWays, f.auth.failed == nil, f.encryptionRefused == nil,
                f.serverClosedAfterCall == nil,
                !f.session.icmp.contains(where: { $0.quotedProtocol == .gre && !$0.isFragmentationNeeded })
            else { return nil }
            let ends = [Side.client, .server].compactMap { side in f.callEnd(by: side).map { (side, $0) } }
            guard let (ender, end) = ends.min(by: { $0.1 < $1.1 }) else { return nil }
            // A control teardown the peer confirmed (CCRQ→CDN, StopCCRQ→StopCCRP) is an end in order, if not PPP's; a
            // server's CDN or StopCCRQ has rules of its own (teardown.dropped-by-server, call-setup.*).
            if ender == .client, f.orderlyEndByClient != nil { return nil }
            // Nothing says the client's PPP failed rather than hung up (teardown.cleared-without-terminate).
            if ender == .client, f.clientClearedWithoutTerminate == end { return nil }
            if ender == .server, !(f.tcp(.fin, from: .server) + f.tcp(.rst, from: .server)).contains(where: { $0.packet == end })
            {
                return nil
            }
            let terminates = (f.lcp.client.terminates + f.lcp.server.terminates).filter { $0.packet < end }
            guard terminates.isEmpty else { return nil }
            let lastOwn = f.pppEvents.last(where: { $0.from == ender && $0.packet < end })?.packet
            let gre = f.call?.gre(from: ender).last
            // A side silent long before its end went quiet for another reason (echo and keepalive rules).
            if let gre, end.time - gre.time > Thresholds.longSilence { return nil }
            let unanswered = ender == .client ? f.echoFromServer : f.echoFromClient
            var msg = "The \(ender.rawValue) ended the call at \(Wording.at(end)) with no LCP Terminate-Request before it"
            if let gre { msg += "; its last GRE was at \(Wording.at(gre))" }
            if unanswered.endsUnanswered, let start = unanswered.unansweredRunStart {
                msg += ", and the \(ender.other.rawValue)'s LCP Echo-Request from \(Wording.at(start)) on went unanswered"
            }
            msg += ": its PPP stopped abruptly."
            // pptp-linux reads ICMP errors on its GRE socket and exits on them ("short read (-1): Message too long").
            if let icmp = f.session.icmp.last(where: { $0.packet < end && end.time - $0.packet.time < Thresholds.silence }) {
                msg +=
                    " \(icmp.summary) came at \(Wording.at(icmp.packet)) just before: pptp-linux exits when its GRE "
                    + "socket reports such an error (its log: `short read (-1): Message too long`), so the path MTU dropped "
                    + "the tunnel; lower the tunnel's MTU (`mtu 1400`)."
            }
            let stage = f.established ? Stage.established : (StageProgress(f).lastCompleted.map(Stage.after) ?? .lcp)
            return Match(
                evidence: [lastOwn, gre, end].compactMap { $0 }, message: msg,
                errorCodes: f.established ? nil : (ender == .server ? [628, 619] : []), stage: stage, decisive: end)
        },
        Rule(
            id: "established.echo-loss", stage: .established, errorCodes: [807, 619, 629], confidence: .high,
            title: "LCP keepalives went unanswered and the link died",
            explanation: "After the link was up, one side's LCP Echo-Requests stopped getting Echo-Replies: the path "
                + "stopped carrying GRE (a NAT/firewall GRE state timed out, the ISP dropped GRE, the peer is gone), "
                + "and the link was torn down.",
            fixes: Fixes(
                windows: ["If it happens after idle periods, keep traffic flowing or ask the network owner about GRE timeouts."],
                linux: ["pppd `lcp-echo-interval 30` `lcp-echo-failure 4` decide how fast it gives up; the cause is the path."],
                network: ["Raise the GRE/PPTP session timeout on NAT routers and firewalls; check for ISP GRE throttling."])
        ) { f in
            guard f.lcp.isOpen else { return nil }
            for side in [Side.client, .server] {
                let echo = side == .client ? f.echoFromClient : f.echoFromServer
                guard echo.longestUnansweredRun >= 3, let start = echo.unansweredRunStart, let end = echo.unansweredRunEnd
                else { continue }
                let after = f.teardownStart.map { $0 >= start } ?? false
                let msg =
                    "\(Wording.plural(echo.longestUnansweredRun, "LCP Echo-Request")) from the \(side.rawValue) "
                    + "went unanswered from \(Wording.at(start)) to \(Wording.at(end))"
                    + (after ? "; the link was then torn down at \(Wording.at(f.teardownStart ?? end))." : ".")
                return Match(
                    evidence: [start, end] + [f.teardownStart].compactMap { $0 }, message: msg,
                    confidence: after ? .high : .medium, decisive: start)
            }
            return nil
        },
        Rule(
            id: "established.control-echo-loss", stage: .established, errorCodes: [807, 619], confidence: .high,
            title: "PPTP control-channel keepalives went unanswered",
            explanation: "One side's PPTP Echo-Requests on TCP 1723 got no Echo-Reply and the control connection was "
                + "then closed: the path or the peer stopped answering on the control channel (RFC 2637 closes the "
                + "connection after an unanswered echo).",
            fixes: Fixes(network: ["Look for a firewall or NAT idle timeout on TCP 1723 and for packet loss on the path."])
        ) { f in
            for side in [Side.client, .server] {
                let requests = f.control(.echoRequest, from: side)
                let replies = f.control(.echoReply, from: side.other)
                let lastReply = replies.last?.packet
                let unanswered = requests.filter { r in lastReply.map { r.packet > $0 } ?? true }
                guard unanswered.count >= 2, let first = unanswered.first,
                    let end = f.endedAt, end > first.packet
                else { continue }
                return Match(
                    evidence: unanswered.prefix(4).map(\.packet) + [end],
                    message: "\(Wording.plural(unanswered.count, "PPTP Echo-Request")) from the \(side.rawValue) "
                        + "from \(Wording.at(first.packet)) got no Echo-Reply; the session ended at \(Wording.at(end)).")
            }
            return nil
        },
        Rule(
            id: "established.mtu-black-hole", stage: .established, errorCodes: [],
            codeNotes: "Windows shows no error: the connection is up but large transfers and web pages hang",
            confidence: .medium,
            title: "MTU black hole: large packets are too big for the path",
            explanation: "A router reported that a tunnel packet was too big (ICMP fragmentation needed), yet large "
                + "packets with Don't Fragment kept coming. Small packets pass, large ones vanish: pages and transfers hang.",
            fixes: mtuFixes
        ) { f in
            guard let icmp = f.session.icmp.first(where: { $0.isFragmentationNeeded }) else { return nil }
            let sender: Side = icmp.quotedSource == f.session.client.address ? .client : .server
            let stats = sender == .client ? f.greFromClient : f.greFromServer
            guard let lastLarge = stats.lastLargeWithDF, lastLarge > icmp.packet else { return nil }
            let laterICMP = f.session.icmp.filter { $0.isFragmentationNeeded }.count
            return Match(
                evidence: [icmp.packet, lastLarge],
                message: "\(icmp.summary) at \(Wording.at(icmp.packet)), yet the \(sender.rawValue) kept sending "
                    + "large packets with DF set (up to \(stats.largestDatagram) bytes, last at \(Wording.at(lastLarge)))"
                    + (laterICMP > 1 ? "; \(laterICMP) such ICMP errors in all." : "."),
                decisive: icmp.packet)
        },
        Rule(
            id: "established.frag-needed", stage: .established, severity: .warning, confidence: .high,
            title: "The path MTU is smaller than the tunnel's packets",
            explanation: "A router sent ICMP fragmentation-needed for this tunnel. On its own this is not a failure "
                + "(the sender can adapt), but it is the first sign of MTU trouble inside PPTP.",
            fixes: mtuFixes
        ) { f in
            guard let icmp = f.session.icmp.first(where: { $0.isFragmentationNeeded }) else { return nil }
            return Match(evidence: [icmp.packet], message: "\(icmp.summary) at \(Wording.at(icmp.packet)).")
        },
        Rule(
            id: "established.large-df-unanswered", stage: .established, severity: .warning, confidence: .low,
            title: "Large packets with Don't Fragment and no traffic back",
            explanation: "One side sent full-size GRE packets with DF set and the other side's data stopped: a "
                + "possible MTU black hole where the ICMP errors are filtered.",
            fixes: mtuFixes, isAbsence: true
        ) { f in
            guard f.session.icmp.isEmpty, f.dataBothWays else { return nil }
            for side in [Side.client, .server] {
                let mine = side == .client ? f.greFromClient : f.greFromServer
                let theirs = side == .client ? f.greFromServer : f.greFromClient
                guard mine.largeWithDF >= 3, let lastLarge = mine.lastLargeWithDF, let theirLast = theirs.lastData,
                    lastLarge.time - theirLast.time >= Thresholds.silence
                else { continue }
                return Match(
                    evidence: [theirLast, lastLarge],
                    message: "\(Wording.plural(mine.largeWithDF, "large DF packet")) from the \(side.rawValue) "
                        + "(up to \(mine.largestDatagram) bytes); the \(side.other.rawValue)'s data stopped at \(Wording.at(theirLast))."
                )
            }
            return nil
        },
        Rule(
            id: "established.one-way-gre", stage: .established, errorCodes: [807, 619], confidence: .medium,
            title: "GRE stopped in one direction after the tunnel worked",
            explanation: "Data flowed both ways, then one direction went silent while the other kept sending: the path "
                + "stopped carrying GRE one way (NAT state expired, route change, ISP filtering).",
            fixes: Fixes(network: ["Check GRE session timeouts on NAT devices; look for a route or NAT change at that time."]),
            isAbsence: true
        ) { f in
            guard f.dataBothWays else { return nil }
            for side in [Side.client, .server] {
                let mine = side == .client ? f.greFromClient : f.greFromServer
                let theirs = side == .client ? f.greFromServer : f.greFromClient
                guard let myLast = mine.last, let theirLast = theirs.last,
                    myLast.time - theirLast.time >= 15, mine.packets >= 10
                else { continue }
                return Match(
                    evidence: [theirLast, myLast],
                    message: "The \(side.other.rawValue)'s GRE stopped at \(Wording.at(theirLast)); the "
                        + "\(side.rawValue) kept sending until \(Wording.at(myLast)).")
            }
            return nil
        },
        Rule(
            id: "established.gre-loss", stage: .established, severity: .warning, confidence: .medium,
            title: "GRE packets were lost or reordered",
            explanation: "Gaps in the enhanced-GRE sequence numbers: packets lost before the capture point (or the "
                + "capture dropped them). MPPE in stateful mode suffers badly from loss.",
            fixes: Fixes(linux: ["Prefer stateless MPPE (`mppe stateless`) on lossy paths."])
        ) { f in
            let lost = f.greFromClient.lost + f.greFromServer.lost
            let total = f.greFromClient.payloadPackets + f.greFromServer.payloadPackets
            guard lost >= 5, total > 0, Double(lost) / Double(total) >= 0.02 else { return nil }
            return Match(
                evidence: [f.greFromClient.first, f.greFromServer.first].compactMap { $0 },
                message: "\(lost) of about \(total + lost) GRE packets missing from the sequence numbers "
                    + "(client→server \(f.greFromClient.lost), server→client \(f.greFromServer.lost)).")
        },
    ]
}
