import PPTPDiagnosis
import PPTPSessions

extension PathRules {
    static let filterFixes = Fixes(
        windows: [],
        linux: [],
        network: [
            "On the device between the two points: allow IP protocol 47 (GRE) both ways between client and "
                + "server, beside TCP 1723 (iptables: `-p gre -j ACCEPT`; Cisco ACL: `permit gre host … host …`).",
            "Behind NAT: enable PPTP passthrough / the PPTP helper (Linux: `modprobe nf_nat_pptp` and a "
                + "conntrack helper rule for TCP 1723); one PPTP client per public address without one.",
            "Show the ISP this report: the segment and the packet numbers at both ends prove where it is lost.",
        ])

    /// When the segment that drops the server's GRE also translates the client's address: the classic NAT
    /// without a PPTP helper, which forwards the client's GRE but has no state to send the server's back.
    static func natHint(_ f: PathFacts, _ p: SegmentPassage) -> String {
        guard p.from == .server,
            let up = f.members.firstIndex(where: { f.points[$0.point].name == p.upstream }),
            let down = f.members.firstIndex(where: { f.points[$0.point].name == p.downstream })
        else { return "" }
        let outside = f.session(up).client
        let inside = f.session(down).client
        guard outside.address != inside.address else { return "" }
        let clientGREPassed = f.passages(.gre, from: .client).contains {
            $0.upstream == p.downstream && $0.downstream == p.upstream && $0.passed > 0
        }
        return " The same segment holds a NAT (\(inside) → \(outside))"
            + (clientGREPassed ? " that passes the client's GRE out" : "")
            + ": a NAT without a PPTP helper (passthrough) has no state to send the server's GRE back in."
    }

    /// The client tried to connect, no point saw an answer, and a point that holds none of it was capturing.
    static func notReached(_ f: PathFacts) -> Bool {
        !f.others.isEmpty && f.members.indices.allSatisfy { !f.session($0).sawSYNAck }
            && f.members.indices.contains { f.session($0).sawSYN }
    }

