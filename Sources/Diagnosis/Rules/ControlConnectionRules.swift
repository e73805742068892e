import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let controlConnection: [Rule] = [
        Rule(
            id: "control-connection.sccrp-error", stage: .controlConnection, errorCodes: [800, 619, 628],
            codeNotes: "800 (the attempted VPN tunnels failed), shown by every version from Windows XP; 619 (the port was "
                + "closed) and 628 (terminated by the remote computer) also name a refused control connection",
            confidence: .high, title: "The server refused the control connection",
            explanation: "The server's Start-Control-Connection-Reply carries a result other than 1 (success): it "
                + "will not open a PPTP control connection with this client.",
            fixes: Fixes(
                windows: [
                    "Result 4 (not authorized): the server only accepts some client addresses; result 5: "
                        + "protocol version mismatch; result 3: a stale connection from this address exists."
                ],
                linux: [
                    "Check pptpd's `remoteip`/`localip` and connection limits (`connections` in pptpd.conf); "
                        + "look for 'SCCRP' in the pptpd log."
                ],
                network: [])
        ) { f in
            guard let reply = f.sccrp, let r = reply.resultCode, r != 1 else { return nil }
            var msg = "SCCRP at \(Wording.at(reply.packet)) has result \(r) (\(PPTPCodes.controlResult(r)))"
            if let e = reply.errorCode, e != 0 { msg += ", error \(e) (\(PPTPCodes.generalError(e)))" }
            return Match(
                evidence: [f.control(.startControlConnectionRequest).first?.packet, reply.packet].compactMap { $0 },
                message: msg + ".")
        },
        Rule(
            id: "control-connection.closed-before-reply", stage: .controlConnection, errorCodes: [628, 800],
            confidence: .high, title: "The server closed the control connection before answering",
            explanation: "The TCP connection to port 1723 was closed or reset by the server before its "
                + "Start-Control-Connection-Reply: the server (or something in front of it that speaks TCP) dropped the client.",
            fixes: Fixes(
                linux: ["Check the pptpd log for why it closed the connection (connection limit, bad request)."],
                network: ["A proxy or IPS that inspects TCP 1723 may reset it: check devices in front of the server."])
        ) { f in
            // A capture that starts after the SCCRP cannot show it: no start, no judgement of the start.
            guard f.sccrp == nil, f.tcpConnected, f.setupSeen else { return nil }
            let closes =
                (f.tcp(.rst, from: .server) + f.tcp(.fin, from: .server)).map(\.packet)
                + f.control(.stopControlConnectionRequest, from: .server).map(\.packet)
            guard let close = closes.min() else { return nil }
            let request = f.control(.startControlConnectionRequest).first
            let what =
                request == nil
                ? "before the client sent its Start-Control-Connection-Request"
                : "after the client's SCCRQ at \(Wording.at(request?.packet ?? close)) and before any SCCRP"
            return Match(
                evidence: [request?.packet, close].compactMap { $0 },
                message: "The server closed the control connection at \(Wording.at(close)), \(what).")
        },
        Rule(
            id: "control-connection.no-reply", stage: .controlConnection, errorCodes: [800, 619, 638],
            confidence: .medium, title: "The server never answered the Start-Control-Connection-Request",
            explanation: "The TCP connection was up and the client sent SCCRQ, but no SCCRP came back.",
            fixes: Fixes(
                linux: ["Check that the process on port 1723 is pptpd and that it is not overloaded."],
                network: [
                    "Something that accepts TCP 1723 but is not a PPTP server (port forward to the wrong host) "
                        + "would behave like this."
                ]), isAbsence: true
        ) { f in
            guard f.sccrp == nil, let request = f.control(.startControlConnectionRequest).first,
                f.tcp(.rst, from: .server).isEmpty, f.tcp(.fin, from: .server).isEmpty,
                f.silence(after: request.packet) >= Thresholds.longSilence
            else { return nil }
            return Match(
                evidence: [request.packet],
                message: "SCCRQ at \(Wording.at(request.packet)) got no reply in the "
                    + "\(Wording.seconds(f.silence(after: request.packet))) the capture ran after it.")
        },
    ]
}
