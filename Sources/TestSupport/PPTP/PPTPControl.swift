/// PPTP control message builders (RFC 2637 §2). Every message: Length, PPTP Message Type 1 (control),
/// Magic Cookie 0x1A2B3C4D, Control Message Type, Reserved0, then the body; total lengths are fixed per type.
public enum PPTPControl {
    public static let magicCookie: UInt32 = 0x1A2B_3C4D
    public static let tcpPort: UInt16 = 1723

    /// Control Message Type values.
    public enum MessageType: UInt16, Sendable, CaseIterable {
        case startControlConnectionRequest = 1, startControlConnectionReply = 2
        case stopControlConnectionRequest = 3, stopControlConnectionReply = 4
        case echoRequest = 5, echoReply = 6
        case outgoingCallRequest = 7, outgoingCallReply = 8
        case incomingCallRequest = 9, incomingCallReply = 10, incomingCallConnected = 11
        case callClearRequest = 12, callDisconnectNotify = 13
        case wanErrorNotify = 14, setLinkInfo = 15

        /// Total message length (header included) per RFC 2637.
        public var length: Int {
            switch self {
            case .startControlConnectionRequest, .startControlConnectionReply: return 156
            case .stopControlConnectionRequest, .stopControlConnectionReply, .echoRequest: return 16
            case .echoReply: return 20
            case .outgoingCallRequest: return 168
            case .outgoingCallReply: return 32
            case .incomingCallRequest: return 220
            case .incomingCallReply: return 24
            case .incomingCallConnected: return 28
            case .callClearRequest: return 16
            case .callDisconnectNotify: return 148
            case .wanErrorNotify: return 40
            case .setLinkInfo: return 24
            }
        }
    }

    /// Wraps `body` in the 12-byte header; the body must make up exactly the type's length.
    public static func message(_ type: MessageType, body: [UInt8]) -> [UInt8] {
        precondition(12 + body.count == type.length, "PPTP \(type) body has \(body.count) bytes")
        var writer = ByteWriter(capacity: type.length)
        writer.be16(UInt16(type.length))
        writer.be16(1)
        writer.be32(magicCookie)
        writer.be16(type.rawValue)
        writer.be16(0)
        writer.append(body)
        return writer.bytes
    }

    // MARK: Control connection

