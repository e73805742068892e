import Foundation
import PPTPTestSupport
import Testing

/// Commands that print guidance rather than a report: `capture-help` and `explain` of a rule or of `security`.
@Suite("Guidance commands")
struct CommandHelpTests {
    static func run(_ arguments: [String]) throws -> (out: String, status: Int32) {
        let exe = try #require(ProjectPaths.executable?.path, "build pptp-pcap first (swift build --build-tests)")
        let result = try ProjectPaths.run(exe, arguments)
        return (String(decoding: result.stdout, as: UTF8.self), result.status)
    }

    @Test("capture-help gives tcpdump with GRE in the filter, pktmon with its conversion, and the logs to keep")
    func captureHelp() throws {
        let all = try Self.run(["capture-help"])
        #expect(all.status == 0)
        #expect(all.out.contains("tcpdump -i any -s 0 -w pptp.pcap 'tcp port 1723 or ip proto 47 or icmp"))
        #expect(all.out.contains("pktmon start --capture --comp nics --pkt-size 0"))
        #expect(all.out.contains("pktmon etl2pcap pptp.etl --out pptp.pcapng"))
        #expect(all.out.contains("netsh trace start capture=yes"))
        #expect(all.out.contains("Provider[@Name='RasClient']"))
        let linux = try Self.run(["capture-help", "--platform", "linux"])
        #expect(linux.out.contains("debug") && !linux.out.contains("pktmon"))
    }

    @Test("explain takes a rule id and `security`; anything else is named as unknown")
    func explainRulesAndSecurity() throws {
        let rule = try Self.run(["explain", "log.gre-dropped-on-server-host"])
        #expect(rule.status == 0 && rule.out.contains("codes 806 721"))
        let security = try Self.run(["explain", "security"])
        #expect(security.out.contains("security.mschapv2-crackable"))
        #expect(security.out.contains("authentication.cleartext-password"))
        #expect(!security.out.contains("gre.no-return"))
        #expect(try Self.run(["explain", "no-such-thing"]).status != 0)
    }
}
