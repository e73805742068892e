import PPTPDissect
import PPTPSessions

extension RuleCatalog {
    static let authenticationFixes = Fixes(
        windows: [
            "Re-enter the user name as DOMAIN\\user (or user@domain) and the password; check Caps Lock.",
            "Security tab: use 'Microsoft CHAP Version 2' as the server expects.",
        ],
        linux: [
            "Check the user's line in /etc/ppp/chap-secrets (name, server field `pptpd` or `*`, password, IP).",
            "With RADIUS/NPS: check the server's policy and the account's dial-in permission.",
        ],
        network: [])

    static let authentication: [Rule] = [
        Rule(
            id: "authentication.mschap-error", stage: .authentication, errorCodes: [691], confidence: .certain,
            title: "The server rejected the login with an MS-CHAP error code",
            explanation: "The server's MS-CHAP Failure message carries `E=<code>`: the exact error Windows shows.",
            fixes: authenticationFixes
        ) { f in
            // A retry (R=1) that then succeeded is no failure.
            guard let failure = f.auth.failed, failure.proto == .chap, let code = failure.msError,
                f.auth.succeeded.map({ $0.packet < failure.packet }) ?? true
            else { return nil }
            let failures = f.auth.events.filter { $0.proto == .chap && $0.code == AuthCode.chapFailure && $0.msError != nil }
            var msg = "MS-CHAP Failure at \(Wording.at(failure.packet)): \(failure.detail)"
            if let known = WindowsErrorCodes.lookup(code) { msg += " — \(known.searchName())" }
            if failures.count > 1 {
                let each = failures.map { "E=\($0.msError ?? 0) R=\($0.msRetry == true ? 1 : 0)" }
                msg +=
                    " \(failures.count) Failures in all (\(each.joined(separator: ", ")); packets "
                    + "\(Wording.packets(failures.map(\.packet))))"
                msg +=
                    failure.msRetry == true
                    ? ": every one allowed a retry (R=1), and the client stopped trying."
                    : ": the server allowed \(failures.count == 2 ? "one retry" : "\(failures.count - 1) retries") and then refused for good (R=0)."
            } else if failure.msRetry == true {
                msg += " The server allowed a retry (R=1) and the client did not take it."
            }
            if let user = f.auth.lastAttempt?.userName { msg += " User: \"\(user)\"." }
            return Match(
                evidence: [f.auth.challenge?.packet, f.auth.lastAttempt?.packet].compactMap { $0 } + failures.map(\.packet),
                message: msg, errorCodes: [code], confidence: .certain, decisive: failure.packet)
        },
        Rule(
            id: "authentication.chap-failure", stage: .authentication, errorCodes: [691], confidence: .high,
            title: "CHAP authentication failed",
            explanation: "The server answered the CHAP Response with Failure: wrong user name or password, or the "
                + "account is not allowed.", fixes: authenticationFixes
        ) { f in
            guard let failure = f.auth.failed, failure.proto == .chap, failure.msError == nil else { return nil }
            return Match(
                evidence: [f.auth.lastAttempt?.packet, failure.packet].compactMap { $0 },
                message: "CHAP Failure at \(Wording.at(failure.packet))"
                    + (failure.message.map { ": \"\($0)\"" } ?? "") + ".")
        },
        Rule(
            id: "authentication.pap-nak", stage: .authentication, errorCodes: [691], confidence: .high,
            title: "PAP authentication failed",
            explanation: "The server answered the PAP Authenticate-Request with Authenticate-Nak: wrong user name or password.",
            fixes: authenticationFixes
        ) { f in
            guard let failure = f.auth.failed, failure.proto == .pap else { return nil }
            return Match(
                evidence: [f.auth.lastAttempt?.packet, failure.packet].compactMap { $0 },
                message: "PAP Authenticate-Nak at \(Wording.at(failure.packet))"
                    + (failure.message.map { ": \"\($0)\"" } ?? "") + ".")
        },
        Rule(
            id: "authentication.eap-failure", stage: .authentication, errorCodes: [691], confidence: .medium,
            title: "EAP authentication failed",
            explanation: "The server ended EAP with Failure.", fixes: authenticationFixes
        ) { f in
            guard let failure = f.auth.failed, failure.proto == .eap else { return nil }
            return Match(evidence: [failure.packet], message: "EAP Failure at \(Wording.at(failure.packet)).")
        },
        Rule(
            id: "authentication.no-answer", stage: .authentication, errorCodes: [718],
            codeNotes:
                "718: the client times out waiting; 930 only when the server itself reports the RADIUS timeout (MS-CHAP E=930)",
            confidence: .medium, title: "The server never answered the login",
            explanation: "The client sent its credentials and no Success or Failure came back: the VPN server is "
                + "waiting on its authentication server (RADIUS/NPS) or dropped the request.",
            fixes: Fixes(
                linux: ["Check the RADIUS server is reachable from the VPN server and answers in time (radtest)."],
                network: ["Allow UDP 1812/1813 between the VPN server and its RADIUS server."]), isAbsence: true
        ) { f in
            guard f.auth.succeeded == nil, f.auth.failed == nil, let attempt = f.auth.lastAttempt else { return nil }
            let waited = f.silence(after: attempt.packet)
            let attempts = f.auth.events.filter {
                $0.from == .client && ($0.code == AuthCode.chapResponse || ($0.proto == .pap && $0.code == AuthCode.papRequest))
            }
            guard waited >= Thresholds.longSilence || attempts.count >= 3 || f.endedAt.map({ $0 > attempt.packet }) == true
            else { return nil }
            return Match(
                evidence: attempts.prefix(4).map(\.packet),
                message: "The client's \(attempt.proto.name) \(attempt.codeName) at \(Wording.at(attempt.packet)) "
                    + "got no Success or Failure"
                    + (f.endedAt.map { " before the session ended at \(Wording.at($0))" }
                        ?? " in the \(Wording.seconds(waited)) the capture ran after it") + ".")
        },
        Rule(
            id: "authentication.cleartext-password", stage: .authentication, severity: .warning, confidence: .certain,
            title: "The password crossed the network in clear text (PAP)",
            explanation: "PAP sends the password unencrypted; anyone on the path can read it. Even MS-CHAPv2 is "
                + "offline-crackable; PPTP as a whole is not considered secure.",
            fixes: Fixes(
                windows: ["Allow only MS-CHAP v2 (better: move to SSTP, IKEv2 or another modern VPN)."],
                linux: ["pptpd-options: `refuse-pap`, `require-mschap-v2`, `require-mppe-128`."]),
            isSecurity: true
        ) { f in
            guard let pap = f.auth.events.first(where: { $0.proto == .pap && $0.code == AuthCode.papRequest }) else { return nil }
            return Match(
                evidence: [pap.packet],
                message: "PAP Authenticate-Request at \(Wording.at(pap.packet)) "
                    + "(the password is in the capture; this report does not show it).")
        },
    ]
}
