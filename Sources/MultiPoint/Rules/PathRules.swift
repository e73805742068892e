import PPTPDiagnosis

/// Every multi-point rule, in the order their findings are listed among equals. Where the rule for a symptom
/// lives: `PathRules+Loss` (packets that stop between two points), `PathRules+ICMP` (errors filtered on their
/// way back), `PathRules+Rewrites` (NAT, Call IDs, MSS, fragmentation), `PathRules+Capture` (the captures
/// themselves), `PathRules+Silent` (points that hold none of a session).
public enum PathRules {
    public static var all: [PathRule] { loss + icmp + rewrites + capture + silent }

    public static func rule(_ id: String) -> PathRule? { all.first { $0.id == id } }
}