    static let loss: [PathRule] = [
        PathRule(
            id: "path.gre-filtered", stage: .gre, severity: .failure, errorCodes: [806, 721],
            confidence: .certain,
            title: "GRE is filtered between two capture points while TCP 1723 passes",
            explanation: "GRE packets were seen at one point and none reached the next point along their way, "
                + "while the control connection's TCP packets passed the same segment: a device between them "
                + "drops IP protocol 47 (a firewall, or NAT without PPTP passthrough); routing works.",
            fixes: filterFixes
        ) { f in
            var blocked: [(gre: SegmentPassage, control: SegmentPassage)] = []
            for side in [Side.client, .server] {
                for p in f.passages(.gre, from: side) where p.passed == 0 && p.lost >= 2 {
                    // A segment that ends at a silent point lies inside a longer one the control connection
                    // crossed (it was seen on both sides of it).
                    let control =
                        f.passage(.control, from: side, upstream: p.upstream, downstream: p.downstream)
                        ?? f.passage(.control, from: side.other, upstream: p.downstream, downstream: p.upstream)
                        ?? f.passage(.control, across: p.upstream, p.downstream)
                    if let control, control.passed > 0 { blocked.append((p, control)) }
                }
            }
            func lost(_ p: SegmentPassage) -> String {
                "\(p.lost) GRE packets from \(p.from.noun) seen at \(f.label(p.upstream)) (\(f.cite(p.upstream, p.firstLost)) … "
                    + "\(f.cite(p.upstream, p.lastLost))), none at \(f.label(p.downstream))"
            }
            func passed(_ c: SegmentPassage) -> String {
                "\(c.passed) of \(c.passed + c.lost) from \(c.from.noun)"
                    + (blocked.contains { [$0.gre.upstream, $0.gre.downstream].sorted() == [c.upstream, c.downstream].sorted() }
                        ? "" : ", \(c.upstream) → \(c.downstream)")
            }
            // Both directions on the same segment: one finding, "both ways".
            if blocked.count == 2, blocked[0].gre.upstream == blocked[1].gre.downstream,
                blocked[0].gre.downstream == blocked[1].gre.upstream
            {
                let (a, b) = (blocked[0], blocked[1])
                let controls = a.control.from == b.control.from ? passed(a.control) : passed(a.control) + ", " + passed(b.control)
                return [
                    PathMatch(
                        message: "GRE is lost both ways between \(a.gre.upstream) and \(a.gre.downstream): \(lost(a.gre)); "
                            + "\(lost(b.gre)). TCP 1723 packets passed between the same points (\(controls)), so GRE "
                            + "(IP protocol 47) is filtered on that segment, not routing.",
                        packets: f.primaryNumbers(a.gre.upstream, [a.gre.firstLost, a.gre.lastLost])
                            + f.primaryNumbers(b.gre.upstream, [b.gre.firstLost, b.gre.lastLost]),
                        headline: "GRE is filtered both ways between \(f.label(a.gre.upstream)) and "
                            + "\(f.label(a.gre.downstream)) while TCP 1723 passes")
                ]
            }
            return blocked.map { p, control in
                PathMatch(
                    message: "\(lost(p)): lost between \(p.upstream) and \(p.downstream). TCP 1723 packets passed "
                        + "between the same points (\(passed(control))), so GRE (IP protocol 47) is filtered on that "
                        + "segment, not routing." + natHint(f, p),
                    packets: f.primaryNumbers(p.upstream, [p.firstLost, p.lastLost]),
                    headline: "GRE from \(p.from.noun) is filtered between \(f.label(p.upstream)) and "
                        + "\(f.label(p.downstream)) while TCP 1723 passes")
            }
        },
        PathRule(
            id: "path.control-blocked", stage: .tcpConnect, severity: .failure, errorCodes: [800, 678, 807],
            confidence: .high,
            title: "TCP 1723 is lost between two capture points",
            explanation: "The control connection's packets were seen at one point and none reached the next "
                + "point along their way: a firewall blocks TCP 1723 there, or the route is broken. When only the "
                + "server's answers are lost while the client's packets pass the same two points, the way back is "
                + "not the way in: the answers take another route (asymmetric routing, a second uplink), or a "
                + "stateful firewall on the way back never saw the client's SYN and drops them.",
            fixes: Fixes(network: [
                "Allow TCP port 1723 to the server, and the server's answers from port 1723 back to the client, on "
                    + "the device between the two points; check the route between them (traceroute from the nearer "
                    + "point).",
                "When only the server's answers are lost: make the server's route back to the client go through the "
                    + "device the client's packets came in by (`ip route get CLIENT` on the server).",
            ])
        ) { f in
            var matches: [PathMatch] = []
            for side in [Side.client, .server] {
                // A connection that never got an answer and stops before a silent point is `path.not-reached`'s
                // to tell (with its caveat that the point may be off the path), not a second failure here.
                for p in f.passages(.control, from: side)
                where p.passed == 0 && p.lost >= 1
                    && !(f.isSilent(p.downstream) && notReached(f))
                {
                    // The other way through the same two points carried packets: the loss is one-way.
                    let otherWay = f.passage(
                        .control, from: side == .client ? .server : .client, upstream: p.downstream, downstream: p.upstream)
                    let oneWay =
                        side == .server && (otherWay?.passed ?? 0) > 0
                        ? " The client's packets passed from \(p.downstream) to \(p.upstream) (\(otherWay?.passed ?? 0)), "
                            + "so only the way back loses them: the server's answers take another route, or a stateful "
                            + "firewall on the way back never saw the client's SYN."
                        : ""
                    matches.append(
                        PathMatch(
                            message: "TCP 1723 from \(side.noun): \(Words.plural(p.lost, "packet")) seen at "
                                + "\(f.label(p.upstream)) (\(f.cite(p.upstream, p.firstLost)) … "
                                + "\(f.cite(p.upstream, p.lastLost))), none at \(f.label(p.downstream)): lost between "
                                + "\(p.upstream) and \(p.downstream)." + oneWay,
                            packets: f.primaryNumbers(p.upstream, [p.firstLost, p.lastLost]),
                            headline: "TCP 1723 from \(side.noun) is lost between \(f.label(p.upstream)) and "
                                + "\(f.label(p.downstream))"))
                }
            }
            return matches
        },
        PathRule(
            id: "path.not-reached", stage: .tcpConnect, severity: .failure, errorCodes: [800, 678, 807],
            confidence: .medium,
            title: "The connection never reached another capture point",
            explanation: "Another point was capturing while the client tried to connect and saw no packet of "
                + "the attempt: it was lost before that point (a firewall, a route), or that point is not on "
                + "the path to this server.",
            fixes: Fixes(network: [
                "Check the route and firewalls between the points for TCP 1723 to the "
                    + "server; make sure the far capture is on the server's path."
            ])
        ) { f in
            guard notReached(f) else { return [] }
            let nearest = f.members.count - 1
            let s = f.session(nearest)
            let others = f.others.map { f.label(f.points[$0].name) }.joined(separator: ", ")
            let here = f.points[f.members[nearest].point].name
            return [
                PathMatch(
                    message: "The client's connection attempt (\(Words.plural(s.packetCount, "packet")) at "
                        + "\(f.label(member: nearest)), \(f.cite(here, s.first)) … \(f.cite(here, s.last))) never appears "
                        + "at \(others), which was capturing at the time: lost after \(here).",
                    packets: f.primaryNumbers(here, [s.first]),
                    headline: "the connection attempt seen at \(f.label(member: nearest)) never reaches \(others)")
            ]
        },
        PathRule(
            id: "path.gre-loss", stage: .established, severity: .warning, confidence: .high,
            title: "GRE packets are lost between two capture points",
            explanation: "Some GRE packets seen at one point never reached the next: a lossy link or an "
                + "overloaded device on that segment. PPP compression and MPPE survive losses, but a lossy "
                + "tunnel is slow and LCP echoes may fail.",
            fixes: Fixes(network: [
                "Give the ISP the segment and the loss rate; check the interface counters "
                    + "of the devices between the two points."
            ])
        ) { f in
            var matches: [PathMatch] = []
            for side in [Side.client, .server] {
                for p in f.passages(.gre, from: side)
                where p.passed > 0 && p.lost > 0
                    && (p.lost * 100 >= p.passed + p.lost || p.lost >= 3)
                {
                    let percent = Words.fixed(100 * Double(p.lost) / Double(p.passed + p.lost), 1)
                    matches.append(
                        PathMatch(
                            message: "GRE from \(side.noun): \(p.lost) of \(p.passed + p.lost) packets seen at "
                                + "\(f.label(p.upstream)) never reached \(f.label(p.downstream)) (\(percent) %, first "
                                + "\(f.cite(p.upstream, p.firstLost))).",
                            packets: f.primaryNumbers(p.upstream, [p.firstLost])))
                }
            }
            return matches
        },
        PathRule(
            id: "path.control-loss", stage: .established, severity: .warning, confidence: .high,
            title: "TCP 1723 segments are lost between two capture points",
            explanation: "Some control-connection segments seen at one point never reached the next: TCP "
                + "retransmitted them, which delays call setup and keep-alives.",
            fixes: Fixes(network: ["Check the devices between the two points for drops."])
        ) { f in
            var matches: [PathMatch] = []
            for side in [Side.client, .server] {
                for p in f.passages(.control, from: side) where p.passed > 0 && p.lost > 0 {
                    matches.append(
                        PathMatch(
                            message: "TCP 1723 from \(side.noun): \(p.lost) of \(p.passed + p.lost) segments seen at "
                                + "\(f.label(p.upstream)) never reached \(f.label(p.downstream)) (first "
                                + "\(f.cite(p.upstream, p.firstLost))).",
                            packets: f.primaryNumbers(p.upstream, [p.firstLost])))
                }
            }
            return matches
        },
    ]
}
