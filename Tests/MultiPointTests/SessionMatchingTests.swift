import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPMultiPoint
import PPTPReporting
import PPTPSessions
import PPTPTestSupport
import Testing

/// Matching sessions across points: the right one among several, through NAT, whatever the clocks say.
@Suite("Matching sessions across capture points")
struct SessionMatchingTests {
    /// A directory of its own for one test's files, removed after.
    static func withFiles(_ files: [String: [UInt8]], _ body: ([String: String]) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-mp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String: String] = [:]
        for (name, bytes) in files {
            let url = dir.appendingPathComponent("\(name).pcap")
            try Data(bytes).write(to: url)
            paths[name] = url.path
        }
        try body(paths)
    }

    /// A successful session from `client` with its own Call ID, serial and host name.
    static func session(client: IPv4Address, port: UInt16, callID: UInt16, host: String, startSecond: UInt64) -> ScenarioBuilder {
        var endpoint = Endpoint.defaultClient
        endpoint.ip = client
        endpoint.port = port
        let b = ScenarioBuilder(client: endpoint, startNanos: (ScenarioBuilder.defaultStartSeconds + startSecond) * 1_000_000_000)
        b.profile.clientCallID = callID
        b.profile.callSerial = callID &+ 3
        b.profile.clientHostName = host
        b.establish(auth: .msChapV2)
        b.wait(100)
        b.greConversation(rounds: 3)
        b.orderlyTeardown()
        return b
    }

    static let twoPoints = NetworkPath([.point("A"), .routers(hops: 12, delayMs: 21), .point("B", clockOffsetMs: -61_250)])

    @Test("a client capture's session is matched to its own among the server's concurrent sessions")
    func matchesAmongConcurrentSessions() throws {
        let mine = Self.session(
            client: IPv4Address(192, 168, 1, 23), port: 49_723, callID: 0x4A21, host: "LAPTOP-1",
            startSecond: 0)
        let other = Self.session(
            client: IPv4Address(192, 168, 1, 77), port: 49_723, callID: 0x4A21, host: "LAPTOP-2",
            startSecond: 0)
        let mineFiles = MultiPointCatalog.pcapFiles(mine, Self.twoPoints)
        // The other client's traffic reaches only the server's point (its own path has no point A).
        let otherAtServer =
            PathSimulator(
                path: NetworkPath([
                    .routers(hops: 12, delayMs: 21),
                    .point("B", clockOffsetMs: -61_250),
                ]),
                clientAddress: other.client.ip
            ).captures(of: other.frames)["B"] ?? []
        let mineAtServer = PathSimulator(path: Self.twoPoints, clientAddress: mine.client.ip).captures(of: mine.frames)["B"] ?? []
        var writer = PcapWriter(linkType: LinkType.ethernet)
        for frame in (otherAtServer + mineAtServer).sorted(by: { $0.timestampNanos < $1.timestampNanos }) {
            writer.add(frame.bytes, timestampNanos: frame.timestampNanos)
        }
        try Self.withFiles(["A": mineFiles["A"] ?? [], "B": writer.bytes]) { paths in
            let report = try MultiPointAnalyzer.analyze(paths: [try #require(paths["A"]), try #require(paths["B"])]).report
            #expect(report.sessions.count == 2)
            let matched = try #require(report.sessions.first { $0.path?.seenAt.count == 2 })
            #expect(matched.client == "192.168.1.23:49723")
            #expect(matched.path?.seenAt.map(\.client) == ["192.168.1.23:49723", "192.168.1.23:49723"])
            let alone = try #require(report.sessions.first { $0.path?.seenAt.count == 1 })
            #expect(alone.client == "192.168.1.77:49723")
            #expect(alone.path?.seenAt.first?.point == "B")
            let b = try #require(report.path?.points.first { $0.name == "B" })
            #expect(abs((b.clockOffsetSeconds ?? 0) + 61.25) < 0.001)
        }
    }

    @Test("a client's reconnections, alike packet for packet, are told apart by the clocks")
    func reconnectionsMatchedByTime() throws {
        // The same client, port, host name, Call ID and message sizes three times, 20 s apart; only the last fails
        // (GRE dropped on the path), so a wrong match would show.
        var frames: [CapturedFrame] = []
        for k: UInt64 in 0..<3 {
            let b = Self.session(
                client: IPv4Address(192, 168, 1, 23), port: 49_723, callID: 0x4A21,
                host: "LAPTOP-1", startSecond: 20 * k)
            frames += b.frames
        }
        let merged = frames.sorted { $0.timestampNanos < $1.timestampNanos }
        let lastStart = (ScenarioBuilder.defaultStartSeconds + 40) * 1_000_000_000
        let path = NetworkPath([
            .point("A"), .routers(hops: 3, delayMs: 4),
            .filter(PacketFilter("GRE of the third session") { $0.ipProtocol == IPProtocol.gre && $0.from == .server }),
            .routers(hops: 9, delayMs: 17), .point("B", clockOffsetMs: 7_000),
        ])
        // Only the third session's server GRE is dropped: keep the filter from touching the first two.
        let captures = PathSimulator(path: path, clientAddress: IPv4Address(192, 168, 1, 23)).captures(of: merged)
        let untouched = PathSimulator(
            path: NetworkPath([
                .point("A"), .routers(hops: 3, delayMs: 4), .routers(hops: 9, delayMs: 17),
                .point("B", clockOffsetMs: 7_000),
            ]),
            clientAddress: IPv4Address(192, 168, 1, 23)
        ).captures(of: merged)
        func file(_ point: String) -> [UInt8] {
            var writer = PcapWriter(linkType: LinkType.ethernet)
            let offset: UInt64 = point == "B" ? 7_000_000_000 : 0
            let early = (untouched[point] ?? []).filter { $0.timestampNanos < lastStart + offset - 2_000_000_000 }
            let late = (captures[point] ?? []).filter { $0.timestampNanos >= lastStart + offset - 2_000_000_000 }
            for f in early + late { writer.add(f.bytes, timestampNanos: f.timestampNanos) }
            return writer.bytes
        }
        try Self.withFiles(["A": file("A"), "B": file("B")]) { paths in
            let report = try MultiPointAnalyzer.analyze(paths: [try #require(paths["A"]), try #require(paths["B"])]).report
            #expect(report.sessions.count == 3)
            for s in report.sessions {
                let seen = try #require(s.path?.seenAt)
                #expect(seen.count == 2)
                #expect(seen[0].session == seen[1].session, "A's session \(seen[0].session) matched B's \(seen[1].session)")
            }
            #expect(
                report.sessions.map { $0.findings.contains { $0.rule == "path.gre-loss" || $0.rule == "path.gre-filtered" } }
                    == [false, false, true])
            let b = try #require(report.path?.points.first { $0.name == "B" })
            #expect(abs((b.clockOffsetSeconds ?? 0) - 7) < 0.001)
        }
    }

    @Test("a point whose clock is an hour off (a time zone set wrong) is still matched, its offset measured")
    func hourOffClock() throws {
        let b = Self.session(
            client: IPv4Address(192, 168, 1, 23), port: 49_723, callID: 0x4A21, host: "LAPTOP-1",
            startSecond: 0)
        let path = NetworkPath([.point("A"), .routers(hops: 12, delayMs: 21), .point("B", clockOffsetMs: -3_599_987.5)])
        try Self.withFiles(MultiPointCatalog.pcapFiles(b, path)) { paths in
            let report = try MultiPointAnalyzer.analyze(paths: [try #require(paths["A"]), try #require(paths["B"])]).report
            let session = try #require(report.sessions.first)
            #expect(report.sessions.count == 1)
            #expect(session.path?.seenAt.count == 2)
            #expect(session.path?.segments.allSatisfy { $0.lost == 0 } == true)
            let offset = try #require(report.path?.points.first { $0.name == "B" }?.clockOffsetSeconds)
            #expect(abs(offset + 3_599.9875) < 0.001)
        }
    }

    @Test("the same file given twice is one point seen twice: nothing lost, no clock offset")
    func sameFileTwice() throws {
        let s = try #require(MultiPointCatalog.named("nat-three-points"))
        let file = ProjectPaths.multiPoint.appendingPathComponent(s.name).appendingPathComponent(s.points[0].fileName).path
        let report = try MultiPointAnalyzer.analyze(paths: [file, file]).report
        let session = try #require(report.sessions.first)
        #expect(session.outcome == .success)
        #expect(session.path?.segments.allSatisfy { $0.lost == 0 } == true)
        #expect(report.path?.points.map(\.clockOffsetSeconds) == [0, 0])
        #expect(!session.findings.contains { $0.rule.hasPrefix("path.") && $0.severity != .info })
    }

    @Test("a point that saw no PPTP at all is listed, and the session is reported from the other")
    func pointWithoutSessions() throws {
        let b = Self.session(client: IPv4Address(192, 168, 1, 23), port: 49_723, callID: 7, host: "PC", startSecond: 0)
        let files = MultiPointCatalog.pcapFiles(b, Self.twoPoints)
        var empty = PcapWriter(linkType: LinkType.ethernet)
        empty.add(
            LinkLayer.ethernet(
                destination: Endpoint.defaultServer.mac, source: Endpoint.defaultClient.mac,
                etherType: EtherType.ipv4,
                payload: IPPacket.v4(
                    source: IPv4Address(10, 0, 0, 1), destination: IPv4Address(10, 0, 0, 2),
                    protocolNumber: IPProtocol.udp, payload: [0, 53, 0, 53, 0, 8, 0, 0])),
            timestampNanos: ScenarioBuilder.defaultStartSeconds * 1_000_000_000)
        try Self.withFiles(["A": files["A"] ?? [], "X": empty.bytes]) { paths in
            let report = try MultiPointAnalyzer.analyze(paths: [try #require(paths["A"]), try #require(paths["X"])]).report
            #expect(report.sessions.count == 1)
            #expect(report.sessions.first?.path?.seenAt.map(\.point) == ["A"])
            let x = try #require(report.path?.points.first { $0.name == "B" })
            #expect(x.clockOffsetSeconds == nil)
            #expect(x.roleReason.contains("no PPTP session"))
        }
    }

    @Test("a connection that never reaches the server's point is lost after the client's")
    func connectionNeverReachesServer() throws {
        let b = ScenarioBuilder()
        b.synOnly()
        b.waitSeconds(3)
        b.synOnly()
        b.waitSeconds(6)
        b.synOnly()
        b.waitSeconds(12)
        // The server's point keeps capturing other traffic all along.
        let path = NetworkPath([
            .point("A"), .routers(hops: 2, delayMs: 2),
            .filter(PacketFilter("TCP 1723") { $0.ipProtocol == IPProtocol.tcp }),
            .routers(hops: 10, delayMs: 19), .point("B"),
        ])
        var files = MultiPointCatalog.pcapFiles(b, path)
        var server = PcapWriter(linkType: LinkType.ethernet)
        for second: UInt64 in [0, 10, 25] {
            server.add(
                LinkLayer.ethernet(
                    destination: Endpoint.defaultClient.mac, source: Endpoint.defaultServer.mac,
                    etherType: EtherType.ipv4,
                    payload: IPPacket.v4(
                        source: IPv4Address(203, 0, 113, 10),
                        destination: IPv4Address(203, 0, 113, 1),
                        protocolNumber: IPProtocol.udp,
                        payload: [0, 53, 0, 53, 0, 8, 0, 0])),
                timestampNanos: (ScenarioBuilder.defaultStartSeconds - 1 + second) * 1_000_000_000)
        }
        files["B"] = server.bytes
        try Self.withFiles(files) { paths in
            let report = try MultiPointAnalyzer.analyze(paths: [try #require(paths["A"]), try #require(paths["B"])]).report
            let session = try #require(report.sessions.first)
            #expect(session.outcome == .failed)
            #expect(session.failureStage == .tcpConnect)
            #expect(session.findings.contains { $0.rule == "path.not-reached" })
        }
    }
}
