import Foundation
import PPTPDiagnosis
import PPTPMultiPoint
import PPTPTestSupport
import Testing

@Suite("Rule registry")
struct RuleRegistryTests {
    /// Rules no committed fixture shows yet, each with what it would take. The list may only shrink: a rule on it
    /// that a fixture starts to show fails the test until it is taken off.
    static let withoutFixture: [String: String] = [:]

    @Test("rule ids are unique across single-capture, capture-gap and multi-point rules")
    func idsAreUnique() {
        let ids = RuleRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count, "\(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys)")
        for id in ids {
            #expect(id.split(separator: ".").count == 2 && id == id.lowercased(), "\(id)")
        }
    }

    @Test("explain finds the multi-point rules too: 806 is reported by the path rule for GRE filtered between points")
    func explainListsPathRules() {
        let ids = RuleRegistry.rules(forCode: 806).map(\.id)
        #expect(ids.contains("gre.no-return"))
        #expect(ids.contains("path.gre-filtered"))
    }

    @Test(
        "every Windows code the product promises can be reported by some rule",
        arguments: [
            619, 691, 720, 721, 718, 807, 678, 800, 806, 628, 629, 734, 741, 742, 743, 646, 647, 648, 649,
            709, 733, 735, 736, 738, 919, 930,
        ])
    func codeIsCovered(code: Int) {
        #expect(!RuleRegistry.rules(forCode: code).isEmpty, "no rule reports \(code)")
        #expect(WindowsErrorCodes.lookup(code) != nil, "no explanation for \(code)")
    }

    @Test("every rule fires in at least one committed fixture, except those listed as still without one")
    func everyRuleFiresInAFixture() throws {
        let fired = try Self.rulesInGoldenReports()
        #expect(fired.count > 40, "the golden reports were not found under \(ProjectPaths.fixtures.path)")
        for rule in RuleRegistry.all {
            if let missing = Self.withoutFixture[rule.id] {
                #expect(!fired.contains(rule.id), "\(rule.id) (\(missing)) now fires in a fixture: take it off the list")
            } else {
                #expect(fired.contains(rule.id), "\(rule.id) fires in no fixture's golden report")
            }
        }
        for id in Self.withoutFixture.keys {
            #expect(RuleRegistry.rule(id) != nil, "\(id) is listed but is no rule")
        }
    }

    /// The rule ids in every golden JSON report under Fixtures/ (scenarios, multi-point, lab, formats): each is
    /// checked against the analysis by the golden tests, so a rule named there fires on that capture.
    static func rulesInGoldenReports() throws -> Set<String> {
        var fired: Set<String> = []
        let files = FileManager.default.enumerator(at: ProjectPaths.fixtures, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.lastPathComponent == "expected.json" || url.lastPathComponent.hasSuffix(".expected.json") else { continue }
            try Self.collectRules(JSONSerialization.jsonObject(with: Data(contentsOf: url)), into: &fired)
        }
        return fired
    }

    private static func collectRules(_ value: Any, into fired: inout Set<String>) {
        if let object = value as? [String: Any] {
            if let rule = object["rule"] as? String { fired.insert(rule) }
            for child in object.values { collectRules(child, into: &fired) }
        } else if let array = value as? [Any] {
            for child in array { collectRules(child, into: &fired) }
        }
    }
}
