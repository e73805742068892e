// swift-tools-version: 6.1
// The pipeline, one module per stage, data flowing one way:
//   PcapIO (libpcap) → Dissect (bytes → layers) → Sessions (flows, calls, PPP automata)
//   → Diagnosis (rules → verdicts) → MultiPoint (several captures of one path) → Reporting (one model, several renderers) → Analysis (wires them) → pptp-pcap (CLI)
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "pptp-pcap",
    products: [
        .executable(name: "pptp-pcap", targets: ["pptp-pcap"]),
        // The library: analysis (`Analyzer`) and the report model and renderers it returns, with the stages below.
        .library(name: "PPTPPcap", targets: ["PPTPAnalysis", "PPTPReporting", "PPTPDiagnosis", "PPTPLogs",
                                             "PPTPSessions", "PPTPDissect", "PPTPPcapIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // Module names carry the project's prefix so that they cannot collide with another package's (a `Scan` or
        // `Reporting` module is likely elsewhere); the folders keep the pipeline's stage names.
        .systemLibrary(name: "CPPTPPcap", path: "Sources/CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .target(name: "PPTPPcapIO", dependencies: ["CPPTPPcap", "CPPTPGzip"], path: "Sources/PcapIO", swiftSettings: strict),
        .target(name: "PPTPDissect", path: "Sources/Dissect", swiftSettings: strict),
        .target(name: "PPTPSessions", dependencies: ["PPTPDissect"], path: "Sources/Sessions", swiftSettings: strict),
        // Logs beside captures: pppd/pptpd/pptp-linux syslog, Windows RAS events; matched to the capture's sessions.
        .target(name: "PPTPLogs", dependencies: ["PPTPSessions", "PPTPDissect"], path: "Sources/Logs", swiftSettings: strict),
        .target(name: "PPTPDiagnosis", dependencies: ["PPTPLogs", "PPTPSessions", "PPTPDissect"], path: "Sources/Diagnosis",
                swiftSettings: strict),
        // Captures of several points of one path: sessions matched across them, clocks aligned, loss located.
        .target(name: "PPTPMultiPoint", dependencies: ["PPTPDiagnosis", "PPTPSessions", "PPTPDissect"],
                path: "Sources/MultiPoint", swiftSettings: strict),
        .target(name: "PPTPReporting", dependencies: ["PPTPMultiPoint", "PPTPDiagnosis", "PPTPLogs", "PPTPSessions", "PPTPDissect"],
                path: "Sources/Reporting", swiftSettings: strict),
        .target(name: "PPTPAnalysis",
                dependencies: ["PPTPPcapIO", "PPTPDissect", "PPTPSessions", "PPTPLogs", "PPTPDiagnosis", "PPTPMultiPoint",
                               "PPTPReporting"],
                path: "Sources/Analysis", swiftSettings: strict),
        // Batch scans of capture archives: gzip streams (zlib, Debian's zlib1g-dev), an SQLite catalog (GRDB,
        // Debian's libsqlite3-dev), shards and merges.
        .target(name: "CPPTPGzip", path: "Sources/CGzip", linkerSettings: [.linkedLibrary("z")]),
        .target(name: "PPTPScan",
                dependencies: ["PPTPAnalysis", "PPTPPcapIO", "PPTPReporting", "PPTPDiagnosis", "PPTPLogs", "PPTPSessions",
                               "CPPTPGzip",
                               .product(name: "GRDB", package: "GRDB.swift")],
                path: "Sources/Scan", swiftSettings: strict),
        .executableTarget(
            name: "pptp-pcap",
            dependencies: ["PPTPAnalysis", "PPTPPcapIO", "PPTPDissect", "PPTPReporting", "PPTPDiagnosis",
                           "PPTPMultiPoint", "PPTPScan",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        // Deterministic capture builder used by the tests and by `make-fixtures`.
        .target(name: "PPTPTestSupport", path: "Sources/TestSupport", swiftSettings: strict),
        .executableTarget(name: "make-fixtures", dependencies: ["PPTPTestSupport"], swiftSettings: strict),
        // Benchmark: deterministic ~100 MB / ~1 GB captures (cached in .bench-cache/), analyze and packets timed
        // against a libpcap read floor (Benchmarks/README.md).
        .executableTarget(name: "pptp-pcap-bench", dependencies: ["PPTPTestSupport"], swiftSettings: strict),
        .testTarget(name: "DissectTests", dependencies: ["PPTPDissect", "PPTPTestSupport"]),
        .testTarget(name: "PcapIOTests", dependencies: ["PPTPPcapIO", "PPTPTestSupport"]),
        .testTarget(name: "SessionsTests", dependencies: ["PPTPSessions", "PPTPAnalysis", "PPTPTestSupport"]),
        .testTarget(name: "DiagnosisTests", dependencies: ["PPTPDiagnosis", "PPTPAnalysis", "PPTPTestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["PPTPReporting", "PPTPAnalysis", "PPTPDissect", "PPTPLogs", "PPTPTestSupport"]),
        .testTarget(name: "LogsTests", dependencies: ["PPTPLogs", "PPTPAnalysis", "PPTPReporting", "PPTPDiagnosis", "PPTPTestSupport"]),
        .testTarget(name: "MultiPointTests", dependencies: ["PPTPMultiPoint", "PPTPAnalysis", "PPTPReporting", "PPTPTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PPTPAnalysis", "PPTPTestSupport"]),
        .testTarget(name: "ScanTests", dependencies: ["PPTPScan", "PPTPAnalysis", "PPTPPcapIO", "PPTPReporting", "PPTPTestSupport",
                                                      .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