    public static func startControlConnectionRequest(
        hostName: String = "", vendor: String = "Microsoft",
        framingCapabilities: UInt32 = 1, bearerCapabilities: UInt32 = 1,
        maximumChannels: UInt16 = 0,
        firmwareRevision: UInt16 = 0
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 144)
        body.be16(0x0100)  // protocol version 1.0
        body.be16(0)  // reserved1
        body.be32(framingCapabilities)
        body.be32(bearerCapabilities)
        body.be16(maximumChannels)
        body.be16(firmwareRevision)
        body.paddedString(hostName, size: 64)
        body.paddedString(vendor, size: 64)
        return message(.startControlConnectionRequest, body: body.bytes)
    }

    public static func startControlConnectionReply(
        result: UInt8 = 1, error: UInt8 = 0, hostName: String = "local",
        vendor: String = "linux", framingCapabilities: UInt32 = 1,
        bearerCapabilities: UInt32 = 1, maximumChannels: UInt16 = 1,
        firmwareRevision: UInt16 = 1
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 144)
        body.be16(0x0100)
        body.u8(result)
        body.u8(error)
        body.be32(framingCapabilities)
        body.be32(bearerCapabilities)
        body.be16(maximumChannels)
        body.be16(firmwareRevision)
        body.paddedString(hostName, size: 64)
        body.paddedString(vendor, size: 64)
        return message(.startControlConnectionReply, body: body.bytes)
    }

    public static func stopControlConnectionRequest(reason: UInt8 = 1) -> [UInt8] {
        message(.stopControlConnectionRequest, body: [reason, 0, 0, 0])
    }

    public static func stopControlConnectionReply(result: UInt8 = 1, error: UInt8 = 0) -> [UInt8] {
        message(.stopControlConnectionReply, body: [result, error, 0, 0])
    }

    public static func echoRequest(identifier: UInt32) -> [UInt8] {
        var body = ByteWriter(capacity: 4)
        body.be32(identifier)
        return message(.echoRequest, body: body.bytes)
    }

    public static func echoReply(identifier: UInt32, result: UInt8 = 1, error: UInt8 = 0) -> [UInt8] {
        var body = ByteWriter(capacity: 8)
        body.be32(identifier)
        body.u8(result)
        body.u8(error)
        body.be16(0)
        return message(.echoReply, body: body.bytes)
    }

    // MARK: Calls

    public static func outgoingCallRequest(
        callID: UInt16, serial: UInt16, minimumBPS: UInt32 = 300,
        maximumBPS: UInt32 = 100_000_000, bearerType: UInt32 = 3,
        framingType: UInt32 = 3, receiveWindow: UInt16 = 64,
        processingDelay: UInt16 = 0, phoneNumber: String = "",
        subaddress: String = ""
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 156)
        body.be16(callID)
        body.be16(serial)
        body.be32(minimumBPS)
        body.be32(maximumBPS)
        body.be32(bearerType)
        body.be32(framingType)
        body.be16(receiveWindow)
        body.be16(processingDelay)
        body.be16(UInt16(min(64, phoneNumber.utf8.count)))
        body.be16(0)
        body.paddedString(phoneNumber, size: 64)
        body.paddedString(subaddress, size: 64)
        return message(.outgoingCallRequest, body: body.bytes)
    }

    public static func outgoingCallReply(
        callID: UInt16, peerCallID: UInt16, result: UInt8 = 1, error: UInt8 = 0,
        cause: UInt16 = 0, connectSpeed: UInt32 = 100_000_000,
        receiveWindow: UInt16 = 64, processingDelay: UInt16 = 0,
        physicalChannelID: UInt32 = 0
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 20)
        body.be16(callID)
        body.be16(peerCallID)
        body.u8(result)
        body.u8(error)
        body.be16(cause)
        body.be32(connectSpeed)
        body.be16(receiveWindow)
        body.be16(processingDelay)
        body.be32(physicalChannelID)
        return message(.outgoingCallReply, body: body.bytes)
    }

    public static func incomingCallRequest(
        callID: UInt16, serial: UInt16, bearerType: UInt32 = 1,
        physicalChannelID: UInt32 = 0, dialedNumber: String = "",
        dialingNumber: String = "", subaddress: String = ""
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 208)
        body.be16(callID)
        body.be16(serial)
        body.be32(bearerType)
        body.be32(physicalChannelID)
        body.be16(UInt16(min(64, dialedNumber.utf8.count)))
        body.be16(UInt16(min(64, dialingNumber.utf8.count)))
        body.paddedString(dialedNumber, size: 64)
        body.paddedString(dialingNumber, size: 64)
        body.paddedString(subaddress, size: 64)
        return message(.incomingCallRequest, body: body.bytes)
    }

    public static func incomingCallReply(
        callID: UInt16, peerCallID: UInt16, result: UInt8 = 1, error: UInt8 = 0,
        receiveWindow: UInt16 = 64, processingDelay: UInt16 = 0
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 12)
        body.be16(callID)
        body.be16(peerCallID)
        body.u8(result)
        body.u8(error)
        body.be16(receiveWindow)
        body.be16(processingDelay)
        body.be16(0)
        return message(.incomingCallReply, body: body.bytes)
    }

    public static func incomingCallConnected(
        peerCallID: UInt16, connectSpeed: UInt32 = 100_000_000,
        receiveWindow: UInt16 = 64, processingDelay: UInt16 = 0,
        framingType: UInt32 = 1
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 16)
        body.be16(peerCallID)
        body.be16(0)
        body.be32(connectSpeed)
        body.be16(receiveWindow)
        body.be16(processingDelay)
        body.be32(framingType)
        return message(.incomingCallConnected, body: body.bytes)
    }

    public static func callClearRequest(callID: UInt16) -> [UInt8] {
        var body = ByteWriter(capacity: 4)
        body.be16(callID)
        body.be16(0)
        return message(.callClearRequest, body: body.bytes)
    }

    public static func callDisconnectNotify(
        callID: UInt16, result: UInt8, error: UInt8 = 0, cause: UInt16 = 0,
        statistics: String = ""
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 136)
        body.be16(callID)
        body.u8(result)
        body.u8(error)
        body.be16(cause)
        body.be16(0)
        body.paddedString(statistics, size: 128)
        return message(.callDisconnectNotify, body: body.bytes)
    }

    public static func wanErrorNotify(
        peerCallID: UInt16, crcErrors: UInt32 = 0, framingErrors: UInt32 = 0,
        hardwareOverruns: UInt32 = 0, bufferOverruns: UInt32 = 0,
        timeoutErrors: UInt32 = 0, alignmentErrors: UInt32 = 0
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 28)
        body.be16(peerCallID)
        body.be16(0)
        for counter in [crcErrors, framingErrors, hardwareOverruns, bufferOverruns, timeoutErrors, alignmentErrors] {
            body.be32(counter)
        }
        return message(.wanErrorNotify, body: body.bytes)
    }

    public static func setLinkInfo(
        peerCallID: UInt16, sendACCM: UInt32 = 0xFFFF_FFFF,
        receiveACCM: UInt32 = 0xFFFF_FFFF
    ) -> [UInt8] {
        var body = ByteWriter(capacity: 12)
        body.be16(peerCallID)
        body.be16(0)
        body.be32(sendACCM)
        body.be32(receiveACCM)
        return message(.setLinkInfo, body: body.bytes)
    }
}
