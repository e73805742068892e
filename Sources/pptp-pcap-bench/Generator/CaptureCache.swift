import Foundation

/// The generated captures in the cache folder: `pptp-bench-100M.pcap` with `pptp-bench-100M.json` beside it.
enum CaptureCache {
    static func captureURL(_ size: BenchOptions.Size, in cache: URL) -> URL {
        cache.appendingPathComponent("pptp-bench-\(size.label).pcap")
    }

    static func manifestURL(_ size: BenchOptions.Size, in cache: URL) -> URL {
        cache.appendingPathComponent("pptp-bench-\(size.label).json")
    }

    /// The cached capture when it is current (same generator version and target, file of the recorded size),
    /// otherwise a freshly generated one.
    static func capture(_ size: BenchOptions.Size, in cache: URL, regenerate: Bool) throws -> (URL, CaptureManifest) {
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let url = captureURL(size, in: cache)
        let manifestURL = manifestURL(size, in: cache)
        if !regenerate, let data = try? Data(contentsOf: manifestURL),
            let manifest = try? JSONDecoder().decode(CaptureManifest.self, from: data),
            manifest.generatorVersion == CaptureGenerator.version, manifest.targetBytes == size.targetBytes,
            // Through a symbolic link to the capture (a cache shared with another checkout), not of the link itself.
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path),
            (attributes[.size] as? NSNumber)?.intValue == manifest.fileBytes
        {
            say("capture \(size.label): cached \(relative(url)) (generator v\(manifest.generatorVersion))")
            return (url, manifest)
        }
        try? FileManager.default.removeItem(at: manifestURL)
        say("capture \(size.label): generating \(relative(url)) (generator v\(CaptureGenerator.version)) …")
        let manifest = try CaptureGenerator(targetBytes: size.targetBytes).write(to: url) { written in
            say("  \(written / 1_000_000) MB written")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: manifestURL)
        say(
            String(
                format: "  done: %.1f MB, %d packets in %.1f s (%.0f MB/s); generator peak RSS %.1f MiB",
                Double(manifest.fileBytes) / 1e6, manifest.packets, manifest.generationSeconds,
                Double(manifest.fileBytes) / 1e6 / max(manifest.generationSeconds, 0.001),
                Double(ProcessRunner.selfPeakRSSKiB()) / 1024))
        return (url, manifest)
    }

    /// `path` relative to the current directory when it lies below it.
    static func relative(_ url: URL) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(here) ? String(url.path.dropFirst(here.count)) : url.path
    }
}
