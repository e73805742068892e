import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let lcp: [Rule] = [
        Rule(
            id: "lcp.terminated", stage: .lcp, errorCodes: [734], confidence: .high,
            title: "LCP was terminated during setup",
            explanation: "One side sent an LCP Terminate-Request before the link was up and authenticated: it gave up on "
                + "the options offered (most often the authentication protocol, MRU or callback).",
            fixes: Fixes(
                windows: ["Connection properties → Security: allow the protocols the server uses (MS-CHAP v2)."],
                linux: ["Compare the `require-*`/`refuse-*` options in /etc/ppp/pptpd-options with what the client offers."])
        ) { f in
            let terminates = (f.lcp.client.terminates + f.lcp.server.terminates).sorted { $0.packet < $1.packet }
            // "Before the link was up" needs the negotiation in view: a link already up when the capture
            // started ends with a Terminate too, in the normal way.
            guard let t = terminates.first, f.lcpNegotiationSeen else { return nil }
            // Failed or unanswered authentication, CCP and IPCP explain their own terminates.
            guard f.auth.failed == nil, f.auth.lastAttempt == nil || f.auth.succeeded != nil,
                f.auth.succeeded.map({ t.packet < $0.packet }) ?? true,
                !f.ccp.attempted, !f.ipcp.attempted,
                (f.lcp.server.naks + f.lcp.server.rejects).filter({ $0.optionTypes.contains(OptionType.lcpAuthProtocol) }).count
                    < 3,
                // A Nak/Reject loop explains the terminate that ends it (lcp.no-agreement).
                f.lcp.client.naks.count + f.lcp.client.rejects.count + f.lcp.server.naks.count
                    + f.lcp.server.rejects.count < 6
            else { return nil }
            return Match(
                evidence: [f.lcp.client.requests.first?.packet, t.packet].compactMap { $0 },
                message: "The \(t.from.rawValue) sent LCP Terminate-Request at \(Wording.at(t.packet))"
                    + (t.detail.isEmpty ? "" : " (\(t.detail))") + " before the link was up.")
        },
        Rule(
            id: "lcp.auth-protocol-refused", stage: .lcp, errorCodes: [919, 734, 812],
            codeNotes: "919 (the server's authentication protocol could not be matched with the connection's settings); "
                + "734 when LCP is terminated over it; 812 only for a policy refusal after the method was agreed",
            confidence: .high, title: "Client and server do not agree on an authentication protocol",
            explanation: "The server asks for an authentication protocol the client refuses (Configure-Nak or Reject "
                + "of the Authentication-Protocol option), over and over.",
            fixes: Fixes(
                windows: ["Security tab: tick 'Microsoft CHAP Version 2 (MS-CHAP v2)' (and only protocols the server allows)."],
                linux: [
                    "pptpd-options: `require-mschap-v2` and `refuse-pap`, `refuse-chap`, `refuse-mschap`; "
                        + "make sure the client allows MS-CHAPv2."
                ])
        ) { f in
            let refusals = (f.lcp.server.naks + f.lcp.server.rejects).filter {
                $0.optionTypes.contains(OptionType.lcpAuthProtocol)
            }
            // pppd drops the auth option from its request after the Nak, lets LCP open, then ends the link:
            // "peer refused to authenticate: terminating link". One refusal then a Terminate says it as well as three.
            if let refusal = refusals.first, f.auth.events.isEmpty,
                let term = f.lcp.server.terminates.first(where: { $0.packet > refusal.packet })
            {
                let asked =
                    f.lcp.server.requests.first(where: { $0.authProtocol != nil }).flatMap { e in
                        e.authProtocol.map { OptionText.authProtocolName($0, algorithm: e.authAlgorithm) }
                    } ?? "?"
                let offered =
                    refusal.authProtocol.map {
                        " and offered \(OptionText.authProtocolName($0, algorithm: refusal.authAlgorithm))"
                    } ?? ""
                return Match(
                    evidence: [refusal.packet, term.packet],
                    message: "The server asked for \(asked); the client refused it at \(Wording.at(refusal.packet))"
                        + "\(offered); the server ended the link at \(Wording.at(term.packet))"
                        + (term.detail.isEmpty ? "" : " (\(term.detail))") + " before any authentication.",
                    errorCodes: [919, 734], decisive: term.packet)
            }
            guard !f.lcp.isOpen, refusals.count >= 3 else { return nil }
            let asked =
                f.lcp.server.requests.last.flatMap { e in
                    e.authProtocol.map { OptionText.authProtocolName($0, algorithm: e.authAlgorithm) }
                } ?? "?"
            return Match(
                evidence: refusals.prefix(6).map(\.packet),
                message: "The server asked for \(asked); the client answered with "
                    + "\(Wording.plural(refusals.count, "Configure-Nak/Reject")) of the authentication option "
                    + "(\(Wording.packets(refusals.map(\.packet)))) and LCP never opened.")
        },
        Rule(
            id: "lcp.no-agreement", stage: .lcp, errorCodes: [732, 734], confidence: .medium,
            title: "LCP options never agreed",
            explanation: "The two PPP ends keep refusing each other's LCP options (Configure-Nak/Reject loop) and the "
                + "link never opens.",
            fixes: Fixes(linux: ["Check mru/mtu, `nopcomp`/`noaccomp`, callback and multilink options on both ends."])
        ) { f in
            guard !f.lcp.isOpen else { return nil }
            let refusals = f.lcp.client.naks + f.lcp.client.rejects + f.lcp.server.naks + f.lcp.server.rejects
            guard refusals.count >= 6, !refusals.contains(where: { $0.optionTypes.contains(OptionType.lcpAuthProtocol) }) else {
                return nil
            }
            return Match(
                evidence: refusals.prefix(6).map(\.packet),
                message: "\(Wording.plural(refusals.count, "LCP Configure-Nak/Reject")) "
                    + "(\(Wording.packets(refusals.map(\.packet).sorted()))); LCP never opened in both directions"
                    + (f.teardownStart.map { ", and the link was closed at \(Wording.at($0))" } ?? "") + ".")
        },
        Rule(
            id: "lcp.requests-unanswered", stage: .lcp, errorCodes: [721, 718],
            codeNotes: "721: the remote access server did not respond (734 would need a Terminate)", confidence: .medium,
            title: "LCP requests go unanswered though GRE flows",
            explanation: "GRE passes both ways, but one side's LCP Configure-Requests are never answered and the other "
                + "side sends no LCP of its own: the PPP process behind the tunnel is not running or not reading.",
            fixes: Fixes(linux: ["Check that pppd started for the call (pptpd log, `ps ax | grep pppd`)."]), isAbsence: true
        ) { f in
            guard f.callConnected, f.greBothWays, !f.lcp.isOpen else { return nil }
            for asker in [Side.client, .server] {
                let own = f.lcp.side(asker)
                guard own.requests.count >= 3, !own.answered, f.lcp.side(asker.other).requests.isEmpty,
                    let last = own.lastRequest
                else { continue }
                return Match(
                    evidence: own.requests.prefix(4).map(\.packet),
                    message: "The \(asker.rawValue) sent \(Wording.plural(own.requests.count, "LCP Configure-Request")) "
                        + "up to \(Wording.at(last.packet)); the \(asker.other.rawValue) sends GRE but no LCP at all.")
            }
            return nil
        },
        Rule(
            id: "lcp.peer-silent-on-link", stage: .lcp, errorCodes: [721], confidence: .medium,
            title: "The PPP peer never answered LCP",
            explanation: "On this PPP link one side kept sending LCP Configure-Requests and nothing at all came back. "
                + "The capture holds the PPP layer only, so it cannot say where the frames died: on a PPTP link, GRE "
                + "not passing or the PPTP program on this host gone (pptp-linux's `Closing connection`), which a "
                + "capture of the network interface would show.",
            fixes: Fixes(
                windows: [
                    "Capture the network interface too (`tcp port 1723 or ip proto 47`) to see whether the "
                        + "tunnel carries the frames."
                ],
                linux: [
                    "pppd `LCP: timeout sending Config-Requests`: read pptp's `log[…]` lines of the same "
                        + "moment; capture the network interface too."
                ])
        ) { f in
            guard f.isPPPLinkOnly, !f.lcp.isOpen else { return nil }
            for asker in [Side.client, .server] {
                let own = f.lcp.side(asker)
                guard own.requests.count >= 3, !f.pppEvents.contains(where: { $0.from == asker.other }),
                    let last = own.lastRequest, let first = own.requests.first
                else { continue }
                return Match(
                    evidence: [first.packet, last.packet],
                    message: "The \(asker.rawValue) sent \(Wording.plural(own.requests.count, "LCP Configure-Request")) "
                        + "from \(Wording.at(first.packet)) to \(Wording.at(last.packet)); not one PPP frame came back.",
                    decisive: first.packet)
            }
            return nil
        },
        Rule(
            id: "lcp.retransmitted-then-agreed", stage: .lcp, severity: .info, confidence: .high,
            title: "LCP requests were repeated before being acknowledged",
            explanation: "A Configure-Request was sent again after a timeout and later acknowledged. This is normal: "
                + "the server often waits for the client before it answers."
        ) { f in
            guard f.lcp.isOpen else { return nil }
            let n = f.lcp.client.retransmissions + f.lcp.server.retransmissions
            guard n > 0 else { return nil }
            let repeated = (f.lcp.client.requests + f.lcp.server.requests).sorted { $0.packet < $1.packet }
            return Match(
                evidence: repeated.prefix(4).map(\.packet),
                message: "\(Wording.plural(n, "LCP Configure-Request retransmission")); LCP opened at "
                    + "\(f.lcp.openedAt.map(Wording.at) ?? "?").")
        },
    ]
}
