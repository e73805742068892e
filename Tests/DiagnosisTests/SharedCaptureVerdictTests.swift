import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPSessions
import PPTPTestSupport
import Testing

/// The real captures in ../shared/captures against the verdicts in their MANIFEST.md.
@Suite(
    "Real capture verdicts",
    .enabled(
        if: ProjectPaths.sharedCaptures != nil,
        "../shared/captures is absent on this machine"))
struct SharedCaptureVerdictTests {
    enum Expected: Sendable, CustomStringConvertible {
        /// One PPTP session with this outcome.
        case session(String)
        /// No PPTP session; the report must say so.
        case noPPTP
        /// Fragments of tunnels with no session to judge: reported as incomplete tunnels or as no session, never failed.
        case fragmentsOnly
        /// No PPTP session, and PPP links without PPTP diagnosed from their negotiation, with these outcomes.
        case pppLinks([String])

        var description: String {
            switch self {
            case .session(let o): "one session, \(o)"
            case .noPPTP: "no PPTP session"
            case .fragmentsOnly: "tunnel fragments, nothing failed"
            case .pppLinks(let o): "no PPTP session; PPP links \(o)"
            }
        }
    }

    static let manifest: [(file: String, expected: Expected)] = [
        ("PPTP_negotiation.cap", .session("success")),
        ("lulu-password-pptp.pcap", .session("success")),
        ("solar-solarisalwaysbusy-pptp.pcap", .session("success")),
        ("connect.pcapng", .session("success")),
        ("pptp.cap", .session("incomplete")),
        ("gre-pptp.pcap", .session("incomplete")),
        ("gre.pcapng", .session("incomplete")),
        ("GrePackets.pcap", .fragmentsOnly),
        ("PPP_negotiation.cap", .noPPTP),
        ("PPP.cap", .noPPTP),
        ("PPP_EAP.cap", .noPPTP),
        ("ppp_lcp_ipcp.pcap", .pppLinks(["success"])),
        // An old link closed in order (LCP Terminate-Request/Ack), then a new one negotiated: two links, both fine.
        ("PPP-config.cap", .pppLinks(["success", "success"])),
        ("PPPoE_Dual-Stack_IPv4_IPv6-with_DHCPv6.cap", .pppLinks(["success"])),
        ("path_MTU_discovery.cap", .noPPTP),
        ("input.pcap", .noPPTP),
        ("GRE.cap", .noPPTP),
        ("various_gre.pcap", .noPPTP),
        ("ICMP_across_dot1q.cap", .noPPTP),
        ("ppp-invalid-lengths.pcap", .noPPTP),
        ("gre-heapoverflow-1.pcap", .noPPTP),
        ("icmp-length-zero.pcapng", .noPPTP),
        ("icmp-cksum-oobr-3.pcapng", .noPPTP),
    ]

    static var files: [String] { manifest.map(\.file) }

    @Test("every capture gets the MANIFEST's verdict", arguments: files)
    func verdictMatchesManifest(file: String) throws {
        let dir = try #require(ProjectPaths.sharedCaptures)
        let expected = try #require(Self.manifest.first { $0.file == file }?.expected)
        let report = try Analyzer.analyze(path: dir.appendingPathComponent(file).path).report
        switch expected {
        case .session(let outcome):
            #expect(report.sessions.count == 1, "\(report.sessions.map(\.headline))")
            #expect(report.sessions.first?.outcome.rawValue == outcome, "\(report.sessions.map(\.headline))")
            #expect(report.sessions.allSatisfy { $0.outcome != .failed }, "none of the real captures is a failure")
        case .fragmentsOnly:
            #expect(report.sessions.allSatisfy { $0.outcome == .incomplete && !$0.controlChannelSeen })
        case .pppLinks(let outcomes):
            #expect(report.sessions.map(\.outcome.rawValue) == outcomes, "\(report.sessions.map(\.headline))")
            #expect(report.sessions.allSatisfy { $0.pppLink != nil && !$0.controlChannelSeen })
            #expect(
                report.sessions.allSatisfy { $0.findings.contains { $0.rule == "capture.ppp-only" } },
                "each says the tunnel layers are outside the capture")
            #expect(report.summary.noPPTPSession?.hasPrefix("No PPTP session found") == true)
        case .noPPTP:
            #expect(report.sessions.isEmpty)
            #expect(report.summary.noPPTPSession?.hasPrefix("No PPTP session found") == true)
        }
    }

    @Test("the manifest table covers every capture in the folder")
    func manifestCoversEveryCapture() {
        let onDisk = Set(ProjectPaths.sharedCaptureFiles.map(\.lastPathComponent))
        #expect(onDisk == Set(Self.files))
    }

    @Test("frag-needed messages of other applications are reported as not belonging to a tunnel")
    func unrelatedFragNeededIsAWarningNotASession() throws {
        let dir = try #require(ProjectPaths.sharedCaptures)
        let report = try Analyzer.analyze(path: dir.appendingPathComponent("input.pcap").path).report
        #expect(report.capture.icmpErrors == 4)
        #expect(report.warnings.filter { $0.code == "capture.unbound-icmp" }.count == 4)
    }

    @Test("a pcapng file whose interfaces differ is read past libpcap's refusal")
    func mixedInterfacePcapngIsRead() throws {
        let dir = try #require(ProjectPaths.sharedCaptures)
        let report = try Analyzer.analyze(path: dir.appendingPathComponent("GrePackets.pcap").path).report
        #expect(report.capture.packets == 7)
        // Frames 1-2 (a CCP Terminate-Ack and an ack-only frame) and frame 6 (PPP in GRE in IPv4 in IPv6 in VLAN).
        #expect(report.capture.enhancedGREPackets == 3)
    }
}
