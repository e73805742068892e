import PPTPSessions

/// One session's packets across its points: which points saw each packet, where each stopped, and what changed
/// on the way (MSS option, fragmentation).
struct SessionTraffic {
    /// One packet and its sighting (index) at each member, nil where that member did not see it.
    struct PacketAcross {
        var flow: FlowClass
        var from: Side
        var at: [Int?]
    }

    struct Change {
        /// `icmpOrigin`: an ICMP error first seen at `downstream` and not at `upstream`, which was capturing: the
        /// router that sent it sits between them.
        enum Kind {
            case mss(UInt16?, UInt16?)
            case fragmented(wholeLength: Int)
            case icmpOrigin
        }
        var kind: Kind
        var from: Side
        /// Member indices, in the direction of travel.
        var upstream: Int
        var downstream: Int
        /// The packet at the downstream member.
        var packet: PacketRef
    }

    var packets: [PacketAcross] = []
    var passages: [SegmentPassage] = []
    var presence: [PointSession: [Int: UInt64]] = [:]
    var changes: [Change] = []
    /// Per member: packets it did not see although points on both sides of it did (or, for packets from an end,
    /// the points beyond it did): the capture there missed them, the path did not lose them.
    var captureMisses: [Int: Int] = [:]
    /// Per silent point (by input index): packets of each flow that went past its place on the path — seen
    /// beyond it in their direction of travel — without it recording them. For those flows its silence says
    /// nothing (its capture left them out, or they take another route).
    var passedSilent: [Int: [FlowClass: Int]] = [:]
    /// Per silent point: packets of each flow that stopped before it (the segment of their loss ends there).
    var stoppedBeforeSilent: [Int: [FlowClass: Int]] = [:]

