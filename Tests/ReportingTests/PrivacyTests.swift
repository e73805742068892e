import Foundation
import PPTPAnalysis
import PPTPReporting
import PPTPTestSupport
import Testing

/// Reports never carry PAP passwords or MS-CHAP challenge/response values, in any format.
@Suite("Credential privacy")
struct PrivacyTests {
    /// Secrets as tshark shows them in the real captures (chap.value in hex, pap.password as text).
    static let secrets: [(file: String, secrets: [String])] = [
        // The PAP user name in this capture equals the password, so the user name must not be printed either.
        ("PPTP_negotiation.cap", ["ixia"]),
        (
            "lulu-password-pptp.pcap",
            [
                "95a87fa62ebcd2e3c8b09e1b448a6c72", "e2ae0995eaac6ceff0d9757428b51509",
                "460874E1CADF35FBD9F6E80C01A1ADC5746F0B6A",
            ]
        ),
        ("solar-solarisalwaysbusy-pptp.pcap", ["bde000cc4aec82da11803dee6c6720cd", "8005caf13dfebc85e67beaf822310a01"]),
        ("connect.pcapng", ["be18734507ca5a2428a2d18ad3f03cff", "1906181330134498997c4dc3184a29da"]),
        ("pptp.cap", ["258d4fc024f111512d0b61f9c375aee1", "abfe01e6c759850155b4d8d6258cdb67"]),
    ]

    static var files: [String] { secrets.map(\.file) }

    @Test(
        "no report format shows a password or a challenge/response value",
        .enabled(
            if: ProjectPaths.sharedCaptures != nil,
            "../shared/captures is absent on this machine"), arguments: files)
    func reportsHideCredentials(file: String) throws {
        let dir = try #require(ProjectPaths.sharedCaptures)
        let secrets = try #require(Self.secrets.first { $0.file == file }?.secrets)
        let report = try Analyzer.analyze(path: dir.appendingPathComponent(file).path).report
        for output in [TextRenderer().render(report), JSONRenderer.render(report)] {
            let lower = output.lowercased()
            for secret in secrets {
                #expect(!lower.contains(secret.lowercased()), "\(file): a report shows \(secret)")
            }
        }
    }

    @Test("MS-CHAP failure details stay readable while their challenge is hidden")
    func msChapFailureKeepsTheCodeAndHidesTheChallenge() throws {
        let url = ProjectPaths.scenarios.appendingPathComponent("mschapv2-e691/capture.pcap")
        let text = TextRenderer().render(try Analyzer.analyze(path: url.path).report)
        #expect(text.contains("E=691"))
        #expect(text.contains("C=<redacted>"))
    }
}
