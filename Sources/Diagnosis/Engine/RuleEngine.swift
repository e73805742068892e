import PPTPDissect
import PPTPLogs
public import PPTPSessions

/// Runs every rule over one session's facts and turns the matches into a verdict: findings ordered failures
/// first (the primary one first: most confident, then earliest stage), the outcome, the failed stage and the
/// probable Windows codes.
public struct RuleEngine: Sendable {
    public let rules: [Rule]
    /// Asked in order, for incomplete sessions only; the first that matches says what the capture is missing.
    public let gapRules: [Rule]

    public init(rules: [Rule] = RuleCatalog.all, gapRules: [Rule] = RuleCatalog.captureGaps) {
        self.rules = rules
        self.gapRules = gapRules
    }

    public func diagnose(_ facts: SessionFacts) -> Verdict {
        var findings: [(order: Int, finding: Finding)] = []
        for (order, rule) in rules.enumerated() {
            guard let match = rule.detect(facts) else { continue }
            findings.append((order, Self.finding(rule, match, client: facts.clientWindowsVersion)))
        }
        findings.sort { a, b in
            if a.finding.severity != b.finding.severity { return a.finding.severity > b.finding.severity }
            // What the capture proves comes before what a log says: a program's words name its symptom (pppd's
            // LCP timeout) where the capture may see the cause (GRE that never arrived).
            if a.finding.fromLog != b.finding.fromLog { return !a.finding.fromLog }
            if a.finding.confidence != b.finding.confidence { return a.finding.confidence > b.finding.confidence }
            if a.finding.stage != b.finding.stage { return a.finding.stage < b.finding.stage }
            return a.order < b.order
        }
        let ordered = findings.map(\.finding)
        let failures = ordered.filter { $0.severity == .failure }
        let progress = StageProgress(facts)
        // Success needs the whole setup in view: a tunnel seen only mid-way is incomplete, however well it carries data.
        let sawSetup = (facts.session.controlChannelSeen || facts.isPPPLinkOnly) && facts.setupSeen
        // A session whose start is before the capture is judged on what it shows: a link in use that the client
        // then closed in order worked, whatever came before.
        let endedInOrder =
            (facts.session.controlChannelSeen || facts.isPPPLinkOnly) && facts.linkWasUp
            && (facts.orderlyEndByClient != nil || facts.serverEndedPPPInOrder != nil)
        let outcome: Outcome =
            !failures.isEmpty
            ? .failed
            : (facts.established && sawSetup) || endedInOrder ? .success : .incomplete
        let gap =
            outcome == .incomplete
            ? gapRules.lazy.compactMap { rule in rule.detect(facts).map { Self.finding(rule, $0) } }.first : nil
        var codes: [Int] = []
        // The code Windows itself logged outranks every inferred one, unless the capture contradicts the event.
        if let literal = failures.first(where: { $0.rule == RuleCatalog.windowsLogRule })?.errorCodes.first {
            codes.append(literal)
        }
        for f in failures { for c in f.errorCodes where !codes.contains(c) { codes.append(c) } }
        let (point, reason) = CapturePointText.describe(facts.session)
        return Verdict(
            outcome: outcome, failureStage: failures.first?.stage, lastStageCompleted: progress.lastCompleted,
            probableErrorCodes: codes, confidence: failures.first?.confidence, findings: ordered,
            milestones: Timeline.milestones(facts), capturePoint: point, capturePointReason: reason,
            captureGap: gap, setupInView: facts.setupSeen,
            endedInOrderBy: !facts.linkWasUp
                ? nil
                : facts.orderlyEndByClient != nil
                    ? .client
                    : facts.serverEndedPPPInOrder != nil ? .server : nil,
            clientClearedWithoutTerminate: facts.clientClearedWithoutTerminate != nil)
    }

    static func finding(_ rule: Rule, _ match: Match, client: WindowsVersion? = nil) -> Finding {
        let evidence = Array(Set(match.evidence.map(\.number))).sorted()
        // A literal code (MS-CHAP E=) is what the server said; a rule's inferred codes follow the client's version.
        let codes =
            match.confidence == .certain
            ? match.errorCodes ?? rule.errorCodes
            : WindowsErrorCodes.ordered(match.errorCodes ?? rule.errorCodes, for: client)
        var finding = Finding(
            rule: rule.id, stage: match.stage ?? rule.stage, severity: rule.severity,
            errorCodes: codes, confidence: match.confidence ?? rule.confidence,
            packets: evidence, decisivePacket: match.decisive?.number ?? evidence.last, message: match.message,
            explanation: rule.explanation, fixes: rule.fixes, codeNotes: rule.codeNotes,
            isAbsence: rule.isAbsence)
        finding.logLines = match.logLines
        finding.isSecurity = rule.isSecurity
        return finding
    }
}

/// The last stage a session completed, from the facts.
struct StageProgress {
    var lastCompleted: Stage?

    init(_ f: SessionFacts) {
        var last: Stage?
        if f.tcpConnected { last = .tcpConnect }
        if f.controlConnected { last = .controlConnection }
        if f.callConnected { last = .callSetup }
        if f.callConnected || !f.session.controlChannelSeen, f.greBothWays { last = .gre }
        if f.lcp.isOpen { last = .lcp }
        if f.lcp.isOpen, f.auth.succeeded != nil || (!f.auth.attempted && (f.ccp.attempted || f.ipcp.attempted)) {
            last = .authentication
        }
        if f.ccp.isOpen { last = .encryption }
        if f.ipcp.isOpen || f.ipv6cp.isOpen { last = .networkConfig }
        if f.dataBothWays || f.ipcp.isOpen { last = .established }
        if f.established || f.linkWasUp, f.teardownStart != nil { last = .teardown }
        lastCompleted = last
    }
}

enum CapturePointText {
    static func describe(_ s: Session) -> (CapturePoint, String) {
        if let link = s.pppLink {
            // A Windows adapter trace is taken on the dialling host; other PPP links say nothing of the place.
            return link.kind == .windowsAdapter
                ? (.client, "at the client: a Windows host's own trace of its PPP adapter")
                : (.unknown, "on the PPP link itself (\(link.description)): no IP header to read TTLs from")
        }
        let point = s.capturePoint
        let c = s.clientTTL.map { "client packets arrive with TTL \($0)" } ?? "no packet from the client"
        let v = s.serverTTL.map { "server packets with TTL \($0)" } ?? "no packet from the server"
        let why: String
        switch point {
        case .client: why = "at the client: \(c) (an initial value, so not yet routed) and \(v)"
        case .server: why = "at the server: \(v) (an initial value) and \(c)"
        case .between: why = "between client and server: \(c) and \(v), both already decremented by routers"
        case .sameSegment: why = "on a segment shared by both (\(c), \(v): neither routed)"
        case .unknown: why = "not determined (\(c); \(v))"
        }
        return (point, why)
    }
}
