import Foundation
import PPTPAnalysis
import PPTPDissect
import PPTPTestSupport
import Testing

@testable import PPTPSessions

// TestSupport has its own Side, PPPProtocol and IPProtocol (for building packets): the model's are spelled in full.

/// The spool encoding of finished sessions: whatever is written reads back equal, and bytes that are not one
/// complete encoding read back as nil without a trap.
@Suite("Session codec")
struct SessionCodecTests {
    // MARK: Helpers

    static func encoded(_ session: Session) -> [UInt8] {
        var bytes: [UInt8] = []
        SessionCodec.encode(session, into: &bytes)
        return bytes
    }

    static func decoded(_ bytes: [UInt8]) -> Session? {
        bytes.withUnsafeBytes { SessionCodec.decode($0) }
    }

    /// Every capture file under a folder, at any depth, sorted.
    static func captures(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { ["pcap", "pcapng", "cap"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }

    /// Round-trips every session of every capture that opens; returns (captures opened, sessions compared).
    static func roundTripAll(_ files: [URL], label: (URL) -> String) -> (captures: Int, sessions: Int) {
        var captures = 0
        var sessions = 0
        for url in files {
            // Hostile fixtures may not open at all; a file that opens is analysed as far as it reads.
            guard let result = try? Analyzer.analyze(path: url.path) else { continue }
            captures += 1
            for session in result.sessions {
                let bytes = encoded(session)
                let back = decoded(bytes)
                #expect(back == session, "\(label(url)) session \(session.index): decoded differs")
                sessions += 1
            }
        }
        return (captures, sessions)
    }

    static func fixtureSession(_ scenario: String) throws -> Session {
        let s = try #require(FixtureCatalog.named(scenario))
        let url = ProjectPaths.scenarios.appendingPathComponent(scenario).appendingPathComponent(s.format.fileName)
        return try #require(try Analyzer.analyze(path: url.path).sessions.first)
    }

    // MARK: Real sessions

    @Test("every session of every capture in Fixtures/ decodes equal to the original")
    func fixtureSessionsRoundTrip() {
        let files = Self.captures(under: ProjectPaths.fixtures)
        #expect(files.count >= 50, "capture files found under Fixtures/: \(files.count)")
        let root = ProjectPaths.fixtures.path + "/"
        let (captures, sessions) = Self.roundTripAll(files) { String($0.path.dropFirst(root.count)) }
        #expect(captures >= 50, "fixture captures opened: \(captures)")
        #expect(sessions >= 50, "fixture sessions round-tripped: \(sessions)")
    }

    @Test("every session of every real capture in ../shared/captures decodes equal to the original")
    func sharedCaptureSessionsRoundTrip() {
        guard let dir = ProjectPaths.sharedCaptures else {
            Issue.record("../shared/captures is absent: real captures not round-tripped", severity: .warning)
            return
        }
        let files = Self.captures(under: dir)
        #expect(!files.isEmpty, "no capture files in \(dir.path)")
        let (captures, sessions) = Self.roundTripAll(files) { $0.lastPathComponent }
        #expect(captures >= 5, "real captures opened: \(captures)")
        #expect(sessions >= 5, "real sessions round-tripped: \(sessions)")
    }

    // MARK: Hand-made sessions

    static func control(_ type: UInt16, number: Int, from side: PPTPSessions.Side = .client) -> ControlEvent {
        ControlEvent(
            packet: PacketRef(number: number, time: Double(number) / 7), from: side,
            type: PPTPMessageType(rawValue: type), callID: UInt16.max, peerCallID: 0, resultCode: 255,
            errorCode: 0, causeCode: UInt16.max, reason: 128, hostName: "", vendorName: "Микрософт ✓ 🚀",
            callSerial: 0x8000, summary: "type \(type) — «résumé»")
    }

    static func ppp(_ proto: PPTPDissect.PPPProtocol, number: Int, full: Bool) -> PPPEvent {
        let side: PPTPSessions.Side = number % 2 == 0 ? .client : .server
        var e = PPPEvent(
            packet: PacketRef(number: number, time: -0.0), from: side, proto: proto,
            code: UInt8(truncatingIfNeeded: number), identifier: 255, detail: full ? "MRU=1400 ünï" : "")
        guard full else { return e }
        e.authProtocol = 0xC223
        e.authAlgorithm = 0x81
        e.mru = UInt16.max
        for t: UInt8 in [0, 1, 3, 18, 63, 64, 127, 128, 200, 255] { e.optionTypes.insert(t) }
        e.rejectedProtocol = PPTPDissect.PPPProtocol(rawValue: UInt16.max)
        e.mppeBits = UInt32.max
        e.ipAddress = .v6(0xFE80_0000_0000_0000, UInt64.max)
        e.msError = Int.min
        e.msRetry = false
        e.message = ""
        e.userName = "DOMAIN\\üser 名前"
        e.authenticatorName = "srv\u{0}nul"
        return e
    }

    static let allProtocols: [PPTPDissect.PPPProtocol] = [
        .lcp, .pap, .chap, .eap, .ccp, .ipcp, .ipv6cp, .lqr, .ipv4, .ipv6,
        .compressed, PPTPDissect.PPPProtocol(rawValue: 0),
    ]

    static func awkwardCall(_ i: Int) -> Call {
        var c = Call()
        c.clientCallID = UInt16(truncatingIfNeeded: i * 1000)
        c.serverCallID = i == 69 ? UInt16.max : nil
        c.request = control(7, number: i)
        c.reply = control(8, number: i + 1, from: .server)
        c.incomingConnected = control(11, number: i + 2)
        c.setLinkInfo = [control(15, number: i + 3), control(15, number: i + 4, from: .server)]
        c.clearRequest = control(12, number: i + 5)
        c.disconnect = control(13, number: i + 6, from: .server)
        c.wanErrors = i % 2 == 0 ? [control(14, number: -i)] : []
        c.greFromClient.packets = Int.max
        c.greFromClient.payloadPackets = -1
        c.greFromClient.ackOnly = Int.min
        c.greFromClient.dataPackets = 1 << 40
        c.greFromClient.bytes = 123_456_789_012
        c.greFromClient.first = PacketRef(number: 1, time: 1e-300)
        c.greFromClient.last = PacketRef(number: 2, time: .leastNonzeroMagnitude)
        c.greFromClient.lastData = PacketRef(number: 3, time: 3)
        c.greFromClient.lost = 1024
        c.greFromClient.reordered = 7
        c.greFromClient.duplicates = 8
        c.greFromClient.largestDatagram = 1500
        c.greFromClient.largeWithDF = 9
        c.greFromClient.lastLargeWithDF = PacketRef(number: Int.max, time: 0)
        c.greFromClient.highestSequence = UInt32.max
        c.greFromServer.highestSequence = 0
        c.greFromServer.first = PacketRef(number: 0, time: 0)
        for (j, proto) in allProtocols.enumerated() {
            c.ppp.append(ppp(proto, number: i * 100 + j, full: j % 2 == 0))
        }
        c.pppDropped = i == 69 ? Int.max : -i
        return c
    }

    static func awkwardSession() -> Session {
        let v6a = IPAddress.v6(0x2001_0DB8_0000_0000, 0x0000_0000_0000_0001)
        let v6b = IPAddress.v6(UInt64.max, UInt64.max)
        var s = Session(
            index: Int.max, client: Endpoint(address: v6a, port: 0),
            server: Endpoint(address: .v4(UInt32.max), port: UInt16.max), controlChannelSeen: false,
            first: PacketRef(number: Int.min, time: -Double.greatestFiniteMagnitude))
        s.sawSYN = true
        s.sawSYNAck = false
        s.sawClientAckOfSYN = true
        s.pppLink = PPPLink(kind: .windowsAdapter, id: UInt16.max)
        let kinds: [TCPEvent.Kind] = [.syn, .synRetransmission, .synAck, .fin, .rst, .retransmission, .outOfOrder, .gap]
        let details: [String?] = [nil, "", "gap of 1460 bytes ✗"]
        for (i, kind) in kinds.enumerated() {
            let side: PPTPSessions.Side = i % 2 == 0 ? .client : .server
            s.tcpEvents.append(
                TCPEvent(
                    packet: PacketRef(number: -i, time: .infinity), from: side, kind: kind,
                    detail: details[i % 3]))
        }
        for type in UInt16(0)...16 {
            let side: PPTPSessions.Side = type % 2 == 0 ? .server : .client
            s.control.append(control(type, number: Int(type), from: side))
        }
        s.control.append(control(UInt16.max, number: Int.max))
        for i in 0..<70 {
            s.calls.append(i % 10 == 0 ? Call() : awkwardCall(i))  // some calls entirely default
        }
        s.icmp = [
            ICMPEvent(
                packet: PacketRef(number: 5, time: 5.5), reporter: .v4(0x0A00_0001), version: 4, type: 3, code: 4,
                mtu: UInt32.max, quotedSource: .v4(0), quotedDestination: .v4(UInt32.max), quotedProtocol: .gre,
                quotedDestinationPort: nil, quotedSourcePort: nil, quotedCallID: UInt16.max, quotedLength: Int.min,
                quotedDontFragment: true),
            ICMPEvent(
                packet: PacketRef(number: 6, time: 6.5), reporter: v6b, version: 6, type: 2, code: 0, mtu: nil,
                quotedSource: v6a, quotedDestination: v6b, quotedProtocol: PPTPDissect.IPProtocol(rawValue: 255),
                quotedDestinationPort: 1723, quotedSourcePort: 0, quotedCallID: nil, quotedLength: Int.max,
                quotedDontFragment: false),
        ]
        s.last = PacketRef(number: Int.max, time: Double.greatestFiniteMagnitude)
        s.packetCount = -1
        s.flows.connections = [
            [s.client, s.server], [s.server, s.client], [],
            [Endpoint(address: .v4(1)), Endpoint(address: v6b, port: 1)],
        ]
        s.flows.gre = [
            SessionFlows.GREFlow(source: v6a, destination: v6b, callID: 0),
            SessionFlows.GREFlow(source: .v4(0), destination: .v4(UInt32.max), callID: UInt16.max),
        ]
        s.flows.icmpPackets = [Int.min, -1, 0, 1, Int.max]
        s.clientTTL = 0
        s.serverTTL = 255
        s.streamProblems = [
            "", "bad cookie 0x1a2b3c4e at byte 12 — resynchronised ✓",
            String(repeating: "長い", count: 600),
        ]
        s.unmatchedGRE = UnmatchedGRE(
            from: .server, callID: UInt16.max, expected: 0, packets: Int.max,
            first: PacketRef(number: -5, time: -5), last: PacketRef(number: 5, time: 5))
        return s
    }

    @Test("a hand-made session with every optional set and awkward values decodes equal to the original")
    func awkwardSessionRoundTrips() throws {
        let s = Self.awkwardSession()
        #expect(s.calls.count == 70)
        #expect(s.calls.contains { $0.greFromClient.highestSequence == UInt32.max })
        let back = try #require(Self.decoded(Self.encoded(s)))
        #expect(back == s)
        // The parts Equatable alone would not make obvious:
        #expect(back.calls[1].ppp[0].optionTypes.contains(255) && back.calls[1].ppp[0].optionTypes.contains(0))
        #expect(!back.calls[1].ppp[0].optionTypes.contains(2))
        #expect(back.client.address == .v6(0x2001_0DB8_0000_0000, 1))
        #expect(back.streamProblems[2].count == 1200)
    }

    @Test("a session with every optional absent and every array empty decodes equal to the original")
    func bareSessionRoundTrips() throws {
        let s = Session(
            index: 0, client: Endpoint(address: .v4(0)), server: Endpoint(address: .v4(0)),
            controlChannelSeen: true, first: PacketRef(number: 0, time: 0))
        let bytes = Self.encoded(s)
        #expect(bytes.first == SessionCodec.formatVersion)
        #expect(Self.decoded(bytes) == s)
    }

    @Test("encoding appends to what the array already holds, and each encoding decodes on its own")
    func encodingAppends() throws {
        let a = try Self.fixtureSession("success-mschapv2")
        let b = Self.awkwardSession()
        var bytes: [UInt8] = [0xAA]
        SessionCodec.encode(a, into: &bytes)
        let split = bytes.count
        SessionCodec.encode(b, into: &bytes)
        #expect(bytes[0] == 0xAA)
        #expect(Self.decoded(Array(bytes[1..<split])) == a)
        #expect(Self.decoded(Array(bytes[split...])) == b)
    }

    @Test("a session decoded from a round-trip diagnoses through the same stored state: its derived values agree")
    func derivedValuesAgree() throws {
        let s = try Self.fixtureSession("mtu-blackhole")
        let back = try #require(Self.decoded(Self.encoded(s)))
        #expect(back.capturePoint == s.capturePoint)
        #expect(back.primaryCall?.isConnected == s.primaryCall?.isConnected)
        #expect(back.primaryCall?.greFromClient.highestSequence == s.primaryCall?.greFromClient.highestSequence)
        #expect(back.primaryCall?.ppp.map(\.codeName) == s.primaryCall?.ppp.map(\.codeName))
        #expect(back.icmp.map(\.summary) == s.icmp.map(\.summary))
    }

    // MARK: Invalid bytes

    @Test("empty input decodes to nil")
    func emptyInput() {
        #expect(Self.decoded([]) == nil)
    }

    @Test("an unknown format version decodes to nil")
    func unknownVersion() throws {
        var bytes = Self.encoded(try Self.fixtureSession("success-mschapv2"))
        bytes[0] = SessionCodec.formatVersion &+ 1
        #expect(Self.decoded(bytes) == nil)
    }

    @Test("every proper prefix of a real session's encoding decodes to nil")
    func everyPrefixIsNil() throws {
        let bytes = Self.encoded(try Self.fixtureSession("success-mschapv2"))
        #expect(bytes.count > 500)
        var nonNil: [Int] = []
        for n in 0..<bytes.count where Self.decoded(Array(bytes[..<n])) != nil { nonNil.append(n) }
        #expect(nonNil.isEmpty, "prefixes that decoded: \(nonNil.prefix(10))")
        #expect(Self.decoded(bytes) != nil)
    }

    @Test("an encoding followed by one more byte decodes to nil")
    func trailingByteIsNil() throws {
        for session in [try Self.fixtureSession("success-mschapv2"), Self.awkwardSession()] {
            for extra: UInt8 in [0, 1, 0xFF] {
                #expect(Self.decoded(Self.encoded(session) + [extra]) == nil)
            }
        }
    }

    @Test("a count larger than the bytes left, an unknown side or an overlong varint decodes to nil")
    func corruptedFieldsAreNil() throws {
        let s = Session(
            index: 0, client: Endpoint(address: .v4(0)), server: Endpoint(address: .v4(0)),
            controlChannelSeen: true, first: PacketRef(number: 0, time: 0))
        let bytes = Self.encoded(s)
        // Layout: version, index, client (tag, 4 bytes, port presence), server (same), 4 bools, tcpEvents count…
        let tcpCount = 1 + 1 + 6 + 6 + 4
        #expect(bytes[tcpCount] == 0)
        var huge = bytes
        huge.replaceSubrange(tcpCount...tcpCount, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(Self.decoded(huge) == nil)
        var badTag = bytes
        badTag[2] = 5
        #expect(Self.decoded(badTag) == nil)
        var badBool = bytes
        badBool[tcpCount - 1] = 2
        #expect(Self.decoded(badBool) == nil)
        var overlong = bytes
        overlong.replaceSubrange(1...1, with: [0x80, 0x00])  // index 0 written in two bytes
        #expect(Self.decoded(overlong) == nil)
    }

    @Test("2,000 seeded random single- and multi-byte mutations never trap, and whatever decodes re-encodes stably")
    func mutationsNeverTrap() throws {
        let original = Self.encoded(try Self.fixtureSession("success-mschapv2"))
        var rng = SplitMix(state: 0x636F_6465_6373_706F)
        var rejected = 0
        var accepted = 0
        for _ in 0..<2_000 {
            var b = original
            switch rng.below(5) {
            case 0:
                b[rng.below(b.count)] = rng.byte()
            case 1:
                for _ in 0..<(2 + rng.below(7)) { b[rng.below(b.count)] = rng.byte() }
            case 2:
                b[rng.below(b.count)] ^= 1 << UInt8(rng.below(8))
            case 3:
                b.insert(contentsOf: (0..<(1 + rng.below(4))).map { _ in rng.byte() }, at: rng.below(b.count + 1))
            default:
                let at = rng.below(b.count)
                let n = min(1 + rng.below(4), b.count - at)
                b.removeSubrange(at..<(at + n))
            }
            guard let s = Self.decoded(b) else {
                rejected += 1
                continue
            }
            accepted += 1
            #expect(Self.decoded(Self.encoded(s)) == s)
        }
        #expect(rejected + accepted == 2_000)
        // Most mutations break the structure; some only change a value (a string byte, a time) and decode.
        #expect(rejected > 500, "mutations rejected: \(rejected), accepted: \(accepted)")
        #expect(accepted > 0, "no mutation decoded, so the re-encoding check never ran")
    }

    // MARK: The codec keeps up with the model

    /// Each spooled type's stored properties, as the codec reads and writes them. A property added to one of
    /// these types fails here until SessionCodec+Fields.swift encodes it and this list names it.
    nonisolated(unsafe) static let storedProperties: [(String, Any, [String])] = [
        (
            "Session",
            Session(
                index: 0, client: Endpoint(address: .v4(0)), server: Endpoint(address: .v4(0)),
                controlChannelSeen: false, first: PacketRef(number: 0, time: 0)),
            [
                "index", "client", "server", "controlChannelSeen", "sawSYN", "sawSYNAck", "sawClientAckOfSYN", "tcpEvents",
                "control", "calls", "icmp", "first", "last", "packetCount", "flows", "clientTTL", "serverTTL",
                "streamProblems", "unmatchedGRE", "pppLink",
            ]
        ),
        ("PPPLink", PPPLink(kind: .pppoe, id: 0x11), ["kind", "id"]),
        ("Endpoint", Endpoint(address: .v4(0)), ["address", "port"]),
        ("PacketRef", PacketRef(number: 0, time: 0), ["number", "time"]),
        (
            "TCPEvent", TCPEvent(packet: PacketRef(number: 0, time: 0), from: .client, kind: .syn, detail: nil),
            ["packet", "from", "kind", "detail"]
        ),
        (
            "ControlEvent", control(1, number: 0),
            [
                "packet", "from", "type", "callID", "peerCallID", "resultCode", "errorCode", "causeCode", "reason",
                "hostName", "vendorName", "callSerial", "summary",
            ]
        ),
        (
            "Call", Call(),
            [
                "clientCallID", "serverCallID", "request", "reply", "incomingConnected", "setLinkInfo", "clearRequest",
                "disconnect", "wanErrors", "greFromClient", "greFromServer", "ppp", "pppDropped",
            ]
        ),
        (
            "GREDirectionStats", GREDirectionStats(),
            [
                "packets", "payloadPackets", "ackOnly", "dataPackets", "bytes", "first", "last", "lastData", "lost",
                "reordered", "duplicates", "largestDatagram", "largeWithDF", "lastLargeWithDF", "highestSequence",
            ]
        ),
        (
            "PPPEvent", ppp(.lcp, number: 0, full: false),
            [
                "packet", "from", "proto", "code", "identifier", "detail", "authProtocol", "authAlgorithm", "mru", "magic",
                "optionTypes", "rejectedProtocol", "mppeBits", "ipAddress", "msError", "msRetry", "message", "userName",
                "authenticatorName",
            ]
        ),
        ("OptionTypes", OptionTypes(), ["words"]),
        (
            "ICMPEvent", awkwardSession().icmp[0],
            [
                "packet", "reporter", "version", "type", "code", "mtu", "quotedSource", "quotedDestination",
                "quotedProtocol", "quotedDestinationPort", "quotedSourcePort", "quotedCallID", "quotedLength",
                "quotedDontFragment",
            ]
        ),
        ("SessionFlows", SessionFlows(), ["connections", "gre", "icmpPackets"]),
        (
            "GREFlow", SessionFlows.GREFlow(source: .v4(0), destination: .v4(0), callID: 0),
            ["source", "destination", "callID"]
        ),
        ("UnmatchedGRE", awkwardSession().unmatchedGRE as Any, ["from", "callID", "expected", "packets", "first", "last"]),
        ("PPTPMessageType", PPTPMessageType.echoRequest, ["rawValue"]),
        ("PPPProtocol", PPTPDissect.PPPProtocol.lcp, ["rawValue"]),
        ("IPProtocol", PPTPDissect.IPProtocol.gre, ["rawValue"]),
    ]

    @Test("every stored property of every spooled type is one the codec encodes")
    func noStoredPropertyIsForgotten() {
        for (name, value, expected) in Self.storedProperties {
            var mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value {
                mirror = Mirror(reflecting: wrapped)
            }
            #expect(mirror.children.map { $0.label ?? "?" } == expected, "\(name)")
        }
    }

    @Test("the per-type minimum sizes that bound a reader's reservations are the real minimums")
    func minimumSizesAreExact() {
        func size(_ put: (inout SpoolWriter) -> Void) -> Int {
            var w = SpoolWriter(bytes: [])
            put(&w)
            return w.bytes.count
        }
        let ref = PacketRef(number: 0, time: 0)
        #expect(size { $0.packetRef(ref) } == SpoolSize.packetRef)
        #expect(size { $0.address(.v4(0)) } == SpoolSize.address)
        #expect(size { $0.endpoint(Endpoint(address: .v4(0))) } == SpoolSize.endpoint)
        #expect(size { $0.tcpEvent(TCPEvent(packet: ref, from: .client, kind: .syn, detail: nil)) } == SpoolSize.tcpEvent)
        #expect(
            size {
                $0.controlEvent(
                    ControlEvent(
                        packet: ref, from: .client, type: .echoRequest, callID: nil, peerCallID: nil,
                        resultCode: nil, errorCode: nil, causeCode: nil, reason: nil, hostName: nil,
                        vendorName: nil, callSerial: nil, summary: ""))
            } == SpoolSize.controlEvent)
        #expect(
            size {
                $0.pppEvent(
                    PPPEvent(
                        packet: ref, from: .client, proto: PPTPDissect.PPPProtocol(rawValue: 0), code: 0, identifier: 0,
                        detail: ""))
            } == SpoolSize.pppEvent)
        #expect(size { $0.greStats(GREDirectionStats()) } == SpoolSize.greStats)
        #expect(size { $0.call(Call()) } == SpoolSize.call)
        #expect(
            size {
                $0.icmpEvent(
                    ICMPEvent(
                        packet: ref, reporter: .v4(0), version: 0, type: 0, code: 0, mtu: nil,
                        quotedSource: .v4(0), quotedDestination: .v4(0), quotedProtocol: .gre,
                        quotedDestinationPort: nil, quotedSourcePort: nil, quotedCallID: nil,
                        quotedLength: 0, quotedDontFragment: false))
            } == SpoolSize.icmpEvent)
    }
}
