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

    @Test("every failure rule explains itself and says how to fix it")
    func failureRulesHaveExplanationAndFixes() {
        for rule in RuleCatalog.all where rule.severity == .failure {
            #expect(!rule.explanation.isEmpty, "\(rule.id)")
            #expect(!rule.fixes.isEmpty, "\(rule.id) has no fix")
        }
    }
}
