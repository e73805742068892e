import PPTPDiagnosis
import PPTPDissect
import PPTPSessions

/// Captures of several points → the same sessions recognised at each, the points placed on the path with their
/// clocks aligned, every session packet's set of points that saw it, the segment where packets stopped, and the
/// path's findings merged into each session's verdict.
public enum PathCorrelator {
    /// `groups`: the sessions already recognised across the points (`sessionGroups`), when the caller needed
    /// them before the verdicts were final (logs joined per session of the path); nil: recognised here.
    public static func correlate(
        _ points: [PointCapture], groups known: [Group]? = nil, rules: [PathRule] = PathRules.all
    ) -> PathResult {
        let n = points.count
        let bySession = points.map { p -> [Int: [Int]] in
            var map: [Int: [Int]] = [:]
            for (i, s) in p.sightings.enumerated() { map[s.session, default: []].append(i) }
            return map
        }
        let groups = known ?? sessionGroups(points)

        // Packet pairs of every group, for every two of its points; the geometry learns from all of them.
        var geometry = PathGeometry(pointCount: n)
        var groupPairs: [[(PointSession, PointSession, [(Int, Int)])]] = []
        for group in groups {
            var pairs: [(PointSession, PointSession, [(Int, Int)])] = []
            for (x, a) in group.members.enumerated() {
                for b in group.members[(x + 1)...] {
                    let found = PacketMatcher.pairs(
                        points[a.point], bySession[a.point][a.session] ?? [],
                        points[b.point], bySession[b.point][b.session] ?? [])
                    for (i, j) in found {
                        geometry.observe(points[a.point].sightings[i], at: a.point, points[b.point].sightings[j], at: b.point)
                    }
                    pairs.append((a, b, found))
                }
            }
            if group.members.count > 1 {
                var clientTTLs: [Int: [Int]] = [:]
                var serverTTLs: [Int: [Int]] = [:]
                for m in group.members {
                    for i in bySession[m.point][m.session] ?? [] where points[m.point].sightings[i].flow != .icmp {
                        let s = points[m.point].sightings[i]
                        if s.from == .client {
                            clientTTLs[m.point, default: []].append(Int(s.ttl))
                        } else {
                            serverTTLs[m.point, default: []].append(Int(s.ttl))
                        }
                    }
                }
                geometry.observeTTLs(clientTTLs: clientTTLs, serverTTLs: serverTTLs)
            }
            groupPairs.append(pairs)
        }

        let clocks = ClockAlignment.align(points, geometry: geometry)
        let offsets = clocks.map { ($0.offset, $0.reason) }
        let order = geometry.order(count: n)
        var rank = Array(repeating: 0, count: n)
        for (r, i) in order.enumerated() { rank[i] = r }
        let placements = points.indices.map { i in
            let (role, reason) = PointRoles.role(
                of: points[i], rank: rank[i], count: n,
                hops: geometry.medianHopsFromClient(i))
            return PointPlacement(
                name: points[i].name, file: points[i].file, order: rank[i], role: role,
                roleReason: reason, clockOffset: offsets[i].0, clockOffsetReason: offsets[i].1,
                clockMethod: clocks[i].method, clockUncertainty: clocks[i].uncertainty,
                hopsFromClient: geometry.medianHopsFromClient(i),
                packetsCompared: points[i].sightings.count, sessions: points[i].sessions.count)
        }

        var sessions: [SessionAcrossPoints] = []
        for (g, group) in groups.enumerated() {
            let members = group.members.sorted { rank[$0.point] < rank[$1.point] }
            let silent = SilentPoints.classify(points, members: members, clocks: clocks)
            let traffic = SessionTraffic(
                points: points, members: members, bySession: bySession, pairs: groupPairs[g],
                offsets: offsets.map(\.0), placements: placements,
                silent: silent.filter(\.covers), rank: rank)
            let primary = primaryMember(points, members)
            let facts = PathFacts(
                points: points, placements: placements, members: members, primary: primary,
                traffic: traffic, silent: silent)
            var findings: [Finding] = []
            var headline: String?
            for rule in rules {
                for match in rule.detect(facts) {
                    findings.append(rule.finding(match))
                    if rule.severity == .failure, headline == nil { headline = match.headline }
                }
            }
            let verdict = merge(points[primary.point].verdicts[primary.session], with: findings)
            sessions.append(
                SessionAcrossPoints(
                    members: members, primary: primary, verdict: verdict,
                    passages: traffic.passages,
                    captureMisses: Dictionary(
                        uniqueKeysWithValues: traffic.captureMisses.map {
                            (points[members[$0.key].point].name, $0.value)
                        }),
                    presence: traffic.presence,
                    matchReason: group.reason, headline: headline, silent: silent))
        }
        sessions.sort { a, b in
            let ta =
                points[a.primary.point].sessions[a.primary.session].first.time
                - (offsets[a.primary.point].0 ?? 0)
            let tb =
                points[b.primary.point].sessions[b.primary.session].first.time
                - (offsets[b.primary.point].0 ?? 0)
            return ta < tb
        }
        return PathResult(points: placements, sessions: sessions)
    }

