import Foundation

/// What an archive says about the servers' security (`report --db FILE --security`): password guessing seen
/// as repeated authentication failures from one source against one server, a success after many failures, and
/// the servers still accepting PPTP with the weakest method and encryption each accepted — the migration list.
/// Read from the catalog's session rows: per source (many users from one address: spraying) and per user (one
/// user from many addresses: stuffing). User names are in catalogs written from format 2 on.
public struct SecurityAudit: Codable, Sendable {
    public struct Thresholds: Codable, Sendable {
        /// Failures from one source against one server within `windowMinutes` that count as guessing.
        public var failures: Int
        public var windowMinutes: Double
        /// Distinct users tried from one source (spraying), distinct sources trying one user (stuffing).
        public var users: Int
        public var sources: Int

        public init(failures: Int = 5, windowMinutes: Double = 10, users: Int = 3, sources: Int = 3) {
            self.failures = max(2, failures)
            self.windowMinutes = max(0.1, windowMinutes)
            self.users = max(2, users)
            self.sources = max(2, sources)
        }
    }

    /// One source's authentication failures against one server.
    public struct Guessing: Codable, Sendable {
        public var server: String
        public var source: String
        public var failures: Int
        /// The most failures within any `windowMinutes`.
        public var mostInWindow: Int
        public var first: String?
        public var last: String?
        /// A session from the same source to the same server that authenticated after the failures.
        public var succeededAfter: String?
        /// The user names the failures tried: several from one source is password spraying.
        public var users: [String]
        /// `spraying` (several users), `guessing` (`mostInWindow` reaches the threshold), `repeated` otherwise.
        public var verdict: String
    }

    /// One user's authentication failures against one server, from every source.
    public struct Account: Codable, Sendable {
        public var server: String
        public var user: String
        public var failures: Int
        public var sources: [String]
        public var first: String?
        public var last: String?
        /// `stuffing` when the failures come from `Thresholds.sources` addresses or more, `repeated` otherwise.
        public var verdict: String
    }

    /// One server that accepted PPTP: what it settled for.
    public struct Server: Codable, Sendable {
        public var server: String
        public var sessions: Int
        public var authenticated: Int
        /// The weakest method a session authenticated with: PAP, CHAP-MD5 or MS-CHAP v1, MS-CHAPv2, EAP.
        public var weakestMethod: String?
        public var unencryptedSessions: Int
        public var weakMPPESessions: Int
        public var lastSeen: String?
    }

    public var thresholds: Thresholds
    public var guessing: [Guessing]
    public var accounts: [Account]
    public var servers: [Server]

    /// The host of `address:port`, `[v6]:port` or a bare address.
    static func host(_ endpoint: String) -> String {
        if endpoint.hasPrefix("["), let close = endpoint.firstIndex(of: "]") {
            return String(endpoint[endpoint.index(after: endpoint.startIndex)..<close])
        }
        let colons = endpoint.filter { $0 == ":" }.count
        if colons == 1, let c = endpoint.lastIndex(of: ":") { return String(endpoint[..<c]) }
        return endpoint
    }

    static func rules(_ s: SessionRecord) -> Set<String> {
        Set((try? JSONDecoder().decode([String].self, from: Data(s.rules.utf8))) ?? [])
    }

