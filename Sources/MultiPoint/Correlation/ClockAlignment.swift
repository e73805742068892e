/// How a point's clock was set against the first point's.
public enum ClockMethod: String, Sendable {
    /// The first point: the clock the others are measured against.
    case reference
    /// From packets of the sessions seen both here and at another point.
    case sessionPackets = "session-packets"
    /// From other traffic (no session's packets) seen both here and at another point: a point that saw none of
    /// a session's packets still shares the web, DNS and other tunnels around it.
    case otherTraffic = "other-traffic"
    /// No packet in common: the clock is taken as right, and a session counts for this point only where its
    /// capture window covers the session by more than the clocks of two machines plausibly disagree.
    case captureWindow = "capture-window"
}

/// One point's clock against the first point's.
struct ClockEstimate {
    /// This clock minus the first point's, in seconds (nil: nothing in common).
    var offset: Double?
    /// How far the true offset may be from `offset`, in seconds (nil: not bounded by what was seen — one
    /// direction only, so the one-way delay is inside the offset).
    var uncertainty: Double?
    var method: ClockMethod
    var reason: String
}

/// Sets every point's clock against the first point's: on session packets seen at two points where there are
/// any, on other traffic they share where not, and chained through other points; what is left is taken as
/// right (`captureWindow`).
enum ClockAlignment {
    /// Fewer packets in common than this do not set a clock: two unrelated packets may hash alike.
    static let minimumSharedTraffic = 3

    static func align(_ points: [PointCapture], geometry: PathGeometry) -> [ClockEstimate] {
        let n = points.count
        let names = points.map(\.name)
        var result = Array(
            repeating: ClockEstimate(
                offset: nil, uncertainty: nil, method: .captureWindow,
                reason: "no packet seen both here and at another point: taken as right, so its "
                    + "capture window counts for a session only with "
                    + "\(Words.fixed(SilentPoints.captureWindowTolerance, 0)) s "
                    + "to spare on each side"),
            count: n)
        guard n > 0 else { return result }
        result[0] = ClockEstimate(offset: 0, uncertainty: 0, method: .reference, reason: "the reference clock")
        var known: Set<Int> = [0]
        // Session packets first, along every chain they allow; other traffic only where they leave a point out.
        var traffic: [[PathGeometry.Estimate?]] = Array(repeating: Array(repeating: nil, count: n), count: n)
        var trafficDone = Array(repeating: Array(repeating: false, count: n), count: n)
        for useTraffic in [false, true] {
            var changed = true
            while changed {
                changed = false
                for j in 0..<n where !known.contains(j) {
                    for k in known.sorted() {
                        guard let base = result[k].offset else { continue }
                        var e = geometry.estimate(k, j)
                        var method = ClockMethod.sessionPackets
                        if e == nil, useTraffic {
                            if !trafficDone[k][j] {
                                traffic[k][j] = sharedTraffic(points[k], points[j])
                                trafficDone[k][j] = true
                            }
                            e = traffic[k][j]
                            method = .otherTraffic
                        }
                        guard let e else { continue }
                        let what = method == .sessionPackets ? "packets" : "packets of other traffic (no session's)"
                        let via = k == 0 ? "" : " (through \(names[k]))"
                        let how =
                            e.delay == nil
                            ? "from \(e.samples) \(what) seen at both \(names[k]) and \(names[j]), one direction only: "
                                + "includes the one-way delay"
                            : "from \(e.samples) \(what) seen at both \(names[k]) and \(names[j]) in both directions"
                                + ", one-way delay \(Words.fixed(abs(e.delay ?? 0) * 1000, 1)) ms"
                        // Both directions bound the offset between their two medians (delays are never negative);
                        // the chain adds the uncertainty of the point it goes through.
                        let uncertainty = e.delay.flatMap { d in result[k].uncertainty.map { abs(d) + $0 } }
                        result[j] = ClockEstimate(
                            offset: base + e.offset, uncertainty: uncertainty, method: method,
                            reason: how + via)
                        known.insert(j)
                        changed = true
                        break
                    }
                }
            }
        }
        return result
    }

    /// Clock of `q` minus clock of `p` from the packets of other traffic both recorded: keys that occur once at
    /// each, the median difference in each direction (as `p` saw the addresses).
    static func sharedTraffic(_ p: PointCapture, _ q: PointCapture) -> PathGeometry.Estimate? {
        guard !p.traffic.isEmpty, !q.traffic.isEmpty else { return nil }
        func once(_ list: [TrafficSighting]) -> [PacketKey: Int] {
            var seen: [PacketKey: Int] = [:]
            for (i, s) in list.enumerated() { seen[s.key] = seen[s.key] == nil ? i : -1 }
            return seen
        }
        let atQ = once(q.traffic)
        var forward: [Int64] = []
        var backward: [Int64] = []
        for (key, i) in once(p.traffic) where i >= 0 {
            guard let j = atQ[key], j >= 0 else { continue }
            let delta = q.traffic[j].time &- p.traffic[i].time
            if p.traffic[i].forward { forward.append(delta) } else { backward.append(delta) }
        }
        guard forward.count + backward.count >= minimumSharedTraffic else { return nil }
        let f = median(forward).map { Double($0) / 1e9 }
        let b = median(backward).map { Double($0) / 1e9 }
        switch (f, b) {
        case (let f?, let b?): return .init(offset: (f + b) / 2, delay: (f - b) / 2, samples: forward.count + backward.count)
        case (let f?, nil): return .init(offset: f, delay: nil, samples: forward.count)
        case (nil, let b?): return .init(offset: b, delay: nil, samples: backward.count)
        default: return nil
        }
    }
}
