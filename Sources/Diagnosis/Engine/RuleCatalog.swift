/// The registry of every rule, in evaluation order. `explain` and the JSON schema's rule list read it; the
/// tests check every id is unique and every stage is covered.
public enum RuleCatalog {
    public static let all: [Rule] = tcpConnect + controlConnection + callSetup + gre + lcp + authentication
        + encryption + networkConfig + established + teardown + capture

    public static func rule(_ id: String) -> Rule? { all.first { $0.id == id } }
    public static func gapRule(_ id: String) -> Rule? { captureGaps.first { $0.id == id } }

    /// Rules that can name this Windows error code.
    public static func rules(forCode code: Int) -> [Rule] {
        all.filter { $0.errorCodes.contains(code) || ($0.id == "authentication.mschap-error" && WindowsErrorCodes.lookup(code)?.literalInCapture == true) }
    }
}
