/// A PPP link the capture shows without PPTP around it: no TCP 1723, no GRE, only the PPP frames, as a
/// Windows RAS adapter trace, a PPP-with-direction capture, pppd's `record` file or PPPoE show them. Such a
/// session is diagnosed from its PPP negotiation alone; the tunnel layers are outside the capture.
public struct PPPLink: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        /// A Windows PPP adapter trace: PPP frames written as pseudo-Ethernet frames whose addresses spell
        /// " SEND" / " RECV" (and a link number) and whose type field holds the PPP protocol.
        case windowsAdapter
        /// A link type that records each frame's direction (LINKTYPE_PPP_WITH_DIR, pppd's `record` files).
        case directional
        /// PPP over Ethernet (RFC 2516), by session ID.
        case pppoe
    }

    public var kind: Kind
    /// The Windows adapter's link number (the last address byte) or the PPPoE session ID; 0 otherwise.
    public var id: UInt16

    public init(kind: Kind, id: UInt16) {
        self.kind = kind
        self.id = id
    }

    /// Where the PPP frames come from, for a report.
    public var description: String {
        switch kind {
        case .windowsAdapter: "PPP link \(id) of a Windows RAS adapter trace (frames marked SEND/RECV)"
        case .directional: "PPP link recorded with each frame's direction"
        case .pppoe: "PPPoE session 0x\(String(id, radix: 16))"
        }
    }

    /// The names of the two ends: the client is the recording host (Windows' SEND side, the outgoing direction,
    /// the PPPoE host), unless the PPP roles show it is the authenticator.
    public var clientName: String {
        switch kind {
        case .windowsAdapter: "this Windows host (SEND)"
        case .directional: "recording host (outgoing)"
        case .pppoe: "PPPoE host"
        }
    }

    public var serverName: String {
        switch kind {
        case .windowsAdapter: "remote PPP peer (RECV)"
        case .directional: "remote PPP peer (incoming)"
        case .pppoe: "PPPoE access concentrator"
        }
    }
}