    /// `silent`: points that hold none of the session's packets although their window covers it; `rank`: every
    /// point's place along the path (0 nearest the client).
    init(
        points: [PointCapture], members: [PointSession], bySession: [[Int: [Int]]],
        pairs: [(PointSession, PointSession, [(Int, Int)])], offsets: [Double?], placements: [PointPlacement],
        silent: [SilentPoint] = [], rank: [Int] = []
    ) {
        let lists = members.map { bySession[$0.point][$0.session] ?? [] }
        var base: [Int] = []
        var total = 0
        for list in lists {
            base.append(total)
            total += list.count
        }
        let position: [[Int: Int]] = lists.map { list in
            var map: [Int: Int] = [:]
            for (k, i) in list.enumerated() { map[i] = k }
            return map
        }
        var sets = DisjointSets(count: total)
        let memberIndex = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
        for (a, b, found) in pairs {
            guard let x = memberIndex[a], let y = memberIndex[b] else { continue }
            for (i, j) in found {
                if let pi = position[x][i], let pj = position[y][j] { sets.union(base[x] + pi, base[y] + pj) }
            }
        }
        var byRoot: [Int: Int] = [:]
        for (m, list) in lists.enumerated() {
            for (k, i) in list.enumerated() {
                let root = sets.find(base[m] + k)
                let s = points[members[m].point].sightings[i]
                if let existing = byRoot[root] {
                    if packets[existing].at[m] == nil { packets[existing].at[m] = i }
                } else {
                    var across = PacketAcross(flow: s.flow, from: s.from, at: Array(repeating: nil, count: members.count))
                    across.at[m] = i
                    byRoot[root] = packets.count
                    packets.append(across)
                }
            }
        }

        var passageIndex: [String: Int] = [:]
        func passage(_ flow: FlowClass, _ from: Side, upstream: String, downstream: String) -> Int {
            let key = "\(flow.rawValue) \(from.rawValue) \(upstream) \(downstream)"
            if let i = passageIndex[key] { return i }
            passageIndex[key] = passages.count
            passages.append(
                SegmentPassage(
                    flow: flow, from: from, upstream: upstream, downstream: downstream,
                    passed: 0, lost: 0, firstLost: nil, lastLost: nil))
            return passages.count - 1
        }
        func passage(_ flow: FlowClass, _ from: Side, _ up: Int, _ down: Int) -> Int {
            passage(flow, from, upstream: points[members[up].point].name, downstream: points[members[down].point].name)
        }
        func rankOf(_ point: Int) -> Int { point < rank.count ? rank[point] : point }
        /// Whether a point at rank `r` lies beyond rank `x` for a packet from `side` (further from the sender).
        func beyond(_ r: Int, _ x: Int, from side: Side) -> Bool { side == .client ? r > x : r < x }
        func ref(_ m: Int, _ i: Int) -> PacketRef {
            let p = points[members[m].point]
            let s = p.sightings[i]
            return PacketRef(number: s.number, time: Double(s.time &- (p.firstTimestamp ?? s.time)) / 1e9)
        }
        // The last packet of this session each member saw from each side: a packet that should have passed a
        // member before that one did is missing there, however near the end of its capture.
        var latest: [Int: [Side: Int64]] = [:]
        for (m, list) in lists.enumerated() {
            for i in list {
                let s = points[members[m].point].sightings[i]
                latest[m, default: [:]][s.from] = max(latest[m]?[s.from] ?? .min, s.time)
            }
        }
        /// Whether member `m` was capturing when a packet from `side` seen by member `seenBy` at `time` would have
        /// passed it: within its capture, and not in its last half second unless it saw later packets of the
        /// session from the same side.
        func capturing(_ m: Int, seenBy: Int, time: Int64, from side: Side) -> Bool {
            let p = points[members[m].point]
            guard let first = p.firstTimestamp, let last = p.lastTimestamp else { return false }
            let shift = (offsets[members[m].point] ?? 0) - (offsets[members[seenBy].point] ?? 0)
            let t = Nanos.add(time, Nanos.from(seconds: shift))
            guard t >= Nanos.add(first, -100_000_000) else { return false }
            return t <= Nanos.add(last, -500_000_000) || t < (latest[m]?[side] ?? .min)
        }

        let forward = Array(members.indices)
        // First, which flows went past each silent point: for them its silence is no evidence of loss.
        for packet in packets {
            let travel = packet.from == .client ? forward : Array(forward.reversed())
            guard let lastSeen = travel.lastIndex(where: { packet.at[$0] != nil }) else { continue }
            let reached = rankOf(members[travel[lastSeen]].point)
            for q in silent where beyond(reached, rankOf(q.point), from: packet.from) {
                passedSilent[q.point, default: [:]][packet.flow, default: 0] += 1
            }
        }
        for packet in packets {
            let travel = packet.from == .client ? forward : Array(forward.reversed())
            guard let firstSeen = travel.firstIndex(where: { packet.at[$0] != nil }),
                let lastSeen = travel.lastIndex(where: { packet.at[$0] != nil }),
                let seenIndex = packet.at[travel[firstSeen]]
            else { continue }
            let seenTime = points[members[travel[firstSeen]].point].sightings[seenIndex].time
            if packet.flow != .icmp {
                for k in 0..<firstSeen where capturing(travel[k], seenBy: travel[firstSeen], time: seenTime, from: packet.from) {
                    captureMisses[travel[k], default: 0] += 1
                }
            } else if firstSeen > 0,
                capturing(
                    travel[firstSeen - 1], seenBy: travel[firstSeen], time: seenTime,
                    from: packet.from)
            {
                changes.append(
                    Change(
                        kind: .icmpOrigin, from: packet.from, upstream: travel[firstSeen - 1],
                        downstream: travel[firstSeen], packet: ref(travel[firstSeen], seenIndex)))
            }
            var previous = firstSeen
            for k in (firstSeen + 1)..<max(firstSeen + 1, lastSeen + 1) {
                guard let here = packet.at[travel[k]] else {
                    captureMisses[travel[k], default: 0] += 1
                    continue
                }
                passages[passage(packet.flow, packet.from, travel[k - 1], travel[k])].passed += 1
                if let there = packet.at[travel[previous]] {
                    let a = points[members[travel[previous]].point].sightings[there]
                    let b = points[members[travel[k]].point].sightings[here]
                    if a.mss != b.mss, a.mss != nil || b.mss != nil {
                        changes.append(
                            Change(
                                kind: .mss(a.mss, b.mss), from: packet.from, upstream: travel[previous],
                                downstream: travel[k], packet: ref(travel[k], here)))
                    }
                    if !a.fragmented, b.fragmented {
                        changes.append(
                            Change(
                                kind: .fragmented(wholeLength: a.ipLength), from: packet.from,
                                upstream: travel[previous], downstream: travel[k],
                                packet: ref(travel[k], here)))
                    }
                }
                previous = k
            }
            // The nearest silent point beyond the last point that saw the packet (and before the next member)
            // ends the segment where it was lost: it recorded other traffic all along and not this.
            let reached = rankOf(members[travel[lastSeen]].point)
            let nextMember = lastSeen + 1 < travel.count ? rankOf(members[travel[lastSeen + 1]].point) : nil
            let stop = silent.filter { q in
                beyond(rankOf(q.point), reached, from: packet.from)
                    && nextMember.map { beyond($0, rankOf(q.point), from: packet.from) } ?? true
                    && passedSilent[q.point]?[packet.flow] == nil
            }.min { abs(rankOf($0.point) - reached) < abs(rankOf($1.point) - reached) }
            if let stop, let last = packet.at[travel[lastSeen]] {
                let i = passage(
                    packet.flow, packet.from, upstream: points[members[travel[lastSeen]].point].name,
                    downstream: points[stop.point].name)
                let r = ref(travel[lastSeen], last)
                passages[i].lost += 1
                if passages[i].firstLost == nil { passages[i].firstLost = r }
                passages[i].lastLost = r
                stoppedBeforeSilent[stop.point, default: [:]][packet.flow, default: 0] += 1
            } else if lastSeen + 1 < travel.count, let last = packet.at[travel[lastSeen]] {
                let time = points[members[travel[lastSeen]].point].sightings[last].time
                if capturing(travel[lastSeen + 1], seenBy: travel[lastSeen], time: time, from: packet.from) {
                    let i = passage(packet.flow, packet.from, travel[lastSeen], travel[lastSeen + 1])
                    let r = ref(travel[lastSeen], last)
                    passages[i].lost += 1
                    if passages[i].firstLost == nil { passages[i].firstLost = r }
                    passages[i].lastLost = r
                }
            }
            var mask: UInt64 = 0
            for (m, i) in packet.at.enumerated() where i != nil && members[m].point < 64 { mask |= 1 << UInt64(members[m].point) }
            for (m, i) in packet.at.enumerated() {
                guard let i else { continue }
                presence[members[m], default: [:]][points[members[m].point].sightings[i].number] = mask
            }
        }
        passages.sort { ($0.flow, $0.from.rawValue, $0.upstream) < ($1.flow, $1.from.rawValue, $1.upstream) }
    }
}
