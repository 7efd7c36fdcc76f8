import AccordEvolution
import AccordJSON

/// The review report (`accord review`): a renderer per format. SARIF and GitHub annotations are
/// the diff formats' own, over the review's findings (``ReviewReport/findingsView``), so a
/// review finding reads the same wherever it shows up.
extension ReviewReport: RenderableReport {
    public static var renderers: ReportRenderers<ReviewReport> {
        ReportRenderers(text: .text, json: .json, markdown: .markdown, sarif: .sarif, junit: .junit, github: .github)
    }

    /// The findings as a diff report of the snapshot against itself: what the shared finding
    /// renderers (SARIF results, annotations, markdown rows, JUnit details) take.
    var findingsView: EvolutionReport {
        EvolutionReport(old: subject, new: subject, findings: findings, accepted: accepted, requiredBump: .none, nextVersion: nil,
                        failOn: failOn, comparedObjects: reviewedObjects)
    }
}

/// Words the review formats share.
enum ReviewPresentation {
    /// "ledgerly 1.0.0 (snapshots/demo.json)".
    static func subject(_ report: ReviewReport) -> String {
        let side = DiffPresentation.side(report.subject)
        return side == report.subject.source ? side : "\(side) (\(report.subject.source))"
    }

    /// "2 review, 1 non-breaking (informational), 0 accepted — 41 texts, patterns v1".
    static func counts(_ report: ReviewReport) -> String {
        "\(report.count(.review)) review, \(report.count(.nonBreaking)) informational, \(report.accepted.count) accepted"
            + (report.findings.contains { $0.severity > .review } ? ", \(report.findings.filter { $0.severity > .review }.count) raised above review by the policy" : "")
    }

    static func scope(_ report: ReviewReport) -> String {
        "\(report.textsReviewed) text\(report.textsReviewed == 1 ? "" : "s") reviewed, instruction patterns v\(report.patternsVersion)"
    }

    /// Section titles: informational findings (non-breaking severity) are not "non-breaking"
    /// changes here — nothing changed — so they get their own word.
    static func title(_ severity: Severity) -> String {
        severity == .nonBreaking ? "Informational" : DiffPresentation.title(severity)
    }

    static func verdict(_ report: ReviewReport) -> String { report.failed ? "FAIL" : "PASS" }
}

extension ReportRenderer where Report == ReviewReport {
    /// SARIF 2.1.0: the diff format's log (the whole catalogue as rules, one result per finding
    /// located in the snapshot file when the review read one).
    public static var sarif: ReportRenderer {
        ReportRenderer(format: .sarif) { report, context in DiffSARIF.log(report.findingsView, context: context).text }
    }

    /// GitHub workflow commands: one annotation per finding as the diff format writes it
    /// (`::error` at or above fail-on, `::warning` for review findings, `::notice` for
    /// informational ones), then a summary line.
    public static var github: ReportRenderer {
        ReportRenderer(format: .github) { report, context in
            let view = report.findingsView
            var lines = report.findings.map { DiffGitHub.command($0, report: view, context: context).line }
            lines.append("\(context.toolName) review: \(DisplayText.singleLine(ReviewPresentation.subject(report))): \(ReviewPresentation.counts(report)) — \(ReviewPresentation.verdict(report)) (fail-on: \(report.failOn.rawValue))")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// JUnit XML: the diff format's document over the review's findings — a `<testcase>` per
    /// object of the snapshot, findings at or above fail-on as failures, the others in
    /// `<system-out>` — as one `<testsuite name="accord review">`.
    public static var junit: ReportRenderer {
        ReportRenderer(format: .junit) { report, context in
            var document = DiffJUnit.document(report.findingsView, context: context)
            document.suites = document.suites.map { suite in
                var suite = suite
                suite.name = "\(context.toolName) review"
                suite.properties = [
                    JUnitDocument.Property("snapshot", report.subject.source),
                    JUnitDocument.Property("failOn", report.failOn.rawValue),
                    JUnitDocument.Property("patternsVersion", String(report.patternsVersion)),
                ]
                return suite
            }
            return document.xml
        }
    }
}
