import Foundation
import PPTPReporting
import PPTPTestSupport
import Testing

/// The multi-point HTML report in Debian's headless Chromium: the ladder's point lanes and its loss marks reach
/// the DOM, and the page logs nothing.
@Suite(
    "Multi-point HTML in a browser",
    .enabled(
        if: ProjectPaths.which("chromium") != nil,
        "chromium is not installed: apt-get install -y chromium"))
struct MultiPointBrowserTests {
    @Test("the ladder shows a lane per point and marks where GRE was lost, with no console message")
    func lanesAndLossMarksRender() throws {
        let report = try MultiPointFixtureTests.report("gre-filtered-between")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-pcap-browser")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let page = directory.appendingPathComponent("multipoint-gre-filtered-between.html")
        try HTMLRenderer.render(report).write(to: page, atomically: true, encoding: .utf8)
        let browser = try #require(ProjectPaths.which("chromium"))
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--enable-logging=stderr", "--v=0", "--dump-dom", page.absoluteString,
        ]
        let run =
            try ProjectPaths.which("timeout").map { try ProjectPaths.run($0, ["120", browser] + arguments) }
            ?? ProjectPaths.run(browser, arguments)
        #expect(run.status == 0, "chromium exited with \(run.status)")
        let dom = String(decoding: run.stdout, as: UTF8.self)
        #expect(dom.contains("Capture point A (client-side)"))
        #expect(dom.contains("Capture point B (server-side)"))
        #expect(dom.contains("lost between A and B"), "no loss mark on the client's GRE")
        #expect(dom.contains("lost between B and A"), "no loss mark on the server's GRE")
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        let problems = stderr.split(separator: "\n").filter {
            $0.contains("Uncaught") || $0.contains(":CONSOLE") || $0.contains("Content Security Policy")
        }
        #expect(problems.isEmpty, "the page logged: \(problems.joined(separator: "\n"))")
    }
}
