public import PPTPDissect

/// Where the capture was taken, inferred from the IP TTLs of each side's packets.
public enum CapturePoint: String, Sendable, Codable {
    case client, server, between
    case sameSegment = "same-segment"
    case unknown
}

/// One PPTP session as seen in the capture: a control connection and its calls, or — when the capture has no
/// control channel — a tunnel seen only through its GRE.
public struct Session: Sendable, Equatable {
    public var index: Int
    public var client: Endpoint
    public var server: Endpoint
    /// The capture holds no control channel for this tunnel (it starts mid-session or filtered TCP out).
    public var controlChannelSeen: Bool
    /// The TCP connection was seen from its SYN.
    public var sawSYN = false
    public var sawSYNAck = false
    public var sawClientAckOfSYN = false
    public var tcpEvents: [TCPEvent] = []
    public var control: [ControlEvent] = []
    public var calls: [Call] = []
    public var icmp: [ICMPEvent] = []
    public var first: PacketRef
    public var last: PacketRef
    /// How many packets belong to this session (control, GRE, ICMP errors about it).
    public var packetCount = 0
    /// The flows that make up the session, so a second pass can pick its packets out again (evidence captures)
    /// without the session keeping one number per packet.
    public var flows = SessionFlows()
    /// TTLs seen from each side (first seen), for the capture point.
    public var clientTTL: UInt8?
    public var serverTTL: UInt8?
    /// Segments that could not be framed as PPTP (bad cookie, gap) and how the stream was resynchronised.
    public var streamProblems: [String] = []
    /// GRE between the same two hosts whose key names a Call ID this session's call does not have.
    public var unmatchedGRE: UnmatchedGRE?
    /// Set for a PPP link seen without PPTP around it (no control channel, no GRE): its one call holds the PPP
    /// negotiation, and `client`/`server` are placeholders without addresses.
    public var pppLink: PPPLink?

    public init(index: Int, client: Endpoint, server: Endpoint, controlChannelSeen: Bool, first: PacketRef) {
        self.index = index
        self.client = client
        self.server = server
        self.controlChannelSeen = controlChannelSeen
        self.first = first
        self.last = first
    }

    /// The call the diagnosis looks at: the last one set up (a client that retries opens a new call).
    public var primaryCall: Call? { calls.last }

    public var capturePoint: CapturePoint { CapturePointInference.infer(clientTTL: clientTTL, serverTTL: serverTTL) }

    public func controlMessages(_ type: PPTPMessageType) -> [ControlEvent] { control.filter { $0.type == type } }
}

/// Enhanced GRE that belongs to no call of the session it travels beside: a Call ID rewritten on one channel and
/// not the other (a NAT or PPTP helper in between), or packets of a stale call.
public struct UnmatchedGRE: Sendable, Equatable {
    public var from: Side
    public var callID: UInt16
    /// The Call ID the call expects in that direction.
    public var expected: UInt16?
    public var packets: Int
    public var first: PacketRef
    public var last: PacketRef
}

/// The identities of a session's traffic: its TCP 1723 connection(s), the GRE keys of its calls, and the
/// packet numbers of the ICMP errors bound to it (few).
public struct SessionFlows: Sendable, Equatable {
    public struct GREFlow: Hashable, Sendable {
        public var source: IPAddress
        public var destination: IPAddress
        public var callID: UInt16
    }

    public var connections: Set<[Endpoint]> = []
    public var gre: Set<GREFlow> = []
    public var icmpPackets: Set<Int> = []

    /// True when a dissected packet is part of these flows.
    public func contains(_ p: DecodedPacket, number: Int) -> Bool {
        if icmpPackets.contains(number) { return true }
        guard let ip = p.ip else { return false }
        if let t = p.tcp {
            return connections.contains([
                Endpoint(address: ip.source, port: t.sourcePort),
                Endpoint(address: ip.destination, port: t.destinationPort),
            ])
                || connections.contains([
                    Endpoint(address: ip.destination, port: t.destinationPort),
                    Endpoint(address: ip.source, port: t.sourcePort),
                ])
        }
        if let g = p.gre, let call = g.callID {
            return gre.contains(GREFlow(source: ip.source, destination: ip.destination, callID: call))
        }
        return false
    }
}

enum CapturePointInference {
    static func isInitial(_ ttl: UInt8) -> Bool { ttl == 64 || ttl == 128 || ttl == 255 || ttl == 32 }

    static func infer(clientTTL: UInt8?, serverTTL: UInt8?) -> CapturePoint {
        switch (clientTTL.map(isInitial), serverTTL.map(isInitial)) {
        case (true?, false?): .client
        case (false?, true?): .server
        case (false?, false?): .between
        case (true?, true?): .sameSegment
        case (true?, nil): .client
        case (nil, true?): .server
        default: .unknown
        }
    }
}
