import Foundation
import PPTPAnalysis
import PPTPDiagnosis
import PPTPReporting
import PPTPTestSupport
import Testing

/// The self-contained HTML report: golden files (`expected.html`, rewritten with UPDATE_GOLDEN=1), nothing loaded
/// from anywhere, the ladder diagram's marks, and HTML escaping.
@Suite("HTML report")
struct HTMLReportTests {
    @Test("the HTML report equals the golden file", arguments: GoldenReportTests.scenarios)
    func htmlReportMatchesGolden(name: String) throws {
        let html = HTMLRenderer.render(try GoldenReportTests.report(name))
        try GoldenReportTests.compare(
            html,
            golden: ProjectPaths.scenarios.appendingPathComponent(name)
                .appendingPathComponent("expected.html"))
    }

    @Test(
        "the page is self-contained: no script, no URL, no url(), an inline SVG per session",
        arguments: GoldenReportTests.scenarios)
    func selfContained(name: String) throws {
        let report = try GoldenReportTests.report(name)
        let html = HTMLRenderer.render(report)
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("http://"))
        #expect(!lower.contains("https://"))
        #expect(!lower.contains("url("))
        #expect(!lower.contains("@import"))
        #expect(!lower.contains("src=\""))
        #expect(!lower.contains("<link"))
        #expect(!lower.contains("href=\"javascript"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("default-src 'none'"))
        #expect(html.contains("@media print"))
        let svgs = html.components(separatedBy: "<svg ").count - 1
        let parts = report.sessions.map { LadderSVG.parts($0).count }.reduce(0, +)
        #expect(svgs == parts && svgs >= report.sessions.count)
        if !report.sessions.isEmpty { #expect(html.contains("<svg")) }
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test(
        "every inline SVG is well-formed and balanced",
        arguments: [
            "gre-no-return", "two-sessions", "hostile-strings",
            "gre-protocol-unreachable", "mtu-blackhole",
        ])
    func svgBalanced(name: String) throws {
        let report = try GoldenReportTests.report(name)
        for session in report.sessions {
            for svg in LadderSVG.parts(session) {
                #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
                try Self.checkBalanced(svg)
            }
        }
    }

    @Test("the verdict comes first: banner, codes, what happened, fixes, then ladder, timeline, findings, capture")
    func verdictFirst() throws {
        let html = HTMLRenderer.render(try GoldenReportTests.report("gre-no-return"))
        let order = [
            "<div class=\"banner failed\">", "FAILED at <span class=\"stage\">gre</span>",
            "<span class=\"v big\">806</span>", "<span class=\"also\">Error 806: The VPN connection",
            "<span class=\"also\">or Error 721: The remote computer is not responding. (before Windows Vista)</span>",
            "high</span>",
            "What happened.", "Why.", "<h4>Windows client</h4>", "<h4>Linux pptpd/pppd</h4>", "<h4>Network</h4>",
            "<svg ", "<table class=\"timeline\">", "<h3>Other findings</h3>", "<h2>Capture</h2>", "id=\"warnings\"",
        ]
        var from = html.startIndex
        for marker in order {
            let found = try #require(html.range(of: marker, range: from..<html.endIndex), "missing or out of order: \(marker)")
            from = found.upperBound
        }
        #expect(html.contains("<code>iptables -A INPUT -p gre -j ACCEPT</code>"))
    }

    @Test("banners are red for failed, green for success, amber for incomplete")
    func bannerColours() throws {
        #expect(HTMLRenderer.render(try GoldenReportTests.report("success-mschapv2")).contains("<div class=\"banner success\">"))
        #expect(
            HTMLRenderer.render(try GoldenReportTests.report("mid-session-start")).contains("<div class=\"banner incomplete\">"))
        let two = HTMLRenderer.render(try GoldenReportTests.report("two-sessions"))
        #expect(two.contains("<div class=\"banner success\">") && two.contains("<div class=\"banner failed\">"))
        #expect(two.contains("<nav class=\"overview\""))
        #expect(
            HTMLRenderer.render(try GoldenReportTests.report("unrelated-traffic-no-pptp")).contains("<div class=\"banner none\">")
        )
    }

    @Test("the ladder marks the point of failure, the evidence in red and the requests nobody answered")
    func ladderMarksGRENoReturn() throws {
        let session = try #require(try GoldenReportTests.report("gre-no-return").sessions.first)
        let svg = LadderSVG.render(session)
        // Evidence 7, 10, 19: the first (the OCRP) gets the tinted row and the "!" marker.
        #expect(svg.contains("<title>point of failure</title>"))
        #expect(svg.components(separatedBy: "fill=\"#fdecea\"").count - 1 == 1)
        #expect(svg.contains("<title>#7 at 0.133 s (call-setup): OCRP call=7 peer=18977 result=1 (Connected)</title>"))
        let redArrows = svg.components(separatedBy: "stroke=\"#c62828\" stroke-width=\"2\"").count - 1
        #expect(redArrows == 4, "packet 7, packet 10's two entries and packet 19")
        // Everything the client sent in the gre/lcp stages got no answer: dashed, hollow heads, one bracket.
        #expect(svg.contains("no answer</text>"))
        #expect(svg.contains("these 11 requests from the client got no answer from the server"))
        #expect(svg.components(separatedBy: "fill=\"#ffffff\" stroke=").count - 1 == 11)
        // Capture point lane beside the client.
        #expect(svg.contains("capture (at the client)"))
    }

    @Test("a long session is drawn in parts of at most 30 rows, each with both lane headers, in time order")
    func ladderParts() throws {
        let session = try #require(try GoldenReportTests.report("success-mschapv2").sessions.first)
        #expect(session.timeline.count > 30)
        let parts = LadderSVG.parts(session)
        #expect(parts.count == (session.timeline.count + 29) / 30)
        for (k, part) in parts.enumerated() {
            #expect(part.contains(">client</text>") && part.contains(">server</text>"))
            #expect(part.contains("(part \(k + 1) of \(parts.count))"))
            let rows = part.components(separatedBy: "<title>#").count - 1
            #expect(rows <= 30)
        }
        #expect(parts.dropFirst().allSatisfy { $0.contains(">continued</text>") })
        let joined = parts.joined()
        let positions = session.timeline.map { e in joined.range(of: "<title>#\(e.packet) at ")?.lowerBound }
        #expect(!positions.contains(nil))
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test("ICMP errors start at a diamond on the path and go to the host they are about")
    func ladderICMP() throws {
        let session = try #require(try GoldenReportTests.report("gre-protocol-unreachable").sessions.first)
        let svg = LadderSVG.render(session)
        let diamonds = svg.components(separatedBy: "fill=\"#f59e0b\"").count - 1
        #expect(diamonds == session.timeline.filter { $0.text.hasPrefix("ICMP") }.count)
        #expect(diamonds == 5)
        #expect(svg.contains("stroke-dasharray=\"4 3\""))
    }

    @Test("data packet summaries are collapsed bands; a success has no failure marks")
    func ladderBandsAndSuccess() throws {
        let session = try #require(try GoldenReportTests.report("success-mschapv2").sessions.first)
        let svg = LadderSVG.render(session)
        let bands = svg.components(separatedBy: "fill=\"#eaf1fb\" stroke=").count - 1
        #expect(bands == session.timeline.filter { $0.text.contains("data packets") }.count)
        #expect(bands >= 2)
        #expect(!svg.contains("point of failure"))
        #expect(!svg.contains("no answer"))
        #expect(!svg.contains("#c62828"))
    }

    @Test("a failure packet that is not in the timeline gets a marker row of its own")
    func ladderFailureMarkRow() throws {
        var session = try #require(try GoldenReportTests.report("gre-no-return").sessions.first)
        session.findings[0].packets = [3, 10]
        session.findings[0].decisivePacket = 3
        let svg = LadderSVG.render(session)
        #expect(svg.contains("point of failure: packet 3 (not in the timeline)"))
        // Packet 3 sorts between packets 2 and 4.
        let mark = try #require(svg.range(of: "point of failure: packet 3"))
        let two = try #require(svg.range(of: "<title>#2 at"))
        let four = try #require(svg.range(of: "<title>#4 at"))
        #expect(two.lowerBound < mark.lowerBound && mark.lowerBound < four.lowerBound)
    }

    @Test("an MS-CHAP answer that came is not drawn as unanswered; a response that got none is")
    func ladderUnansweredOnlyForSilence() throws {
        let answered = try #require(try GoldenReportTests.report("mschapv2-e691").sessions.first)
        #expect(!LadderSVG.render(answered).contains("no answer"))
        let silent = try #require(try GoldenReportTests.report("auth-no-answer").sessions.first)
        let svg = LadderSVG.render(silent)
        #expect(svg.contains("this request from the client got no answer from the server"))
    }

    @Test("long labels end in an ellipsis and keep their full text in the SVG title")
    func ladderTruncatesLabels() throws {
        var session = try #require(try GoldenReportTests.report("gre-no-return").sessions.first)
        let long = String(repeating: "abcdefghij", count: 12)
        session.timeline[0].text = long
        let svg = LadderSVG.render(session)
        #expect(svg.contains("<title>#1 at 0.000 s (tcp-connect): \(long)</title>"))
        #expect(svg.contains(">" + String(long.prefix(71)) + "…</text>"))
    }

    @Test("HTMLEscaped escapes markup characters and shows control characters as \\xNN")
    func htmlEscaped() {
        #expect(
            HTMLEscaped.escape("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        )
        #expect(
            HTMLEscaped.escape("\u{1B}[31m\u{0}\u{7F}\u{85}\u{202E}\u{2028}x")
                == "\\x1b[31m\\x00\\x7f\\xc2\\x85\\xe2\\x80\\xae\\xe2\\x80\\xa8x")
        #expect(HTMLEscaped.escape("plain text 192.0.2.1:1723 → é") == "plain text 192.0.2.1:1723 → é")
        #expect("\(HTMLEscaped("<b>"))" == "&lt;b&gt;")
    }

    @Test("the file name is escaped in the title and the heading")
    func fileNameEscaped() throws {
        var report = try GoldenReportTests.report("gre-no-return")
        report.capture.file = "<img src=x onerror=alert(1)>\".pcap"
        let html = HTMLRenderer.render(report)
        #expect(!html.contains("<img"))
        #expect(html.contains("<title>FAILED — &lt;img src=x onerror=alert(1)&gt;&quot;.pcap — PPTP diagnosis</title>"))
        #expect(html.contains("<h1>&lt;img src=x onerror=alert(1)&gt;&quot;.pcap</h1>"))
    }

    /// Every element opened in `svg` is closed in order (self-closing tags excepted), and no text holds a raw `<`.
    static func checkBalanced(_ svg: String) throws {
        var stack: [String] = []
        var rest = Substring(svg)
        while let open = rest.firstIndex(of: "<") {
            let text = rest[rest.startIndex..<open]
            #expect(!text.contains(">"), "a raw > in text: \(text)")
            let close = try #require(rest[open...].firstIndex(of: ">"))
            let tag = rest[rest.index(after: open)..<close]
            #expect(!tag.contains("<"), "a raw < inside a tag: \(tag)")
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst())
                #expect(stack.popLast() == name, "</\(name)> closes the wrong element")
            } else if !tag.hasSuffix("/") {
                stack.append(String(tag.prefix { $0 != " " }))
            }
            rest = rest[rest.index(after: close)...]
        }
        #expect(stack.isEmpty, "unclosed: \(stack)")
    }
}

