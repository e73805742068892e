/// The stages a PPTP session passes, in order, with exactly the names every output uses.
public enum Stage: String, CaseIterable, Codable, Sendable, Comparable {
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

    public var order: Int { Stage.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Stage, b: Stage) -> Bool { a.order < b.order }

    /// The stage that follows `stage` (teardown is the last).
    public static func after(_ stage: Stage) -> Stage {
        let all = Stage.allCases
        return all[min(stage.order + 1, all.count - 1)]
    }

    public var title: String {
        switch self {
        case .tcpConnect: "TCP connection to port 1723"
        case .controlConnection: "PPTP control connection (SCCRQ/SCCRP)"
        case .callSetup: "call setup (OCRQ/OCRP)"
        case .gre: "GRE tunnel (IP protocol 47)"
        case .lcp: "PPP link control (LCP)"
        case .authentication: "authentication (PAP/CHAP/MS-CHAP)"
        case .encryption: "encryption (CCP/MPPE)"
        case .networkConfig: "network configuration (IPCP)"
        case .established: "established tunnel"
        case .teardown: "teardown"
        }
    }
}

public enum Outcome: String, Codable, Sendable {
    case success, failed, incomplete
}

/// How loud a finding is. A warning never changes a session's outcome; a failure explains it.
public enum Severity: String, Codable, Sendable, Comparable {
    case info, warning, failure

    var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// How sure a finding is: `certain` when the capture carries the code literally (MS-CHAP `E=`), `high` when a
/// protocol result code says it, `medium`/`low` for verdicts drawn from silence, which depend on where the
/// capture was taken and how long it ran.
public enum Confidence: String, Codable, Sendable, Comparable {
    case low, medium, high, certain

    var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .certain: 3
        }
    }
    public static func < (a: Confidence, b: Confidence) -> Bool { a.rank < b.rank }
}
