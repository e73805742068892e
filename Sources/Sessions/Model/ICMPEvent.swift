public import PPTPDissect

/// An ICMP or ICMPv6 error seen on the path, with the flow it quotes.
public struct ICMPEvent: Sendable, Hashable {
    public var packet: PacketRef
    /// The router or host that sent the error.
    public var reporter: IPAddress
    public var version: UInt8
    public var type: UInt8
    public var code: UInt8
    public var mtu: UInt32?
    public var quotedSource: IPAddress
    public var quotedDestination: IPAddress
    public var quotedProtocol: IPProtocol
    public var quotedDestinationPort: UInt16?
    public var quotedSourcePort: UInt16?
    public var quotedCallID: UInt16?
    /// Length of the datagram that was too big, from the quoted header.
    public var quotedLength: Int
    public var quotedDontFragment: Bool

    public var isFragmentationNeeded: Bool { (version == 4 && type == 3 && code == 4) || (version == 6 && type == 2) }
    public var summary: String {
        var s: String
        if isFragmentationNeeded {
            s = version == 4 ? "ICMP fragmentation needed" : "ICMPv6 packet too big"
            if let mtu { s += " (next-hop MTU \(mtu))" }
        } else if version == 4 && type == 3 {
            let names: [UInt8: String] = [
                0: "network unreachable", 1: "host unreachable", 2: "protocol unreachable",
                3: "port unreachable", 9: "network prohibited", 10: "host prohibited",
                13: "administratively prohibited",
            ]
            s = "ICMP " + (names[code] ?? "destination unreachable code \(code)")
        } else if version == 6 && type == 1 {
            s = "ICMPv6 destination unreachable code \(code)"
        } else if version == 4 && type == 11 || version == 6 && type == 3 {
            s = "ICMP time exceeded"
        } else {
            s = "ICMP type \(type) code \(code)"
        }
        s += " from \(reporter) quoting \(quotedSource) → \(quotedDestination)"
        if quotedProtocol == .gre {
            s += " GRE" + (quotedCallID.map { " call \($0)" } ?? "")
        } else if let p = quotedDestinationPort {
            s += (quotedProtocol == .tcp ? " TCP " : " UDP ") + String(p)
        }
        return s
    }
}
