import PPTPSessions

/// Where the points sit and how their clocks relate, from the packets seen at two points at once.
///
/// For a packet from the client seen at P then Q, `tQ − tP` is Q's clock offset plus the delay from P to Q; for
/// a packet from the server it is the offset minus that delay. With both directions the two separate (the
/// delay taken as symmetric); with one, the offset carries the delay and says so. The order along the path comes
/// from TTLs first — a router decrements every packet it forwards, so the client's packets arrive with lower TTLs
/// the farther from the client they are seen — and from the sign of the delay where the TTLs are equal.
struct PathGeometry {
    struct PairObservations {
        var clientToServerDelta: [Int64] = []
        var serverToClientDelta: [Int64] = []
    }

    /// Observations for each ordered pair of points (i < j): times as `tj − ti`.
    var observations: [[PairObservations]]
    /// Client-packet TTL drops from the client (per point, one value per session group).
    var hopsFromClient: [[Int]]
    var hopsFromServer: [[Int]]

    init(pointCount: Int) {
        observations = Array(repeating: Array(repeating: PairObservations(), count: pointCount), count: pointCount)
        hopsFromClient = Array(repeating: [], count: pointCount)
        hopsFromServer = Array(repeating: [], count: pointCount)
    }

    mutating func observe(_ a: Sighting, at i: Int, _ b: Sighting, at j: Int) {
        guard a.flow != .icmp else { return }
        let (first, second, lo, hi) = i < j ? (a, b, i, j) : (b, a, j, i)
        let delta = second.time &- first.time
        if first.from == .client {
            observations[lo][hi].clientToServerDelta.append(delta)
        } else {
            observations[lo][hi].serverToClientDelta.append(delta)
        }
    }

    /// Records the TTLs of one session's packets at its points (client's packets by point, server's by point).
    mutating func observeTTLs(clientTTLs: [Int: [Int]], serverTTLs: [Int: [Int]]) {
        if let top = clientTTLs.values.compactMap({ $0.max() }).max() {
            let initial = Self.initialTTL(atLeast: top)
            for (point, ttls) in clientTTLs { if let m = median(ttls) { hopsFromClient[point].append(initial - m) } }
        }
        if let top = serverTTLs.values.compactMap({ $0.max() }).max() {
            let initial = Self.initialTTL(atLeast: top)
            for (point, ttls) in serverTTLs { if let m = median(ttls) { hopsFromServer[point].append(initial - m) } }
        }
    }

    static func initialTTL(atLeast ttl: Int) -> Int { [32, 64, 128, 255].first { $0 >= ttl } ?? 255 }

    struct Estimate {
        /// Seconds: clock of the second point minus the first's.
        var offset: Double
        /// One-way delay from the first point to the second towards the server (negative: the second is nearer
        /// the client); nil when only one direction was seen.
        var delay: Double?
        var samples: Int
    }

    func estimate(_ i: Int, _ j: Int) -> Estimate? {
        let (lo, hi) = i < j ? (i, j) : (j, i)
        let o = observations[lo][hi]
        let c = median(o.clientToServerDelta).map { Double($0) / 1e9 }
        let s = median(o.serverToClientDelta).map { Double($0) / 1e9 }
        var e: Estimate
        switch (c, s) {
        case (let c?, let s?):
            e = Estimate(
                offset: (c + s) / 2, delay: (c - s) / 2,
                samples: o.clientToServerDelta.count + o.serverToClientDelta.count)
        case (let c?, nil): e = Estimate(offset: c, delay: nil, samples: o.clientToServerDelta.count)
        case (nil, let s?): e = Estimate(offset: s, delay: nil, samples: o.serverToClientDelta.count)
        default: return nil
        }
        if i > j {
            e.offset = -e.offset
            e.delay = e.delay.map { -$0 }
        }
        return e
    }

    /// Point indices ordered from the client towards the server.
    func order(count n: Int) -> [Int] {
        func hops(_ i: Int) -> Double? {
            let c = hopsFromClient[i].isEmpty ? nil : Double(hopsFromClient[i].reduce(0, +)) / Double(hopsFromClient[i].count)
            let s = hopsFromServer[i].isEmpty ? nil : Double(hopsFromServer[i].reduce(0, +)) / Double(hopsFromServer[i].count)
            switch (c, s) {
            case (let c?, let s?): return (c - s) / 2
            case (let c?, nil): return c
            case (nil, let s?): return -s
            default: return nil
            }
        }
        func position(_ i: Int) -> Double? {
            i == 0 ? 0 : estimate(0, i)?.delay
        }
        return (0..<n).sorted { a, b in
            if let ha = hops(a), let hb = hops(b), abs(ha - hb) >= 0.5 { return ha < hb }
            if let pa = position(a), let pb = position(b), abs(pa - pb) > 20e-6 { return pa < pb }
            return a < b
        }
    }

    func medianHopsFromClient(_ i: Int) -> Int? { median(hopsFromClient[i]) }
}
