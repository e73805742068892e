import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let callSetup: [Rule] = [
        Rule(
            id: "call-setup.ocrp-error", stage: .callSetup, errorCodes: [619, 628],
            codeNotes: "619 (the port was closed) or 628 (terminated by the remote computer before it could be completed)",
            confidence: .high, title: "The server refused the call",
            explanation: "The Outgoing-Call-Reply carries a result other than 1 (connected): the server accepted the "
                + "control connection but not the call (4 busy: no free session/IP address; 7 do not accept: policy; "
                + "2 general error: see the error code).",
            fixes: Fixes(
                windows: ["Retry later if the server is busy; ask the administrator about session limits."],
                linux: ["pptpd: raise `connections`/widen `remoteip` so a session and address are free; check the log."],
                network: [])
        ) { f in
            let replies = f.control(.outgoingCallReply) + f.control(.incomingCallReply)
            guard let reply = replies.last, let r = reply.resultCode, r != 1 else { return nil }
            let incoming = reply.type == .incomingCallReply
            var msg =
                "\(reply.type.abbreviation) at \(Wording.at(reply.packet)) has result \(r) "
                + "(\(incoming ? PPTPCodes.incomingResult(r) : PPTPCodes.outgoingResult(r)))"
            if let e = reply.errorCode, e != 0 { msg += ", error \(e) (\(PPTPCodes.generalError(e)))" }
            if let c = reply.causeCode, c != 0 { msg += ", cause \(c)" }
            return Match(evidence: [f.call?.request?.packet, reply.packet].compactMap { $0 }, message: msg + ".")
        },
        Rule(
            id: "call-setup.closed-before-reply", stage: .callSetup, errorCodes: [628, 619],
            confidence: .high, title: "The server ended the control connection during call setup",
            explanation: "After a successful SCCRP the server stopped the control connection, reset it or cleared the "
                + "call before the call was connected.",
            fixes: Fixes(linux: ["Check the pptpd/pppd log at that time: pppd may have failed to start (plugin, options file)."])
        ) { f in
            guard f.controlConnected, !f.callConnected else { return nil }
            let closes =
                (f.tcp(.rst, from: .server) + f.tcp(.fin, from: .server)).map(\.packet)
                + f.control(.stopControlConnectionRequest, from: .server).map(\.packet)
                + f.control(.callDisconnectNotify, from: .server).map(\.packet)
            guard let close = closes.min() else { return nil }
            return Match(
                evidence: [f.sccrp?.packet, f.call?.request?.packet, close].compactMap { $0 },
                message: "The server closed the control connection / call at \(Wording.at(close)) before any "
                    + "successful Outgoing-Call-Reply.")
        },
        Rule(
            id: "call-setup.server-ppp-exited", stage: .callSetup, errorCodes: [619, 628],
            codeNotes: "619 (the port was disconnected) is what Windows shows when the server drops the call this way",
            confidence: .high, title: "The server closed the connection right after the call, before any PPP of its own",
            explanation: "The server accepted the call, then closed the control connection within seconds (a TCP FIN or "
                + "reset, with no Call-Disconnect-Notify) without sending one GRE packet, while the client's PPP waited "
                + "for an answer. pptpd does this when its side of the tunnel breaks at once: most often the pppd it "
                + "started for the call exited (a bad option, no secret for the required authentication, a missing "
                + "plugin), less often its GRE socket got an ICMP error back (a NAT router without the PPTP helper: "
                + "`GRE: read(fd=…) from network failed: … Protocol not available`). For a pppd that exited its log "
                + "says `GRE: read(fd=…) from PTY failed: status = -1 error = Input/output error, usually caused by "
                + "unexpected termination of pppd, check option syntax and pppd logs`, then `CTRL: PTY read or GRE "
                + "write failed` and `CTRL: Client … control connection finished` (pptpd 1.4 with the lab's real pppd).",
            fixes: Fixes(
                windows: [
                    "Nothing to change on the client: the server ended the call. Give the server's "
                        + "administrator the time of the call."
                ],
                linux: [
                    "Read the server's pppd log for that call (add `debug` and `logfile /var/log/pptpd-ppp.log` "
                        + "to the options file pptpd names, usually /etc/ppp/pptpd-options): an unknown or "
                        + "misspelt option, a missing plugin (radius.so), `require-mppe-128` on a kernel without "
                        + "ppp_mppe, or an options file pppd cannot read all make pppd exit before LCP.",
                    "pptpd's own log (syslog, `debug` in pptpd.conf) shows which: `GRE: read(fd=…) from PTY failed … "
                        + "unexpected termination of pppd` (pppd exited; its own stderr says why, e.g. `The remote "
                        + "system is required to authenticate itself but I couldn't find any suitable secret`) or "
                        + "`GRE: read(fd=…) from network failed` (GRE comes back as an ICMP error: load "
                        + "nf_conntrack_pptp/nf_nat_pptp on the NAT router in between).",
                ],
                network: [])
        ) { f in
            guard let (close, how) = f.serverClosedAfterCall, let reply = f.call?.reply else { return nil }
            let lcp = f.lcp.client.requests
            let waiting =
                lcp.isEmpty
                ? "before the client's PPP sent anything"
                : "while the client's \(Wording.plural(lcp.count, "LCP Configure-Request")) (first at "
                    + "\(Wording.at(lcp[0].packet))) went unanswered"
            return Match(
                evidence: [reply.packet] + lcp.prefix(2).map(\.packet) + [close],
                message: "The call was connected at \(Wording.at(reply.packet)); "
                    + "\(Wording.seconds(close.time - reply.packet.time)) later the server sent \(how) at "
                    + "\(Wording.at(close)), with no Call-Disconnect-Notify and no GRE of its own, \(waiting).",
                decisive: close)
        },
        Rule(
            id: "call-setup.no-reply", stage: .callSetup, errorCodes: [619, 638],
            confidence: .medium, title: "The server never answered the Outgoing-Call-Request",
            explanation: "The control connection is up and the client asked for a call, but no Outgoing-Call-Reply came.",
            fixes: Fixes(linux: ["pptpd could not start pppd for the call: check the log and the ppp options file."]),
            isAbsence: true
        ) { f in
            guard f.controlConnected, let request = f.call?.request, f.call?.reply == nil,
                f.silence(after: request.packet) >= Thresholds.longSilence,
                f.tcp(.rst, from: .server).isEmpty, f.tcp(.fin, from: .server).isEmpty
            else { return nil }
            return Match(
                evidence: [request.packet],
                message: "\(request.type.abbreviation) at \(Wording.at(request.packet)) got no reply in "
                    + "\(Wording.seconds(f.silence(after: request.packet))).")
        },
        Rule(
            id: "call-setup.disconnected-during-setup", stage: .callSetup, errorCodes: [628, 619],
            confidence: .high, title: "The server dropped the call before the PPP link came up",
            explanation: "The call was connected, then the server sent Call-Disconnect-Notify, Stop-Control-Connection-"
                + "Request or a reset before LCP opened in both directions, without the client asking for it.",
            fixes: Fixes(linux: [
                "Check the pppd log of that call: pppd exiting early (bad options, plugin) makes pptpd clear the call."
            ])
        ) { f in
            guard f.callConnected, !f.lcp.isOpen, let reply = f.call?.reply else { return nil }
            let clientClear =
                (f.control(.callClearRequest, from: .client) + f.control(.stopControlConnectionRequest, from: .client))
                .map(\.packet).min()
            // A bare FIN or reset is call-setup.server-ppp-exited's.
            let serverEnd =
                (f.control(.callDisconnectNotify, from: .server) + f.control(.stopControlConnectionRequest, from: .server))
                .map(\.packet)
            guard let end = serverEnd.min(), clientClear.map({ $0 > end }) ?? true else { return nil }
            // With GRE one way only, the clear is the server giving up on a blocked tunnel (the GRE rules);
            // with no GRE at all, only a clear that comes at once is the call's own failure.
            let noGRE = f.greFromClient.packets == 0 && f.greFromServer.packets == 0
            guard f.greBothWays || (noGRE && end.time - reply.packet.time < Thresholds.silence) else { return nil }
            let terminates = f.lcp.client.terminates + f.lcp.server.terminates
            guard terminates.isEmpty else { return nil }
            return Match(
                evidence: [f.call?.reply?.packet, end].compactMap { $0 },
                message: "The server ended the call at \(Wording.at(end)) while LCP was still negotiating.")
        },
    ]
}
