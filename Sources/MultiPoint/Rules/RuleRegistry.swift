public import PPTPDiagnosis

/// Every rule of the analysis in one list, whatever it looks at: the single-capture rules in evaluation order
/// (`RuleCatalog.all`), the rules that say why an incomplete session is incomplete (`RuleCatalog.captureGaps`)
/// and the rules across capture points (`PathRules.all`). `explain` and the tests read it; it lives here, the
/// first module that sees all three.
public enum RuleRegistry {
    public static var all: [any RuleDescribing] { RuleCatalog.all + RuleCatalog.captureGaps + PathRules.all }

    public static func rule(_ id: String) -> (any RuleDescribing)? { all.first { $0.id == id } }

    /// Rules that can name this Windows error code: those that list it, and the MS-CHAP rule for a code the
    /// server can send itself (`E=`).
    public static func rules(forCode code: Int) -> [any RuleDescribing] {
        let literal = WindowsErrorCodes.lookup(code)?.literalInCapture == true
        return all.filter { $0.errorCodes.contains(code) || (literal && $0.id == RuleCatalog.literalCodeRule) }
    }
}
