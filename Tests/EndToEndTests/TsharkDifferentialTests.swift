import Foundation
import PPTPTestSupport
import Testing

/// `pptp-pcap packets --format ndjson` against Debian's tshark, field by field, on every capture in Fixtures/
/// and ../shared/captures. A difference is allowed only where `KnownDifferences` gives a written reason.
@Suite("tshark differential", .serialized)
struct TsharkDifferentialTests {
    /// The fields compared: the issue's list plus the addressing and option fields both tools print.
    static let fields = [
        "frame.number", "pptp.control_message_type", "pptp.control_result", "pptp.out_result", "pptp.in_result",
        "pptp.disc_result", "pptp.error", "pptp.call_id", "pptp.peer_call_id", "pptp.reason", "pptp.stop_result",
        "pptp.host_name", "pptp.vendor_name", "gre.key.payload_length", "gre.key.call_id", "gre.sequence_number",
        "gre.ack_number", "gre.proto", "gre.flags_and_version", "ppp.protocol", "ppp.code", "ppp.identifier",
        "lcp.opt.mru", "lcp.opt.auth_protocol", "lcp.opt.magic_number", "lcp.rej_proto", "lcp.magic_number",
        "chap.code", "chap.identifier", "chap.message", "chap.name", "pap.code", "pap.peer_id", "ccp.opt.type",
        "ccp.opt.supported_bits", "ipcp.opt.ip_address", "ipcp.opt.pri_dns_address", "icmp.type", "icmp.code",
        "icmp.mtu", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport", "udp.srcport", "vlan.id", "ieee8021ad.id",
    ]

    static var captures: [URL] {
        ProjectPaths.scenarioCaptureFiles + ProjectPaths.multiPointCaptureFiles + ProjectPaths.sharedCaptureFiles
    }

    struct Tally { var compared = 0, equal = 0, explained = 0 }

    @Test("every field of every packet equals tshark's, or the difference has a written reason")
    func fieldsAgreeWithTshark() throws {
        let tshark = try #require(ProjectPaths.which("tshark"), "tshark is required: apt-get install -y tshark")
        let ours = try #require(ProjectPaths.executable, "the pptp-pcap executable was not built")
        if ProjectPaths.sharedCaptures == nil {
            Issue.record("../shared/captures is absent: only Fixtures/ were compared", severity: .warning)
        }
        var tally = Tally()
        var unexplained: [String] = []
        for capture in Self.captures {
            let name = Self.displayName(capture)
            let theirs = try tsharkPackets(tshark, capture)
            let mine = try ourPackets(ours.path, capture)
            for (frame, layers) in theirs {
                let row = mine[frame] ?? [:]
                for field in Self.fields {
                    let a = layers[field]
                    let b = row[field]
                    if a == nil && b == nil { continue }
                    tally.compared += 1
                    if a == b {
                        tally.equal += 1
                        continue
                    }
                    if KnownDifferences.reason(file: name, frame: frame, field: field) != nil {
                        tally.explained += 1
                        continue
                    }
                    unexplained.append("\(name) frame \(frame) \(field): tshark \(a ?? []) pptp-pcap \(b ?? [])")
                }
            }
        }
        print(
            "tshark differential: \(tally.compared) fields compared, \(tally.equal) equal, "
                + "\(tally.explained) different with a written reason, \(unexplained.count) unexplained")
        #expect(tally.compared > 5000)
        #expect(unexplained.count == 0, "\(unexplained.prefix(40).joined(separator: "\n"))")
    }

    /// "control-split-merged/capture.pcap" for a scenario, the file name for a shared capture.
    static func displayName(_ url: URL) -> String {
        let parent = url.deletingLastPathComponent()
        return ["scenarios", "multipoint"].contains(parent.deletingLastPathComponent().lastPathComponent)
            ? "\(parent.lastPathComponent)/\(url.lastPathComponent)" : url.lastPathComponent
    }

    func tsharkPackets(_ tshark: String, _ file: URL) throws -> [String: [String: [String]]] {
        var args = ["-r", file.path, "-T", "json", "-o", "tcp.desegment_tcp_streams:FALSE"]
        for f in Self.fields { args += ["-e", f] }
        let result = try ProjectPaths.run(tshark, args)
        guard let json = try? JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] else { return [:] }
        var out: [String: [String: [String]]] = [:]
        for packet in json {
            guard let layers = (packet["_source"] as? [String: Any])?["layers"] as? [String: [String]],
                let frame = layers["frame.number"]?.first
            else { continue }
            out[frame] = layers
        }
        return out
    }

    func ourPackets(_ binary: String, _ file: URL) throws -> [String: [String: [String]]] {
        let result = try ProjectPaths.run(binary, ["packets", "--format", "ndjson", "--show-credentials", file.path])
        var out: [String: [String: [String]]] = [:]
        for line in result.stdout.split(separator: UInt8(ascii: "\n")) {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                Issue.record("\(file.lastPathComponent): a line of ndjson is not JSON")
                continue
            }
            var row: [String: [String]] = [:]
            for (k, v) in obj {
                if let s = v as? String { row[k] = [s] } else if let a = v as? [String] { row[k] = a }
            }
            if let frame = row["frame.number"]?.first { out[frame] = row }
        }
        return out
    }
}
