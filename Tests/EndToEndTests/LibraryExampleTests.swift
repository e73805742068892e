import Foundation
import PPTPTestSupport
import Testing

/// pptp-pcap as someone else's dependency: the manifest stays acceptable to SwiftPM as a versioned dependency,
/// and the README's library example builds against this checkout and gives the verdict the CLI gives.
@Suite("Used as a library", .serialized)
struct LibraryExampleTests {
    static let example = ProjectPaths.packageRoot.appendingPathComponent("Examples/LibraryUse")

    @Test("the manifest has no unsafe flags, which SwiftPM refuses in a versioned dependency")
    func manifestHasNoUnsafeFlags() throws {
        // Its own scratch path: the running tests hold the lock on the package's .build.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-pcap-dump-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let dump = try ProjectPaths.run(
            "/usr/bin/env",
            [
                "swift", "package", "--package-path", ProjectPaths.packageRoot.path,
                "--scratch-path", scratch, "dump-package",
            ])
        try #require(dump.status == 0, "\(String(decoding: dump.stderr, as: UTF8.self))")
        let manifest = String(decoding: dump.stdout, as: UTF8.self)
        #expect(manifest.contains("\"PPTPPcap\""))
        #expect(!manifest.contains("unsafeFlags"))
    }

    @Test("the library example builds as a dependency and prints the verdict of a fixture")
    func exampleBuildsAndRuns() throws {
        let build = try ProjectPaths.run("/usr/bin/env", ["swift", "build", "--package-path", Self.example.path])
        try #require(build.status == 0, "\(String(decoding: build.stderr + build.stdout, as: UTF8.self).suffix(3000))")
        let binary = Self.example.appendingPathComponent(".build/debug/LibraryUse").path
        let capture = ProjectPaths.packageRoot.appendingPathComponent("Fixtures/scenarios/gre-no-return/capture.pcap").path
        let run = try ProjectPaths.run(binary, [capture])
        #expect(run.status == 0)
        let out = String(decoding: run.stdout, as: UTF8.self)
        #expect(out.contains("session 1: failed gre [806"), "\(out)")
    }
}
