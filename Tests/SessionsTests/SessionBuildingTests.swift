import PPTPAnalysis
import PPTPDissect
import PPTPSessions
import PPTPTestSupport
import Testing

@Suite("Session building")
struct SessionBuildingTests {
    static func sessions(_ scenario: String) throws -> [Session] {
        let s = try #require(FixtureCatalog.named(scenario))
        let url = ProjectPaths.scenarios.appendingPathComponent(scenario).appendingPathComponent(s.format.fileName)
        return try Analyzer.analyze(path: url.path).sessions
    }

    @Test("GRE both ways is bound to the call through the Call IDs of OCRQ and OCRP")
    func greIsBoundByCallID() throws {
        let session = try #require(try Self.sessions("success-mschapv2").first)
        let call = try #require(session.primaryCall)
        #expect(call.clientCallID == 18977)
        #expect(call.serverCallID == 7)
        #expect(call.greFromClient.packets > 0)
        #expect(call.greFromServer.packets > 0)
        #expect(call.greFromClient.lost == 0)
    }

    @Test("the client is the side that sent SCCRQ and the SYN")
    func clientIsTheInitiator() throws {
        let session = try #require(try Self.sessions("success-mschapv2").first)
        #expect(session.client.port != 1723)
        #expect(session.server.port == 1723)
        #expect(session.control.first?.type == .startControlConnectionRequest)
        #expect(session.control.first?.from == .client)
    }

    @Test("control messages split, merged, retransmitted and reordered still come out once each, in order")
    func reassembledControlMessages() throws {
        let session = try #require(try Self.sessions("control-split-merged").first)
        let types = session.control.map(\.type.rawValue)
        #expect(types.prefix(3) == [1, 2, 7])
        #expect(Set(types).count >= 6)
        #expect(session.tcpEvents.contains { $0.kind == .retransmission })
    }

    @Test("two sessions in one file stay apart")
    func twoSessions() throws {
        let sessions = try Self.sessions("two-sessions")
        #expect(sessions.count == 2)
        #expect(Set(sessions.map(\.client.address)).count == 2)
    }

    @Test("a capture starting mid-session binds the GRE to the control connection it joined")
    func midSessionJoin() throws {
        let sessions = try Self.sessions("mid-session-start")
        #expect(sessions.count == 1)
        #expect(sessions.first?.primaryCall?.greFromClient.dataPackets ?? 0 > 0)
    }

    @Test("the capture point is inferred from the TTLs")
    func capturePoint() throws {
        #expect(try Self.sessions("gre-no-return").first?.capturePoint == .client)
        #expect(try Self.sessions("server-capture-point").first?.capturePoint == .server)
    }

    @Test("the LCP automaton sees retransmissions and both acknowledgements")
    func lcpNegotiation() throws {
        let session = try #require(try Self.sessions("lcp-retransmit-then-success").first)
        let lcp = Negotiation(proto: .lcp, events: session.primaryCall?.ppp ?? [])
        #expect(lcp.isOpen)
        #expect(lcp.client.retransmissions + lcp.server.retransmissions == 2)
    }

    @Test("a run of unanswered LCP echo requests is counted")
    func echoLoss() throws {
        let session = try #require(try Self.sessions("echo-loss").first)
        let events = session.primaryCall?.ppp ?? []
        let client = EchoStats(from: .client, events: events)
        let server = EchoStats(from: .server, events: events)
        #expect(max(client.longestUnansweredRun, server.longestUnansweredRun) >= 3)
    }

    @Test("ICMP errors are bound to the tunnel they quote")
    func icmpBinding() throws {
        let session = try #require(try Self.sessions("mtu-blackhole").first)
        #expect(session.icmp.contains { $0.isFragmentationNeeded && $0.mtu == 1400 })
    }
}
