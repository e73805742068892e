import PPTPDiagnosis
import Testing

@Suite("Rule catalog")
struct RuleCatalogTests {
    @Test("rule ids are unique and read stage.what")
    func idsAreUniqueAndDotted() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: ".")
            #expect(parts.count == 2, "\(id)")
            #expect(id == id.lowercased(), "\(id)")
        }
    }

    @Test("every stage has at least one failure rule except teardown's orderly end")
    func everyStageIsCovered() {
        for stage in Stage.allCases {
            #expect(RuleCatalog.all.contains { $0.stage == stage }, "no rule for \(stage.rawValue)")
        }
    }

    @Test("every Windows code the product promises can be reported by some rule",
          arguments: [619, 691, 720, 721, 718, 807, 678, 800, 806, 628, 629, 734, 741, 742, 743, 646, 647, 648, 649,
                      709, 733, 735, 930])
    func codeIsCovered(code: Int) {
        #expect(!RuleCatalog.rules(forCode: code).isEmpty, "no rule reports \(code)")
        #expect(WindowsErrorCodes.lookup(code) != nil, "no explanation for \(code)")
    }

    @Test("every failure rule explains itself and says how to fix it")
    func failureRulesHaveExplanationAndFixes() {
        for rule in RuleCatalog.all where rule.severity == .failure {
            #expect(!rule.explanation.isEmpty, "\(rule.id)")
            #expect(!rule.fixes.isEmpty, "\(rule.id) has no fix")
        }
    }
}
