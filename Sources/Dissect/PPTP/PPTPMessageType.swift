/// PPTP control message types (RFC 2637 §2).
public struct PPTPMessageType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let startControlConnectionRequest = PPTPMessageType(rawValue: 1)
    public static let startControlConnectionReply = PPTPMessageType(rawValue: 2)
    public static let stopControlConnectionRequest = PPTPMessageType(rawValue: 3)
    public static let stopControlConnectionReply = PPTPMessageType(rawValue: 4)
    public static let echoRequest = PPTPMessageType(rawValue: 5)
    public static let echoReply = PPTPMessageType(rawValue: 6)
    public static let outgoingCallRequest = PPTPMessageType(rawValue: 7)
    public static let outgoingCallReply = PPTPMessageType(rawValue: 8)
    public static let incomingCallRequest = PPTPMessageType(rawValue: 9)
    public static let incomingCallReply = PPTPMessageType(rawValue: 10)
    public static let incomingCallConnected = PPTPMessageType(rawValue: 11)
    public static let callClearRequest = PPTPMessageType(rawValue: 12)
    public static let callDisconnectNotify = PPTPMessageType(rawValue: 13)
    public static let wanErrorNotify = PPTPMessageType(rawValue: 14)
    public static let setLinkInfo = PPTPMessageType(rawValue: 15)

    /// The fixed length RFC 2637 gives each message, header included.
    public var expectedLength: Int? {
        switch rawValue {
        case 1, 2: 156
        case 3, 4, 5: 16
        case 6: 20
        case 7: 168
        case 8: 32
        case 9: 220
        case 10: 24
        case 11: 28
        case 12: 16
        case 13: 148
        case 14: 40
        case 15: 24
        default: nil
        }
    }

    public var abbreviation: String {
        switch rawValue {
        case 1: "SCCRQ"
        case 2: "SCCRP"
        case 3: "StopCCRQ"
        case 4: "StopCCRP"
        case 5: "Echo-Request"
        case 6: "Echo-Reply"
        case 7: "OCRQ"
        case 8: "OCRP"
        case 9: "ICRQ"
        case 10: "ICRP"
        case 11: "ICCN"
        case 12: "CCRQ"
        case 13: "CDN"
        case 14: "WAN-Error-Notify"
        case 15: "Set-Link-Info"
        default: "type-\(rawValue)"
        }
    }

    public var name: String {
        switch rawValue {
        case 1: "Start-Control-Connection-Request"
        case 2: "Start-Control-Connection-Reply"
        case 3: "Stop-Control-Connection-Request"
        case 4: "Stop-Control-Connection-Reply"
        case 5: "Echo-Request"
        case 6: "Echo-Reply"
        case 7: "Outgoing-Call-Request"
        case 8: "Outgoing-Call-Reply"
        case 9: "Incoming-Call-Request"
        case 10: "Incoming-Call-Reply"
        case 11: "Incoming-Call-Connected"
        case 12: "Call-Clear-Request"
        case 13: "Call-Disconnect-Notify"
        case 14: "WAN-Error-Notify"
        case 15: "Set-Link-Info"
        default: "Unknown control message \(rawValue)"
        }
    }
}

/// Value tables for the result, error and reason codes (RFC 2637 §2). One table per field, used by the
/// one-line summaries, the reports and `explain`.
public enum PPTPCodes {
    public static func generalError(_ code: UInt8) -> String {
        switch code {
        case 0: "None"
        case 1: "Not-Connected"
        case 2: "Bad-Format"
        case 3: "Bad-Value"
        case 4: "No-Resource"
        case 5: "Bad-Call ID"
        case 6: "PAC-Error"
        default: "Unknown error \(code)"
        }
    }

    public static func controlResult(_ code: UInt8) -> String {
        switch code {
        case 1: "Successful channel establishment"
        case 2: "General error"
        case 3: "Command channel already exists"
        case 4: "Requester is not authorized to establish a command channel"
        case 5: "The protocol version of the requester is not supported"
        default: "Unknown result \(code)"
        }
    }

    public static func stopReason(_ code: UInt8) -> String {
        switch code {
        case 1: "General request to clear control connection"
        case 2: "Can't support peer's version of the protocol"
        case 3: "Requester is being shut down"
        default: "Unknown reason \(code)"
        }
    }

    public static func stopResult(_ code: UInt8) -> String {
        switch code {
        case 1: "OK"
        case 2: "General error"
        default: "Unknown result \(code)"
        }
    }

    public static func echoResult(_ code: UInt8) -> String { stopResult(code) }

    public static func outgoingResult(_ code: UInt8) -> String {
        switch code {
        case 1: "Connected"
        case 2: "General error"
        case 3: "No carrier"
        case 4: "Busy"
        case 5: "No dial tone"
        case 6: "Time-out"
        case 7: "Do not accept"
        default: "Unknown result \(code)"
        }
    }

    public static func incomingResult(_ code: UInt8) -> String {
        switch code {
        case 1: "Connect"
        case 2: "General error"
        case 3: "Do not accept"
        default: "Unknown result \(code)"
        }
    }

    public static func disconnectResult(_ code: UInt8) -> String {
        switch code {
        case 1: "Lost carrier"
        case 2: "General error"
        case 3: "Admin shutdown"
        case 4: "Request"
        default: "Unknown result \(code)"
        }
    }
}
