import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPReporting
import PPTPSessions
import PPTPTestSupport
import Testing

/// Partial loss on one segment, and packets a capture missed although the path delivered them.
@Suite("Locating loss between points")
struct LossLocationTests {
    static func successfulSession() -> ScenarioBuilder {
        let b = ScenarioBuilder()
        b.establish(auth: .msChapV2)
        b.wait(100)
        b.greConversation(rounds: 12)
        b.orderlyTeardown()
        return b
    }

    static func pcap(_ frames: [CapturedFrame]) -> [UInt8] {
        var writer = PcapWriter(linkType: LinkType.ethernet)
        for f in frames { writer.add(f.bytes, timestampNanos: f.timestampNanos) }
        return writer.bytes
    }

    @Test("every fifth client GRE packet dropped between B and C: lost there, and nowhere else")
    func partialLossOnOneSegment() throws {
        let b = Self.successfulSession()
        let path = NetworkPath([
            .point("A"), .routers(hops: 2, delayMs: 1), .point("B", clockOffsetMs: 120),
            .routers(hops: 4, delayMs: 8), .filter(.everyNthGRE(5, from: .client)),
            .routers(hops: 6, delayMs: 12), .point("C", clockOffsetMs: -45),
        ])
        let files = MultiPointCatalog.pcapFiles(b, path)
        let expectedLost = b.frames.count { frame in
            // Client GRE with a sequence number n where n % 5 == 4 (as the filter picks them).
            let ip = Array(frame.bytes.dropFirst(14))
            guard ip.count > 40, ip[9] == 47, ip[12...15].elementsEqual([192, 168, 1, 23]) else { return false }
            let h = Int(ip[0] & 0x0F) * 4
            guard ip[h] & 0x10 != 0 else { return false }
            let seq = UInt32(ip[h + 8]) << 24 | UInt32(ip[h + 9]) << 16 | UInt32(ip[h + 10]) << 8 | UInt32(ip[h + 11])
            return seq % 5 == 4
        }
        try SessionMatchingTests.withFiles(files) { paths in
            let report = try MultiPointAnalyzer.analyze(paths: ["A", "B", "C"].compactMap { paths[$0] }).report
            let session = try #require(report.sessions.first)
            let segments = try #require(session.path?.segments)
            let lossy = segments.filter { $0.lost > 0 }
            #expect(lossy.count == 1)
            #expect(lossy.first?.flow == .gre && lossy.first?.from == .client)
            #expect(lossy.first?.upstream == "B" && lossy.first?.downstream == "C")
            #expect(lossy.first?.lost == expectedLost)
            #expect(session.findings.contains { $0.rule == "path.gre-loss" && $0.severity == .warning })
            #expect(!session.findings.contains { $0.rule == "path.gre-filtered" })
        }
    }

    @Test("a TCP 1723 segment lost once and sent again: the copy cited as lost is the first, not the retransmission")
    func retransmittedSegmentLostCopyIsTheFirst() throws {
        let b = ScenarioBuilder()
        b.establish(auth: .msChapV2)
        b.wait(100)
        b.greConversation(rounds: 4)
        b.control(PPTPControl.echoRequest(identifier: 1), from: .server)
        let lost = try #require(b.frames.last.map { UInt16($0.bytes[18]) << 8 | UInt16($0.bytes[19]) })
        b.wait(300)
        b.retransmitLastSegment(from: .server)
        b.respond(.client, processingMs: 0.2)
        b.control(PPTPControl.echoReply(identifier: 1), from: .client)
        b.greConversation(rounds: 4)
        b.orderlyTeardown()
        let path = NetworkPath([
            .point("A"), .filter(.single(ipIdentification: lost, from: .server)), .routers(hops: 2, delayMs: 1),
            .point("B", clockOffsetMs: 75), .routers(hops: 10, delayMs: 20),
        ])
        let captures = PathSimulator(path: path, clientAddress: b.client.ip).captures(of: b.frames)
        let atB = try #require(captures["B"])
        let lostAtB = try #require(atB.firstIndex { UInt16($0.bytes[18]) << 8 | UInt16($0.bytes[19]) == lost }) + 1
        try SessionMatchingTests.withFiles(captures.mapValues(Self.pcap)) { paths in
            let report = try MultiPointAnalyzer.analyze(paths: ["A", "B"].compactMap { paths[$0] }).report
            let session = try #require(report.sessions.first)
            let lossy = try #require(session.path?.segments.filter { $0.lost > 0 })
            #expect(lossy.count == 1)
            #expect(lossy.first?.flow == .control && lossy.first?.from == .server && lossy.first?.lost == 1)
            #expect(lossy.first?.upstream == "B" && lossy.first?.downstream == "A")
            #expect(lossy.first?.firstLostPacket == lostAtB, "B#\(lostAtB) is the copy that never reached A")
            #expect(session.findings.contains { $0.rule == "path.control-loss" && $0.message.contains("B#\(lostAtB))") })
        }
    }

