import PPTPDissect
import PPTPSessions

/// Why a session is `incomplete`: what the capture is missing, why that matters for the diagnosis, and how to
/// capture again. They run only for sessions no failure explains and that did not visibly succeed; the first
/// that matches is the session's capture gap, and the last matches every session, so an incomplete verdict
/// always says what to do next. The match's message says what is missing, the rule's explanation why it
/// matters, its fixes how to capture again.
extension RuleCatalog {
    static let captureFilter = "`tcp port 1723 or ip proto 47`"

    /// How to take a capture that shows a whole session, per place.
    static let captureWholeSession = Fixes(
        windows: [
            "On the client: Wireshark or dumpcap with the capture filter \(captureFilter) (or none), started "
                + "before connecting and stopped after Windows shows its error; without Wireshark, "
                + "`pktmon start --capture --pkt-size 0`, connect, `pktmon stop`, then "
                + "`pktmon etl2pcap PktMon.etl --out pptp.pcapng`."
        ],
        linux: [
            "On the server: `tcpdump -i <interface> -s 0 -w pptp.pcap 'tcp port 1723 or ip proto 47'`, started "
                + "before the client connects; keep pppd's `debug` log of the same minutes beside it."
        ],
        network: ["On a router or mirror port between them: the same filter, and both directions of the traffic."])

