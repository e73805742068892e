import Foundation
import PPTPTestSupport
import Testing

/// The route for people who do not build Swift: `Packaging/build-deb.sh` makes a .deb; unpacked into a fresh
/// root (what `apt-get install ./pptp-pcap_*.deb` puts on disk), its binary analyses a fixture, its man pages
/// and completions are where Debian looks for them, and it depends only on Debian's libraries. The package is
/// built from the debug binary the tests already have (the release build is the script's default).
@Suite("Debian package")
struct DebianPackageTests {
    static func run(_ exe: String, _ arguments: [String]) throws -> (out: String, status: Int32) {
        let result = try ProjectPaths.run(exe, arguments)
        return (String(decoding: result.stdout, as: UTF8.self), result.status)
    }

    @Test("the package installs a binary that analyses a fixture, man pages, completions and the schema")
    func packageInstallsAWorkingTool() throws {
        let binary = try #require(ProjectPaths.executable?.path, "build pptp-pcap first (swift build --build-tests)")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("pptp-pcap-deb-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        let script = ProjectPaths.packageRoot.appendingPathComponent("Packaging/build-deb.sh").path
        let built = try Self.run("/bin/bash", [script, "--binary", binary, "--output", work])
        #expect(built.status == 0)
        let deb = built.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let version = try Self.run(binary, ["--version"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(deb.hasSuffix("/pptp-pcap_\(version)_amd64.deb") || deb.hasSuffix("/pptp-pcap_\(version)_arm64.deb"))

        let control = try Self.run("/usr/bin/dpkg-deb", ["--field", deb, "Depends", "Version"]).out
        #expect(control.contains("Depends: libpcap0.8 (>= 1.8), libsqlite3-0, zlib1g, libstdc++6, libgcc-s1"))
        #expect(control.contains("Version: \(version)"))

        let contents = try Self.run("/usr/bin/dpkg-deb", ["--contents", deb]).out
        for path in [
            "./usr/bin/pptp-pcap", "./usr/share/man/man1/pptp-pcap.1.gz", "./usr/share/man/man1/pptp-pcap.analyze.1.gz",
            "./usr/share/man/man1/pptp-pcap.capture-help.1.gz", "./usr/share/bash-completion/completions/pptp-pcap",
            "./usr/share/zsh/vendor-completions/_pptp-pcap", "./usr/share/fish/vendor_completions.d/pptp-pcap.fish",
            "./usr/share/doc/pptp-pcap/report.schema.json", "./usr/share/doc/pptp-pcap/copyright",
        ] {
            #expect(contents.contains(path), "\(path) is not in the package")
        }

        let root = work + "/root"
        #expect(try Self.run("/usr/bin/dpkg-deb", ["-x", deb, root]).status == 0)
        let installed = root + "/usr/bin/pptp-pcap"
        let fixture = ProjectPaths.fixtures.appendingPathComponent("scenarios/mschapv2-e691/capture.pcap").path
        let report = try Self.run(installed, ["analyze", fixture])
        #expect(report.status == 3, "a failed session exits 3")
        #expect(report.out.contains("FAILED at authentication"))
        #expect(report.out.contains("Error 691"))
        let manPage = try Self.run("/bin/sh", ["-c", "gzip -dc '\(root)/usr/share/man/man1/pptp-pcap.analyze.1.gz'"]).out
        #expect(manPage.contains(".Nm") || manPage.contains(".TH"))
        #expect(manPage.contains("Fl -log"), "the analyze page documents --log")
    }
}
