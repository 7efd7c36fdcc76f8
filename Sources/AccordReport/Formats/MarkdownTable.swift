/// A GitHub-flavoured Markdown table. Cells are Markdown already (escape text with
/// ``MarkdownEscaping``); the table only guarantees that no cell can break the row: any raw
/// `|` left in a cell is escaped, and line breaks become `<br>`.
///
/// ```swift
/// MarkdownTable(header: ["Severity", "Count"], alignments: [.left, .right], rows: [["Breaking", "2"]]).markdown
/// // | Severity | Count |\n|---|---:|\n| Breaking | 2 |\n
/// ```
public struct MarkdownTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        case left, centre, right
        var rule: String {
            switch self {
            case .left: "---"
            case .centre: ":---:"
            case .right: "---:"
            }
        }
    }

    public var header: [String]
    public var alignments: [Alignment]
    public var rows: [[String]]

    public init(header: [String], alignments: [Alignment]? = nil, rows: [[String]]) {
        self.header = header
        self.alignments = alignments ?? Array(repeating: .left, count: header.count)
        self.rows = rows
    }

    /// The table, one line per row, ending with a newline.
    public var markdown: String {
        var lines = [row(header), "|" + header.indices.map { " \(alignment($0).rule) |" }.joined()]
        for cells in rows {
            lines.append(row(header.indices.map { $0 < cells.count ? cells[$0] : "" }))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func alignment(_ index: Int) -> Alignment { index < alignments.count ? alignments[index] : .left }

    private func row(_ cells: [String]) -> String {
        "|" + cells.map { " \(Self.cell($0)) |" }.joined()
    }

    /// Escapes pipes not already escaped and turns line breaks into `<br>`.
    static func cell(_ markdown: String) -> String {
        var result = ""
        var escaped = false
        for character in markdown {
            switch character {
            case "\n", "\r\n", "\r":
                result += "<br>"
            case "|" where !escaped:
                result += "\\|"
            default:
                result.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        return result
    }
}
