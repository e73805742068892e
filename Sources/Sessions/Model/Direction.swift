public import PPTPDissect

/// Which side sent a packet. The client is the PPTP Network Server side in RFC 2637 terms (PNS: the side that
/// sent SCCRQ or the TCP SYN); the server is the PPTP Access Concentrator (PAC).
public enum Side: String, Sendable, Codable, Hashable {
    case client, server

    public var other: Side { self == .client ? .server : .client }
}

/// A host address and, for TCP, a port.
public struct Endpoint: Hashable, Sendable, CustomStringConvertible, Codable {
    public var address: IPAddress
    public var port: UInt16?

    public init(address: IPAddress, port: UInt16? = nil) {
        self.address = address
        self.port = port
    }

    public var description: String {
        guard let port else { return address.description }
        if case .v6 = address { return "[\(address)]:\(port)" }
        return "\(address):\(port)"
    }
}

extension IPAddress: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        let parts = text.split(separator: ".").compactMap { UInt32($0) }
        guard parts.count == 4, parts.allSatisfy({ $0 < 256 }) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "only IPv4 text is read back")
        }
        self = .v4(parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3])
    }
}

/// A moment in the capture: the packet number and its time in seconds since the capture's first packet.
public struct PacketRef: Hashable, Sendable, Codable, Comparable {
    public var number: Int
    public var time: Double

    public init(number: Int, time: Double) {
        self.number = number
        self.time = time
    }

    public static func < (a: PacketRef, b: PacketRef) -> Bool { a.number < b.number }
}
