/// Every fixture scenario, in the order `make-fixtures` writes them.
public enum FixtureCatalog {
    public static var all: [FixtureScenario] {
        successScenarios + connectScenarios + tunnelScenarios + authenticationScenarios + ncpScenarios
            + establishedScenarios + formatScenarios + hostileScenarios + ruleScenarios + realWorldScenarios
    }

    public static func named(_ name: String) -> FixtureScenario? {
        all.first { $0.name == name }
    }
}

/// Shared pieces of the fixture scripts.
enum FixtureKit {
    static let clientIP = "192.168.1.23"
    static let defaultFormat = FixtureFormat.pcap(precision: .microseconds, byteOrder: .little)

    static func expect(
        _ outcome: FixtureOutcome, _ stage: FixtureStage? = nil, _ codes: [Int] = [],
        warnings: [String] = [], client: String = clientIP
    ) -> [ExpectedSession] {
        [ExpectedSession(client: client, outcome: outcome, stage: stage, errorCodes: codes, warnings: warnings)]
    }

    /// Windows client at its own capture point (TTL 128), pptpd server 12 hops away (TTL 52).
    static func builder(link: LinkKind = .ethernet) -> ScenarioBuilder {
        ScenarioBuilder(link: link)
    }

    /// Makes the client a Linux pptp/pppd client (TTL 64, "cananian" vendor string, user name without domain).
    static func makePPPDClient(_ b: ScenarioBuilder) {
        b.client.ttl = 64
        b.client.window = 64_240
        b.profile.clientIsPPPD = true
        b.profile.clientHostName = "local"
        b.profile.clientVendor = "cananian"
        b.profile.userName = "alice"
    }

    /// A complete successful session: setup, data with keep-alives, user disconnect.
    static func successfulSession(_ b: ScenarioBuilder, auth: AuthMethod = .msChapV2, long: Bool = false) {
        b.establish(auth: auth, ipv6cp: auth == .msChapV2)
        let kind = b.dataKind(for: auth)
        let serverSize = auth == .msChapV2 ? 900 : 84
        let clientSize = auth == .msChapV2 ? 120 : 84
        b.wait(180)
        b.greConversation(rounds: 8, clientSize: clientSize, serverSize: serverSize, kind: kind)
        if long {
            b.waitSeconds(30)
            b.lcpEchoExchange(from: .server, identifier: 1)
            b.greConversation(rounds: 4, clientSize: clientSize, serverSize: serverSize, kind: kind)
            b.waitSeconds(30)
            b.pptpEchoExchange(from: .server, identifier: 1)
            b.wait(5)
            b.lcpEchoExchange(from: .server, identifier: 2)
        } else {
            b.waitSeconds(4)
            b.lcpEchoExchange(from: .server, identifier: 1)
        }
        b.greConversation(rounds: 4, clientSize: clientSize, serverSize: serverSize, kind: kind)
        b.orderlyTeardown()
    }

    static func output(_ b: ScenarioBuilder, _ format: FixtureFormat) -> [UInt8] {
        switch format {
        case .pcap(let precision, let byteOrder): return b.pcap(precision: precision, byteOrder: byteOrder)
        case .pcapng: return b.pcapng()
        }
    }

    /// The server's pppd terminates the link after an authentication failure; the client clears the call.
    static func serverTerminatesAfterAuthFailure(_ b: ScenarioBuilder, reason: String = "Authentication failed") {
        b.wait(0.6)
        b.lcpTerminate(from: .server, identifier: 2, reason: reason)
        b.controlTeardown()
    }
}
