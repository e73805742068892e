import Foundation
import PPTPAnalysis
import PPTPReporting
import PPTPTestSupport
import Testing

/// The Markdown report (for tickets and forge issues): golden files beside each scenario's capture
/// (`expected.md`, rewritten with UPDATE_GOLDEN=1), its order, and its escaping of capture text.
@Suite("Markdown report")
struct MarkdownReportTests {
    @Test("the Markdown report equals the golden file", arguments: GoldenReportTests.scenarios)
    func markdownReportMatchesGolden(name: String) throws {
        let markdown = MarkdownRenderer.render(try GoldenReportTests.report(name))
        try GoldenReportTests.compare(
            markdown,
            golden: ProjectPaths.scenarios.appendingPathComponent(name)
                .appendingPathComponent("expected.md"))
    }

    @Test("a failed session's verdict comes first: outcome, codes, what happened, why, fixes, then findings, timeline, capture")
    func verdictFirst() throws {
        let markdown = MarkdownRenderer.render(try GoldenReportTests.report("gre-no-return"))
        let order = [
            "## Session 1: FAILED at gre", "**Outcome:**",
            "**Probable Windows error:** **Error 806** \"The VPN connection between your computer and the VPN server could not be completed.\"",
            "; or **Error 721** \"The remote computer is not responding.\" (before Windows Vista) (high confidence)",
            "**What happened:**", "**Why:**", "**Fix on the Windows client:**", "**Fix on the Linux pptpd/pppd server:**",
            "**Fix in the network:**", "### Timeline", "| time | packet | stage | direction | what |",
            "## Capture", "### Warnings",
        ]
        var from = markdown.startIndex
        for marker in order {
            let found = try #require(
                markdown.range(of: marker, range: from..<markdown.endIndex), "missing or out of order: \(marker)")
            from = found.upperBound
        }
    }

    @Test("rule fix texts keep their code spans")
    func fixesKeepCode() throws {
        let markdown = MarkdownRenderer.render(try GoldenReportTests.report("gre-no-return"))
        #expect(markdown.contains("`iptables -A INPUT -p gre -j ACCEPT`"))
    }

    @Test("timeline rows have exactly five cells, whatever the text holds")
    func timelineRowsHaveFiveCells() throws {
        for name in ["hostile-strings", "gre-protocol-unreachable", "two-sessions"] {
            let markdown = MarkdownRenderer.render(try GoldenReportTests.report(name))
            let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| time") }
            #expect(!rows.isEmpty)
            for row in rows {
                // Unescaped pipes are the cell borders.
                var borders = 0
                var escaped = false
                for ch in row {
                    if escaped {
                        escaped = false
                        continue
                    }
                    if ch == "\\" { escaped = true } else if ch == "|" { borders += 1 }
                }
                #expect(borders == 6, "\(name): \(row)")
            }
        }
    }

    @Test("packet numbers are never written as #N, which forges turn into issue links")
    func noIssueReferences() throws {
        for name in ["gre-no-return", "two-sessions", "mtu-blackhole"] {
            let markdown = MarkdownRenderer.render(try GoldenReportTests.report(name))
            #expect(markdown.range(of: #"(?<!\\)#[0-9]"#, options: .regularExpression) == nil, "\(name)")
        }
    }

    @Test("escaping neutralises every Markdown construct and shows control characters as \\xNN")
    func escapeNeutralises() {
        let e = MarkdownRenderer.escape
        #expect(e("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))")
        #expect(e("| a | b |") == "\\| a \\| b \\|")
        #expect(e("**bold** _em_ `code` ~~s~~") == "\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\~\\~s\\~\\~")
        #expect(e("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>")
        #expect(e("# heading") == "\\# heading")
        #expect(e("a\\b") == "a\\\\b")
        #expect(e("&amp; $x$ @team") == "\\&amp; \\$x\\$ \\@team")
        #expect(e("see https://example.org and www.example.org") == "see https\\://example.org and www\\.example.org")
        #expect(
            e("\u{1B}[31m red\u{0} \u{7F}\u{85}\u{202E}") == "\\\\x1b\\[31m red\\\\x00 \\\\x7f\\\\xc2\\\\x85\\\\xe2\\\\x80\\\\xae"
        )
        #expect(e("a\nb\rc\td") == "a\\\\x0ab\\\\x0dc\\\\x09d")
        #expect(e("CORP alice 192.168.1.23:1723 E=691") == "CORP alice 192.168.1.23:1723 E=691")
    }

    @Test("the file name is escaped like any capture text")
    func fileNameEscaped() throws {
        var report = try GoldenReportTests.report("gre-no-return")
        report.capture.file = "<b>evil</b>|[x](y).pcap"
        let markdown = MarkdownRenderer.render(report)
        #expect(markdown.hasPrefix("# PPTP diagnosis: \\<b\\>evil\\</b\\>\\|\\[x\\](y).pcap\n"))
        #expect(!markdown.contains("<b>"))
    }

    @Test("a capture without PPTP says so and still summarises the capture")
    func noPPTPSession() throws {
        let markdown = MarkdownRenderer.render(try GoldenReportTests.report("unrelated-traffic-no-pptp"))
        #expect(markdown.contains("**No PPTP session.** No PPTP session found in 14 packets."))
        #expect(markdown.contains("## Capture"))
        #expect(!markdown.contains("## Session"))
    }

    @Test(
        "GitHub's cmark-gfm renders the Markdown to no link, image, raw HTML or stray heading, and whole table rows",
        .enabled(if: ProjectPaths.which("cmark-gfm") != nil, "cmark-gfm is not installed: apt-get install -y cmark-gfm"),
        arguments: GoldenReportTests.scenarios)
    func cmarkGFMRendersInertText(name: String) throws {
        let report = try GoldenReportTests.report(name)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-pcap-markdown")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("\(name).md")
        try MarkdownRenderer.render(report).write(to: file, atomically: true, encoding: .utf8)
        // --unsafe lets raw HTML through: only the escaping keeps it out.
        let run = try ProjectPaths.run(
            try #require(ProjectPaths.which("cmark-gfm")),
            ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", file.path])
        #expect(run.status == 0)
        let html = String(decoding: run.stdout, as: UTF8.self)
        for tag in ["<a ", "<img", "<script", "<del>", "<h4", "<h5", "<h6"] {
            #expect(!html.contains(tag), "\(name): cmark-gfm made \(tag)")
        }
        #expect(html.components(separatedBy: "<h1>").count - 1 == 1)
        #expect(html.components(separatedBy: "<h2>").count - 1 == report.sessions.count + 1)
        #expect(html.components(separatedBy: "<table>").count - 1 == report.sessions.filter { !$0.timeline.isEmpty }.count)
        let bodyRows = html.components(separatedBy: "<tbody>").dropFirst()
            .flatMap { $0.components(separatedBy: "</tbody>")[0].components(separatedBy: "<tr>").dropFirst() }
        #expect(bodyRows.count == report.sessions.map { min($0.timeline.count, 200) }.reduce(0, +))
        for row in bodyRows {
            #expect(row.components(separatedBy: "<td").count - 1 == 5, "\(name): \(row)")
        }
    }

    @Test("long timelines are cut at the limit with a note")
    func timelineLimit() throws {
        let markdown = MarkdownRenderer.render(try GoldenReportTests.report("gre-no-return"), timelineLimit: 3)
        #expect(markdown.contains("*… 21 more entries (see the JSON report).*"))
    }
}
