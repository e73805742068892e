/// The layers a packet can have; also names where decoding stopped.
public enum Layer: String, Sendable, CaseIterable {
    case frame, ethernet, vlan, sll, sll2, loopback, pppoe, ipv4, ipv6, tcp, udp, gre, pptp, ppp
    case lcp, pap, chap, eap, ccp, ipcp, ipv6cp, ncp, icmp, icmpv6
}

/// Why a layer could not be decoded in full. Kept apart, like etherparse's length errors: a capture that was
/// cut short (snaplen) is not the same as a length field inside the packet that lies.
public enum DecodeProblem: String, Sendable {
    /// The captured bytes end before the layer does (snaplen or a cut-off file).
    case truncated
    /// A length field in the packet contradicts itself or the bytes around it.
    case badLength = "bad-length"
    /// A field holds a value the protocol forbids (bad version, bad magic cookie, IHL under 5 …).
    case badValue = "bad-value"
}

/// A "malformed" mark on one layer: the earlier layers of the packet still stand.
public struct Malformation: Error, Sendable, Equatable, CustomStringConvertible {
    public var layer: Layer
    public var problem: DecodeProblem
    /// Offset in the captured bytes where the layer starts.
    public var offset: Int
    public var detail: StaticString

    public init(_ layer: Layer, _ problem: DecodeProblem, at offset: Int, _ detail: StaticString) {
        self.layer = layer
        self.problem = problem
        self.offset = offset
        self.detail = detail
    }

    public var description: String { "\(layer.rawValue) \(problem.rawValue) at byte \(offset): \(detail)" }

    public static func == (a: Malformation, b: Malformation) -> Bool {
        a.layer == b.layer && a.problem == b.problem && a.offset == b.offset
    }
}