    public static let captureGaps: [Rule] = [
        Rule(
            id: "gap.gre-filtered", stage: .gre, severity: .info, confidence: .high,
            title: "The capture filter hid the tunnel",
            explanation: "Everything after the call setup — LCP, authentication, MPPE, IPCP and the data — travels in "
                + "GRE (IP protocol 47), not on TCP 1723. A capture filter such as `tcp port 1723` keeps only the "
                + "control channel, so whether the tunnel worked, and which stage failed if it did not, is not in this "
                + "file. Nothing in the control channel shows a failure.",
            fixes: captureWholeSession
        ) { f in
            guard let signs = f.pppRanOutsideCapture, let first = signs.first else { return nil }
            let serverLinks = (f.call?.setLinkInfo ?? []).filter { $0.from == .server }
            let why: String
            if !serverLinks.isEmpty {
                why =
                    "the server sent \(Wording.plural(serverLinks.count, "Set-Link-Info")) (packets \(Wording.packets(serverLinks.map(\.packet)))), "
                    + "which a PPTP server sends only once PPP's LCP has negotiated inside the tunnel"
            } else if (f.call?.setLinkInfo.count ?? 0) >= 2 {
                why =
                    "the client sent Set-Link-Info again at \(Wording.at(first)), with the ACCMs LCP negotiated inside the tunnel"
            } else {
                let lasted = f.call?.reply.map { Wording.seconds(first.time - $0.packet.time) } ?? "long"
                why =
                    "the call lasted \(lasted) before the client cleared it in order at \(Wording.at(first)); a client "
                    + "whose tunnel stays silent gives up after about 30 s"
            }
            return Match(
                evidence: signs, message: "Not one GRE packet of this call is in the capture, yet PPP ran: \(why).",
                decisive: first)
        },
        Rule(
            id: "gap.client-ppp-never-started", stage: .gre, severity: .info, confidence: .medium,
            title: "The client cleared the call before its PPP sent anything",
            explanation: "A client whose tunnel is blocked keeps sending LCP Configure-Requests for about 30 s before it "
                + "gives up. One that clears the call at once, with no GRE at all, never started its own PPP: on "
                + "Windows the WAN Miniport (PPTP) or the Remote Access Connection Manager failed, or the user cancelled; "
                + "with pptp-linux the local pppd exited. Unless a capture filter hid the client's GRE, the cause is on "
                + "the client, and its log says which.",
            fixes: Fixes(
                windows: [
                    "Event Viewer → Applications and Services Logs → Microsoft → Windows → RasClient (events "
                        + "20220–20227 carry the error code); Device Manager → Network adapters: remove and "
                        + "re-detect the WAN Miniport (PPTP); capture again with \(captureFilter)."
                ],
                linux: [
                    "pptp-linux client: add `debug` and read the local pppd's log; capture again with "
                        + "\(captureFilter)."
                ],
                network: [])
        ) { f in
            guard f.callConnected, let reply = f.call?.reply, f.greFromClient.packets == 0, f.greFromServer.packets == 0,
                let clear =
                    (f.control(.callClearRequest, from: .client) + f.control(.stopControlConnectionRequest, from: .client))
                    .map(\.packet).min(),
                clear.time - reply.packet.time < Thresholds.silence
            else { return nil }
            return Match(
                evidence: [reply.packet, clear],
                message: "The call was connected at \(Wording.at(reply.packet)) and the client cleared it "
                    + "\(Wording.seconds(clear.time - reply.packet.time)) later, at \(Wording.at(clear)), without "
                    + "sending a single GRE packet.",
                decisive: clear)
        },
        Rule(
            id: "gap.control-channel-missing", stage: .controlConnection, severity: .info, confidence: .high,
            title: "Only the tunnel is in the capture",
            explanation: "The control connection (TCP 1723) carries the call setup, the servers' result codes and the "
                + "reasons for every teardown. Without it only the PPP inside the tunnel can be judged: the capture "
                + "started after the session was set up, or its filter kept GRE and left TCP out.",
            fixes: captureWholeSession
        ) { f in
            guard !f.session.controlChannelSeen, !f.isPPPLinkOnly else { return nil }
            return Match(
                evidence: [f.session.first],
                message: "No TCP 1723 control connection for this tunnel; its first GRE packet is "
                    + "\(Wording.at(f.session.first)).")
        },
        Rule(
            id: "gap.start-and-end-missing", stage: .controlConnection, severity: .info, confidence: .high,
            title: "The capture shows the middle of the session only",
            explanation: "The session was set up before the capture started and was still running when it stopped: it "
                + "neither failed nor ended in view, so there is nothing to judge. To diagnose a failed connection, "
                + "capture while connecting.",
            fixes: captureWholeSession
        ) { f in
            guard !f.setupSeen, f.endedAt == nil else { return nil }
            return Match(
                evidence: [f.session.first, f.session.last],
                message: "The session was already open at its first packet in the capture, "
                    + "\(Wording.at(f.session.first)), and still open at its last, \(Wording.at(f.session.last)).")
        },
        Rule(
            id: "gap.capture-stopped-early", stage: .lcp, severity: .info, confidence: .medium,
            title: "The capture stopped while the session was still being set up",
            explanation: "An unanswered request is a failure only once the client gives up on it (Windows after about "
                + "30 s, with its error dialog); a capture that stops sooner cannot tell a slow server from a dead one.",
            fixes: Fixes(
                windows: [
                    "Capture again and stop only after Windows shows its error number (or the "
                        + "connection works); filter \(captureFilter)."
                ],
                linux: ["Keep tcpdump running until pppd logs `Connection terminated` or `local IP address`."],
                network: [])
        ) { f in
            guard f.endedAt == nil, !f.established else { return nil }
            let silence = f.silence(after: f.session.last)
            guard silence < Thresholds.clientGivesUpOnSilentTunnel else { return nil }
            let stage = StageProgress(f).lastCompleted.map { "after \($0.rawValue)" } ?? "before any stage completed"
            return Match(
                evidence: [f.session.last],
                message: "The capture ends \(Wording.seconds(silence)) after the session's last packet "
                    + "(\(Wording.at(f.session.last))), \(stage), with no failure or teardown in view.",
                stage: StageProgress(f).lastCompleted.map(Stage.after) ?? .tcpConnect)
        },
        Rule(
            id: "gap.not-enough-to-judge", stage: .established, severity: .info, confidence: .low,
            title: "The capture does not show how the session ended",
            explanation: "No failure is in view and the setup did not visibly complete; the session's decisive packets "
                + "are outside the capture or were not captured at this point.",
            fixes: captureWholeSession
        ) { f in
            Match(
                evidence: [f.session.first, f.session.last],
                message: "Packets \(f.session.first.number)–\(f.session.last.number) of this session show no failure "
                    + "and no completed setup.",
                stage: StageProgress(f).lastCompleted.map(Stage.after) ?? .tcpConnect)
        },
    ]
}
