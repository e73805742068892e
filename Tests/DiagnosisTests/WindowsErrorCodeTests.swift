import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPReporting
import PPTPTestSupport
import Testing

/// The Windows error code is the headline of every report: each code's SDK symbol and the versions that show
/// it are pinned here (RasError.h / MprError.h, issue 18), and so is the order the rules list them in.
@Suite("Windows error codes")
struct WindowsErrorCodeTests {
    /// code, SDK symbol, first version that shows it, last one (nil: still shown today).
    static let pinned: [(Int, String, WindowsVersion, WindowsVersion?)] = [
        (619, "ERROR_PORT_DISCONNECTED", .xp, nil),
        (628, "ERROR_DISCONNECTION", .xp, nil),
        (629, "ERROR_REMOTE_DISCONNECTION", .xp, nil),
        (638, "ERROR_REQUEST_TIMEOUT", .xp, nil),
        (646, "ERROR_RESTRICTED_LOGON_HOURS", .xp, nil),
        (647, "ERROR_ACCT_DISABLED", .xp, nil),
        (648, "ERROR_PASSWD_EXPIRED", .xp, nil),
        (649, "ERROR_NO_DIALIN_PERMISSION", .xp, nil),
        (678, "ERROR_NO_ANSWER", .xp, nil),
        (691, "ERROR_AUTHENTICATION_FAILURE", .xp, nil),
        (709, "ERROR_CHANGING_PASSWORD", .xp, nil),
        (718, "ERROR_PPP_TIMEOUT", .xp, nil),
        (720, "ERROR_PPP_NO_PROTOCOLS_CONFIGURED", .xp, nil),
        (721, "ERROR_PPP_NO_RESPONSE", .xp, nil),
        (732, "ERROR_PPP_NOT_CONVERGING", .xp, nil),
        (733, "ERROR_PPP_CP_REJECTED", .xp, nil),
        (734, "ERROR_PPP_LCP_TERMINATED", .xp, nil),
        (735, "ERROR_PPP_REQUIRED_ADDRESS_REJECTED", .xp, nil),
        (736, "ERROR_PPP_NCP_TERMINATED", .xp, nil),
        (738, "ERROR_PPP_NO_ADDRESS_ASSIGNED", .xp, nil),
        (741, "ERROR_NO_LOCAL_ENCRYPTION", .xp, nil),
        (742, "ERROR_NO_REMOTE_ENCRYPTION", .xp, nil),
        (743, "ERROR_REMOTE_REQUIRES_ENCRYPTION", .xp, .xp),
        (800, "ERROR_AUTOMATIC_VPN_FAILED", .xp, nil),
        (806, "ERROR_VPN_GRE_BLOCKED", .vista, nil),
        (807, "ERROR_VPN_DISCONNECT", .vista, nil),
        (809, "ERROR_VPN_TIMEOUT", .vista, nil),
        (812, "ERROR_SERVER_POLICY", .vista, nil),
        (868, "ERROR_DNSNAME_NOT_RESOLVABLE", .win7, nil),
        (919, "ERROR_PEER_REFUSED_AUTH", .xp, nil),
        (930, "ERROR_AUTH_SERVER_TIMEOUT", .xp, nil),
        (942, "ERROR_AUTH_PROTOCOL_RESTRICTION", .xp, nil),
    ]

    @Test("every code has its SDK symbol and the versions that can show it", arguments: pinned.map(\.0))
    func codeHasSymbolAndVersionRange(code: Int) throws {
        let pin = try #require(Self.pinned.first { $0.0 == code })
        let known = try #require(WindowsErrorCodes.lookup(code), "\(code) missing from the table")
        #expect(known.symbol == pin.1)
        #expect(known.since == pin.2, "\(code) since")
        #expect(known.until == pin.3, "\(code) until")
        #expect(known.header == (code >= 900 ? .mprError : .rasError))
        for version in WindowsVersion.allCases {
            #expect((known.text(on: version) != nil) == known.shows(on: version), "\(code) on \(version.name)")
        }
    }

