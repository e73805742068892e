extension FixtureCatalog {
    static var authenticationScenarios: [FixtureScenario] {
        [
            papNak, chapMD5Failure, msChapV2E691, msChapV2E649, msChapV2E648, msChapV2E646, msChapV2E647,
            msChapV2E709, authNoAnswer,
        ]
    }

    static let papNak = FixtureScenario(
        name: "pap-nak",
        summary: """
            Control connection, call and LCP succeed with PAP (0xC023) as the authentication protocol. The client \
            sends Authenticate-Request (CORP\\alice); the server answers Authenticate-Nak "Login incorrect", then \
            LCP Terminate-Request "Authentication failed"; the client acks and clears the call.
            """,
        expected: FixtureKit.expect(.failed, .authentication, [691])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.negotiateLCP(auth: .pap)
        b.wait(1.5)
        b.gre(
            ppp: PAP.authenticateRequest(identifier: 1, peerID: b.profile.userName, password: "wrong-password"),
            from: .client)
        b.respond(.server, processingMs: 1000)
        b.gre(ppp: PAP.authenticateNak(identifier: 1, message: "Login incorrect"), from: .server)
        FixtureKit.serverTerminatesAfterAuthFailure(b)
        return b.pcap()
    }

    static let chapMD5Failure = FixtureScenario(
        name: "chap-md5-failure",
        summary: """
            LCP agrees CHAP with MD5 (0xC223, algorithm 5). The server sends a Challenge (16-byte value, name \
            pptpd), the client a Response (16-byte MD5 value, name CORP\\alice); the server answers CHAP Failure \
            "Access denied", then LCP Terminate-Request; the client acks and clears the call.
            """,
        expected: FixtureKit.expect(.failed, .authentication, [691])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.negotiateLCP(auth: .chapMD5)
        b.chapChallengeAndResponse(auth: .chapMD5, identifier: 1)
        b.respond(.server, processingMs: 40)
        b.gre(ppp: CHAP.failure(identifier: 1, message: "Access denied"), from: .server)
        FixtureKit.serverTerminatesAfterAuthFailure(b)
        return b.pcap()
    }

    /// MS-CHAPv2 failure with `E=<code>`, the server then terminating the link.
    static func msChapV2FailureScenario(
        code: Int, retry: Bool, text: String, meaning: String,
        format: FixtureFormat = FixtureKit.defaultFormat
    ) -> FixtureScenario {
        FixtureScenario(
            name: "mschapv2-e\(code)",
            format: format,
            summary: """
                Control connection, call and LCP (MS-CHAPv2, 0xC223/0x81) succeed. The server's Challenge (16 \
                bytes) gets the client's 49-byte Response (CORP\\alice); the server answers CHAP Failure \
                "E=\(code) R=\(retry ? 1 : 0) C=<32 hex> V=3 M=\(text)" (\(meaning)). \
                \(retry ? "Retry is allowed but the client gives up: it sends LCP Terminate-Request and the server acks;"
                    : "The server sends LCP Terminate-Request \"Authentication failed\" and the client acks;") \
                the client then clears the call (CCRQ, CDN result 4, StopCCRQ/StopCCRP, FIN).
                """,
            expected: FixtureKit.expect(.failed, .authentication, [code])
        ) {
            let b = FixtureKit.builder()
            b.openControlAndCall()
            b.negotiateLCP(auth: .msChapV2)
            b.msChapV2Failure(error: code, retry: retry, text: text)
            if retry {
                b.wait(150)
                b.lcpTerminate(from: .client, identifier: 5, reason: "")
                b.controlTeardown()
            } else {
                FixtureKit.serverTerminatesAfterAuthFailure(b)
            }
            return FixtureKit.output(b, format)
        }
    }

    static let msChapV2E691 = msChapV2FailureScenario(
        code: 691, retry: true, text: "Authentication failure",
        meaning: "user name or password not valid")
    static let msChapV2E649 = msChapV2FailureScenario(
        code: 649, retry: false,
        text: "The account does not have permission to dial in",
        meaning: "no dial-in permission", format: .pcapng)
    static let msChapV2E648 = msChapV2FailureScenario(
        code: 648, retry: false, text: "Password expired",
        meaning: "password expired, the client does not change it")
    static let msChapV2E646 = msChapV2FailureScenario(
        code: 646, retry: false,
        text: "Restricted logon hours",
        meaning: "account not allowed to log on at this time")
    static let msChapV2E647 = msChapV2FailureScenario(
        code: 647, retry: false, text: "Account disabled",
        meaning: "account disabled")

    static let msChapV2E709 = FixtureScenario(
        name: "mschapv2-e709",
        summary: """
            MS-CHAPv2 as in the other mschapv2-* fixtures; the first Failure is "E=648 R=0 C=... V=3 M=Password \
            expired". The client answers with an MS-CHAPv2 Change-Password packet (CHAP code 7, identifier 2, \
            586 bytes: encrypted new password and hash, peer challenge, NT-Response); the server replies Failure \
            identifier 2 "E=709 R=0 C=... V=3 M=Error changing password", then LCP Terminate-Request; the client \
            acks and clears the call. The final, decisive code is 709.
            """,
        expected: FixtureKit.expect(.failed, .authentication, [709])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.negotiateLCP(auth: .msChapV2)
        b.msChapV2Failure(error: 648, retry: false, text: "Password expired")
        b.respond(.client, processingMs: 6000)
        b.gre(ppp: MSCHAPv2.changePassword(identifier: 2, seed: 77), from: .client)
        b.respond(.server, processingMs: 180)
        b.gre(
            ppp: CHAP.failure(
                identifier: 2,
                message: MSCHAPv2.failureMessage(
                    error: 709, retry: false, seed: 78,
                    text: "Error changing password")),
            from: .server)
        FixtureKit.serverTerminatesAfterAuthFailure(b)
        return b.pcap()
    }

    static let authNoAnswer = FixtureScenario(
        name: "auth-no-answer",
        summary: """
            Control connection, call and LCP (MS-CHAPv2) succeed; the server's Challenge is answered by the \
            client's Response, then nothing: no Success, no Failure, for 30 s (the RADIUS/NPS server behind pptpd \
            does not answer). The Windows client gives up: LCP Terminate-Request (acked) and it clears the call.
            """,
        expected: FixtureKit.expect(.failed, .authentication, [718])
    ) {
        let b = FixtureKit.builder()
        b.openControlAndCall()
        b.negotiateLCP(auth: .msChapV2)
        b.chapChallengeAndResponse(auth: .msChapV2, identifier: 1)
        b.waitSeconds(30)
        b.lcpTerminate(from: .client, identifier: 5, reason: "")
        b.controlTeardown()
        return b.pcap()
    }
}
