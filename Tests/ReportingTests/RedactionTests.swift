import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPReporting
import PPTPTestSupport
import Testing

/// `--redact` and `--evidence`: the ticket shows the failure and nothing that identifies people or networks.
@Suite("Redaction and evidence captures")
struct RedactionTests {
    static let scenarios = ["mschapv2-e691", "pap-nak", "gre-no-return", "two-sessions", "mtu-blackhole", "success-pap"]

    static func url(_ name: String) throws -> URL {
        let s = try #require(FixtureCatalog.named(name))
        return ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent(s.format.fileName)
    }

    /// Every dotted IPv4 address in a text.
    static func ipv4s(in text: String) -> Set<String> {
        var found = Set<String>()
        for token in text.split(whereSeparator: { !($0.isNumber || $0 == ".") }) {
            let parts = token.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 4, parts.allSatisfy({ Int($0).map { (0...255).contains($0) } ?? false }) {
                found.insert(String(token))
            }
        }
        return found
    }

    @Test("redacted reports contain none of the original addresses, names or host names", arguments: scenarios)
    func reportsHoldNoOriginals(name: String) throws {
        let plain = try Analyzer.analyze(path: try Self.url(name).path)
        let redacted = try Analyzer.analyze(path: try Self.url(name).path, options: .init(redact: true))
        let plainText = TextRenderer().render(plain.report) + JSONRenderer.render(plain.report)
        let originals = Self.ipv4s(in: plainText)
        #expect(!originals.isEmpty)
        var names: [String] = []
        for s in plain.sessions {
            names += s.control.compactMap(\.hostName).filter { !$0.isEmpty }
            names += (s.primaryCall?.ppp ?? []).compactMap(\.userName).filter { !$0.isEmpty }
            names += (s.primaryCall?.ppp ?? []).compactMap(\.authenticatorName).filter { !$0.isEmpty }
        }
        for output in [TextRenderer().render(redacted.report), JSONRenderer.render(redacted.report)] {
            for address in originals { #expect(!output.contains(address), "\(name): \(address) survived redaction") }
        }
        // Names are looked for in everything the report took from the capture (the rules' own explanations and
        // fixes mention software such as pptpd by name, which is not the capture's).
        var derived: [String] = redacted.report.warnings.map(\.message)
        for s in redacted.report.sessions {
            derived += [s.client, s.server, s.headline, s.capturePointReason]
            derived += s.findings.map(\.message) + s.timeline.map(\.text) + s.calls.compactMap(\.result)
        }
        for text in derived {
            for n in names { #expect(!text.contains(n), "\(name): \"\(n)\" survived redaction in \(text)") }
        }
        // The verdict itself is unchanged.
        #expect(redacted.report.sessions.map(\.outcome) == plain.report.sessions.map(\.outcome))
        #expect(redacted.report.sessions.map(\.probableErrorCodes) == plain.report.sessions.map(\.probableErrorCodes))
    }

    @Test("the same address gets the same pseudonym throughout a report, and private stays private")
    func pseudonymsAreStable() {
        let p = Pseudonyms()
        let a = p.ip(.v4(0xC0A8_0117))
        let b = p.ip(.v4(0xCB00_710A))
        #expect(p.ip(.v4(0xC0A8_0117)) == a)
        #expect(a.isPrivate)
        #expect(!b.isPrivate)
        #expect(p.name("CORP\\alice", kind: .user) == "user-1")
        #expect(p.name("CORP\\alice", kind: .user) == "user-1")
    }

    @Test("an evidence capture keeps the failed session's packets and gives the same verdict", arguments: scenarios)
    func evidenceGivesTheSameVerdict(name: String) throws {
        let input = try Self.url(name)
        let original = try Analyzer.analyze(path: input.path)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString).pcap")
        defer { try? FileManager.default.removeItem(at: out) }
        let written = try EvidenceWriter.write(
            from: input.path, filter: nil, flows: original.evidenceFlows,
            to: out.path, pseudonyms: nil)
        #expect(written == original.evidencePacketCount)
        let again = try Analyzer.analyze(path: out.path)
        let failed = original.report.sessions.filter { $0.outcome == .failed }
        let kept = failed.isEmpty ? original.report.sessions : failed
        #expect(again.report.sessions.map(\.outcome) == kept.map(\.outcome))
        #expect(again.report.sessions.map(\.failureStage) == kept.map(\.failureStage))
        #expect(again.report.sessions.map(\.probableErrorCodes) == kept.map(\.probableErrorCodes))
    }

    @Test(
        "a redacted evidence capture holds no original address, MAC, name or credential byte, and still reads the same",
        arguments: scenarios)
    func redactedEvidenceHoldsNoOriginals(name: String) throws {
        let input = try Self.url(name)
        let plain = try Analyzer.analyze(path: input.path)
        let redacted = try Analyzer.analyze(path: input.path, options: .init(redact: true))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString).pcap")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try EvidenceWriter.write(
            from: input.path, filter: nil, flows: redacted.evidenceFlows, to: out.path,
            pseudonyms: redacted.pseudonyms)
        let bytes = Array(try Data(contentsOf: out))
        func contains(_ needle: [UInt8]) -> Bool {
            guard needle.count > 0, bytes.count >= needle.count else { return false }
            return (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
        }
        for s in plain.sessions {
            for address in [s.client.address, s.server.address] {
                if case .v4(let v) = address {
                    let raw = [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
                    #expect(!contains(raw), "\(name): address \(address) still in the evidence")
                }
            }
            for n in (s.primaryCall?.ppp ?? []).compactMap(\.userName) + s.control.compactMap(\.hostName) where n.count >= 3 {
                #expect(!contains(Array(n.utf8)), "\(name): name \(n) still in the evidence")
            }
        }
        for secret in ["wrong-password", SessionProfile().password] where contains(Array(secret.utf8)) {
            Issue.record("\(name): a password is still in the evidence")
        }
        let again = try Analyzer.analyze(path: out.path)
        let failed = plain.report.sessions.filter { $0.outcome == .failed }
        let kept = failed.isEmpty ? plain.report.sessions : failed
        #expect(again.report.sessions.map(\.outcome) == kept.map(\.outcome))
        #expect(again.report.sessions.map(\.probableErrorCodes) == kept.map(\.probableErrorCodes))
        #expect(again.report.capture.malformedPackets == 0)
    }

    @Test("tshark reads a redacted evidence capture with every checksum valid")
    func tsharkValidatesChecksums() throws {
        let tshark = try #require(ProjectPaths.which("tshark"), "tshark is required: apt-get install -y tshark")
        let input = try Self.url("mschapv2-e691")
        let redacted = try Analyzer.analyze(path: input.path, options: .init(redact: true))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString).pcap")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try EvidenceWriter.write(
            from: input.path, filter: nil, flows: redacted.evidenceFlows, to: out.path,
            pseudonyms: redacted.pseudonyms)
        let result = try ProjectPaths.run(
            tshark,
            [
                "-r", out.path, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-Y", "ip.checksum.status == 0 || tcp.checksum.status == 0 || _ws.malformed",
            ])
        #expect(result.status == 0)
        #expect(String(decoding: result.stdout, as: UTF8.self).isEmpty, "packets with bad checksums or malformed")
    }
}
