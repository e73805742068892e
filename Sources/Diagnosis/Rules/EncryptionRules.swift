import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let encryption: [Rule] = [
        Rule(
            id: "encryption.mppe-refused", stage: .encryption, errorCodes: [734, 742, 741, 743],
            codeNotes: "the client refusing the MPPE the server requires shows 734 on Vista and later (743 on Windows XP); "
                + "741 when the client cannot do the strength the server asks for; 742 when the server refuses the MPPE "
                + "the client requires",
            confidence: .high, title: "No encryption could be agreed (MPPE refused)",
            explanation: "CCP never opened: one side rejected the MPPE option (CCP option 18) or refused CCP altogether, "
                + "and the link was then given up. Windows requires encryption by default; pppd with `require-mppe-128` too.",
            fixes: Fixes(
                windows: [
                    "Security tab: 'Data encryption' must match the server (Require/Optional); 742 means the server "
                        + "cannot do MPPE, 734 (743 on XP) that the client is set to no encryption, 741 that "
                        + "it cannot do the strength the server requires."
                ],
                linux: [
                    "pptpd-options: `require-mppe-128` and a kernel with ppp_mppe (`modprobe ppp_mppe`); MPPE needs "
                        + "MS-CHAP authentication."
                ])
        ) { f in
            guard !f.ccp.isOpen, !f.established, f.auth.failed == nil else { return nil }
            guard let (refuser, evidence) = f.encryptionRefused else { return nil }
            // The client Nak'ing the server's MPPE bits with other strengths cannot do the one asked (741); a client
            // that refuses MPPE altogether ends LCP (734; Windows XP said 743).
            let otherStrength = f.ccp.side(.server).naks.contains { ($0.mppeBits ?? 0) & 0x00E0 != 0 }
            let codes = refuser == .server ? [742] : otherStrength ? [741, 734] : [734, 743]
            var msg =
                "The \(refuser.rawValue) refused encryption at \(Wording.at(evidence.packet)) "
                + "(\(evidence.proto.name) \(evidence.codeName)\(evidence.detail.isEmpty ? "" : ": " + evidence.detail))"
            if let end = f.teardownStart { msg += "; the link was closed at \(Wording.at(end))" }
            return Match(
                evidence: [evidence.packet] + [f.teardownStart].compactMap { $0 }, message: msg + ".",
                errorCodes: codes)
        },
        Rule(
            id: "encryption.not-negotiated", stage: .encryption, severity: .warning, confidence: .high,
            title: "The tunnel carries data without encryption",
            explanation: "The session worked but no MPPE was agreed (CCP not opened): everything in the tunnel is "
                + "readable on the path.",
            fixes: Fixes(
                windows: ["Set 'Data encryption' to 'Require encryption'."],
                linux: ["pptpd-options: `require-mppe-128`."]),
            isSecurity: true
        ) { f in
            // PPPoE does not use MPPE: its missing encryption is no finding.
            // CCP may open with compression alone (pppd agrees Deflate or BSD-Compress when neither side asks
            // for MPPE): only an agreed MPPE option encrypts.
            guard f.established, f.session.pppLink?.kind != .pppoe, f.session.controlChannelSeen || f.lcp.attempted,
                RuleCatalog.agreedMPPE(f) == nil,
                f.auth.succeeded != nil || f.ipcp.isOpen
            else { return nil }
            let why = f.ccp.client.protocolReject ?? f.ccp.server.protocolReject
            let compressionOnly = f.ccp.isOpen ? f.ccp.client.acks.last ?? f.ccp.server.acks.last : nil
            return Match(
                evidence: [why?.packet, compressionOnly?.packet, f.ipcp.openedAt].compactMap { $0 },
                message: why.map {
                    "CCP was Protocol-Rejected by the \($0.from.rawValue) at \(Wording.at($0.packet)); "
                        + "the link came up without encryption."
                }
                    ?? compressionOnly.map {
                        "CCP agreed on compression only (\($0.detail.isEmpty ? "no MPPE" : $0.detail)) at "
                            + "\(Wording.at($0.packet)): no MPPE, the link came up without encryption."
                    }
                    ?? "No CCP/MPPE was negotiated; the link came up without encryption.")
        },
    ]
}
