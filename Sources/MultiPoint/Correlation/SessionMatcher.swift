import PPTPDissect
import PPTPSessions

/// Recognises the same PPTP session at different points, through NAT too: by what a NAT does not rewrite —
/// the control channel's contents (SCCRQ host and vendor names, the server's Call ID, the call serial number)
/// and packets in common (TCP sequence numbers relative to each SYN, GRE sequence numbers and payload
/// lengths) — with addresses only as a tie-breaker.
enum SessionMatcher {
    struct Candidate {
        var a: PointSession
        var b: PointSession
        var score: Double
        var reason: String
    }

    /// Keys shared by more sessions than this (every SYN has relative sequence 0) say nothing about which.
    static let genericKeyLimit = 8

    /// Sessions of every pair of points, best matches first, each session used once per pair of points.
    static func match(_ points: [PointCapture]) -> [Candidate] {
        var chosen: [Candidate] = []
        for i in points.indices {
            for j in points.indices where j > i {
                chosen += match(points[i], i, points[j], j)
            }
        }
        return chosen
    }

    static func match(_ p: PointCapture, _ i: Int, _ q: PointCapture, _ j: Int) -> [Candidate] {
        // How often each key occurs in each session of q (keys in too many sessions dropped as generic).
        var owners: [PacketKey: [(session: Int, count: Int)]] = [:]
        var otherCounts: [Int: Int] = [:]
        for s in q.sightings {
            otherCounts[s.session, default: 0] += 1
            var list = owners[s.key, default: []]
            guard list.count <= genericKeyLimit else { continue }
            if let last = list.indices.last, list[last].session == s.session {
                list[last].count += 1
            } else {
                list.append((s.session, 1))
            }
            owners[s.key] = list
        }
        // Packets in common, as multisets: three SYN retransmissions at one point and one SYN at the other share one.
        var keyCounts: [Int: [PacketKey: Int]] = [:]
        var counts: [Int: Int] = [:]
        for s in p.sightings {
            counts[s.session, default: 0] += 1
            keyCounts[s.session, default: [:]][s.key, default: 0] += 1
        }
        var shared: [Int: [Int: Int]] = [:]
        for (a, keys) in keyCounts {
            for (key, count) in keys {
                guard let list = owners[key], list.count <= genericKeyLimit else { continue }
                for other in list { shared[a, default: [:]][other.session, default: 0] += min(count, other.count) }
            }
        }

        var candidates: [Candidate] = []
        var startGap: [PointSession: [PointSession: Double]] = [:]
        for (a, sa) in p.sessions.enumerated() {
            for (b, sb) in q.sessions.enumerated() {
                let common = shared[a]?[b] ?? 0
                var (content, reasons) = contentScore(sa, sb)
                if let x = p.clientInitialSequences[a], x == q.clientInitialSequences[b] {
                    content += 4
                    reasons.insert("same client TCP initial sequence number", at: 0)
                }
                let smaller = max(1, min(counts[a] ?? 0, otherCounts[b] ?? 0))
                let packetScore = 10 * Double(common) / Double(smaller)
                // Packets alone must cover half the smaller session; otherwise the control channel must agree.
                guard (common >= 3 && packetScore >= 5) || content >= 5 else { continue }
                var why = reasons
                if common > 0 { why.insert("\(common) packets in common", at: 0) }
                let pa = PointSession(point: i, session: a)
                let pb = PointSession(point: j, session: b)
                candidates.append(
                    Candidate(
                        a: pa, b: pb, score: packetScore + Double(content),
                        reason: why.joined(separator: ", ")))
                startGap[pa, default: [:]][pb] = absoluteStart(q, sb) - absoluteStart(p, sa)
            }
        }
        // Reconnections of one client look alike packet for packet (same message sizes, sequence numbers relative
        // to each SYN): the clock settles them. The offset the first round of matches agrees on is the clocks'
        // difference; a candidate far from it is penalised by how far.
        let first = greedy(candidates)
        guard let offset = medianDouble(first.compactMap { startGap[$0.a]?[$0.b] }) else { return first }
        let timed = candidates.map { c -> Candidate in
            var c = c
            let gap = abs((startGap[c.a]?[c.b] ?? offset) - offset)
            c.score -= min(20, gap)
            return c
        }
        return greedy(timed)
    }

    /// Best first, each session used once.
    static func greedy(_ candidates: [Candidate]) -> [Candidate] {
        let sorted = candidates.sorted {
            ($0.score, -$0.a.session, -$0.b.session) > ($1.score, -$1.a.session, -$1.b.session)
        }
        var usedA = Set<Int>()
        var usedB = Set<Int>()
        var result: [Candidate] = []
        for c in sorted where !usedA.contains(c.a.session) && !usedB.contains(c.b.session) {
            usedA.insert(c.a.session)
            usedB.insert(c.b.session)
            result.append(c)
        }
        return result
    }

    /// Seconds since the epoch of a session's first packet, on its point's clock.
    static func absoluteStart(_ p: PointCapture, _ s: Session) -> Double {
        Double(p.firstTimestamp ?? 0) / 1e9 + s.first.time
    }

    static func medianDouble(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.sorted()[values.count / 2]
    }

    /// What the control channels have in common, scored; with the reasons in words.
    static func contentScore(_ a: Session, _ b: Session) -> (Int, [String]) {
        var score = 0
        var reasons: [String] = []
        // A PPP link without PPTP has no control channel: the same link carrying the same negotiation is the same.
        if let link = a.pppLink, link == b.pppLink {
            let head = { (s: Session) in
                (s.primaryCall?.ppp ?? []).prefix(4).map { "\($0.proto.rawValue) \($0.code) \($0.identifier) \($0.detail)" }
            }
            if !head(a).isEmpty, head(a) == head(b) {
                score += 5
                reasons.append("same PPP link and negotiation")
            }
        }
        let sccrqA = a.control.first { $0.type == .startControlConnectionRequest }
        let sccrqB = b.control.first { $0.type == .startControlConnectionRequest }
        if let ha = sccrqA?.hostName, !ha.isEmpty, ha == sccrqB?.hostName, sccrqA?.vendorName == sccrqB?.vendorName {
            score += 3
            reasons.append("same SCCRQ host and vendor")
        }
        if let ca = a.primaryCall, let cb = b.primaryCall {
            if let sa = ca.serverCallID, sa == cb.serverCallID {
                score += 2
                reasons.append("same server Call ID \(sa)")
            }
            if let ra = ca.request?.callSerial, ra == cb.request?.callSerial {
                score += 1
                reasons.append("same call serial number \(ra)")
            }
            if let xa = ca.clientCallID, xa == cb.clientCallID { score += 1 }
        }
        if a.server.address == b.server.address { score += 1 }
        if a.client.address == b.client.address { score += 1 }
        if a.client == b.client { score += 1 }
        return (score, reasons)
    }
}