/// The hostile-strings fixture puts HTML, attribute break-outs, Markdown links and tables, ANSI escapes and
/// invalid UTF-8 into host names, CHAP names and the MS-CHAP failure message. Every format must show them,
/// escaped for that format, and never as live syntax.
@Suite("Hostile capture strings")
struct HostileStringsTests {
    typealias H = FixtureCatalog.Hostile

    static func report() throws -> Report { try GoldenReportTests.report("hostile-strings") }

    @Test("the diagnosis survives the hostile strings: MS-CHAP error 691, certain")
    func diagnosisIntact() throws {
        let session = try #require(try Self.report().sessions.first)
        #expect(session.outcome == .failed)
        #expect(session.failureStage == .authentication)
        #expect(session.probableErrorCodes == [691])
    }

    @Test("HTML: no element or attribute can be formed; the strings are shown escaped")
    func html() throws {
        let html = HTMLRenderer.render(try Self.report())
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("<img"))
        #expect(!lower.contains("onerror=alert(1)>"))
        #expect(!html.contains("\u{1B}"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("| ** [x](javascript:alert(1))"))
        #expect(html.contains(H.ansiShown))
        #expect(html.contains(H.invalidUTF8Shown))
        // Attributes too: the SVG titles and aria labels hold the same text, escaped.
        #expect(
            html.contains("<title>#4 at 0.043 s (control-connection): SCCRQ host=&quot;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!lower.contains("href=\"javascript"))
    }

    @Test("Markdown: no link, HTML, table cell, emphasis or colour can be formed; the strings are shown escaped")
    func markdown() throws {
        let markdown = MarkdownRenderer.render(try Self.report())
        // Every < of the strings is backslash-escaped, so no HTML element can start.
        #expect(markdown.range(of: #"(?<!\\)<(script|img|/script)"#, options: [.regularExpression, .caseInsensitive]) == nil)
        #expect(!markdown.contains("[x](javascript"))
        #expect(!markdown.contains("| ** ["))
        #expect(!markdown.contains("\u{1B}"))
        #expect(markdown.contains("\\<script\\>alert(1)\\</script\\>"))
        #expect(markdown.contains("\"\\>\\<img src=x onerror=alert(1)\\>"))
        #expect(markdown.contains("\\| \\*\\* \\[x\\](javascript:alert(1))"))
        #expect(markdown.contains("\\\\x1b\\[31m"))
        #expect(markdown.contains("\\\\xc3(\\\\xff"))
    }

    @Test("text: no terminal escape or raw byte reaches the terminal; the strings are shown as \\xNN")
    func text() throws {
        let text = TextRenderer(color: false).render(try Self.report())
        #expect(!text.contains("\u{1B}"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("host=\"<script>alert(1)</script>\(H.ansiShown)\(H.invalidUTF8Shown)\""))
        #expect(text.contains("User: \"| ** [x](javascript:alert(1))\(H.ansiShown)\(H.invalidUTF8Shown)\""))
    }

    @Test("JSON: quotes and control characters are escaped, the document parses and keeps the shown text")
    func json() throws {
        let json = JSONRenderer.render(try Self.report())
        #expect(!json.contains("\u{1B}"))
        #expect(!json.contains("host=\"\"><img"))
        #expect(json.contains("host=\\\"\\\"><img src=x onerror=alert(1)>\\\""))
        #expect(json.contains("\\\\x1b[31m"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        let timeline = try #require(sessions.first?["timeline"] as? [[String: Any]])
        let texts = timeline.compactMap { $0["text"] as? String }
        #expect(texts.contains("SCCRQ host=\"<script>alert(1)</script>\(H.ansiShown)\(H.invalidUTF8Shown)\""))
    }
}
