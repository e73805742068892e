import Foundation
import PPTPTestSupport
import Testing

@testable import PPTPScan

@Suite("Security audit of an archive")
struct SecurityAuditTests {
    /// A classic little-endian pcap with every record's time moved by `seconds`.
    static func shifted(_ pcap: [UInt8], by seconds: UInt32) -> [UInt8] {
        var bytes = pcap
        var offset = 24
        while offset + 16 <= bytes.count {
            let ts =
                UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
            let moved = ts &+ seconds
            for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: moved >> (8 * UInt32(i))) }
            let included =
                Int(bytes[offset + 8]) | Int(bytes[offset + 9]) << 8 | Int(bytes[offset + 10]) << 16
                | Int(bytes[offset + 11]) << 24
            offset += 16 + included
        }
        return bytes
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: ProjectPaths.fixtures.appendingPathComponent("scenarios/\(name)/capture.pcap")))
    }

    @Test("six wrong passwords a minute apart from one source, then a login: guessing, and the success after it")
    func guessingThenSuccess() throws {
        let dir = try TempDir("audit")
        let wrong = try Self.fixture("mschapv2-e691")
        for i in 0..<6 { try dir.write("guess/attempt-\(i).pcap", Self.shifted(wrong, by: UInt32(60 * i))) }
        try dir.write("guess/login.pcap", Self.shifted(try Self.fixture("success-mschapv2"), by: 600))
        try dir.write("other/pap.pcap", Self.shifted(try Self.fixture("success-pap"), by: 3600))
        let catalog = try ScanCatalog(path: dir.file("catalog.sqlite"))
        try scan([dir.path], into: catalog, jobs: 1)

        let audit = SecurityAudit.audit(try catalog.allSessions())
        let row = try #require(audit.guessing.first)
        #expect(audit.guessing.count == 1)
        #expect(row.source == "192.168.1.23" && row.server == "203.0.113.10")
        #expect(row.failures == 6)
        #expect(row.mostInWindow == 6, "six failures within ten minutes")
        #expect(row.verdict == "guessing")
        #expect(row.succeededAfter != nil)

        let server = try #require(audit.servers.first)
        #expect(audit.servers.count == 1)
        #expect(server.weakestMethod == "PAP (clear text)")
        #expect(server.unencryptedSessions == 1)

        let strict = SecurityAudit.audit(try catalog.allSessions(), thresholds: .init(failures: 5, windowMinutes: 2))
        #expect(strict.guessing.first?.mostInWindow == 3)
        #expect(strict.guessing.first?.verdict == "repeated")
        #expect(audit.text().contains("GUESSING 192.168.1.23 → 203.0.113.10: 6 failures"))
    }

    static func failure(_ client: String, user: String, minute: Double) -> SessionRecord {
        SessionRecord(
            fileId: 1, sessionId: Int(minute * 10), client: client + ":50000", server: "203.0.113.10:1723",
            startTime: 1_767_607_200 + minute * 60, endTime: nil, startIso: "t+\(minute)m", endIso: nil, startSeconds: 0,
            endSeconds: 1, outcome: "failed", failureStage: "authentication", lastStageCompleted: "lcp",
            errorCodes: "[691]", primaryCode: 691, confidence: "certain", headline: "", capturePoint: "server",
            firstPacket: 1, lastPacket: 2, packetCount: 2, rules: "[\"authentication.mschap-error\"]", findingsJson: "[]",
            userName: user)
    }

    @Test("many users from one address is spraying; one user from many addresses is stuffing")
    func sprayingAndStuffing() {
        let spray = ["alice", "bob", "carol", "dave"].enumerated().map { i, u in
            Self.failure("198.51.100.9", user: u, minute: Double(i))
        }
        let stuff = ["192.0.2.1", "192.0.2.2", "192.0.2.3"].enumerated().map { i, c in
            Self.failure(c, user: "erin", minute: 30 + Double(i))
        }
        let audit = SecurityAudit.audit(spray + stuff)
        let source = audit.guessing.first { $0.source == "198.51.100.9" }
        #expect(source?.verdict == "spraying")
        #expect(source?.users == ["alice", "bob", "carol", "dave"])
        let erin = audit.accounts.first { $0.user == "erin" }
        #expect(erin?.verdict == "stuffing")
        #expect(erin?.sources == ["192.0.2.1", "192.0.2.2", "192.0.2.3"])
        #expect(!audit.accounts.contains { $0.user == "alice" }, "one failure is no pattern")
        let text = audit.text()
        #expect(text.contains("SPRAYING 198.51.100.9"))
        #expect(text.contains("STUFFING erin → 203.0.113.10: 3 failures from 192.0.2.1, 192.0.2.2, 192.0.2.3"))
    }

    @Test("an endpoint's host: IPv4 with a port, IPv6 in brackets, a bare address")
    func hosts() {
        #expect(SecurityAudit.host("192.168.1.23:49723") == "192.168.1.23")
        #expect(SecurityAudit.host("[2001:db8::1]:1723") == "2001:db8::1")
        #expect(SecurityAudit.host("2001:db8::1") == "2001:db8::1")
    }
}
