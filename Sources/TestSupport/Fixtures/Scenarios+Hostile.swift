extension FixtureCatalog {
    static var hostileScenarios: [FixtureScenario] { [hostileStrings] }

    /// Strings a hostile peer (or a prankster's host name) can put in a capture, aimed at every output format:
    /// HTML/SVG injection, Markdown links and tables, terminal escapes, and bytes that are not UTF-8.
    public enum Hostile {
        public static let script = "<script>alert(1)</script>"
        public static let attribute = "\"><img src=x onerror=alert(1)>"
        public static let markdown = "| ** [x](javascript:alert(1))"
        public static let ansi = "\u{1B}[31m"
        /// Bytes that are not UTF-8: a lone continuation byte's lead (0xC3 followed by "(") and 0xFF.
        public static let invalidUTF8: [UInt8] = [0xC3, 0x28, 0xFF]
        /// How the report shows `invalidUTF8` and `ansi` (SafeText's escapes).
        public static let invalidUTF8Shown = "\\xc3(\\xff"
        public static let ansiShown = "\\x1b[31m"
    }

    /// Replaces the last occurrence of `marker` (ASCII) in `bytes` by `replacement`, which must be as long (so no
    /// length field changes).
    static func patch(_ bytes: [UInt8], _ marker: String, _ replacement: [UInt8]) -> [UInt8] {
        let m = Array(marker.utf8)
        precondition(m.count == replacement.count, "a patch must keep the length")
        guard bytes.count >= m.count else { return bytes }
        var out = bytes
        for start in stride(from: bytes.count - m.count, through: 0, by: -1) where Array(bytes[start..<(start + m.count)]) == m {
            out.replaceSubrange(start..<(start + m.count), with: replacement)
            return out
        }
        return bytes
    }

    static let hostileStrings = FixtureScenario(
        name: "hostile-strings",
        summary: """
            An MS-CHAPv2 login refused with E=691, where every string the peers send is hostile to some output \
            format: the client's SCCRQ host name is an HTML script element followed by an ANSI colour escape and \
            bytes that are not UTF-8 (0xC3 0x28 0xFF); its vendor string and the server's SCCRP host name break \
            out of an HTML attribute into an img element with an onerror handler; the server's CHAP name is a \
            script element; the client's CHAP name (user name) is a Markdown table cell, bold marker and \
            javascript: link, followed by the ANSI escape and the invalid bytes; the server's MS-CHAP Failure \
            message text (M=) carries all of them. Every report format must show these strings escaped.
            """,
        expected: FixtureKit.expect(.failed, .authentication, [691])
    ) {
        let b = FixtureKit.builder()
        let ansi = Hostile.ansi
        let bad = "~~~"  // patched to Hostile.invalidUTF8 after the message is built
        b.profile.serverName = Hostile.script
        b.profile.clientHostName = "DESKTOP-HOSTILE"
        b.tcpHandshake()
        b.wait(0.3)
        let sccrq = PPTPControl.startControlConnectionRequest(
            hostName: Hostile.script + ansi + bad,
            vendor: Hostile.attribute)
        b.control(patch(sccrq, bad, Hostile.invalidUTF8), from: .client)
        b.respond(.server, processingMs: 1.5)
        b.control(
            PPTPControl.startControlConnectionReply(hostName: Hostile.attribute, vendor: Hostile.script),
            from: .server)
        b.outgoingCall()
        b.setLinkInfo()
        b.negotiateLCP(auth: .msChapV2)

        b.wait(1.5)
        b.gre(
            ppp: CHAP.challenge(
                identifier: 1, value: MSCHAPv2.challengeValue(seed: b.profile.seed &+ 100),
                name: b.profile.serverName), from: .server)
        b.respond(.client, processingMs: 3)
        let response = CHAP.response(
            identifier: 1, value: MSCHAPv2.responseValue(seed: b.profile.seed &+ 200),
            name: Hostile.markdown + ansi + bad)
        b.gre(ppp: patch(response, bad, Hostile.invalidUTF8), from: .client)
        b.respond(.server, processingMs: 60)
        let text = [Hostile.script, Hostile.attribute, Hostile.markdown, ansi + bad].joined(separator: " ")
        let failure = CHAP.failure(
            identifier: 1,
            message: MSCHAPv2.failureMessage(
                error: 691, retry: false,
                seed: b.profile.seed &+ 400,
                text: text))
        b.gre(ppp: patch(failure, bad, Hostile.invalidUTF8), from: .server)
        FixtureKit.serverTerminatesAfterAuthFailure(b)
        return b.pcap()
    }
}
