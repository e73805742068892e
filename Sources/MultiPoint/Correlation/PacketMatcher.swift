import PPTPSessions

/// Pairs the packets of one session at two points: equal keys, nth occurrence with nth occurrence (a
/// retransmission repeats its key; the copies pair in order) — unless one point holds more copies of a key than
/// the other: a copy was lost between them and sent again, and the survivor is whichever copy's time difference
/// is nearest the usual one for its direction, not necessarily the first.
enum PacketMatcher {
    /// Pairs of sighting indices (at `p`, at `q`).
    static func pairs(_ p: PointCapture, _ pIndices: [Int], _ q: PointCapture, _ qIndices: [Int]) -> [(Int, Int)] {
        var atQ: [PacketKey: [Int]] = [:]
        for i in qIndices { atQ[q.sightings[i].key, default: []].append(i) }
        var atP: [PacketKey: [Int]] = [:]
        var keys: [PacketKey] = []
        for i in pIndices {
            let key = p.sightings[i].key
            guard atQ[key] != nil else { continue }
            if atP[key] == nil { keys.append(key) }
            atP[key, default: []].append(i)
        }
        var result: [(Int, Int)] = []
        var uneven: [PacketKey] = []
        // How much later q sees a packet than p does, per direction: its clock's offset plus or minus the delay.
        var differences: [Side: [Int64]] = [:]
        for key in keys {
            guard let mine = atP[key], let theirs = atQ[key] else { continue }
            guard mine.count == theirs.count else {
                uneven.append(key)
                continue
            }
            for (i, j) in zip(mine, theirs) {
                result.append((i, j))
                differences[p.sightings[i].from, default: []].append(q.sightings[j].time &- p.sightings[i].time)
            }
        }
        let anyDirection = median(differences.values.flatMap { $0 })
        for key in uneven {
            guard let mine = atP[key], let theirs = atQ[key] else { continue }
            let usual = median(differences[p.sightings[mine[0]].from] ?? []) ?? anyDirection
            let chosen = survivors(mine.count, of: theirs.count, usual: usual) { a, b in
                mine.count < theirs.count
                    ? q.sightings[theirs[b]].time &- p.sightings[mine[a]].time
                    : q.sightings[theirs[a]].time &- p.sightings[mine[b]].time
            }
            for (a, b) in chosen { result.append(mine.count < theirs.count ? (mine[a], theirs[b]) : (mine[b], theirs[a])) }
        }
        return result
    }

    /// Pairs each of `few` copies (in order) with one of `many`, keeping the order: by default the first ones; with
    /// a usual time difference, the ones nearest it (`difference(a, b)`: copy `a` of the few against copy `b`).
    /// Copies come in time order, so the distance to the usual difference falls and then rises along the many: each
    /// search stops where it starts rising, and all of them together walk the many once.
    static func survivors(
        _ few: Int, of many: Int, usual: Int64?, difference: (Int, Int) -> Int64
    ) -> [(Int, Int)] {
        let count = min(few, many)
        guard let usual else { return (0..<count).map { ($0, $0) } }
        func distance(_ a: Int, _ b: Int) -> UInt64 { (difference(a, b) &- usual).magnitude }
        var chosen: [(Int, Int)] = []
        var next = 0
        for a in 0..<count {
            // Leave enough of the many for the few still to pair.
            let last = many - (count - a)
            var b = next
            while b < last, distance(a, b + 1) < distance(a, b) { b += 1 }
            chosen.append((a, b))
            next = b + 1
        }
        return chosen
    }
}

/// Union-find over small integer ids: which sightings at several points are one packet.
struct DisjointSets {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ x: Int) -> Int {
        var root = x
        while parent[root] != root { root = parent[root] }
        var node = x
        while parent[node] != root {
            let next = parent[node]
            parent[node] = root
            node = next
        }
        return root
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a)
        let rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}

func median(_ values: [Int64]) -> Int64? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func median(_ values: [Int]) -> Int? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}
