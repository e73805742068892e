import PPTPDissect
import PPTPSessions

/// The key messages of each stage in time order, for the report's timeline. LCP echo keepalives and GRE data are
/// summarised, not listed one by one.
enum Timeline {
    static let maxEntries = 400

    static func milestones(_ f: SessionFacts) -> [Milestone] {
        var out: [Milestone] = []
        let s = f.session
        for e in s.tcpEvents {
            let text: String
            switch e.kind {
            case .syn: text = "TCP SYN to port 1723" + (e.detail.map { " (\($0))" } ?? "")
            case .synRetransmission: text = "TCP SYN retransmitted"
            case .synAck: text = "TCP SYN-ACK" + (e.detail.map { " (\($0))" } ?? "")
            case .fin: text = "TCP FIN"
            case .rst: text = "TCP reset"
            case .retransmission: text = "TCP retransmission"
            case .outOfOrder: text = "TCP segment out of order"
            case .gap: text = "TCP gap" + (e.detail.map { ": \($0)" } ?? "")
            }
            let stage: Stage = e.kind == .fin || (e.kind == .rst && f.established) ? .teardown : .tcpConnect
            out.append(Milestone(packet: e.packet, stage: stage, from: e.from, text: text))
        }
        for c in s.control {
            out.append(
                Milestone(
                    packet: c.packet, stage: stage(of: c.type, established: f.established), from: c.from,
                    text: c.summary))
        }
        if let call = f.call {
            if let first = call.greFromClient.first {
                out.append(Milestone(packet: first, stage: .gre, from: .client, text: "first GRE from the client"))
            }
            if let first = call.greFromServer.first {
                out.append(Milestone(packet: first, stage: .gre, from: .server, text: "first GRE from the server"))
            }
            var echoes = 0
            for e in call.ppp {
                if e.proto == .lcp, e.code == ControlCode.echoRequest || e.code == ControlCode.echoReply {
                    echoes += 1
                    continue
                }
                if e.proto == .lcp, e.code == ControlCode.identification || e.code == ControlCode.discardRequest { continue }
                var text = "\(e.proto.name) \(e.codeName) id=\(e.identifier)"
                if !e.detail.isEmpty { text += " \(e.detail)" }
                out.append(Milestone(packet: e.packet, stage: stage(of: e), from: e.from, text: text))
            }
            for (side, stats) in [(Side.client, call.greFromClient), (Side.server, call.greFromServer)] {
                if stats.dataPackets > 0, let first = stats.first {
                    out.append(
                        Milestone(
                            packet: stats.lastData ?? first, stage: .established, from: side,
                            text: "\(stats.dataPackets) data packets from the \(side.rawValue) (last one here)",
                            kind: .data))
                }
            }
            if echoes > 0, let last = call.ppp.last(where: { $0.proto == .lcp && $0.code == ControlCode.echoRequest }) {
                out.append(
                    Milestone(
                        packet: last.packet, stage: .established, from: nil,
                        text: "\(echoes) LCP echo keepalives in all (last request here)", kind: .keepalive))
            }
        }
        for e in s.icmp {
            out.append(
                Milestone(
                    packet: e.packet,
                    stage: e.quotedProtocol == .gre
                        ? (f.established ? .established : .gre)
                        : .tcpConnect, from: nil, text: e.summary, kind: .icmp,
                    towards: e.quotedSource == s.server.address ? .server : .client))
        }
        out.sort { $0.packet.number < $1.packet.number }
        if let logs = f.logs { out = LogTimeline.merge(logs, into: out, session: s) }
        if out.count > maxEntries {
            // Keep the start and the end, where sessions fail; say what was left out between them.
            let head = out.prefix(maxEntries / 2)
            let tail = out.suffix(maxEntries / 2)
            let left = out.count - head.count - tail.count
            let first = out[head.count]
            let marker = Milestone(
                packet: first.packet, stage: first.stage, from: nil,
                text: "… \(left) timeline entries left out (packets \(first.packet.number)–"
                    + "\(out[out.count - tail.count - 1].packet.number)) …", kind: .omitted)
            out = Array(head) + [marker] + Array(tail)
        }
        return out
    }

    static func stage(of type: PPTPMessageType, established: Bool) -> Stage {
        switch type {
        case .startControlConnectionRequest, .startControlConnectionReply: .controlConnection
        case .outgoingCallRequest, .outgoingCallReply, .incomingCallRequest, .incomingCallReply,
            .incomingCallConnected, .setLinkInfo:
            .callSetup
        case .echoRequest, .echoReply, .wanErrorNotify: .established
        default: .teardown
        }
    }

    static func stage(of e: PPPEvent) -> Stage {
        switch e.proto {
        case .lcp: e.code == ControlCode.terminateRequest || e.code == ControlCode.terminateAck ? .teardown : .lcp
        case .pap, .chap, .eap: .authentication
        case .ccp: .encryption
        default: .networkConfig
        }
    }
}
