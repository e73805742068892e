// swift-tools-version: 6.1
// The pipeline, one module per stage, data flowing one way:
//   PcapIO (libpcap) → Dissect (bytes → layers) → Sessions (flows, calls, PPP automata)
//   → Diagnosis (rules → verdicts) → MultiPoint (several captures of one path) → Reporting (one model, several renderers) → Analysis (wires them) → pptp-pcap (CLI)
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // The per-packet path crosses Dissect → Sessions → Analysis; without this, every `ip.proto == .gre` is a call
    // to another module's addressor and nothing small is inlined across the boundary (Benchmarks/README.md).
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "pptp-pcap",
    products: [
        .executable(name: "pptp-pcap", targets: ["pptp-pcap"]),
        .library(name: "PPTPPcap", targets: ["Analysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .target(name: "PcapIO", dependencies: ["CPcap"], swiftSettings: strict),
        .target(name: "Dissect", swiftSettings: strict),
        .target(name: "Sessions", dependencies: ["Dissect"], swiftSettings: strict),
        .target(name: "Diagnosis", dependencies: ["Sessions", "Dissect"], swiftSettings: strict),
        // Captures of several points of one path: sessions matched across them, clocks aligned, loss located.
        .target(name: "MultiPoint", dependencies: ["Diagnosis", "Sessions", "Dissect"], swiftSettings: strict),
        .target(name: "Reporting", dependencies: ["MultiPoint", "Diagnosis", "Sessions", "Dissect"], swiftSettings: strict),
        .target(name: "Analysis", dependencies: ["PcapIO", "Dissect", "Sessions", "Diagnosis", "MultiPoint", "Reporting"],
                swiftSettings: strict),
        // Batch scans of capture archives: gzip streams (zlib, Debian's zlib1g-dev), an SQLite catalog (GRDB,
        // Debian's libsqlite3-dev), shards and merges.
        .target(name: "CGzip", linkerSettings: [.linkedLibrary("z")]),
        .target(name: "Scan", dependencies: ["Analysis", "PcapIO", "Reporting", "Diagnosis", "CGzip",
                                             .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        .executableTarget(
            name: "pptp-pcap",
            dependencies: ["Analysis", "PcapIO", "Dissect", "Reporting", "Diagnosis",
                           "Scan",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        // Deterministic capture builder used by the tests and by `make-fixtures`.
        .target(name: "TestSupport", swiftSettings: strict),
        .executableTarget(name: "make-fixtures", dependencies: ["TestSupport"], swiftSettings: strict),
        // Benchmark: deterministic ~100 MB / ~1 GB captures (cached in .bench-cache/), analyze and packets timed
        // against a libpcap read floor (Benchmarks/README.md).
        .executableTarget(name: "pptp-pcap-bench", dependencies: ["TestSupport"], swiftSettings: strict),
        .testTarget(name: "DissectTests", dependencies: ["Dissect", "TestSupport"]),
        .testTarget(name: "PcapIOTests", dependencies: ["PcapIO", "TestSupport"]),
        .testTarget(name: "SessionsTests", dependencies: ["Sessions", "Analysis", "TestSupport"]),
        .testTarget(name: "DiagnosisTests", dependencies: ["Diagnosis", "Analysis", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Analysis", "TestSupport"]),
        .testTarget(name: "MultiPointTests", dependencies: ["MultiPoint", "Analysis", "Reporting", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Analysis", "TestSupport"]),
        .testTarget(name: "ScanTests", dependencies: ["Scan", "Analysis", "PcapIO", "Reporting", "TestSupport",
                                                      .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
