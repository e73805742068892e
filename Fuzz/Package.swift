// swift-tools-version: 6.1
// A coverage-guided fuzz target over the whole pipeline: capture bytes → libpcap → dissectors → sessions →
// diagnosis → every report renderer. Kept out of the main package so its sanitizer flags never touch the
// normal build. Run it with ./run.sh SECONDS (see README.md).
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which differs between checkouts (CI clones elsewhere).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "pptp-pcap-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzPipeline",
            dependencies: [.product(name: "PPTPPcap", package: root)],
            // The sanitizer flags for every module come from run.sh (-Xswiftc), so the whole pipeline is
            // instrumented for coverage and ASan, not just this file.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
