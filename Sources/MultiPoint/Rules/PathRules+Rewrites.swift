import PPTPDiagnosis
import PPTPSessions

extension PathRules {
    static let rewrites: [PathRule] = [
        PathRule(
            id: "path.nat", stage: .callSetup, severity: .info, confidence: .certain,
            title: "A NAT between two capture points rewrites the session's addresses",
            explanation: "The same session carries different addresses or ports at two points: a NAT sits "
                + "between them. PPTP through NAT needs a PPTP helper (passthrough) that also maps the GRE; "
                + "without one GRE from the server cannot find the client.",
            fixes: Fixes()
        ) { f in
            var matches: [PathMatch] = []
            for m in f.members.indices.dropFirst() {
                let a = f.session(m - 1)
                let b = f.session(m)
                var changed: [String] = []
                if a.client != b.client { changed.append("the client \(a.client) → \(b.client)") }
                if a.server != b.server { changed.append("the server \(a.server) → \(b.server)") }
                guard !changed.isEmpty else { continue }
                let up = f.points[f.members[m - 1].point].name
                let down = f.points[f.members[m].point].name
                matches.append(
                    PathMatch(
                        message: "Between \(up) and \(down) a NAT rewrites "
                            + changed.joined(separator: " and ") + "."))
            }
            return matches
        },
        PathRule(
            id: "path.call-id-rewritten", stage: .callSetup, severity: .info, confidence: .certain,
            title: "A PPTP helper between two capture points rewrites Call IDs",
            explanation: "The call's Call IDs differ between two points: a NAT's PPTP helper (ALG) maps them so "
                + "that several clients behind one address can call the same server. It must rewrite the GRE "
                + "keys to match; when it does, the call works.",
            fixes: Fixes()
        ) { f in
            var matches: [PathMatch] = []
            for m in f.members.indices.dropFirst() {
                guard let a = f.session(m - 1).primaryCall, let b = f.session(m).primaryCall else { continue }
                var changed: [String] = []
                if let x = a.clientCallID, let y = b.clientCallID, x != y {
                    changed.append("the client's Call ID \(x) → \(y)")
                }
                if let x = a.serverCallID, let y = b.serverCallID, x != y {
                    changed.append("the server's Call ID \(x) → \(y)")
                }
                guard !changed.isEmpty else { continue }
                let up = f.points[f.members[m - 1].point].name
                let down = f.points[f.members[m].point].name
                let greOK = f.passages(.gre, from: .server).filter { $0.upstream == down && $0.downstream == up }
                    .allSatisfy { $0.lost == 0 }
                matches.append(
                    PathMatch(
                        message: "Between \(up) and \(down) \(changed.joined(separator: " and ")) "
                            + (greOK
                                ? "(in the control messages and the GRE keys alike)."
                                : "; GRE from the server does not all come through.")))
            }
            return matches
        },
        PathRule(
            id: "path.mss-clamped", stage: .tcpConnect, severity: .info, confidence: .certain,
            title: "A router between two capture points rewrites the TCP MSS",
            explanation: "The SYN's maximum segment size option differs between two points: a router clamps "
                + "it (common on PPPoE and VPN gateways). Harmless for TCP 1723; it shows the path's MTU is "
                + "below 1500 somewhere, which matters for the GRE tunnel's large packets.",
            fixes: Fixes()
        ) { f in
            changes(f) { if case .mss(let a, let b) = $0 { return (a, b) } else { return nil } }.map { c in
                PathMatch(
                    message: "The \(c.from == .client ? "client's" : "server's") SYN carries MSS "
                        + "\(c.before.map(String.init) ?? "none") at \(c.up) and "
                        + "\(c.after.map(String.init) ?? "none") at \(c.down) (\(f.cite(c.down, c.packet))): "
                        + "clamped between \(c.up) and \(c.down).",
                    packets: f.primaryNumbers(c.down, [c.packet]))
            }
        },
        PathRule(
            id: "path.fragmented", stage: .established, severity: .info, confidence: .certain,
            title: "Packets are fragmented between two capture points",
            explanation: "Packets seen whole at one point arrive as IPv4 fragments at the next: a link between "
                + "them has a smaller MTU and the packets did not forbid fragmentation (no DF). It works, at a "
                + "cost: losing one fragment loses the packet, and some firewalls drop fragments.",
            fixes: Fixes(
                windows: [],
                linux: [
                    "Lower the tunnel's MTU (pppd `mtu 1400`) so its GRE packets fit "
                        + "the path without fragmentation."
                ],
                network: [])
        ) { f in
            var groups: [String: (count: Int, largest: Int, from: Side, up: String, down: String, first: PacketRef)] = [:]
            var order: [String] = []
            for c in f.traffic.changes {
                guard case .fragmented(let length) = c.kind else { continue }
                let up = f.points[f.members[c.upstream].point].name
                let down = f.points[f.members[c.downstream].point].name
                let key = "\(c.from.rawValue) \(up) \(down)"
                if var g = groups[key] {
                    g.count += 1
                    g.largest = max(g.largest, length)
                    groups[key] = g
                } else {
                    order.append(key)
                    groups[key] = (1, length, c.from, up, down, c.packet)
                }
            }
            return order.compactMap { groups[$0] }.map { g in
                PathMatch(
                    message: "\(Words.plural(g.count, "packet")) from \(g.from.noun) (up to \(g.largest) bytes) "
                        + "seen whole at \(g.up) arrive fragmented at \(g.down) (first \(f.cite(g.down, g.first))): "
                        + "a link between \(g.up) and \(g.down) has a smaller MTU.",
                    packets: f.primaryNumbers(g.down, [g.first]))
            }
        },
    ]

    struct ValueChange {
        var from: Side
        var up: String
        var down: String
        var before: UInt16?
        var after: UInt16?
        var packet: PacketRef
    }

    /// Changes of one kind, one per direction and segment (the first seen).
    static func changes(_ f: PathFacts, _ pick: (SessionTraffic.Change.Kind) -> (UInt16?, UInt16?)?) -> [ValueChange] {
        var seen = Set<String>()
        var out: [ValueChange] = []
        for c in f.traffic.changes {
            guard let (a, b) = pick(c.kind) else { continue }
            let up = f.points[f.members[c.upstream].point].name
            let down = f.points[f.members[c.downstream].point].name
            guard seen.insert("\(c.from.rawValue) \(up) \(down)").inserted else { continue }
            out.append(ValueChange(from: c.from, up: up, down: down, before: a, after: b, packet: c.packet))
        }
        return out
    }
}
