import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let networkConfig: [Rule] = [
        Rule(
            id: "network-config.address-rejected", stage: .networkConfig, errorCodes: [735], confidence: .high,
            title: "The server rejected the client's requested IP address",
            explanation: "The client asked for a fixed IP address; the server kept refusing it (Nak with another "
                + "address or Reject) and IPCP never opened.",
            fixes: Fixes(
                windows: ["Networking → IPv4 properties of the VPN connection: 'Obtain an IP address automatically'."],
                linux: ["Allow the address in chap-secrets' IP column or `remoteip`, or let the client take one."])
        ) { f in
            guard !f.ipcp.client.opened else { return nil }
            let requested = f.ipcp.client.requests.compactMap(\.ipAddress).first { $0 != .v4(0) }
            guard let addr = requested else { return nil }
            let refusals = (f.ipcp.client.naks + f.ipcp.client.rejects).filter { $0.optionTypes.contains(OptionType.ipcpAddress) }
            guard refusals.count >= 2 || (refusals.count >= 1 && f.endedAt != nil) else { return nil }
            return Match(
                evidence: refusals.prefix(4).map(\.packet),
                message: "The client asked for \(addr); the server refused it \(Wording.plural(refusals.count, "time")) "
                    + "(\(Wording.packets(refusals.map(\.packet)))).")
        },
        Rule(
            id: "network-config.ipcp-rejected", stage: .networkConfig, errorCodes: [733, 738, 720],
            codeNotes: "733 (ERROR_PPP_CP_REJECTED) for a Protocol-Reject of IPCP; 738 when the server rejects the "
                + "IP-Address option and assigns none; 720 when no network protocol came up at all",
            confidence: .high,
            title: "The server refused IP configuration (IPCP)",
            explanation: "IPCP was Protocol-Rejected or terminated and no network protocol came up, so the tunnel "
                + "cannot carry IP.",
            fixes: Fixes(
                windows: ["Networking tab: enable 'Internet Protocol Version 4 (TCP/IPv4)' for the VPN connection."],
                linux: ["pppd must be built with IPCP and not run with `noip`; check `localip`/`remoteip` in pptpd.conf."])
        ) { f in
            guard !f.established, f.auth.failed == nil, f.encryptionRefused == nil else { return nil }
            if let pr = f.ipcp.client.protocolReject ?? f.ipcp.server.protocolReject {
                return Match(
                    evidence: [pr.packet], message: "The \(pr.from.rawValue) Protocol-Rejected IPCP at \(Wording.at(pr.packet)).",
                    errorCodes: [733, 720])
            }
            // The server rejecting the IP-Address option of a client that asked to be given one: no address at all.
            let rejects = f.ipcp.client.rejects.filter { $0.optionTypes.contains(OptionType.ipcpAddress) }
            guard f.ipcp.attempted, !f.ipcp.isOpen, let t = rejects.min(by: { $0.packet < $1.packet }),
                f.endedAt != nil || f.silence(after: t.packet) >= Thresholds.longSilence
            else { return nil }
            return Match(
                evidence: [t.packet],
                message: "IPCP \(t.codeName) from the \(t.from.rawValue) at \(Wording.at(t.packet)); IPCP never opened.",
                errorCodes: [738, 720])
        },
        Rule(
            id: "network-config.ipcp-terminated-by-server", stage: .networkConfig, errorCodes: [736, 720],
            codeNotes: "736 (ERROR_PPP_NCP_TERMINATED): the remote computer terminated the control protocol; 720 when "
                + "no other network protocol came up", confidence: .high,
            title: "The server shut IPv4 down (IPCP Terminate-Request)",
            explanation: "After authentication the server's PPP ended IPCP on its own while the link stayed up, so the "
                + "tunnel carries no IPv4. pppd does this when the address it was about to give is not one the user may "
                + "have (chap-secrets' IP column; its log: `Peer is not authorized to use remote address`); an RRAS "
                + "server when the user's network policy or static address conflicts with the pool. A client that also "
                + "negotiated IPv6 (IPV6CP) may stay connected IPv6-only, which looks like a tunnel that does not work.",
            fixes: Fixes(
                windows: [
                    "RRAS/NPS: the user's dial-in properties (static IP address) and the network policy's "
                        + "IP settings must agree with the server's address pool."
                ],
                linux: [
                    "The user's line in chap-secrets: the fourth column must allow the address pptpd's `remoteip` "
                        + "(or the `ip-up` script) assigns, or be `*`; the server's pppd log names the address."
                ])
        ) { f in
            guard let t = f.ipcp.server.terminates.first, f.auth.failed == nil, f.encryptionRefused == nil,
                f.ipcp.isOpen || f.ipv6cp.isOpen
            else { return nil }
            // Part of a hang-up, not a refusal: LCP ended (or the client cleared the call) before or with it.
            let lcpTerminates = (f.lcp.client.terminates + f.lcp.server.terminates).map(\.packet)
            guard !lcpTerminates.contains(where: { $0 < t.packet || $0.time - t.packet.time < Thresholds.silence }),
                f.callEnd(by: .client).map({ $0 > t.packet }) ?? true
            else { return nil }
            var message =
                "The server sent IPCP Terminate-Request at \(Wording.at(t.packet))"
                + (t.detail.isEmpty ? "" : " (\(t.detail))") + ": the tunnel has no IPv4"
            message += f.ipv6cp.isOpen ? "; IPV6CP stayed open, so the link stayed up IPv6-only." : "."
            return Match(evidence: [t.packet], message: message)
        },
        Rule(
            id: "network-config.no-agreement", stage: .networkConfig, errorCodes: [720, 736, 738, 732],
            codeNotes: "720 (no network protocol came up); 736 when the server terminated IPCP, 738 when it never "
                + "assigned an address", confidence: .medium,
            title: "IP configuration never completed",
            explanation: "IPCP started but never opened in both directions (a Nak loop, an exhausted address pool, or "
                + "requests left unanswered) before the link ended.",
            fixes: Fixes(linux: [
                "Check the address pool (`remoteip` in pptpd.conf) is not exhausted and pppd's `ms-dns` options."
            ])
        ) { f in
            // IPCP that starts before an authentication that never happened is cut short by it, not failed itself.
            guard f.ipcp.attempted, !f.ipcp.isOpen, !f.ipv6cp.isOpen, !f.dataBothWays, f.auth.failed == nil,
                f.encryptionRefused == nil, f.auth.succeeded != nil || f.auth.protocolName == nil
            else { return nil }
            guard f.ipcp.client.protocolReject == nil, f.ipcp.server.protocolReject == nil else { return nil }
            let last = (f.ipcp.client.requests + f.ipcp.server.requests).max { $0.packet < $1.packet }
            guard let l = last, f.endedAt.map({ $0 > l.packet }) == true || f.silence(after: l.packet) >= Thresholds.longSilence
            else { return nil }
            let naks = f.ipcp.client.naks.count + f.ipcp.server.naks.count
            // The server ending IPCP itself is what Windows names: the remote computer terminated the control protocol.
            let serverTerminate = f.ipcp.server.terminates.first
            return Match(
                evidence: [f.ipcp.client.requests.first?.packet, l.packet, serverTerminate?.packet].compactMap { $0 },
                message: "IPCP requests from \(Wording.at(f.ipcp.client.requests.first?.packet ?? l.packet)) to "
                    + "\(Wording.at(l.packet)), \(Wording.plural(naks, "Nak")), no agreement in both directions"
                    + (serverTerminate.map { "; the server sent IPCP Terminate-Request at \(Wording.at($0.packet))" } ?? "")
                    + ".",
                errorCodes: serverTerminate == nil ? nil : [736, 738, 720])
        },
    ]
}
