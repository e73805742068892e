/// The single-capture rules, in evaluation order, and the capture-gap rules. With the multi-point rules they make
/// `RuleRegistry` (PPTPMultiPoint), which `explain` reads; the tests check every id is unique and every stage is
/// covered.
public enum RuleCatalog {
    public static let all: [Rule] =
        tcpConnect + controlConnection + callSetup + gre + lcp + authentication
        + encryption + networkConfig + established + teardown + capture + logs + security

    public static func rule(_ id: String) -> Rule? { all.first { $0.id == id } }
    public static func gapRule(_ id: String) -> Rule? { captureGaps.first { $0.id == id } }

    /// The rule that reports a code the server sent itself (MS-CHAP Failure `E=`), whichever it is.
    public static let literalCodeRule = "authentication.mschap-error"
    /// The rule that reports the code a Windows client logged itself (RasClient 20226/20227).
    public static let windowsLogRule = "log.windows-error"
}
