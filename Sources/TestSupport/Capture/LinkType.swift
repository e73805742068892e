/// LINKTYPE_ values (tcpdump.org/linktypes.html) used by the fixtures.
public enum LinkType {
    public static let ethernet: UInt32 = 1
    public static let raw: UInt32 = 101
    public static let linuxSLL: UInt32 = 113
    public static let ipv4: UInt32 = 228
    public static let ipv6: UInt32 = 229
    public static let linuxSLL2: UInt32 = 276
}

/// Byte order of a capture file's headers.
public enum CaptureByteOrder: Sendable {
    case little
    case big

    var isBig: Bool { self == .big }
}

/// Time-stamp precision of a classic pcap file (selects the magic number).
public enum PcapPrecision: Sendable {
    /// Magic 0xa1b2c3d4, fraction in microseconds.
    case microseconds
    /// Magic 0xa1b23c4d, fraction in nanoseconds.
    case nanoseconds
}

/// One captured frame: when, on which interface (pcapng interface index; 0 for classic pcap) and the bytes on the wire.
public struct CapturedFrame: Sendable, Equatable {
    /// Nanoseconds since the Unix epoch.
    public var timestampNanos: UInt64
    public var interface: Int
    public var bytes: [UInt8]

    public init(timestampNanos: UInt64, interface: Int = 0, bytes: [UInt8]) {
        self.timestampNanos = timestampNanos
        self.interface = interface
        self.bytes = bytes
    }
}
