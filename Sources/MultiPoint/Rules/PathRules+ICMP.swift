import PPTPDiagnosis
import PPTPSessions

extension PathRules {
    static let icmp: [PathRule] = [
        PathRule(
            id: "path.icmp-filtered", stage: .established, severity: .warning, confidence: .high,
            title: "ICMP errors are filtered between two capture points",
            explanation: "A router sent ICMP errors about this session's packets; they were seen at one point "
                + "and never reached the next on their way back to the sender. When they are 'fragmentation "
                + "needed', the sender never learns the path MTU: small packets pass, large ones vanish (the "
                + "path-MTU black hole).",
            fixes: Fixes(
                windows: [
                    "Until the filter is fixed: lower the client's MTU (`netsh interface ipv4 "
                        + "set subinterface \"<VPN>\" mtu=1400 store=persistent`)."
                ],
                linux: [
                    "Until the filter is fixed: lower the tunnel's MTU/MRU (pppd `mtu 1400 mru "
                        + "1400`) or clamp the TCP MSS inside the tunnel "
                        + "(`iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS "
                        + "--clamp-mss-to-pmtu`)."
                ],
                network: [
                    "Let ICMP type 3 (destination unreachable, code 4 fragmentation needed) "
                        + "through the device between the two points (RFC 4890 for ICMPv6)."
                ])
        ) { f in
            var matches: [PathMatch] = []
            for side in [Side.server, .client] {
                for p in f.passages(.icmp, from: side) where p.lost > 0 {
                    var what = "ICMP errors"
                    if let ref = p.firstLost, let s = f.sighting(p.upstream, number: ref.number) {
                        what = ICMPText.describe(s, reporter: f.reporter(of: s, at: p.upstream))
                    }
                    matches.append(
                        PathMatch(
                            message: "\(what) towards \(side.other.noun): \(p.lost) seen at \(f.label(p.upstream)) "
                                + "(\(f.cite(p.upstream, p.firstLost)) … \(f.cite(p.upstream, p.lastLost))), none at "
                                + "\(f.label(p.downstream)): filtered between \(p.upstream) and \(p.downstream).",
                            packets: f.primaryNumbers(p.upstream, [p.firstLost, p.lastLost])))
                }
            }
            return matches
        },
        PathRule(
            id: "path.icmp-origin", stage: .established, severity: .info, confidence: .high,
            title: "An ICMP error comes from a router between two capture points",
            explanation: "An ICMP error about this session's packets appears at one point and not at the point "
                + "before it on its way back, which was capturing: the router that sent it sits between the two. "
                + "That is where to look for the link it complains about (a smaller MTU, a missing route, a filter).",
            fixes: Fixes()
        ) { f in
            var seen = Set<String>()
            var matches: [PathMatch] = []
            for c in f.traffic.changes {
                guard case .icmpOrigin = c.kind else { continue }
                let before = f.points[f.members[c.upstream].point].name
                let at = f.points[f.members[c.downstream].point].name
                guard let s = f.sighting(at, number: c.packet.number) else { continue }
                let what = ICMPText.describe(s, reporter: f.reporter(of: s, at: at))
                guard seen.insert(what + before + at).inserted else { continue }
                matches.append(
                    PathMatch(
                        message: "\(what) first appears at \(f.label(at)) (\(f.cite(at, c.packet))) and "
                            + "not at \(f.label(before)): the router that sent it is between \(before) "
                            + "and \(at).",
                        packets: f.primaryNumbers(at, [c.packet])))
            }
            return matches
        },
    ]
}

/// Words for an ICMP error from what its sighting key keeps (type, code, MTU).
enum ICMPText {
    static func describe(_ s: Sighting, reporter: String?) -> String {
        let type = UInt8(truncatingIfNeeded: s.key.high >> 40)
        let code = UInt8(truncatingIfNeeded: s.key.high >> 32)
        let mtu = s.key.low >> 32
        var text: String
        switch (type, code) {
        case (3, 4): text = "ICMP fragmentation needed" + (mtu > 0 ? " (next-hop MTU \(mtu))" : "")
        case (3, 13): text = "ICMP administratively prohibited"
        case (3, let c): text = "ICMP destination unreachable (code \(c))"
        case (11, _): text = "ICMP time exceeded"
        default: text = "ICMP type \(type) code \(code)"
        }
        if let r = reporter { text += " from \(r)" }
        return text
    }
}
