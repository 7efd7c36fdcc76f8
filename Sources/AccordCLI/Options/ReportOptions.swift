import AccordEvolution
import AccordJSON
import AccordMCP
import AccordReport
import AccordSnapshot
import ArgumentParser
import Foundation

/// `--format` for stdout and repeatable `--report FORMAT=PATH` for files.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output format on stdout: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: ReportFormat = .text

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write the report in FORMAT to PATH (repeatable), e.g. sarif=accord.sarif.", valueName: "format=path"))
    var reports: [String] = []

    func validate() throws {
        for report in reports {
            do { _ = try ReportRequest(parsing: report) } catch { throw ValidationError(error.description) }
        }
    }

    var requests: [ReportRequest] { reports.compactMap { try? ReportRequest(parsing: $0) } }

    /// Renders `report` to stdout and every requested file (files atomically, never coloured).
    func emit<Report: RenderableReport>(_ report: Report, anchorLines: [JSONPointer: Int] = [:]) throws {
        // The environment (a dictionary Foundation builds on first use) only matters on a terminal.
        let isTerminal = isatty(1) == 1
        let context = RenderContext(
            colour: isTerminal && RenderContext.wantsColour(isTerminal: true, environment: ProcessInfo.processInfo.environment),
            toolVersion: AccordVersion.current,
            anchorLines: anchorLines
        )
        for request in requests {
            do {
                try AtomicFile.write(Array(report.rendered(as: request.format, context: context.withoutColour).utf8), to: request.path)
            } catch {
                throw UsageError("cannot write the \(request.format.rawValue) report: \(error)")
            }
        }
        Console.out(report.rendered(as: format, context: context))
    }
}

extension ReportFormat: CaseArgument {}
extension FailOn: CaseArgument {}
