/// What the capture held besides (or instead of) PPTP sessions: enough to say "no PPTP session found, but …".
public struct CaptureStats: Sendable {
    public var packets = 0
    public var pptpControlPackets = 0
    public var enhancedGREPackets = 0
    public var greV0Packets = 0
    public var pppOnLinkPackets = 0
    public var pppoePackets = 0
    public var icmpErrors = 0
    public var malformedPackets = 0
    public var snapTruncatedPackets = 0
    /// Frames that repeated the previous ones byte for byte within a millisecond (SPAN ports, two interfaces).
    public var duplicateFrames = 0
    /// Sessions that are PPP links without PPTP around them (`Session.pppLink`).
    public var pppLinkSessions = 0
    /// PPP frames of such links recorded twice within a moment (Windows traces record a frame once per layer),
    /// counted once.
    public var pppDuplicateRecords = 0
    /// Packets of sessions already retired (closed and quiet for minutes): counted, not analysed.
    public var lateSessionPackets = 0
    /// Sessions finished and handed out before the end of the capture, and the most open at once: what the
    /// builder's memory followed.
    public var sessionsRetiredEarly = 0
    public var peakOpenSessions = 0
    /// IPv4 datagrams of GRE or TCP put back together from fragments.
    public var reassembledDatagrams = 0
    /// First malformed packets with the reason, for the report.
    public var malformedSamples: [(number: Int, reason: String)] = []
    /// Caps that were hit (sessions, events per call …), each named once.
    public var capsHit: [String] = []
    public var firstTimestamp: Int64?
    public var lastTimestamp: Int64?
    /// Other traffic to/from a PPTP server after a failure: IKE (UDP 500/4500) or TLS (TCP 443), the signature
    /// of a Windows client set to "Automatic" falling back from PPTP.
    public var fallbackAttempts: [(packet: PacketRef, server: String, what: String)] = []

    /// ICMP errors that quote no PPTP flow (another application's path MTU trouble).
    public var unboundICMP: [ICMPEvent] = []

    public init() {}
}

extension CaptureStats {
    /// Records that a cap was hit, naming it once.
    mutating func noteCap(_ what: String) {
        if !capsHit.contains(what) { capsHit.append(what) }
    }
}
