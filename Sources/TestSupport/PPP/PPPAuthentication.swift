/// PAP (RFC 1334) packets, framed in PPP with `FF 03` unless told otherwise.
public enum PAP {
    public static func authenticateRequest(
        identifier: UInt8, peerID: String, password: String,
        addressControl: Bool = true
    ) -> [UInt8] {
        let peer = Array(peerID.utf8)
        let secret = Array(password.utf8)
        let data = [UInt8(truncatingIfNeeded: peer.count)] + peer + [UInt8(truncatingIfNeeded: secret.count)] + secret
        return PPPFrame.build(
            protocolNumber: PPPProtocol.pap, PPPControl.packet(code: 1, identifier: identifier, data: data),
            addressControl: addressControl)
    }

    public static func authenticateAck(
        identifier: UInt8, message: String = "Login ok",
        addressControl: Bool = true
    ) -> [UInt8] {
        reply(code: 2, identifier: identifier, message: message, addressControl: addressControl)
    }

    public static func authenticateNak(
        identifier: UInt8, message: String = "Login incorrect",
        addressControl: Bool = true
    ) -> [UInt8] {
        reply(code: 3, identifier: identifier, message: message, addressControl: addressControl)
    }

    private static func reply(code: UInt8, identifier: UInt8, message: String, addressControl: Bool) -> [UInt8] {
        let text = Array(message.utf8)
        return PPPFrame.build(
            protocolNumber: PPPProtocol.pap,
            PPPControl.packet(
                code: code, identifier: identifier,
                data: [UInt8(truncatingIfNeeded: text.count)] + text),
            addressControl: addressControl)
    }
}

/// CHAP (RFC 1994) packets; also used for MS-CHAPv1/v2 (RFC 2433, 2759), which share codes 1–4.
public enum CHAP {
    public static func challenge(
        identifier: UInt8, value: [UInt8], name: String,
        addressControl: Bool = true
    ) -> [UInt8] {
        valuePacket(code: 1, identifier: identifier, value: value, name: name, addressControl: addressControl)
    }

    public static func response(
        identifier: UInt8, value: [UInt8], name: String,
        addressControl: Bool = true
    ) -> [UInt8] {
        valuePacket(code: 2, identifier: identifier, value: value, name: name, addressControl: addressControl)
    }

    public static func success(identifier: UInt8, message: String, addressControl: Bool = true) -> [UInt8] {
        PPPFrame.build(
            protocolNumber: PPPProtocol.chap,
            PPPControl.packet(code: 3, identifier: identifier, data: Array(message.utf8)),
            addressControl: addressControl)
    }

    public static func failure(identifier: UInt8, message: String, addressControl: Bool = true) -> [UInt8] {
        PPPFrame.build(
            protocolNumber: PPPProtocol.chap,
            PPPControl.packet(code: 4, identifier: identifier, data: Array(message.utf8)),
            addressControl: addressControl)
    }

    private static func valuePacket(
        code: UInt8, identifier: UInt8, value: [UInt8], name: String,
        addressControl: Bool
    ) -> [UInt8] {
        let data = [UInt8(truncatingIfNeeded: value.count)] + value + Array(name.utf8)
        return PPPFrame.build(
            protocolNumber: PPPProtocol.chap,
            PPPControl.packet(code: code, identifier: identifier, data: data),
            addressControl: addressControl)
    }
}

/// Shapes of MS-CHAPv2 values and messages (RFC 2759). The bytes are deterministic filler, not real crypto.
public enum MSCHAPv2 {
    /// 16-byte authenticator challenge.
    public static func challengeValue(seed: UInt64) -> [UInt8] { DeterministicBytes.make(16, seed: seed) }

    /// 49-byte response value: peer challenge (16), reserved zeros (8), NT-Response (24), flags (1) = 0.
    public static func responseValue(seed: UInt64) -> [UInt8] {
        var generator = DeterministicBytes(seed: seed)
        return generator.bytes(16) + [UInt8](repeating: 0, count: 8) + generator.bytes(24) + [0]
    }

    /// `S=<40 hex> M=<text>` (authenticator response in upper-case hex).
    public static func successMessage(seed: UInt64, text: String = "Access granted") -> String {
        "S=\(DeterministicBytes.make(20, seed: seed).upperHexString) M=\(text)"
    }

    /// `E=<error> R=<retry> C=<32 hex> V=3 M=<text>`.
    public static func failureMessage(
        error: Int, retry: Bool, seed: UInt64, version: Int = 3,
        text: String = "Authentication failure"
    ) -> String {
        "E=\(error) R=\(retry ? 1 : 0) C=\(DeterministicBytes.make(16, seed: seed).upperHexString) V=\(version) M=\(text)"
    }

    /// Change-Password packet (CHAP code 7, RFC 2759 §7): encrypted password (516), encrypted hash (16),
    /// peer challenge (16), reserved (8), NT-Response (24), flags (2): length 586.
    public static func changePassword(identifier: UInt8, seed: UInt64, addressControl: Bool = true) -> [UInt8] {
        var generator = DeterministicBytes(seed: seed)
        let data =
            generator.bytes(516) + generator.bytes(16) + generator.bytes(16)
            + [UInt8](repeating: 0, count: 8) + generator.bytes(24) + [0, 0]
        return PPPFrame.build(
            protocolNumber: PPPProtocol.chap,
            PPPControl.packet(code: 7, identifier: identifier, data: data),
            addressControl: addressControl)
    }
}