    /// One session of the path: its session at each point that saw it (one per point at most).
    public struct Group: Sendable {
        public var members: [PointSession]
        public var reason: String
    }

    /// Sessions matched pair by pair, joined into groups (A's session ~ B's ~ C's is one group); sessions no
    /// other point saw are groups of one. Depends on the sessions and their packets, not on the verdicts.
    public static func sessionGroups(_ points: [PointCapture]) -> [Group] {
        var base: [Int] = []
        var total = 0
        for p in points {
            base.append(total)
            total += p.sessions.count
        }
        var sets = DisjointSets(count: total)
        var reasons: [Int: [String]] = [:]
        for c in SessionMatcher.match(points) {
            let a = base[c.a.point] + c.a.session
            let b = base[c.b.point] + c.b.session
            // A session joins one session per point: a second match for the same point would merge two sessions.
            sets.union(a, b)
            reasons[a, default: []].append(
                "\(points[c.a.point].name)#\(c.a.session + 1) ~ "
                    + "\(points[c.b.point].name)#\(c.b.session + 1): \(c.reason)")
        }
        var byRoot: [Int: [PointSession]] = [:]
        var rootOrder: [Int] = []
        for (p, point) in points.enumerated() {
            for s in point.sessions.indices {
                let root = sets.find(base[p] + s)
                if byRoot[root] == nil { rootOrder.append(root) }
                byRoot[root, default: []].append(PointSession(point: p, session: s))
            }
        }
        return rootOrder.map { root in
            let members = byRoot[root] ?? []
            // Two sessions of one point in a group (a chain of matches went astray): keep the first of each point.
            var seen = Set<Int>()
            let unique = members.filter { seen.insert($0.point).inserted }
            let why = unique.flatMap { reasons[base[$0.point] + $0.session] ?? [] }
            return Group(members: unique, reason: why.isEmpty ? "seen at one point only" : why.joined(separator: "; "))
        }
    }

    /// The member whose diagnosis speaks for the session: the worst outcome, nearest the client among equals.
    static func primaryMember(_ points: [PointCapture], _ members: [PointSession]) -> PointSession {
        func weight(_ m: PointSession) -> Int {
            switch points[m.point].verdicts[m.session].outcome {
            case .failed: 0
            case .incomplete: 2
            case .success: 1
            }
        }
        return members.enumerated().min { a, b in
            (weight(a.element), a.offset) < (weight(b.element), b.offset)
        }?.element ?? members[0]
    }

    /// The primary's verdict with the path's findings: path failures lead (they say where), then the point's own
    /// findings; a path failure on a session the point judged a success makes it a failure.
    static func merge(_ verdict: Verdict, with path: [Finding]) -> Verdict {
        guard !path.isEmpty else { return verdict }
        var v = verdict
        let failures: [Finding] = path.filter { $0.severity == .failure }
        var merged = failures
        merged.append(contentsOf: verdict.findings.filter { $0.severity == .failure })
        merged.append(contentsOf: path.filter { $0.severity == .warning })
        merged.append(contentsOf: verdict.findings.filter { $0.severity != .failure })
        merged.append(contentsOf: path.filter { $0.severity == .info })
        v.findings = merged
        if let lead = failures.first {
            // The path says where it failed: its stage and confidence lead.
            v.outcome = .failed
            v.failureStage = lead.stage
            v.confidence = lead.confidence
            var codes = v.probableErrorCodes
            for f in failures { for c in f.errorCodes where !codes.contains(c) { codes.append(c) } }
            v.probableErrorCodes = codes
        }
        return v
    }
}

/// Roles of the points, from the TTLs their own sessions show (the single-capture inference) and the order.
enum PointRoles {
    static func role(of p: PointCapture, rank: Int, count: Int, hops: Int?) -> (String, String) {
        var votes: [CapturePoint: Int] = [:]
        for v in p.verdicts { votes[v.capturePoint, default: 0] += 1 }
        let top = votes.max { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }?.key
        let reason = p.verdicts.first { $0.capturePoint == top }?.capturePointReason ?? "no PPTP session seen here"
        let hopsText = hops.map { $0 == 0 ? "" : "; \(Words.plural($0, "router hop")) from the client" } ?? ""
        switch top {
        case .client?: return ("client-side", reason + hopsText)
        case .server?: return ("server-side", reason + hopsText)
        case .between?: return ("between", reason + hopsText)
        case .sameSegment?: return ("same-segment", reason + hopsText)
        default:
            let byOrder = count < 2 ? "unknown" : rank == 0 ? "client-side" : rank == count - 1 ? "server-side" : "between"
            return (byOrder, reason + (count < 2 ? "" : "; placed by its order along the path") + hopsText)
        }
    }
}
