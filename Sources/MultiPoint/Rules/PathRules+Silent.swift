import PPTPDiagnosis
import PPTPSessions

extension PathRules {
    static let silent: [PathRule] = [
        PathRule(
            id: "path.point-silent", stage: .established, severity: .info, confidence: .medium,
            title: "A capture point recorded other traffic throughout the session and none of it",
            explanation: "A point that holds none of a session's packets, but recorded other packets from before "
                + "the session began until after it ended, is evidence: the session's packets that should have "
                + "passed it were lost (or routed another way) before it, so the segment of their loss ends "
                + "there. Flows that were seen beyond it without it recording them say the opposite for "
                + "themselves: its capture left them out, or they take another route.",
            fixes: Fixes(network: [
                "Capture at that point with a filter that keeps the session "
                    + "(`tcp port 1723 or proto 47 or icmp`) to confirm where it stops."
            ])
        ) { f in
            f.silent.filter(\.covers).map { q in
                let name = f.points[q.point].name
                var text =
                    "\(f.label(name)) recorded \(Words.plural(f.points[q.point].packetCount, "packet")) from "
                    + "\(Words.fixed(q.before, 1)) s before this session's first packet to \(Words.fixed(q.after, 1)) "
                    + "s after its last (\(clockWords(q))), and none of this session's."
                var cited: [Int] = []
                let stopped = f.traffic.passages.filter { $0.downstream == name && $0.lost > 0 }
                if !stopped.isEmpty {
                    let what = stopped.map { p in
                        "\(flowNoun(p.flow)) from \(p.from.noun) (\(Words.plural(p.lost, "packet")) seen at "
                            + "\(p.upstream), \(f.cite(p.upstream, p.firstLost)) … \(f.cite(p.upstream, p.lastLost)))"
                    }
                    let ends = Set(stopped.map(\.upstream)).sorted().joined(separator: " and ")
                    text +=
                        " " + what.joined(separator: "; ") + " never reached it: lost (or routed another way) "
                        + "between \(ends) and \(name)."
                    for p in stopped { cited += f.primaryNumbers(p.upstream, [p.firstLost]) }
                }
                let passed = (f.traffic.passedSilent[q.point] ?? [:]).sorted { $0.key < $1.key }
                if !passed.isEmpty {
                    let what = passed.map { "\(flowNoun($0.key)) (\(Words.plural($0.value, "packet")))" }
                    text +=
                        " " + what.joined(separator: ", ") + " went past its place on the path without being "
                        + "recorded there: its capture left them out or they take another route, so it says nothing "
                        + "about " + (passed.count == 1 ? "that flow." : "those flows.")
                }
                if stopped.isEmpty && passed.isEmpty {
                    text += " Nothing of the session was lost before it: it is not on this session's path."
                }
                return PathMatch(message: text, packets: cited)
            }
        },
        PathRule(
            id: "path.point-not-capturing", stage: .established, severity: .info, confidence: .high,
            title: "A capture point holds none of the session but was not capturing throughout it",
            explanation: "A point that holds none of a session's packets says nothing about them unless it "
                + "was capturing from before the session began until after it ended, by more than its clock may "
                + "be off: it may simply have started late or stopped early. It is not taken as evidence of "
                + "loss.",
            fixes: Fixes(network: [
                "Start every capture before the client connects and stop it after the "
                    + "session ends; keep the machines' clocks synchronised (NTP)."
            ])
        ) { f in
            f.silent.filter { !$0.covers }.map { q in
                var why: [String] = []
                if q.before < q.tolerance {
                    why.append(
                        q.before < 0
                            ? "started \(Words.fixed(-q.before, 1)) s after this session's first packet"
                            : "started only \(Words.fixed(q.before, 1)) s before this session's first packet")
                }
                if q.after < q.tolerance {
                    why.append(
                        q.after < 0
                            ? "stopped \(Words.fixed(-q.after, 1)) s before its last"
                            : "stopped only \(Words.fixed(q.after, 1)) s after its last")
                }
                let margin =
                    q.before >= 0 && q.after >= 0
                    ? ", less than its clock may be off (\(Words.fixed(q.tolerance, 1)) s)" : ""
                let name = f.points[q.point].name
                return PathMatch(
                    message: "\(f.label(name)) holds none of this session's packets, but its capture "
                        + why.joined(separator: " and ") + margin + " (\(clockWords(q))): it was not "
                        + "capturing throughout, so it is no evidence of where they went.")
            }
        },
    ]

    static func flowNoun(_ flow: FlowClass) -> String {
        switch flow {
        case .control: "TCP 1723"
        case .gre: "GRE"
        case .icmp: "ICMP errors"
        }
    }

    /// "clock aligned on other traffic: from 40 packets … " — which method, and how well.
    static func clockWords(_ q: SilentPoint) -> String {
        switch q.clock {
        case .reference: return "the reference clock"
        case .sessionPackets, .otherTraffic:
            let bound = q.tolerance > 0 ? " ± \(Words.fixed(q.tolerance * 1000, 1)) ms" : ""
            return "clock aligned on \(q.clock == .otherTraffic ? "other traffic" : "session packets")\(bound), "
                + q.clockReason
        case .captureWindow:
            return "no packet in common: clocks taken to agree within \(Words.fixed(q.tolerance, 1)) s"
        }
    }
}
