import PPTPDissect
import PPTPSessions

/// What a session exposes, whatever its outcome (with `authentication.cleartext-password` and
/// `encryption.not-negotiated`, which the diagnosis had before and which keep their ids): findings of their own group (`Rule.isSecurity`) that never
/// change the verdict (warnings and notes only) and that reports show after it. Credentials are never shown:
/// a finding says that a password or a crackable exchange is in the capture, not what it is.
extension RuleCatalog {
    /// An authentication method as LCP's auth option names it, weakest first.
    enum AuthMethod: Int, Comparable {
        case pap, chapMD5, msChapV1, msChapV2, eap

        init?(_ e: PPPEvent) {
            switch (e.authProtocol, e.authAlgorithm) {
            case (0xC023?, _): self = .pap
            case (0xC227?, _): self = .eap
            case (0xC223?, 5?): self = .chapMD5
            case (0xC223?, 0x80?): self = .msChapV1
            case (0xC223?, 0x81?): self = .msChapV2
            default: return nil
            }
        }

        var name: String {
            switch self {
            case .pap: "PAP"
            case .chapMD5: "CHAP-MD5"
            case .msChapV1: "MS-CHAP v1"
            case .msChapV2: "MS-CHAP v2"
            case .eap: "EAP"
            }
        }

        static func < (a: AuthMethod, b: AuthMethod) -> Bool { a.rawValue < b.rawValue }
    }

    /// MPPE's supported-bits option (RFC 3078 §2.1; pppd's `ccp.h`).
    enum MPPEBits {
        static let stateless: UInt32 = 0x0100_0000
        static let key128: UInt32 = 0x0000_0040
        static let key56: UInt32 = 0x0000_0080
        static let key40: UInt32 = 0x0000_0020
    }

    /// The MPPE bits both ends acknowledged: the options of the last acked CCP request (nil when CCP agreed on
    /// compression alone, or did not open).
    static func agreedMPPE(_ f: SessionFacts) -> (bits: UInt32, packet: PacketRef)? {
        guard f.ccp.isOpen else { return nil }
        for ack in [f.ccp.client.acks.last, f.ccp.server.acks.last].compactMap({ $0 }) {
            if let bits = ack.mppeBits { return (bits, ack.packet) }
        }
        return nil
    }

    /// The method the server asked for in its last acknowledged LCP request: the one in use.
    static func authInUse(_ f: SessionFacts) -> (AuthMethod, PPPEvent)? {
        guard let ack = f.lcp.server.acks.last(where: { $0.authProtocol != nil }), let m = AuthMethod(ack) else {
            return nil
        }
        return (m, ack)
    }

    static let securityFixes = Fixes(
        windows: [
            "VPN connection → Security: allow only MS-CHAP v2 and require encryption (maximum strength); better, "
                + "move to IKEv2, SSTP or another modern VPN."
        ],
        linux: ["pptpd options: `refuse-pap` `refuse-chap` `refuse-mschap` `require-mschap-v2` `require-mppe-128`."],
        network: ["Plan the migration off PPTP (IKEv2, OpenVPN, WireGuard); until then, allow TCP 1723 only from known networks."]
    )

