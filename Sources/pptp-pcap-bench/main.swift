// pptp-pcap-bench: generates deterministic ~100 MB / ~1 GB captures (cached in .bench-cache/), then times
// `pptp-pcap analyze` and `pptp-pcap packets` against a libpcap read floor in the same run. See Benchmarks/README.md.
import Foundation
import Glibc

let options: BenchOptions
switch BenchOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case .run(let parsed):
    options = parsed
case .help:
    say(BenchOptions.usage)
    exit(0)
case .usageError(let message):
    FileHandle.standardError.write(Data("pptp-pcap-bench: \(message)\n\n\(BenchOptions.usage)\n".utf8))
    exit(64)
}

do {
    try FileManager.default.createDirectory(at: options.cache, withIntermediateDirectories: true)
    let binary = try ReleaseBinary.resolve(options)
    let floor = try FloorProgram.build(in: options.cache)
    var captures: [(BenchOptions.Size, URL, CaptureManifest)] = []
    for size in options.scanOnly ? [] : options.sizes {
        let (url, manifest) = try CaptureCache.capture(size, in: options.cache, regenerate: options.regenerate)
        captures.append((size, url, manifest))
    }
    let benchmark = Benchmark(
        floorBinary: floor.path, pptpPcap: binary, cache: options.cache,
        iterations: options.iterations)
    var results: [SizeResult] = []
    for (size, url, manifest) in captures {
        say("measuring \(size.label) …")
        results.append(try benchmark.measure(size: size, capture: url, manifest: manifest))
    }
    var scan: (ScanBenchmark.Result, URL)?
    if options.scan {
        let (url, _) = try CaptureCache.capture(.small, in: options.cache, regenerate: options.regenerate && options.scanOnly)
        say("measuring scan over \(ScanBenchmark.fileCount) copies of \(BenchOptions.Size.small.label) …")
        let scanBenchmark = ScanBenchmark(pptpPcap: binary, cache: options.cache, iterations: options.iterations)
        scan = (try scanBenchmark.measure(capture: url), url)
    }
    if !results.isEmpty { BenchReport.render(results, iterations: options.iterations, binary: binary) }
    if let (result, url) = scan { BenchReport.renderScan(result, capture: url) }
    exit(0)
} catch {
    FileHandle.standardError.write(Data("pptp-pcap-bench: \(error)\n".utf8))
    exit(1)
}