    public static func audit(_ sessions: [SessionRecord], thresholds: Thresholds = Thresholds()) -> SecurityAudit {
        let ordered = sessions.sorted {
            ($0.startTime ?? 0, $0.fileId, $0.sessionId) < ($1.startTime ?? 0, $1.fileId, $1.sessionId)
        }
        var guessing: [Guessing] = []
        let byPair = Dictionary(grouping: ordered) { "\(host($0.server))\u{0}\(host($0.client))" }
        for (_, list) in byPair {
            let failures = list.filter { $0.failureStage == "authentication" }
            guard failures.count >= 2 else { continue }
            let times = failures.compactMap(\.startTime)
            var most = 1
            var lower = 0
            for upper in times.indices {
                while times[upper] - times[lower] > thresholds.windowMinutes * 60 { lower += 1 }
                most = max(most, upper - lower + 1)
            }
            let lastFailure = failures.last?.startTime ?? 0
            let success = list.first {
                ($0.startTime ?? 0) > lastFailure && $0.outcome != "failed"
                    && ($0.lastStageCompleted.map {
                        ["authentication", "encryption", "network-config", "established", "teardown"].contains($0)
                    } ?? false)
            }
            let users = Array(Set(failures.compactMap(\.userName))).sorted()
            guessing.append(
                Guessing(
                    server: host(list[0].server), source: host(list[0].client), failures: failures.count, mostInWindow: most,
                    first: failures.first?.startIso, last: failures.last?.startIso, succeededAfter: success?.startIso,
                    users: users,
                    verdict: users.count >= thresholds.users
                        ? "spraying" : most >= thresholds.failures ? "guessing" : "repeated"))
        }
        var accounts: [Account] = []
        let failed = ordered.filter { $0.failureStage == "authentication" && $0.userName != nil }
        for (_, list) in Dictionary(grouping: failed, by: { "\(host($0.server))\u{0}\($0.userName ?? "")" }) {
            let sources = Array(Set(list.map { host($0.client) })).sorted()
            guard list.count >= 2 else { continue }
            accounts.append(
                Account(
                    server: host(list[0].server), user: list[0].userName ?? "", failures: list.count, sources: sources,
                    first: list.first?.startIso, last: list.last?.startIso,
                    verdict: sources.count >= thresholds.sources ? "stuffing" : "repeated"))
        }
        accounts.sort {
            ($0.verdict == "stuffing" ? 0 : 1, -$0.failures, $0.server, $0.user) < (
                $1.verdict == "stuffing" ? 0 : 1, -$1.failures, $1.server, $1.user
            )
        }
        guessing.sort {
            ($0.verdict == "guessing" ? 0 : 1, -$0.failures, $0.server, $0.source) < (
                $1.verdict == "guessing" ? 0 : 1, -$1.failures, $1.server, $1.source
            )
        }

        var servers: [Server] = []
        for (server, list) in Dictionary(grouping: ordered, by: { host($0.server) }) {
            var row = Server(
                server: server, sessions: list.count, authenticated: 0, weakestMethod: nil, unencryptedSessions: 0,
                weakMPPESessions: 0, lastSeen: list.compactMap(\.startIso).max())
            var weakest: Int?
            for s in list {
                let rules = rules(s)
                if rules.contains("encryption.not-negotiated") { row.unencryptedSessions += 1 }
                if rules.contains("security.weak-mppe") { row.weakMPPESessions += 1 }
                guard s.failureStage != "authentication", s.lastStageCompleted != nil else { continue }
                // Strength order, weakest first; a session that authenticated shows one of these.
                let rank: Int? =
                    rules.contains("authentication.cleartext-password")
                    ? 0
                    : rules.contains("security.weak-authentication")
                        ? 1 : rules.contains("security.mschapv2-crackable") ? 2 : rules.contains("security.eap") ? 3 : nil
                guard let rank else { continue }
                row.authenticated += 1
                weakest = min(weakest ?? rank, rank)
            }
            row.weakestMethod = weakest.map { ["PAP (clear text)", "CHAP-MD5 or MS-CHAP v1", "MS-CHAPv2", "EAP"][$0] }
            servers.append(row)
        }
        servers.sort { ($0.server) < ($1.server) }
        return SecurityAudit(thresholds: thresholds, guessing: guessing, accounts: accounts, servers: servers)
    }

    /// The audit as text tables.
    public func text() -> String {
        var out: [String] = []
        out.append(
            "Authentication failures per source and server (guessing: \(thresholds.failures) or more within "
                + "\(Self.number(thresholds.windowMinutes)) minutes):")
        if guessing.isEmpty { out.append("  none") }
        for g in guessing {
            out.append(
                "  \(g.verdict.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)) \(g.source) → \(g.server): "
                    + "\(g.failures) failures (most in one window: \(g.mostInWindow)), \(g.first ?? "?") … \(g.last ?? "?")"
                    + (g.users.isEmpty ? "" : "; users tried: \(g.users.joined(separator: ", "))")
                    + (g.succeededAfter.map { "; then AUTHENTICATED at \($0)" } ?? ""))
        }
        out.append("")
        out.append("Authentication failures per user (stuffing: the same user from \(thresholds.sources) or more sources):")
        if accounts.isEmpty { out.append("  none") }
        for a in accounts {
            out.append(
                "  \(a.verdict.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)) \(a.user) → \(a.server): "
                    + "\(a.failures) failures from \(a.sources.joined(separator: ", ")), \(a.first ?? "?") … \(a.last ?? "?")")
        }
        out.append("")
        out.append("Servers accepting PPTP (the migration list: move them to IKEv2, OpenVPN or WireGuard):")
        if servers.isEmpty { out.append("  none") }
        for s in servers {
            out.append(
                "  \(s.server): \(s.sessions) sessions, \(s.authenticated) authenticated; weakest method accepted: "
                    + "\(s.weakestMethod ?? "none seen")"
                    + (s.unencryptedSessions > 0 ? "; \(s.unencryptedSessions) without encryption" : "")
                    + (s.weakMPPESessions > 0 ? "; \(s.weakMPPESessions) with 40/56-bit MPPE" : "")
                    + (s.lastSeen.map { "; last seen \($0)" } ?? ""))
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func number(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }
}