    @Test("the table holds exactly the pinned codes, once each")
    func tableHoldsThePinnedCodes() {
        let codes = WindowsErrorCodes.table.map(\.code)
        #expect(codes == Self.pinned.map(\.0))
        #expect(Set(codes).count == codes.count)
    }

    @Test("every code a rule can report is in the table")
    func everyRuleCodeIsKnown() {
        for rule in RuleCatalog.all + RuleCatalog.captureGaps {
            for code in rule.errorCodes { #expect(WindowsErrorCodes.lookup(code) != nil, "\(rule.id) names \(code)") }
        }
    }

    @Test("743 is Windows XP only, obsolete since Vista")
    func encryptionRequiredIsXPOnly() throws {
        let code = try #require(WindowsErrorCodes.lookup(743))
        #expect(code.shows(on: .xp))
        #expect(!code.shows(on: .vista) && !code.shows(on: .win10))
        #expect(code.versions.contains("obsolete since Windows Vista"))
    }

    @Test("619 shows the same text from XP to 11")
    func portDisconnectedTextNeverChanged() throws {
        let code = try #require(WindowsErrorCodes.lookup(619))
        let texts = Set(WindowsVersion.allCases.compactMap { code.text(on: $0) })
        #expect(
            texts == [
                "A connection to the remote computer could not be established, so the port used for this connection was closed."
            ])
    }

    @Test("721 exists in every version with a new text from Windows 7; 691 changed its text in 7")
    func textsChangeByGeneration() throws {
        let e721 = try #require(WindowsErrorCodes.lookup(721))
        #expect(e721.text(on: .xp) == "The remote computer is not responding.")
        #expect(e721.text(on: .vista) == e721.text(on: .xp))
        #expect(e721.text(on: .win7)?.hasPrefix("A connection to the remote access server was not made") == true)
        let e691 = try #require(WindowsErrorCodes.lookup(691))
        #expect(e691.text(on: .vista)?.hasPrefix("Access was denied") == true)
        #expect(e691.text(on: .win10)?.hasPrefix("The remote connection was denied because the user name and password") == true)
    }

