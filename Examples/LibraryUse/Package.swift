// swift-tools-version: 6.1
// pptp-pcap used as a library: the smallest program that analyses a capture through the `PPTPPcap` product.
// A test builds it against the checkout (EndToEndTests/LibraryExampleTests), so this stays true.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which differs between checkouts (CI clones elsewhere).
let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "library-use",
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(name: "LibraryUse", dependencies: [.product(name: "PPTPPcap", package: root)])
    ]
)