    public static let security: [Rule] = [
        Rule(
            id: "security.weak-mppe", stage: .encryption, severity: .warning, confidence: .certain,
            title: "MPPE with a 40- or 56-bit key",
            explanation: "MPPE keys of 40 and 56 bits are export-grade: searchable by brute force. Only 128-bit "
                + "MPPE is worth having, and even it inherits the weaknesses of MS-CHAPv2 key derivation.",
            fixes: securityFixes, isSecurity: true
        ) { f in
            guard let (bits, packet) = agreedMPPE(f), bits & MPPEBits.key128 == 0,
                bits & (MPPEBits.key40 | MPPEBits.key56) != 0
            else { return nil }
            let size = bits & MPPEBits.key56 != 0 ? 56 : 40
            return Match(evidence: [packet], message: "MPPE was agreed with a \(size)-bit key at \(Wording.at(packet)).")
        },
        Rule(
            id: "security.stateful-mppe", stage: .encryption, severity: .info, confidence: .certain,
            title: "MPPE in stateful mode",
            explanation: "Stateless MPPE (the H bit, what Windows and pppd propose) changes the key with every packet; "
                + "stateful mode keeps one key stream and must resynchronise after each loss, which costs throughput "
                + "on lossy paths and weakens the key schedule.",
            fixes: Fixes(linux: ["pppd: `mppe-stateful` only where a peer cannot do without; leave it off by default."]),
            isSecurity: true
        ) { f in
            guard let (bits, packet) = agreedMPPE(f), bits & MPPEBits.stateless == 0 else { return nil }
            return Match(evidence: [packet], message: "MPPE was agreed without the stateless (H) bit at \(Wording.at(packet)).")
        },
        Rule(
            id: "security.weak-authentication", stage: .authentication, severity: .warning, confidence: .certain,
            title: "A weak authentication method: MS-CHAP v1 or CHAP-MD5",
            explanation: "MS-CHAP v1 is broken beyond MS-CHAPv2's own weaknesses (its LM response, its keys); CHAP-MD5 "
                + "needs every password stored reversibly on the server and gives MPPE no keys.",
            fixes: securityFixes, isSecurity: true
        ) { f in
            guard let (method, ack) = authInUse(f), method == .msChapV1 || method == .chapMD5 else { return nil }
            return Match(
                evidence: [ack.packet],
                message: "The server asked for \(method.name) at \(Wording.at(ack.packet)) and the client agreed.")
        },
        Rule(
            id: "security.mschapv2-crackable", stage: .authentication, severity: .warning, confidence: .certain,
            title: "This capture holds an MS-CHAPv2 exchange that can be cracked offline",
            explanation: "An MS-CHAPv2 challenge and response, as captured, are enough to recover the user's NT password "
                + "hash offline (the DES-keyspace attack, hours on rented hardware), whatever the password: the capture "
                + "file is as sensitive as the password itself. Reports never print the values; share `--redact` "
                + "reports and evidence captures written with `--redact --evidence`, which zero them.",
            fixes: Fixes(
                windows: ["Treat the capture as a credential: store and share it like one; change the password if it leaked."],
                linux: [],
                network: ["Plan the migration off PPTP: MS-CHAPv2 cannot be made safe."]),
            isSecurity: true
        ) { f in
            guard let challenge = f.auth.challenge, f.auth.protocolName == "MS-CHAPv2",
                let response = f.auth.events.first(where: { $0.proto == .chap && $0.code == AuthCode.chapResponse })
            else { return nil }
            return Match(
                evidence: [challenge.packet, response.packet],
                message: "Challenge at \(Wording.at(challenge.packet)), response at \(Wording.at(response.packet)) "
                    + "(values not shown): enough to recover the NT hash offline. Keep this capture private; "
                    + "`--redact --evidence FILE` writes a copy to share.")
        },
        Rule(
            id: "security.eap", stage: .authentication, severity: .info, confidence: .certain,
            title: "EAP was used for authentication",
            explanation: "With EAP the method inside decides the strength: EAP-TLS or PEAP protect the exchange; "
                + "EAP-MD5 is CHAP-MD5 again and gives MPPE no keys.",
            fixes: Fixes(), isSecurity: true
        ) { f in
            guard let (method, ack) = authInUse(f), method == .eap else { return nil }
            let types = Set(
                f.auth.events.filter { $0.proto == .eap }.compactMap { $0.detail.hasPrefix("type ") ? $0.detail : nil })
            let named = types.sorted().map { eapTypeName($0) }.joined(separator: ", ")
            return Match(
                evidence: [ack.packet],
                message: "EAP agreed at \(Wording.at(ack.packet))" + (named.isEmpty ? "." : "; methods seen: \(named)."))
        },
        Rule(
            id: "security.downgrade", stage: .authentication, severity: .warning, confidence: .high,
            title: "The server settled for a weaker authentication than it first asked for",
            explanation: "The server's first LCP request asked for one method; after the client's Configure-Nak it "
                + "asked for, and used, a weaker one. A server that accepts the weakest method a client proposes lets "
                + "anyone in the path (or a misconfigured client) force that method.",
            fixes: securityFixes, isSecurity: true
        ) { f in
            // EAP's strength is its inner method's: no order against the CHAP family.
            guard let first = f.lcp.server.requests.first(where: { $0.authProtocol != nil }), let asked = AuthMethod(first),
                let (used, ack) = authInUse(f), used < asked, asked != .eap, used != .eap
            else { return nil }
            return Match(
                evidence: [first.packet, ack.packet],
                message: "The server asked for \(asked.name) at \(Wording.at(first.packet)) and settled for "
                    + "\(used.name) at \(Wording.at(ack.packet)).")
        },
        Rule(
            id: "security.client-proposes-pap", stage: .authentication, severity: .warning, confidence: .certain,
            title: "The client proposed PAP",
            explanation: "Asked for a method, the client answered with a Configure-Nak proposing PAP first: it is "
                + "configured to send its password in clear text, and will to any server that accepts.",
            fixes: Fixes(
                windows: ["VPN connection → Security: clear 'Unencrypted password (PAP)'."], linux: ["pppd: `refuse-pap`."]),
            isSecurity: true
        ) { f in
            guard let nak = f.lcp.server.naks.first(where: { $0.authProtocol != nil }), AuthMethod(nak) == .pap else {
                return nil
            }
            return Match(evidence: [nak.packet], message: "The client's Configure-Nak at \(Wording.at(nak.packet)) proposed PAP.")
        },
    ]

    /// `type 13` → "EAP-TLS (13)".
    static func eapTypeName(_ detail: String) -> String {
        let n = Int(detail.dropFirst(5)) ?? -1
        let names = [
            1: "Identity", 2: "Notification", 3: "Nak", 4: "MD5-Challenge", 13: "EAP-TLS", 25: "PEAP", 26: "EAP-MSCHAPv2",
        ]
        return "\(names[n] ?? "type") (\(n))"
    }
}
