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
    let benchmark = Benchmark(
        floorBinary: floor.path, pptpPcap: binary, cache: options.cache,
        iterations: options.iterations)
    var results: [CaptureResult] = []
    for size in options.scanOnly ? [] : options.sizes {
        let (url, manifest) = try CaptureCache.capture(size, in: options.cache, regenerate: options.regenerate)
        say("measuring \(size.label) …")
        results.append(
            try benchmark.measure(
                label: size.label, size: size, capture: url, manifest: manifest,
                keys: Benchmark.Key.analyzeFormats + [.packets]))
        if options.pcapng, let ng = CaptureCache.pcapng(of: url) {
            say("measuring \(size.label) pcapng …")
            results.append(
                try benchmark.measure(
                    label: "\(size.label) pcapng", size: size, pcapng: true, capture: ng, manifest: manifest,
                    keys: [.analyzeJSON]))
        }
    }
    if options.shapes, !options.scanOnly, options.sizes.contains(.large) {
        for shape in CaptureShape.others {
            let (url, manifest) = try CaptureCache.capture(
                .large, shape: shape, in: options.cache, regenerate: options.regenerate)
            say("measuring \(shape.name) 1G …")
            results.append(
                try benchmark.measure(
                    label: "\(shape.name) 1G", size: .large, shape: shape, capture: url, manifest: manifest,
                    keys: [.analyzeJSON]))
        }
    }
    var scan: (ScanBenchmark.Result, URL)?
    var scanMemory: (small: Int?, large: Int?)?
    if options.scan {
        let (url, _) = try CaptureCache.capture(.small, in: options.cache, regenerate: options.regenerate && options.scanOnly)
        say("measuring scan over \(ScanBenchmark.fileCount) copies of \(BenchOptions.Size.small.label) …")
        let scanBenchmark = ScanBenchmark(pptpPcap: binary, cache: options.cache, iterations: options.iterations)
        scan = (try scanBenchmark.measure(capture: url), url)
        if options.sizes.contains(.large) {
            let (large, _) = try CaptureCache.capture(.large, in: options.cache, regenerate: false)
            say("measuring scan memory: one 100M file, one 1G file …")
            scanMemory = (try scanBenchmark.peakRSSOfOneFile(url), try scanBenchmark.peakRSSOfOneFile(large))
        }
    }
    if !results.isEmpty { BenchReport.render(results, iterations: options.iterations, binary: binary) }
    if let (result, url) = scan { BenchReport.renderScan(result, capture: url) }
    if let scanMemory { BenchReport.renderScanMemory(small: scanMemory.small, large: scanMemory.large) }
    exit(0)
} catch {
    FileHandle.standardError.write(Data("pptp-pcap-bench: \(error)\n".utf8))
    exit(1)
}
