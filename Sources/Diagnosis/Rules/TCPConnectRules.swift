import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let tcpConnectCodeNotes =
        "800 (the attempted VPN tunnels failed) on every version from Windows XP; 678 (the "
        + "remote computer did not respond) also exists in every version"

    static let tcpConnect: [Rule] = [
        Rule(
            id: "tcp-connect.no-answer", stage: .tcpConnect, errorCodes: [800, 678, 807],
            codeNotes: tcpConnectCodeNotes,
            confidence: .high, title: "Nothing answers on TCP port 1723",
            explanation: "The client's SYNs to port 1723 got no SYN-ACK, reset or ICMP error. The server is down, "
                + "the address is wrong, or a firewall on the path silently drops TCP 1723.",
            fixes: Fixes(
                windows: [
                    "Check the VPN server name/address in the connection settings; try `Test-NetConnection SERVER -Port 1723`."
                ],
                linux: [
                    "Check that pptpd runs and listens: `ss -ltnp 'sport = :1723'`; allow it: `iptables -A INPUT -p tcp --dport 1723 -j ACCEPT`."
                ],
                network: ["Allow TCP 1723 from the client to the server on every firewall on the path."]), isAbsence: true
        ) { f in
            let s = f.session
            guard s.controlChannelSeen, s.sawSYN, !s.sawSYNAck, s.control.isEmpty, f.tcp(.rst, from: .server).isEmpty,
                !s.icmp.contains(where: { $0.quotedProtocol == .tcp && !$0.isFragmentationNeeded })
            else { return nil }
            let syns = (f.tcp(.syn) + f.tcp(.synRetransmission)).sorted { $0.packet < $1.packet }
            guard let first = syns.first else { return nil }
            let waited = f.silence(after: first.packet)
            guard syns.count >= 2 || waited >= Thresholds.silence else { return nil }
            return Match(
                evidence: syns.prefix(10).map(\.packet),
                message: "\(Wording.plural(syns.count, "SYN")) from \(s.client) to \(s.server) over "
                    + "\(Wording.seconds((syns.last?.packet.time ?? first.packet.time) - first.packet.time)); "
                    + "no SYN-ACK, reset or ICMP error came back in the \(Wording.seconds(waited)) the capture ran after the first.",
                confidence: syns.count >= 3 ? .high : .medium, decisive: first.packet)
        },
        Rule(
            id: "tcp-connect.syn-ack-lost", stage: .tcpConnect, errorCodes: [800, 678, 807],
            codeNotes: tcpConnectCodeNotes,
            confidence: .high, title: "The server answers on TCP 1723, but its answer never reaches the client",
            explanation: "The server accepted the connection with a SYN-ACK, and the client never acknowledged it but "
                + "sent its SYN again: the SYN-ACK did not get back to the client. The way back differs from the way "
                + "in (asymmetric routing: the server's route to the client is not the router the SYN came through, "
                + "a second uplink, policy routing), or a firewall or NAT on the way back drops it (a stateful "
                + "firewall that did not see the SYN go through drops the SYN-ACK as belonging to no connection). "
                + "The client sees only silence, as if the server were down.",
            fixes: Fixes(
                windows: ["Nothing to change on the client: it never gets the server's answer."],
                linux: [
                    "Check the server's way back: `ip route get CLIENT_ADDRESS` must leave through the interface the "
                        + "SYN came in on; with two uplinks, route replies out of the one they came in on (`ip rule add "
                        + "from SERVER_ADDRESS table UPLINK`)."
                ],
                network: [
                    "Make the way back go through the same stateful firewall or NAT as the way in, and let TCP from "
                        + "port 1723 back to the clients."
                ]), isAbsence: true
        ) { f in
            let s = f.session
            guard s.controlChannelSeen, s.sawSYN, s.sawSYNAck, !s.sawClientAckOfSYN, s.control.isEmpty,
                f.tcp(.rst, from: .client).isEmpty, let synAck = f.tcp(.synAck, from: .server).first
            else { return nil }
            let again = f.tcp(.synRetransmission).filter { $0.packet > synAck.packet }
            let waited = f.silence(after: synAck.packet)
            guard !again.isEmpty || waited >= Thresholds.silence else { return nil }
            let evidence = (f.tcp(.syn).prefix(1) + [synAck] + again.prefix(8)).map(\.packet)
            let retried =
                again.isEmpty
                ? "no ACK came back in the \(Wording.seconds(waited)) the capture ran after it"
                : "no ACK came back, and the client sent its SYN \(Wording.plural(again.count, "more time")) after it "
                    + "(last at \(Wording.at(again[again.count - 1].packet)))"
            let message: String
            if s.capturePoint == .client {
                message =
                    "The server's SYN-ACK reached the client's capture point at \(Wording.at(synAck.packet)), yet "
                    + "\(retried): something on the client host (its firewall, a filter driver) drops it before TCP "
                    + "sees it."
            } else {
                message =
                    "\(s.server) answered the client's SYN with a SYN-ACK at \(Wording.at(synAck.packet)), but "
                    + "\(retried): the SYN-ACK does not get back to the client."
            }
            return Match(
                evidence: evidence, message: message, confidence: again.isEmpty ? .medium : .high,
                decisive: synAck.packet)
        },
        Rule(
            id: "tcp-connect.refused", stage: .tcpConnect, errorCodes: [800, 678],
            codeNotes: tcpConnectCodeNotes,
            confidence: .high, title: "The server refuses TCP port 1723",
            explanation: "The server (or a firewall in front of it) answered the SYN with a reset: nothing listens on "
                + "port 1723, or a firewall rejects it.",
            fixes: Fixes(
                windows: ["Make sure the address points at the VPN server, not at another host."],
                linux: ["Start pptpd (`systemctl status pptpd`) and check it listens on port 1723."],
                network: ["Check port forwarding of TCP 1723 to the VPN server on the server's router."])
        ) { f in
            let s = f.session
            guard s.sawSYN, !s.sawSYNAck, s.control.isEmpty, let rst = f.tcp(.rst, from: .server).first else { return nil }
            return Match(
                evidence: (f.tcp(.syn).prefix(3).map(\.packet) + [rst.packet]),
                message: "\(s.server) answered the client's SYN with a TCP reset at \(Wording.at(rst.packet)).")
        },
        Rule(
            id: "tcp-connect.icmp-unreachable", stage: .tcpConnect, errorCodes: [800, 678],
            codeNotes: tcpConnectCodeNotes,
            confidence: .high, title: "An ICMP error rejects the connection to port 1723",
            explanation: "A router or the server sent ICMP destination-unreachable for the SYN to port 1723: the "
                + "route is missing or a firewall rejects the traffic.",
            fixes: Fixes(network: ["Follow the ICMP's reporter address: that device rejects or cannot route TCP 1723."])
        ) { f in
            let s = f.session
            guard s.control.isEmpty, !s.sawSYNAck,
                let e = s.icmp.first(where: { $0.quotedProtocol == .tcp && !$0.isFragmentationNeeded && $0.type != 11 })
            else { return nil }
            return Match(
                evidence: f.tcp(.syn).prefix(2).map(\.packet) + [e.packet],
                message: "\(e.summary) at \(Wording.at(e.packet)).")
        },
    ]
}
