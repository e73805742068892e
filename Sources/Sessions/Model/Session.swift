public import Dissect

/// Where the capture was taken, inferred from the IP TTLs of each side's packets.
public enum CapturePoint: String, Sendable, Codable {
    case client, server, between, sameSegment = "same-segment", unknown
}

/// One PPTP session as seen in the capture: a control connection and its calls, or — when the capture has no
/// control channel — a tunnel seen only through its GRE.
public struct Session: Sendable {
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
    /// Every packet number that belongs to this session (control, GRE, ICMP), for evidence captures.
    public var packetNumbers: [Int] = []
    /// TTLs seen from each side (first seen), for the capture point.
    public var clientTTL: UInt8?
    public var serverTTL: UInt8?
    /// Segments that could not be framed as PPTP (bad cookie, gap) and how the stream was resynchronised.
    public var streamProblems: [String] = []

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
