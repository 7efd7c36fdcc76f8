import AccordEvolution
import Testing

@Suite struct CatalogueTests {
    @Test func idsAreUniqueKebabCaseAndDescribed() {
        let ids = RuleCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in RuleCatalogue.all {
            #expect(rule.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(rule.id) is not kebab-case")
            #expect(!rule.summary.isEmpty)
            #expect(rule.summary.hasSuffix("."), "\(rule.id)'s summary should be a sentence")
        }
    }

    @Test func severitiesAgreeWithSemverEffects() {
        for rule in RuleCatalogue.all where ![.versions, .policy, .review].contains(rule.section) {
            switch rule.severity {
            case .breaking: #expect(rule.semver == .major, "\(rule.id)")
            case .potentiallyBreaking: #expect(rule.semver == .minor, "\(rule.id)")
            case .nonBreaking: #expect(rule.semver == .minor || rule.semver == .patch, "\(rule.id)")
            case .review: Issue.record("\(rule.id): only review-section rules have severity review")
            }
        }
        // Review rules never require a release: severity review, or informational (non-breaking).
        for rule in RuleCatalogue.all where rule.section == .review {
            #expect(rule.semver == .none && [.review, .nonBreaking].contains(rule.severity), "\(rule.id)")
        }
    }

    @Test func documentFormatsListEveryRule() throws {
        let markdown = RuleCatalogueDocument.markdown()
        let text = RuleCatalogueDocument.text()
        let json = RuleCatalogueDocument.json()
        for rule in RuleCatalogue.all {
            #expect(markdown.contains("`\(rule.id)`"))
            #expect(text.contains(rule.id))
            #expect(json.contains("\"\(rule.id)\""))
        }
    }
}
