public import PPTPDissect
public import PPTPSessions

/// Matches log sessions to the capture's sessions by what both carry, strongest first: LCP magic numbers (pppd
/// logs them in every Configure-Request and echo; 32 random bits), PPTP Call IDs (pptp-linux logs both), then
/// the client's address (pptpd) or the time alone (Windows events) within the session's span. Each log session
/// joins one capture session. Then it estimates each file's clock offset from the packets both show, and places
/// every log event on the capture's clock.
public struct LogJoin: Sendable {
    public private(set) var files: [LogFile]
    /// The capture's first packet, seconds since 1970 UTC.
    let captureStart: Double
    let assumedYear: Int
    private var claimed: Set<Int> = []
    private var all: [(file: Int, session: LogSession)]
    /// Per file: offset to add to a log time (epoch, year and zone assumed) to get the capture's epoch time.
    private var offsets: [Int: (seconds: Double, samples: Int)] = [:]

    public init(files: [LogFile], captureStart: Double) {
        self.files = files
        self.captureStart = captureStart
        assumedYear = LogTimestamp.year(ofEpochSeconds: captureStart)
        all = files.enumerated().flatMap { i, f in f.sessions.map { (i, $0) } }
    }

    /// Log sessions no capture session took, for the report's notes.
    public var unmatched: [LogSession] { all.indices.filter { !claimed.contains($0) }.map { all[$0].session } }

    /// The logs of one capture session; sessions are asked in number order, and a log session goes to the first
    /// that matches it.
    public mutating func logs(for session: Session) -> SessionLogs? {
        var joined: [JoinedLog] = []
        // Strong keys first, so a file's clock offset is known before the weaker, time-based matches.
        for i in all.indices where !claimed.contains(i) {
            guard let (role, how) = strongMatch(all[i].session, session) else { continue }
            claimed.insert(i)
            var strong = place(all[i].session, role: role, how: how, in: session, file: all[i].file)
            strong.byStrongKey = true
            joined.append(strong)
        }
        // Weak keys (an address, the time) may fit several log sessions (two clients behind one NAT): of each
        // program's candidates, the one nearest in time.
        var nearest: [LogSource: (index: Int, role: LogRole, how: String, distance: Double)] = [:]
        for i in all.indices where !claimed.contains(i) {
            guard let (role, how, distance) = weakMatch(all[i].session, session, file: all[i].file) else { continue }
            let source = all[i].session.source
            // One process of each program per end: a second pptp beside the one whose Call IDs matched is
            // another client's.
            if joined.contains(where: { $0.log.source == source && $0.role == role }) { continue }
            if let best = nearest[source], best.distance <= distance { continue }
            nearest[source] = (i, role, how, distance)
        }
        for (_, c) in nearest.sorted(by: { $0.value.index < $1.value.index }) {
            claimed.insert(c.index)
            joined.append(place(all[c.index].session, role: c.role, how: c.how, in: session, file: all[c.index].file))
        }
        // pptpd's control process names the pppd it started: where one is joined, so is the other.
        for i in all.indices where !claimed.contains(i) {
            let s = all[i].session
            guard
                let partner = joined.first(where: { j in
                    j.log.file == s.file
                        && (s.children.contains(j.log.process ?? "") || j.log.children.contains(s.process ?? ""))
                })
            else { continue }
            claimed.insert(i)
            var started = place(
                s, role: s.role ?? partner.role, how: "started \(partner.log.process ?? "pppd")", in: session,
                file: all[i].file)
            started.byStrongKey = partner.byStrongKey
            joined.append(started)
        }
        return joined.isEmpty ? nil : SessionLogs(joined: joined)
    }

    // MARK: - Matching

    /// LCP magic numbers and PPTP Call IDs: random enough that one match is the session.
    private func strongMatch(_ log: LogSession, _ s: Session) -> (LogRole, String)? {
        let (own, peer) = log.magicNumbers
        for side in [Side.client, .server] {
            // Its own magic: in its Configure-Requests and echoes (an Ack repeats the peer's).
            let mine = Set(
                s.calls.flatMap(\.ppp).filter { $0.from == side && ($0.code == 1 || (9...11).contains($0.code)) }
                    .compactMap(\.magic))
            let name = side == .client ? "client's" : "server's"
            if let m = own.first(where: mine.contains) {
                return (side == .client ? .client : .server, "LCP magic number 0x\(String(m, radix: 16)) (\(name))")
            }
            if let m = peer.first(where: mine.contains) {
                return (side == .client ? .server : .client, "LCP magic number 0x\(String(m, radix: 16)) (\(name))")
            }
        }
        for statement in log.events.compactMap(\.statement) {
            guard case .outgoingCallEstablished(let mine, let theirs) = statement else { continue }
            if s.calls.contains(where: { $0.clientCallID == mine && ($0.serverCallID == theirs || $0.serverCallID == nil) }) {
                return (.client, "PPTP Call IDs \(mine)/\(theirs)")
            }
        }
        return nil
    }

