/// How a session in a fixture should be judged.
public enum FixtureOutcome: String, Sendable {
    case success
    case failed
    case incomplete
}

/// Stage names as pptp-pcap prints them (knowledge doc §2), in session order.
public enum FixtureStage: String, Sendable, CaseIterable {
    case tcpConnect = "tcp-connect"
    case controlConnection = "control-connection"
    case callSetup = "call-setup"
    case gre
    case lcp
    case authentication
    case encryption
    case networkConfig = "network-config"
    case established
    case teardown
}

/// The verdict expected for one PPTP session of a fixture.
public struct ExpectedSession: Sendable {
    /// Client IPv4 address (dotted) identifying the session.
    public var client: String
    public var outcome: FixtureOutcome
    /// `failed`: the stage that failed. `incomplete`: the furthest stage the capture shows. `success`: nil.
    public var stage: FixtureStage?
    /// Probable Windows RAS error codes, most likely first (empty when none applies).
    public var errorCodes: [Int]
    /// Warnings the report should carry (free text, for humans).
    public var warnings: [String]

    public init(
        client: String, outcome: FixtureOutcome, stage: FixtureStage? = nil, errorCodes: [Int] = [],
        warnings: [String] = []
    ) {
        self.client = client
        self.outcome = outcome
        self.stage = stage
        self.errorCodes = errorCodes
        self.warnings = warnings
    }
}

/// File container of a fixture.
public enum FixtureFormat: Sendable, Equatable {
    case pcap(precision: PcapPrecision, byteOrder: CaptureByteOrder)
    case pcapng

    public var fileName: String {
        switch self {
        case .pcap: return "capture.pcap"
        case .pcapng: return "capture.pcapng"
        }
    }

    public var label: String {
        switch self {
        case .pcap(let precision, let byteOrder):
            return "pcap, \(precision == .microseconds ? "microsecond" : "nanosecond") time stamps, "
                + "\(byteOrder == .little ? "little" : "big")-endian"
        case .pcapng: return "pcapng"
        }
    }
}

/// One generated capture: its name, what happens on the wire, the expected diagnosis and the bytes.
public struct FixtureScenario: Sendable {
    public let name: String
    /// Where the capture was taken ("client", "server", "client-side network").
    public let capturePoint: String
    public let format: FixtureFormat
    /// What happens on the wire, for humans.
    public let summary: String
    /// Expected verdicts, one per PPTP session (empty: the file holds no PPTP session).
    public let expected: [ExpectedSession]
    private let makeBytes: @Sendable () -> [UInt8]

    public init(
        name: String, capturePoint: String = "client",
        format: FixtureFormat = .pcap(precision: .microseconds, byteOrder: .little),
        summary: String, expected: [ExpectedSession], bytes: @escaping @Sendable () -> [UInt8]
    ) {
        self.name = name
        self.capturePoint = capturePoint
        self.format = format
        self.summary = summary
        self.expected = expected
        makeBytes = bytes
    }

    /// The capture file's bytes (built on each call, deterministically).
    public func bytes() -> [UInt8] { makeBytes() }

    public var fileName: String { format.fileName }
}
