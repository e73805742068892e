/// One line of a log that means something for the diagnosis, decoded. The line's own text is kept only as
/// `text`: printable, bounded, and with credentials (CHAP challenges and responses, passwords) taken out.
public struct LogEvent: Sendable, Hashable {
    /// 1-based line number in its file (for Windows event exports: the line the event starts on).
    public var line: Int
    public var timestamp: LogTimestamp?
    public var kind: Kind
    /// What the log said, safe to print.
    public var text: String
    /// User names the text mentions, for `--redact` to replace wherever they appear.
    public var mentions: [String] = []

    public init(line: Int, timestamp: LogTimestamp?, kind: Kind, text: String) {
        self.line = line
        self.timestamp = timestamp
        self.kind = kind
        self.text = text
    }

    public enum Kind: Sendable, Hashable {
        /// A PPP packet pppd logged with `debug` (`sent [LCP ConfReq id=0x1 …]`).
        case packet(LoggedPacket)
        /// A sentence a program wrote about the session.
        case statement(LogStatement)
    }

    public var packet: LoggedPacket? { if case .packet(let p) = kind { p } else { nil } }
    public var statement: LogStatement? { if case .statement(let s) = kind { s } else { nil } }
}

/// A PPP packet as pppd's `debug` prints it: enough to find the same packet in a capture.
public struct LoggedPacket: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case sent, received
    }

    public var direction: Direction
    /// pppd's protocol name: `LCP`, `CHAP`, `PAP`, `CCP`, `IPCP`, `IPV6CP`, `EAP`, or `proto=0x…`.
    public var protocolName: String
    /// pppd's code name: `ConfReq`, `ConfAck`, `EchoReq`, `Challenge`, `Failure`, `TermReq` …
    public var code: String
    public var identifier: UInt8?
    /// LCP: the magic number in `<magic 0x…>` or `magic=0x…`.
    public var magic: UInt32?
    /// MS-CHAP Failure: the `E=` code.
    public var msError: Int?

    public init(
        direction: Direction, protocolName: String, code: String, identifier: UInt8?, magic: UInt32? = nil,
        msError: Int? = nil
    ) {
        self.direction = direction
        self.protocolName = protocolName
        self.code = code
        self.identifier = identifier
        self.magic = magic
        self.msError = msError
    }
}