    @Test("too-big packets stop at the router between B and C, whose ICMP errors appear at B and not at C")
    func icmpOriginLocatesTheRouter() throws {
        let b = ScenarioBuilder()
        b.establish(auth: .msChapV2)
        b.wait(100)
        b.greConversation(rounds: 3)
        for _ in 0..<4 {
            b.greDataPacket(size: 1450, from: .client, delivered: false)
            b.wait(150)
        }
        b.greConversation(rounds: 3)
        b.orderlyTeardown()
        let path = NetworkPath([
            .point("A"), .routers(hops: 2, delayMs: 1), .point("B"), .routers(hops: 3, delayMs: 5),
            .mtu(1400, router: IPv4Address(198, 51, 100, 99)), .routers(hops: 7, delayMs: 15),
            .point("C"),
        ])
        let files = MultiPointCatalog.pcapFiles(b, path)
        try SessionMatchingTests.withFiles(files) { paths in
            let report = try MultiPointAnalyzer.analyze(paths: ["A", "B", "C"].compactMap { paths[$0] }).report
            let session = try #require(report.sessions.first)
            let origin = try #require(session.findings.first { $0.rule == "path.icmp-origin" })
            #expect(origin.message.contains("198.51.100.99"))
            #expect(origin.message.contains("between C and B"))
            let gre = try #require(session.path?.segments.first { $0.flow == .gre && $0.from == .client && $0.lost > 0 })
            #expect(gre.upstream == "B" && gre.downstream == "C" && gre.lost == 4)
            #expect(!session.findings.contains { $0.rule == "path.icmp-filtered" }, "the ICMP reached the client")
        }
    }

    @Test("packets missing at the middle point but seen on both sides are the capture's misses, not loss")
    func middleCaptureMisses() throws {
        let b = Self.successfulSession()
        let path = NetworkPath([
            .point("A"), .routers(hops: 2, delayMs: 1), .point("B"), .routers(hops: 10, delayMs: 20),
            .point("C"),
        ])
        var captures = PathSimulator(path: path, clientAddress: b.client.ip).captures(of: b.frames)
        // B's capture drops three GRE data packets (a full buffer).
        let middle = captures["B"] ?? []
        let dropped = Set(middle.indices.filter { middle[$0].bytes.count > 400 }.prefix(3))
        captures["B"] = middle.indices.filter { !dropped.contains($0) }.map { middle[$0] }
        let files = captures.mapValues(Self.pcap)
        try SessionMatchingTests.withFiles(files) { paths in
            let report = try MultiPointAnalyzer.analyze(paths: ["A", "B", "C"].compactMap { paths[$0] }).report
            let session = try #require(report.sessions.first)
            #expect(session.path?.segments.allSatisfy { $0.lost == 0 } == true)
            #expect(session.path?.captureMisses == ["B": 3])
            #expect(session.findings.contains { $0.rule == "path.capture-missed" })
            #expect(session.outcome == .success)
        }
    }
}
