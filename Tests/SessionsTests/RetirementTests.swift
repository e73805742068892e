import PPTPDissect
import PPTPPcapIO
import PPTPSessions
import PPTPTestSupport
import Testing

/// When a session is over and leaves the builder: 120 s of quiet after its control connection closed, 900 s of
/// quiet otherwise, decided by capture time alone.
@Suite("Session retirement")
struct RetirementTests {
    /// A builder fed every packet of a fixture, and the capture time (ns) of its last packet.
    static func builder(after scenario: String) throws -> (SessionBuilder, last: Int64) {
        let fixture = try #require(FixtureCatalog.named(scenario))
        let reader = try CaptureReader(bytes: fixture.bytes(), name: scenario)
        var builder = SessionBuilder()
        var last: Int64 = 0
        _ = reader.forEach { record, bytes in
            var packet = PacketDissector.dissect(
                ByteView(bytes), linkType: LinkType(rawValue: reader.info.linkType),
                wireLength: record.wireLength)
            builder.add(&packet, view: ByteView(bytes), number: record.number, timestamp: record.timestamp)
            last = max(last, record.timestamp)
        }
        return (builder, last)
    }

    /// Unrelated traffic at `seconds` after `time`: it moves the capture's clock and nothing else.
    static func tick(_ builder: inout SessionBuilder, _ time: Int64, plus seconds: Double) {
        var counts = SessionBuilder.UnrelatedPackets()
        counts.add(timestamp: time + Int64(seconds * 1e9), snapTruncated: false)
        builder.countUnrelated(counts)
    }

    @Test("a session whose control connection closed retires after 120 s of quiet, finished as at the end")
    func closedSessionRetiresAfterTwoMinutes() throws {
        var (builder, last) = try Self.builder(after: "success-mschapv2")
        var atEnd = builder
        let (expected, _) = atEnd.finish()
        Self.tick(&builder, last, plus: 119)
        #expect(!builder.hasRetired)
        Self.tick(&builder, last, plus: 121)
        let retired = builder.takeRetired()
        try #require(retired.count == 1)
        #expect(retired == expected)
        #expect(builder.stats.sessionsRetiredEarly == 1)
        #expect(builder.finish().sessions.isEmpty)
    }

    @Test("a session whose connection never closed retires only after 900 s of quiet")
    func openSessionRetiresAfterFifteenMinutes() throws {
        var (builder, last) = try Self.builder(after: "tcp-syn-no-answer")
        Self.tick(&builder, last, plus: 300)
        #expect(!builder.hasRetired)
        Self.tick(&builder, last, plus: 899)
        #expect(!builder.hasRetired)
        Self.tick(&builder, last, plus: 901)
        #expect(builder.takeRetired().count == 1)
    }

    @Test("the limits are the caller's: a builder that never retires keeps every session to the end")
    func retirementCanBeTurnedOff() throws {
        let fixture = try #require(FixtureCatalog.named("success-mschapv2"))
        let reader = try CaptureReader(bytes: fixture.bytes(), name: "success")
        var limits = SessionBuilder.Limits()
        limits.retireAfterClose = .infinity
        limits.retireWhenIdle = .infinity
        var builder = SessionBuilder(limits: limits)
        var last: Int64 = 0
        _ = reader.forEach { record, bytes in
            var packet = PacketDissector.dissect(ByteView(bytes), linkType: .ethernet, wireLength: record.wireLength)
            builder.add(&packet, view: ByteView(bytes), number: record.number, timestamp: record.timestamp)
            last = record.timestamp
        }
        Self.tick(&builder, last, plus: 1e7)
        #expect(!builder.hasRetired)
        #expect(builder.finish().sessions.count == 1)
    }

    @Test("unrelated packets counted in bulk count like the same packets added one by one")
    func unrelatedPacketsCountAlike() throws {
        let fixture = try #require(FixtureCatalog.named("unrelated-traffic-no-pptp"))
        let reader = try CaptureReader(bytes: fixture.bytes(), name: "unrelated")
        var oneByOne = SessionBuilder()
        var inBulk = SessionBuilder()
        var counts = SessionBuilder.UnrelatedPackets()
        var kept = 0
        _ = reader.forEach { record, bytes in
            var packet = PacketDissector.dissect(
                ByteView(bytes), linkType: LinkType(rawValue: reader.info.linkType),
                wireLength: record.wireLength)
            oneByOne.add(&packet, view: ByteView(bytes), number: record.number, timestamp: record.timestamp)
            if PacketRelevance.needs(packet) {
                kept += 1
                inBulk.countUnrelated(counts)
                counts = SessionBuilder.UnrelatedPackets()
                inBulk.add(&packet, view: ByteView(bytes), number: record.number, timestamp: record.timestamp)
            } else {
                counts.add(timestamp: record.timestamp, snapTruncated: packet.isSnapTruncated)
            }
        }
        inBulk.countUnrelated(counts)
        let a = oneByOne.finish().stats
        let b = inBulk.finish().stats
        #expect(a.packets > kept, "the fixture holds unrelated packets")
        #expect(
            a.packets == b.packets && a.firstTimestamp == b.firstTimestamp && a.lastTimestamp == b.lastTimestamp
                && a.snapTruncatedPackets == b.snapTruncatedPackets && a.malformedPackets == b.malformedPackets
                && a.fallbackAttempts.count == b.fallbackAttempts.count && a.icmpErrors == b.icmpErrors)
    }
}