    @Test("a code is named the way users search for it: Error N and the first sentence of the dialog")
    func searchNameIsErrorAndFirstSentence() {
        #expect(
            WindowsErrorCodes.searchName(806)
                == "Error 806: The VPN connection between your computer and the VPN server could not be completed.")
        #expect(WindowsErrorCodes.searchName(720, on: .xp) == "Error 720: No PPP control protocols configured.")
        #expect(WindowsErrorCodes.searchName(4242) == "Error 4242")
    }

    @Test("without the client's version the current code comes first and XP-only codes last")
    func unknownVersionListsModernFirst() {
        #expect(WindowsErrorCodes.ordered([743, 734], for: nil) == [734, 743])
        #expect(WindowsErrorCodes.ordered([806, 721], for: nil) == [806, 721])
    }

    @Test("a known client version keeps only the codes it can show")
    func knownVersionNarrowsTheList() {
        #expect(WindowsErrorCodes.ordered([806, 721], for: .xp) == [721])
        #expect(WindowsErrorCodes.ordered([806, 721], for: .win10) == [806], "721 after 806 stands for Windows before Vista")
        #expect(WindowsErrorCodes.ordered([721, 718], for: .win10) == [721, 718])
        #expect(WindowsErrorCodes.ordered([734, 743], for: .win10) == [734])
        #expect(WindowsErrorCodes.ordered([734, 743], for: .xp) == [734, 743])
    }

    // MARK: the rules' code lists (issue 18)

    static func codes(_ id: String) -> [Int] { RuleCatalog.rule(id)?.errorCodes ?? [] }

    @Test("blocked GRE is 806 from Vista on and 721 before, never 619")
    func blockedGREIs806Then721() {
        for id in ["gre.no-return", "gre.none-at-all", "gre.protocol-unreachable", "gre.wrong-call-id"] {
            #expect(Array(Self.codes(id).prefix(2)) == [806, 721], "\(id)")
            #expect(!Self.codes(id).contains(619), "\(id)")
        }
    }

    @Test("no common authentication protocol is 919 first, then 734, and 812 last")
    func authProtocolRefusedIs919First() {
        #expect(Self.codes("lcp.auth-protocol-refused") == [919, 734, 812])
    }

    @Test("unanswered LCP requests are 721; a silent server after the CHAP response is 718 alone")
    func silenceCodes() {
        #expect(Self.codes("lcp.requests-unanswered").first == 721)
        #expect(!Self.codes("lcp.requests-unanswered").contains(734))
        #expect(Self.codes("authentication.no-answer") == [718])
    }

    @Test("a Protocol-Reject of IPCP is 733 first; an address not assigned is 738; the server's NCP Terminate 736")
    func networkConfigCodes() {
        #expect(Self.codes("network-config.ipcp-rejected").first == 733)
        #expect(Self.codes("network-config.ipcp-rejected").contains(738))
        #expect(Self.codes("network-config.no-agreement").contains(736))
    }

    @Test("the server closing the control connection is 628 before the link is up and 629 after")
    func serverCloseBeforeAndAfter() {
        #expect(Self.codes("control-connection.closed-before-reply").first == 628)
        #expect(Self.codes("call-setup.closed-before-reply").first == 628)
        #expect(Self.codes("teardown.dropped-by-server").first == 629)
        #expect(Self.codes("teardown.ended-by-server") == [629])
        #expect(Self.codes("call-setup.server-ppp-exited") == [619, 628])
    }

    static func primaryCodes(_ name: String) throws -> [Int] {
        let scenario = try #require(FixtureCatalog.named(name))
        let url = ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent(scenario.format.fileName)
        return try #require(try Analyzer.analyze(path: url.path).report.sessions.first).probableErrorCodes
    }

    @Test("a client refusing the MPPE the server requires is 734, with 743 after it for XP")
    func clientRefusingMPPEIs734() throws {
        #expect(Array(try Self.primaryCodes("ccp-mppe-refused-by-client").prefix(2)) == [734, 743])
    }

    @Test("a server Protocol-Rejecting IPCP is reported as 733 before 720")
    func ipcpProtocolRejectIs733() throws {
        #expect(Array(try Self.primaryCodes("ipcp-rejected").prefix(2)) == [733, 720])
    }

    @Test("a report's headline names the code as Error N with its dialog sentence")
    func headlineNamesTheDialog() throws {
        let name = "gre-no-return"
        let scenario = try #require(FixtureCatalog.named(name))
        let url = ProjectPaths.scenarios.appendingPathComponent(name).appendingPathComponent(scenario.format.fileName)
        let session = try #require(try Analyzer.analyze(path: url.path).report.sessions.first)
        #expect(
            session.headline.contains(
                "\"Error 806: The VPN connection between your computer and the VPN server could not be completed.\""),
            "\(session.headline)")
    }
}

extension WindowsErrorCodeTests {
    @Test("a server that ends IPCP with a Terminate because its pool is empty is 736, then 738")
    func serverIPCPTerminateIs736() throws {
        #expect(Array(try Self.primaryCodes("ipcp-nak-loop").prefix(3)) == [736, 738, 720])
    }
}

extension WindowsErrorCodeTests {
    static func explain(_ code: Int) throws -> String {
        let exe = try #require(ProjectPaths.executable?.path, "build pptp-pcap first (swift build --build-tests)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = ["explain", String(code)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("explain prints the search name, the SDK symbol, each generation's dialog text and the versions")
    func explainPrintsSymbolTextsAndVersions() throws {
        let out = try Self.explain(721)
        #expect(out.hasPrefix("Error 721: A connection to the remote access server was not made"))
        #expect(out.contains("Symbol: ERROR_PPP_NO_RESPONSE (RasError.h)"))
        #expect(out.contains("Windows versions: Windows XP and later (every version)"))
        #expect(out.contains("  Windows XP to Windows Vista: The remote computer is not responding."))
        #expect(out.contains("  Windows 7 and later: A connection to the remote access server"))
        let obsolete = try Self.explain(743)
        #expect(obsolete.contains("Windows versions: Windows XP only (obsolete since Windows Vista)"))
        #expect(obsolete.contains("  Windows XP: The remote computer requires data encryption."))
    }
}
