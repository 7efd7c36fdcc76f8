import AccordReport
import Testing

/// What holds for the renderers of every report kind; each kind's tests check it for their
/// samples.
enum RendererLaws {
    /// `lookup(format)` writes `format`; rendering is deterministic and ends with a newline; only
    /// text reads the colour switch.
    static func hold<Report>(for reports: [Report], format: ReportFormat, lookup: (ReportFormat) -> ReportRenderer<Report>,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let renderer = lookup(format)
        #expect(renderer.format == format, sourceLocation: sourceLocation)
        var coloured = SampleReports.context
        coloured.colour = true
        for report in reports {
            let output = renderer(report, SampleReports.context)
            #expect(output == renderer(report, SampleReports.context), "deterministic", sourceLocation: sourceLocation)
            #expect(output.hasSuffix("\n"), sourceLocation: sourceLocation)
            if format != .text { #expect(renderer(report, coloured) == output, "only text is coloured", sourceLocation: sourceLocation) }
        }
    }

    /// `output` rendered from ``SampleVerifications/hostileText``: no control character but line
    /// breaks, no line the hostile text starts, and — where people read the output rather than
    /// a program (all but JSON and SARIF, whose data fields carry values as served) — no bidi
    /// override.
    static func escapeHostileText(in output: String, format: ReportFormat, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, sourceLocation: sourceLocation)
        #expect(!output.contains("\n::error::forged"), "a forged line of its own", sourceLocation: sourceLocation)
        #expect(!output.contains("\n# heading"), sourceLocation: sourceLocation)
        if format != .json && format != .sarif { #expect(!output.unicodeScalars.contains("\u{202E}"), sourceLocation: sourceLocation) }
    }
}

enum ANSI {
    /// `text` without SGR escape sequences.
    static func strip(_ text: String) -> String {
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                while let next = scalars.next(), next != "m" {}
                continue
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}

enum DisplayTextProbe {
    /// Controls, line separators and bidi controls: what people must never be shown raw.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        DisplayText.singleLine(String(scalar)) != String(scalar)
    }
}

enum Markdown {
    /// Pipes that delimit cells: not preceded by a backslash.
    static func unescapedPipes(_ row: String) -> Int {
        var count = 0
        var escaped = false
        for character in row {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }
}
