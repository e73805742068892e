import Foundation
import PPTPAnalysis
import PPTPReporting
import PPTPTestSupport
import Testing

/// The security findings on real pppd sessions that worked: what each exposes, as pppd itself logged it.
@Suite("Security findings on the lab's real sessions")
struct LabSecurityTests {
    static func findings(_ scenario: String) throws -> (outcome: String, rules: Set<String>) {
        let path = ProjectPaths.lab.appendingPathComponent("\(scenario)/server.pcap").path
        let session = try #require(try Analyzer.analyze(path: path).report.sessions.first)
        return (session.outcome.rawValue, Set(session.findings.filter(\.isSecurity).map(\.rule)))
    }

    @Test("pppd agreeing on 40-bit MPPE (its log: `MPPE 40-bit stateless compression enabled`): a weak key, not stateful")
    func mppe40() throws {
        let (outcome, rules) = try Self.findings("success-mppe40")
        #expect(outcome == "success")
        #expect(rules.contains("security.weak-mppe"))
        #expect(!rules.contains("security.stateful-mppe"))
        #expect(rules.contains("security.mschapv2-crackable"))
    }

    @Test("PAP with nomppe (CCP opens with Deflate and BSD-Compress only): the clear-text password and no encryption")
    func papWithoutMPPE() throws {
        let (outcome, rules) = try Self.findings("success-pap-no-mppe")
        #expect(outcome == "success")
        #expect(rules == ["authentication.cleartext-password", "encryption.not-negotiated"])
    }

    @Test("CHAP-MD5 (no MPPE without MS-CHAP keys) and MS-CHAP v1 (with MPPE-128): the weak method, as pppd logged it")
    func weakMethods() throws {
        let md5 = try Self.findings("success-chap-md5")
        #expect(md5.outcome == "success")
        #expect(md5.rules == ["security.weak-authentication", "encryption.not-negotiated"])
        let v1 = try Self.findings("success-mschap-v1")
        #expect(v1.outcome == "success")
        #expect(v1.rules == ["security.weak-authentication"], "MS-CHAP v1 is not the v2 exchange the crackable rule names")
    }

    @Test("the reference session (MS-CHAPv2, 128-bit stateless MPPE) exposes only its crackable exchange")
    func reference() throws {
        let (outcome, rules) = try Self.findings("success-client-hangup")
        #expect(outcome == "success")
        #expect(rules == ["security.mschapv2-crackable"])
    }
}
