import Foundation

/// The generated captures in the cache folder: `pptp-bench-100M.pcap` with `pptp-bench-100M.json` beside it.
enum CaptureCache {
    static func baseName(_ size: BenchOptions.Size, _ shape: CaptureShape) -> String {
        shape.name.isEmpty ? "pptp-bench-\(size.label)" : "pptp-bench-\(shape.name)-\(size.label)"
    }

    static func captureURL(_ size: BenchOptions.Size, _ shape: CaptureShape = .mixed, in cache: URL) -> URL {
        cache.appendingPathComponent(baseName(size, shape) + ".pcap")
    }

    static func manifestURL(_ size: BenchOptions.Size, _ shape: CaptureShape = .mixed, in cache: URL) -> URL {
        cache.appendingPathComponent(baseName(size, shape) + ".json")
    }

    /// The same capture as pcapng, written by Wireshark's `editcap -F pcapng` (what dumpcap and Wireshark write by
    /// default; not the project's own writer), made again when missing or older than the pcap. Nil, with the
    /// reason said, when editcap is not installed or fails.
    static func pcapng(of capture: URL) -> URL? {
        let fm = FileManager.default
        let url = capture.deletingPathExtension().appendingPathExtension("pcapng")
        let source = capture.resolvingSymlinksInPath().path
        func modified(_ path: String) -> Date? { (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date }
        if let made = modified(url.path), let original = modified(source), made >= original { return url }
        guard let editcap = ["/usr/bin/editcap", "/usr/local/bin/editcap"].first(where: fm.isExecutableFile(atPath:)) else {
            say("  no editcap: the pcapng measurement is left out (apt-get install -y tshark installs it)")
            return nil
        }
        say("  converting \(relative(capture)) to pcapng with editcap …")
        let partial = url.path + ".partial"
        guard let outcome = try? ProcessRunner.run([editcap, "-F", "pcapng", source, partial]), outcome.status == 0 else {
            say("  editcap failed: the pcapng measurement is left out")
            try? fm.removeItem(atPath: partial)
            return nil
        }
        try? fm.removeItem(at: url)
        guard (try? fm.moveItem(atPath: partial, toPath: url.path)) != nil else { return nil }
        return url
    }

    /// The cached capture when it is current (same generator version and target, file of the recorded size),
    /// otherwise a freshly generated one.
    static func capture(
        _ size: BenchOptions.Size, shape: CaptureShape = .mixed, in cache: URL, regenerate: Bool
    ) throws -> (URL, CaptureManifest) {
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let url = captureURL(size, shape, in: cache)
        let manifestURL = manifestURL(size, shape, in: cache)
        if !regenerate, let data = try? Data(contentsOf: manifestURL),
            let manifest = try? JSONDecoder().decode(CaptureManifest.self, from: data),
            manifest.generatorVersion == CaptureGenerator.version, manifest.targetBytes == size.targetBytes,
            // Through a symbolic link to the capture (a cache shared with another checkout), not of the link itself.
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path),
            (attributes[.size] as? NSNumber)?.intValue == manifest.fileBytes
        {
            say("capture \(baseName(size, shape)): cached \(relative(url)) (generator v\(manifest.generatorVersion))")
            return (url, manifest)
        }
        try? FileManager.default.removeItem(at: manifestURL)
        say("capture \(baseName(size, shape)): generating \(relative(url)) (generator v\(CaptureGenerator.version)) …")
        let manifest = try CaptureGenerator(targetBytes: size.targetBytes, shape: shape).write(to: url) { written in
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
