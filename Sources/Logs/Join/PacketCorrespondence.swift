public import PPTPDissect
public import PPTPSessions

/// pppd's names for the PPP packets it logs, as protocol numbers and codes: how a `sent [LCP ConfReq id=0x1]`
/// line finds its packet in the capture.
enum PacketCorrespondence {
    static func proto(_ name: String) -> PPPProtocol? {
        switch name {
        case "LCP": .lcp
        case "CHAP": .chap
        case "PAP": .pap
        case "CCP": .ccp
        case "IPCP": .ipcp
        case "IPV6CP": .ipv6cp
        case "EAP": .eap
        default: nil
        }
    }

    static func code(_ name: String, proto: PPPProtocol) -> UInt8? {
        switch proto {
        case .chap, .eap:
            ["Challenge": 1, "Request": 1, "Response": 2, "Success": 3, "Failure": 4][name]
        case .pap:
            ["AuthReq": 1, "AuthAck": 2, "AuthNak": 3][name]
        default:
            [
                "ConfReq": 1, "ConfAck": 2, "ConfNak": 3, "ConfRej": 4, "TermReq": 5, "TermAck": 6, "CodeRej": 7,
                "ProtRej": 8, "EchoReq": 9, "EchoRep": 10, "DiscReq": 11, "ResetReq": 14, "ResetAck": 15,
            ][name]
        }
    }

    /// Whether a logged packet is this captured one, seen from the end that wrote the log.
    static func matches(_ logged: LoggedPacket, writtenAt role: LogRole, _ event: PPPEvent) -> Bool {
        let sender: Side = (logged.direction == .sent) == (role == .client) ? .client : .server
        guard event.from == sender, let p = proto(logged.protocolName), p == event.proto,
            code(logged.code, proto: p) == event.code
        else { return false }
        if let id = logged.identifier, id != event.identifier { return false }
        if let m = logged.magic, let n = event.magic, m != n { return false }
        return true
    }
}
