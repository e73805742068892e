import Foundation
import PPTPAnalysis
import PPTPReporting
import PPTPTestSupport
import Testing

/// The HTML report in a real browser: Debian's headless Chromium renders it to a screenshot without a console
/// message of any kind (no script error, no blocked load), and the hostile fixture's strings build no element.
/// The screenshots stay in `<tmp>/pptp-pcap-browser/` for a person to look at.
@Suite(
    "HTML report in a browser",
    .enabled(
        if: ProjectPaths.which("chromium") != nil,
        "chromium is not installed: apt-get install -y chromium"))
struct BrowserRenderTests {
    static let outputDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-pcap-browser")

    /// Writes the scenario's HTML report next to where its screenshot will go and returns the page's URL.
    static func writePage(_ name: String) throws -> URL {
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        let page = outputDirectory.appendingPathComponent("\(name).html")
        try HTMLRenderer.render(try GoldenReportTests.report(name)).write(to: page, atomically: true, encoding: .utf8)
        return page
    }

    /// Runs headless Chromium (bounded by `timeout` where it exists) and returns its status, stdout and stderr.
    static func chromium(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let browser = try #require(ProjectPaths.which("chromium"))
        let base = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--enable-logging=stderr", "--v=0",
        ]
        let result: (status: Int32, stdout: Data, stderr: Data)
        if let timeout = ProjectPaths.which("timeout") {
            result = try ProjectPaths.run(timeout, ["120", browser] + base + arguments)
        } else {
            result = try ProjectPaths.run(browser, base + arguments)
        }
        return (result.status, String(decoding: result.stdout, as: UTF8.self), String(decoding: result.stderr, as: UTF8.self))
    }

    /// Console output of the page itself (Chromium logs it as `…:CONSOLE…`), uncaught errors, blocked loads.
    static func pageProblems(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter {
            $0.contains("Uncaught") || $0.contains("ERROR:CONSOLE") || $0.contains(":CONSOLE")
                || $0.contains("Content Security Policy")
        }
    }

    @Test(
        "a failure report renders to a screenshot larger than 20 KB, with no console message",
        arguments: ["gre-no-return", "hostile-strings"])
    func screenshot(name: String) throws {
        let page = try Self.writePage(name)
        let png = Self.outputDirectory.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: png)
        let run = try Self.chromium(["--screenshot=\(png.path)", "--window-size=1024,2000", page.absoluteString])
        #expect(run.status == 0, "chromium exited with \(run.status): \(run.stderr.suffix(2000))")
        let attributes = try FileManager.default.attributesOfItem(atPath: png.path)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        #expect(size > 20_000, "screenshot \(png.path) is only \(size) bytes")
        let header = try Data(contentsOf: png).prefix(8)
        #expect(header == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        let problems = Self.pageProblems(run.stderr)
        #expect(problems.isEmpty, "the page logged: \(problems.joined(separator: "\n"))")
    }

    @Test("in the browser's DOM the hostile strings are text: no script, img or link element, no event handler")
    func hostileStringsStayText() throws {
        let page = try Self.writePage("hostile-strings")
        let run = try Self.chromium(["--dump-dom", page.absoluteString])
        #expect(run.status == 0, "chromium exited with \(run.status)")
        let dom = run.stdout.lowercased()
        #expect(dom.contains("<svg"), "no DOM dumped: \(run.stderr.suffix(2000))")
        #expect(!dom.contains("<script"))
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("<a href=\"javascript"))
        #expect(!dom.contains("onerror=\""))
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(Self.pageProblems(run.stderr).isEmpty)
    }
}