    /// An address the log names (the client pptpd served, the server pptp called, the server's Call ID behind a
    /// NAT that rewrote the client's) or the time alone (Windows events), within the session's span when the log
    /// has times; with the distance in time, to choose among several.
    private func weakMatch(_ log: LogSession, _ s: Session, file: Int) -> (LogRole, String, Double)? {
        let window = (s.first.time - 5)...(s.last.time + 120)
        let t = roughTime(of: log, file: file, near: s)
        if let t, !window.contains(t) { return nil }
        let distance = t.map { abs($0 - s.first.time) } ?? .infinity
        for statement in log.events.compactMap(\.statement) {
            switch statement {
            case .controlConnectionStarted(let client) where client == s.client.address.description:
                return (.server, "client address \(client)", distance)
            case .controlConnectionFailed(let server?) where server == s.server.address.description:
                return (.client, "server address \(server)", distance)
            case .outgoingCallEstablished(_, let theirs) where t != nil && s.calls.contains { $0.serverCallID == theirs }:
                return (.client, "the server's Call ID \(theirs) and the time", distance)
            default: continue
            }
        }
        // A pptp-linux call manager that never got a call has only its time (a reset by a server out of addresses).
        if log.source == .pptpClient, t != nil,
            log.events.contains(where: { if case .controlConnectionLost = $0.statement { true } else { false } })
        {
            return (.client, "the time of its control connection", distance)
        }
        if log.source == .windowsRasClient || log.source == .windowsRemoteAccess, t != nil {
            return (log.source.impliedRole ?? .client, "time (within the session's span)", distance)
        }
        return nil
    }

    /// A log session's first time on the capture's clock, when its lines carry times. A zone-less log whose file
    /// has no estimated offset is read in the zone (a whole quarter-hour, at most 14 h) that puts its start nearest
    /// the session's: the zone is a property of the file, not of each line.
    private func roughTime(of log: LogSession, file: Int, near s: Session) -> Double? {
        guard let ts = log.firstTimestamp else { return nil }
        let raw = ts.epochSeconds(assumingYear: assumedYear) - captureStart
        if let o = offsets[file] { return raw + o.seconds }
        return raw + Self.zoneGuess(ts, raw: raw, sessionStart: s.first.time)
    }

    /// What to add to a zone-less time to put it nearest `sessionStart`: a whole number of quarter-hours.
    static func zoneGuess(_ ts: LogTimestamp, raw: Double, sessionStart: Double) -> Double {
        guard ts.utcOffsetSeconds == nil else { return 0 }
        let zone = ((sessionStart - raw) / 900).rounded() * 900
        return abs(zone) <= 14 * 3600 ? zone : 0
    }

    // MARK: - Placing

