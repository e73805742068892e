import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let greCodeNotes = "806 on Windows Vista and later; 721 before Vista (KB 888201)"

    static let gre: [Rule] = [
        Rule(
            id: "gre.protocol-unreachable", stage: .gre, errorCodes: [806, 721], codeNotes: greCodeNotes,
            confidence: .high, title: "GRE is rejected with ICMP",
            explanation: "An ICMP destination-unreachable (protocol unreachable or administratively prohibited) quotes "
                + "this tunnel's GRE: the far host does not speak GRE or a firewall rejects protocol 47.",
            fixes: Fixes(
                linux: ["Allow GRE: `iptables -A INPUT -p gre -j ACCEPT`; load `nf_conntrack_pptp` on NAT routers."],
                network: ["The ICMP's sender is the device that rejects GRE: allow IP protocol 47 there."]), isAbsence: true
        ) { f in
            guard
                let e = f.session.icmp.first(where: {
                    $0.quotedProtocol == .gre && !$0.isFragmentationNeeded
                        && ($0.type == 3 || ($0.version == 6 && $0.type == 1))
                })
            else { return nil }
            guard !f.established else { return nil }
            return Match(evidence: [e.packet], message: "\(e.summary) at \(Wording.at(e.packet)).")
        },
        Rule(
            id: "gre.wrong-call-id", stage: .gre, errorCodes: [806, 721], codeNotes: greCodeNotes,
            confidence: .high, title: "GRE comes back with a Call ID the call does not have",
            explanation: "GRE arrives between the same two hosts, but its key carries a Call ID that is not the one "
                + "the control channel agreed (OCRQ/OCRP), so PPP never sees it. A NAT or PPTP helper between the "
                + "hosts rewrote the Call ID on one channel and not the other, or the peer answers for a stale call.",
            fixes: Fixes(
                windows: ["Disable or update the router's PPTP pass-through/ALG, or try without the NAT in between."],
                linux: [
                    "With NAT on the server side load both helpers: `modprobe nf_conntrack_pptp nf_nat_pptp`; "
                        + "restart pptpd to clear stale calls."
                ],
                network: ["Make the NAT track PPTP call IDs consistently (PPTP ALG) or give the client a public address."])
        ) { f in
            guard f.callConnected, let u = f.session.unmatchedGRE else { return nil }
            let bound = u.from == .client ? f.greFromClient.packets : f.greFromServer.packets
            guard bound == 0 else { return nil }
            let expected = u.expected.map { "Call ID \($0)" } ?? "the call's ID"
            return Match(
                evidence: [f.call?.request?.packet, f.call?.reply?.packet, u.first].compactMap { $0 },
                message: "\(Wording.plural(u.packets, "GRE packet")) from the \(u.from.rawValue) (first at "
                    + "\(Wording.at(u.first))) carry Call ID \(u.callID), but this call expects \(expected) in that "
                    + "direction; none of the \(u.from.rawValue)'s GRE matches the call, so its PPP never arrives.",
                decisive: u.first)
        },
        Rule(
            id: "gre.no-return", stage: .gre, errorCodes: [806, 721], codeNotes: greCodeNotes,
            confidence: .high, title: "GRE goes out, nothing comes back",
            explanation: "The control connection and the call work, so TCP 1723 passes; but the tunnel's GRE packets "
                + "(IP protocol 47) from one side get no GRE back. GRE is blocked on the path or dropped by a NAT router "
                + "without PPTP pass-through, or the peer's firewall does not accept protocol 47.",
            fixes: Fixes(
                windows: [
                    "Try another network (GRE is often blocked on hotel, mobile and guest networks); "
                        + "on the client's router enable 'PPTP pass-through' / the PPTP ALG."
                ],
                linux: [
                    "Allow GRE in: `iptables -A INPUT -p gre -j ACCEPT`; with NAT load the helper: "
                        + "`modprobe nf_nat_pptp` and `nf_conntrack_pptp`."
                ],
                network: [
                    "Allow IP protocol 47 (not a port) both ways between client and server; on NAT "
                        + "devices enable PPTP pass-through so GRE is mapped to the right inside host."
                ]), isAbsence: true
        ) { f in
            // A server that closed the connection at once explains the silence (call-setup.server-ppp-exited).
            guard f.callConnected, f.serverClosedAfterCall == nil else { return nil }
            let fromClient = f.greFromClient
            let fromServer = f.greFromServer
            let (sender, silent, stats): (Side, Side, GREDirectionStats)
            if fromClient.packets > 0, fromServer.packets == 0 {
                (sender, silent, stats) = (.client, .server, fromClient)
            } else if fromServer.packets > 0, fromClient.packets == 0 {
                (sender, silent, stats) = (.server, .client, fromServer)
            } else {
                return nil
            }
            guard let first = stats.first, let last = stats.last else { return nil }
            // Some stacks give a repeated Configure-Request a new identifier: count requests, not repeats of one id.
            let requests = f.lcp.side(sender).requests.count
            let waited = f.silence(after: first)
            guard requests >= 3 || (stats.packets >= 2 && waited >= Thresholds.silence) else { return nil }
            let point = f.session.capturePoint
            var msg =
                "\(Wording.plural(stats.packets, "GRE packet")) from the \(sender.rawValue) "
                + "(\(Wording.packets([first, last]))) over \(Wording.seconds(last.time - first.time))"
            if requests > 1 {
                msg += ", its LCP Configure-Request sent \(requests) times"
            }
            msg += "; not one GRE packet from the \(silent.rawValue) in the \(Wording.seconds(waited)) after the first. "
            msg += "TCP 1723 between the same hosts works. " + Wording.capturePlace(point) + ": "
            switch (point, sender) {
            case (.client, .client), (.sameSegment, .client):
                msg +=
                    "the client's GRE left, and no GRE reached the client — blocked on the way out or back "
                    + "(NAT without PPTP pass-through, a firewall dropping protocol 47), or the server does not accept GRE."
            case (.server, .server), (.sameSegment, .server):
                msg +=
                    "the server answers over GRE and nothing comes back from the client: the client's GRE is dropped "
                    + "before it reaches the server, or the server's GRE never reaches the client."
            case (.server, .client):
                msg += "the client's GRE reaches the server, which never answers: its firewall drops GRE or pppd did not start."
            case (.client, .server):
                msg += "the server's GRE reaches the client, which never answers: the client's firewall drops GRE."
            default:
                msg += "at this point GRE passes in one direction only."
            }
            return Match(
                evidence: [f.call?.reply?.packet, first, last].compactMap { $0 }, message: msg,
                confidence: requests >= 4 ? .high : .medium, decisive: first)
        },
        Rule(
            id: "gre.none-at-all", stage: .gre, errorCodes: [806, 721], codeNotes: greCodeNotes,
            confidence: .medium, title: "No GRE at all after the call was set up",
            explanation: "The call was connected on TCP 1723 but no GRE packet was seen in either direction. Either GRE "
                + "is blocked right at the capture point, or the capture filter excluded it (a filter of `tcp port 1723` "
                + "hides all GRE: capture with `tcp port 1723 or proto 47`).",
            fixes: Fixes(
                windows: ["Capture again with the filter `tcp port 1723 or proto 47` (or none) to see GRE."],
                linux: ["Allow GRE in and out: `iptables -A INPUT -p gre -j ACCEPT`, `-A OUTPUT -p gre -j ACCEPT`."],
                network: ["Allow IP protocol 47 between the client and the server."]), isAbsence: true
        ) { f in
            guard f.callConnected, let reply = f.call?.reply, f.greFromClient.packets == 0, f.greFromServer.packets == 0,
                f.silence(after: reply.packet) >= Thresholds.silence || f.endedAt != nil
            else { return nil }
            let serverClear =
                (f.control(.callDisconnectNotify, from: .server) + f.control(.stopControlConnectionRequest, from: .server))
                .map(\.packet).min()
            if let clear = serverClear, clear.time - reply.packet.time < Thresholds.silence { return nil }
            // Signs that PPP ran: the capture filter hid GRE (the capture-gap rules say so), nothing failed.
            guard f.pppRanOutsideCapture == nil, f.serverClosedAfterCall == nil else { return nil }
            // A client that clears the call at once never started its own PPP: that is no GRE verdict either.
            let clientClear =
                (f.control(.callClearRequest, from: .client) + f.control(.stopControlConnectionRequest, from: .client))
                .map(\.packet).min()
            if let clear = clientClear, clear.time - reply.packet.time < Thresholds.silence { return nil }
            let end =
                f.endedAt.map { " until the session was closed at \(Wording.at($0))" }
                ?? " in the \(Wording.seconds(f.silence(after: reply.packet))) the capture ran after the call was connected"
            return Match(
                evidence: [reply.packet] + [f.endedAt].compactMap { $0 },
                message: "Call connected at \(Wording.at(reply.packet)), then no GRE packet either way\(end).")
        },
        Rule(
            id: "gre.one-way-delivery", stage: .gre, errorCodes: [806, 721, 718], codeNotes: greCodeNotes,
            confidence: .medium, title: "GRE arrives but one side never reacts to it",
            explanation: "Both sides send GRE and LCP, yet one side keeps re-sending its Configure-Request and never "
                + "answers the other's requests: the peer's packets reach the capture point but die after it — usually "
                + "on the capturing host itself (a host firewall without a GRE rule, or no PPTP conntrack helper), "
                + "since tcpdump sees packets before the firewall does.",
            fixes: Fixes(
                windows: ["Allow GRE (protocol 47) in Windows Defender Firewall / third-party firewalls."],
                linux: [
                    "`iptables -A INPUT -p gre -j ACCEPT` (or `nft add rule inet filter input ip protocol gre accept`); "
                        + "`modprobe nf_conntrack_pptp` when the host does NAT or conntrack."
                ],
                network: []), isAbsence: true
        ) { f in
            guard f.callConnected, f.greBothWays, !f.lcp.isOpen else { return nil }
            for deaf in [Side.client, .server] {
                let talker = deaf.other
                let deafAnswers = f.pppEvents.filter { $0.from == deaf && $0.proto == .lcp && (2...4).contains($0.code) }
                guard deafAnswers.isEmpty, f.lcp.side(talker).requests.count >= 3,
                    f.lcp.side(deaf).requests.count >= 3
                else { continue }
                let refs = [f.lcp.side(talker).requests.first?.packet, f.lcp.side(deaf).requests.last?.packet].compactMap { $0 }
                return Match(
                    evidence: refs,
                    message:
                        "The \(talker.rawValue) sent \(Wording.plural(f.lcp.side(talker).requests.count, "LCP Configure-Request")) "
                        + "that reached the capture point, yet the \(deaf.rawValue) never acknowledged, refused or "
                        + "rejected any of them while re-sending its own request "
                        + "\(f.lcp.side(deaf).requests.count) times. " + Wording.capturePlace(f.session.capturePoint)
                        + ": the \(talker.rawValue)'s GRE is dropped after the capture point, on the way into the \(deaf.rawValue)."
                )
            }
            return nil
        },
    ]
}
