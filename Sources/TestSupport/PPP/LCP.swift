/// LCP-only packets (RFC 1661 §5.5–5.8, RFC 1570 Identification). All return full PPP frames with `FF 03`.
public enum LCP {
    public static func configure(_ code: PPPControl.Code, identifier: UInt8, options: [PPPOption]) -> [UInt8] {
        PPPControl.configure(protocolNumber: PPPProtocol.lcp, code: code, identifier: identifier, options: options)
    }

    public static func echoRequest(identifier: UInt8, magic: UInt32, data: [UInt8] = []) -> [UInt8] {
        PPPControl.frame(
            protocolNumber: PPPProtocol.lcp, code: .echoRequest, identifier: identifier,
            data: PPPOption.be32(magic) + data)
    }

    public static func echoReply(identifier: UInt8, magic: UInt32, data: [UInt8] = []) -> [UInt8] {
        PPPControl.frame(
            protocolNumber: PPPProtocol.lcp, code: .echoReply, identifier: identifier,
            data: PPPOption.be32(magic) + data)
    }

    public static func terminateRequest(identifier: UInt8, data: [UInt8] = []) -> [UInt8] {
        PPPControl.frame(protocolNumber: PPPProtocol.lcp, code: .terminateRequest, identifier: identifier, data: data)
    }

    public static func terminateAck(identifier: UInt8, data: [UInt8] = []) -> [UInt8] {
        PPPControl.frame(protocolNumber: PPPProtocol.lcp, code: .terminateAck, identifier: identifier, data: data)
    }

    /// Protocol-Reject: the rejected protocol number followed by the rejected packet's information field.
    public static func protocolReject(
        identifier: UInt8, rejectedProtocol: UInt16,
        rejectedInformation: [UInt8]
    ) -> [UInt8] {
        PPPControl.frame(
            protocolNumber: PPPProtocol.lcp, code: .protocolReject, identifier: identifier,
            data: PPPOption.be16(rejectedProtocol) + rejectedInformation)
    }

    /// Identification (RFC 1570): magic number then free text (Windows sends "MSRASV5.20" and the like).
    public static func identification(identifier: UInt8, magic: UInt32, message: String) -> [UInt8] {
        PPPControl.frame(
            protocolNumber: PPPProtocol.lcp, code: .identification, identifier: identifier,
            data: PPPOption.be32(magic) + Array(message.utf8))
    }
}