    private mutating func place(_ log: LogSession, role: LogRole, how: String, in s: Session, file: Int) -> JoinedLog {
        // Logged packets find their captured packet in order: a pointer per side, so a repeated request matches
        // its own retransmission, not the first.
        let ppp = s.calls.flatMap(\.ppp).sorted { $0.packet.number < $1.packet.number }
        var next = 0
        var matched: [Int: PacketRef] = [:]
        var samples: [Double] = []
        for (k, e) in log.events.enumerated() {
            guard let logged = e.packet else { continue }
            guard let j = ppp[next...].firstIndex(where: { PacketCorrespondence.matches(logged, writtenAt: role, $0) }) else {
                continue
            }
            matched[k] = ppp[j].packet
            next = j + 1
            if let ts = e.timestamp {
                samples.append(captureStart + ppp[j].packet.time - ts.epochSeconds(assumingYear: assumedYear))
            }
        }
        // pptpd and pptp-linux say when the control connection and the call came up: each such line is the
        // captured control message it reports, when the two are within a couple of seconds.
        for (k, e) in log.events.enumerated() where matched[k] == nil {
            guard let statement = e.statement, let type = Self.controlCounterpart(statement),
                let message = s.control.first(where: { $0.type == type })
            else { continue }
            if let ts = e.timestamp {
                let raw = ts.epochSeconds(assumingYear: assumedYear) - captureStart
                let guess = raw + (offsets[file]?.seconds ?? Self.zoneGuess(ts, raw: raw, sessionStart: message.packet.time))
                guard abs(guess - message.packet.time) < 2 else { continue }
                samples.append(captureStart + message.packet.time - ts.epochSeconds(assumingYear: assumedYear))
            }
            matched[k] = message.packet
        }
        if !samples.isEmpty, offsets[file] == nil {
            samples.sort()
            offsets[file] = (samples[samples.count / 2], samples.count)
        }
        // No packet to measure against: a zone-less file is read in the zone that puts this session's log start
        // nearest the capture session's, for all its lines (no samples: the clock text says it was assumed).
        if offsets[file] == nil, let ts = log.firstTimestamp, ts.utcOffsetSeconds == nil {
            let raw = ts.epochSeconds(assumingYear: assumedYear) - captureStart
            offsets[file] = (Self.zoneGuess(ts, raw: raw, sessionStart: s.first.time), 0)
        }
        let offset = offsets[file]?.seconds
        var placed: [PlacedEvent] = []
        var last = s.first.time
        for (k, e) in log.events.enumerated() {
            if let p = matched[k] {
                last = max(last, p.time)
                placed.append(PlacedEvent(event: e, time: p.time, packet: p, timed: false))
            } else if let ts = e.timestamp {
                let raw = ts.epochSeconds(assumingYear: assumedYear) - captureStart
                let t = raw + (offset ?? 0)
                placed.append(PlacedEvent(event: e, time: t, packet: nil, timed: true))
                last = max(last, t)
            } else {
                placed.append(PlacedEvent(event: e, time: last, packet: nil, timed: false))
            }
        }
        let clock: String
        if !matched.isEmpty, log.events.allSatisfy({ $0.timestamp == nil }) {
            clock = "no times in the log: its lines are placed at the \(matched.count) packets they log"
        } else if let o = offsets[file], o.samples > 0 {
            clock = clockText(o, file: file)
        } else if let ts = log.firstTimestamp {
            clock =
                ts.isAbsolute
                ? "the log's own times (UTC)"
                : "the log's times have no "
                    + (ts.year == nil ? "year or zone: read as \(assumedYear), " : "zone: read ")
                    + "as UTC\(Self.zoneName(-(offsets[file]?.seconds ?? 0))) (the zone that puts them within the session)"
        } else {
            clock = "no times in the log: placed in order after the session's start"
        }
        return JoinedLog(log: log, role: role, matchedBy: how, events: placed, clock: clock)
    }

    /// The control message a pptpd or pptp-linux line reports.
    static func controlCounterpart(_ s: LogStatement) -> PPTPMessageType? {
        switch s {
        case .controlConnectionStarted: .startControlConnectionRequest
        case .controlConnectionEstablished: .startControlConnectionReply
        case .callStarting, .outgoingCallEstablished: .outgoingCallReply
        default: nil
        }
    }

    private func clockText(_ o: (seconds: Double, samples: Int), file: Int) -> String {
        let yearNote = files[file].sessions.contains { $0.firstTimestamp?.year == nil } ? ", year read as \(assumedYear)" : ""
        let s = o.seconds
        let direction =
            abs(s) < 0.5
            ? "the capture's clock (within a second)"
            : s > 0 ? "\(Self.seconds(s)) behind the capture's clock" : "\(Self.seconds(-s)) ahead of the capture's clock"
        let packets = o.samples == 1 ? "1 packet" : "\(o.samples) packets"
        return "the log's clock is \(direction), from \(packets) both show\(yearNote)"
    }

    /// `+1`, `-5:30`, or nothing for UTC itself.
    static func zoneName(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        guard minutes != 0 else { return "" }
        let sign = minutes < 0 ? "-" : "+"
        let m = abs(minutes)
        return m % 60 == 0 ? "\(sign)\(m / 60)" : "\(sign)\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)"
    }

    static func seconds(_ s: Double) -> String {
        s >= 3600
            ? "\(Int(s / 3600)) h \(Int(s.truncatingRemainder(dividingBy: 3600) / 60)) min" : String(Int(s.rounded())) + " s"
    }
}
