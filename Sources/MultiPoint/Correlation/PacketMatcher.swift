/// Pairs the packets of one session at two points: equal keys, nth occurrence with nth occurrence (a
/// retransmission repeats its key; the copies pair in order).
enum PacketMatcher {
    /// Pairs of sighting indices (at `p`, at `q`).
    static func pairs(_ p: PointCapture, _ pIndices: [Int], _ q: PointCapture, _ qIndices: [Int]) -> [(Int, Int)] {
        var waiting: [PacketKey: [Int]] = [:]
        for i in qIndices { waiting[q.sightings[i].key, default: []].append(i) }
        var cursor: [PacketKey: Int] = [:]
        var result: [(Int, Int)] = []
        for i in pIndices {
            let key = p.sightings[i].key
            guard let list = waiting[key] else { continue }
            let next = cursor[key, default: 0]
            guard next < list.count else { continue }
            cursor[key] = next + 1
            result.append((i, list[next]))
        }
        return result
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
