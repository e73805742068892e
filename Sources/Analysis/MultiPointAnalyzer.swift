public import PPTPDiagnosis
import PPTPDissect
public import PPTPMultiPoint
public import PPTPPcapIO
public import PPTPReporting
import PPTPSessions

/// `analyze a.pcap b.pcap …`: each file is a view of the same traffic from another point of the path. Each is
/// analysed on its own (exactly as a single capture), then read once more to keep a sighting of each of its
/// sessions' packets; the sightings are correlated across the points and one report is built.
public enum MultiPointAnalyzer {
    public struct Result: Sendable {
        public var report: Report
        public var path: PathResult
        /// Each point's own single-capture analysis, in the order the files were given.
        public var perPoint: [Analyzer.Result]
        /// Files that could not be read to their end (everything before was analysed), by point name.
        public var readErrors: [(point: String, error: CaptureError)]
        /// Files that could not be opened at all, by point name: the other points were analysed without them.
        public var skipped: [(point: String, error: CaptureError)]
    }

    /// A file that cannot be opened is left out with a warning naming it and the rest are analysed; only when
    /// no file opens does it throw (the first file's error).
    public static func analyze(paths: [String], options: Analyzer.Options = Analyzer.Options())
        throws(CaptureError) -> Result
    {
        var perPoint: [Analyzer.Result] = []
        var points: [PointCapture] = []
        var skipped: [(point: String, error: CaptureError)] = []
        var plain = options
        plain.redact = false
        // Logs are joined once the sessions are recognised across the points (below), not by each point alone.
        plain.logs = []
        for (i, path) in paths.enumerated() {
            // Points keep the name of their place in the argument list, so B stays B when A cannot be read.
            let name = PointCapture.name(forIndex: i)
            do {
                let single = try Analyzer.analyze(path: path, options: plain)
                let reader = try CaptureReader.open(path: path, filter: options.filter)
                points.append(collect(reader, name: name, result: single))
                perPoint.append(single)
            } catch {
                skipped.append((name, error))
            }
        }
        if points.isEmpty, let first = skipped.first { throw first.error }
        let groups = PathCorrelator.sessionGroups(points)
        let logs = MultiPointLogs.join(options.logs, points: points, stats: perPoint.map(\.stats), groups: groups)
        logs.rediagnose(&points, perPoint: perPoint)
        var path = PathCorrelator.correlate(points, groups: groups)
        MultiPointLogs.addOtherPointsLogFindings(&path, points: points)
        let inputs = perPoint.map { MultiPointReportBuilder.PointInput(capture: $0.input, stats: $0.stats) }
        var report = MultiPointReportBuilder.build(
            inputs: inputs, points: points, result: path,
            toolVersion: Analyzer.version,
            skipped: skipped.map { ($0.point, "\($0.error)") },
            logs: .init(joined: logs.joined, points: logs.points, files: logs.files))
        if options.redact {
            let pseudonyms = Pseudonyms()
            for single in perPoint { Analyzer.register(single.sessions, in: pseudonyms) }
            for name in options.logs.flatMap(\.sessions).flatMap(\.events).flatMap(\.mentions) {
                _ = pseudonyms.name(name, kind: .user)
            }
            report = ReportRedactor.redact(report, with: pseudonyms)
        }
        let errors = zip(points, perPoint).compactMap { p, r in r.readError.map { (point: p.name, error: $0) } }
        return Result(report: report, path: path, perPoint: perPoint, readErrors: errors, skipped: skipped)
    }

    /// The second pass over one file: a sighting of every packet of its sessions.
    static func collect(_ reader: CaptureReader, name: String, result: Analyzer.Result) -> PointCapture {
        let linkType = LinkType(rawValue: reader.info.linkType)
        var collector = SightingCollector(sessions: result.sessions)
        var other = TrafficCollector()
        var count = 0
        var duplicates = DuplicateFrameFilter()
        var first: Int64?
        var last: Int64?
        var packet = DecodedPacket(linkType: linkType, capturedLength: 0, wireLength: 0)
        _ = reader.forEach { record, bytes in
            if first == nil { first = record.timestamp }
            last = max(last ?? record.timestamp, record.timestamp)
            let view = ByteView(bytes)
            // The first pass skipped them too: a frame seen twice at one point is one packet.
            if duplicates.isDuplicate(view, timestamp: record.timestamp) { return }
            count += 1
            PacketDissector.dissect(
                view, linkType: record.linkType.map(LinkType.init(rawValue:)) ?? linkType,
                wireLength: record.wireLength, into: &packet)
            let before = collector.sightings.count
            collector.add(packet, number: record.number, timestamp: record.timestamp)
            // No session took it: other traffic, which may still be what this point shares with the others.
            if collector.sightings.count == before, !collector.limitReached {
                other.add(packet, bytes: view, timestamp: record.timestamp)
            }
        }
        return PointCapture(
            name: name, file: reader.info.path, sessions: result.sessions, verdicts: result.verdicts,
            sightings: collector.sightings, firstTimestamp: first, lastTimestamp: last,
            sightingLimitReached: collector.limitReached,
            clientInitialSequences: collector.clientInitialSequences, reporters: collector.reporters,
            packetCount: count, traffic: other.sightings)
    }
}
