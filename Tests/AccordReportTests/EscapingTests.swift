import AccordJSON
import AccordReport
import Testing

@Suite("escaping helpers")
struct EscapingTests {
    @Test("display text escapes controls, separators and bidi overrides, nothing else", arguments: [
        ("plain ünïcode ✓", "plain ünïcode ✓"),
        ("a\nb\tc\rd", "a\\nb\\tc\\rd"),
        ("\u{1B}[31mred", "\\u{1B}[31mred"),
        ("x\u{9B}y\u{7F}", "x\\u{9B}y\\u{7F}"),
        ("abc\u{202E}fed", "abc\\u{202E}fed"),
        ("line\u{2028}sep", "line\\u{2028}sep"),
    ])
    func displayText(input: String, expected: String) {
        #expect(DisplayText.singleLine(input) == expected)
    }

    @Test("clipping counts characters and marks the cut")
    func clip() {
        #expect(DisplayText.clip("abcdef", to: 6) == "abcdef")
        #expect(DisplayText.clip("abcdefg", to: 6) == "abcde…")
        #expect(DisplayText.clip("👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦", to: 2) == "👩‍👩‍👧‍👦…")
        #expect(DisplayText.value(nil, width: 10) == "(absent)")
        #expect(DisplayText.value(.null, width: 10) == "null")
    }

    @Test("XML text and attributes")
    func xml() {
        #expect(XMLEscaping.text("a < b && c > d \"q\" 'a'") == "a &lt; b &amp;&amp; c &gt; d \"q\" 'a'")
        #expect(XMLEscaping.attribute("\"q\" 'a'\n\tx") == "&quot;q&quot; &apos;a&apos;&#10;&#9;x")
        #expect(XMLEscaping.text("bell\u{7} nul\u{0} esc\u{1B} ok\n") == "bell\\u{7} nul\\u{0} esc\\u{1B} ok\n")
        #expect(XMLEscaping.text("\u{FFFE}\u{FFFF}\u{FFFD}") == "\\u{FFFE}\\u{FFFF}\u{FFFD}")
        #expect(XMLEscaping.text("cr\r") == "cr&#13;")
    }

    @Test("markdown code spans fence backticks and escape pipes in tables")
    func markdownCode() {
        #expect(MarkdownEscaping.code("/tools/a") == "`/tools/a`")
        #expect(MarkdownEscaping.code("a`b") == "``a`b``")
        #expect(MarkdownEscaping.code("``x") == "``` ``x ```")
        #expect(MarkdownEscaping.code("a|b", inTable: true) == "`a\\|b`")
        #expect(MarkdownEscaping.code("a|b") == "`a|b`")
        #expect(MarkdownEscaping.code("") == "` `")
    }

    @Test("markdown text escapes formatting and HTML; messages keep their code spans")
    func markdownText() {
        #expect(MarkdownEscaping.text("*bold* _it_ [x](y) <b>&amp; | ~~s~~ #1") == "\\*bold\\* \\_it\\_ \\[x\\](y) \\<b\\>\\&amp; \\| \\~\\~s\\~\\~ \\#1")
        #expect(MarkdownEscaping.text("- item") == "\\- item")
        #expect(MarkdownEscaping.text("a - b") == "a - b")
        #expect(MarkdownEscaping.message("tool `a|b` was *removed*", inTable: true) == "tool `a\\|b` was \\*removed\\*")
        #expect(MarkdownEscaping.message("odd ` backtick") == "odd \\` backtick")
        #expect(MarkdownEscaping.message("`a` and `b") == "`a` and \\`b")
    }

    @Test("markdown tables escape stray pipes and line breaks")
    func table() {
        let table = MarkdownTable(header: ["A", "B"], alignments: [.left, .right], rows: [["x|y", "1\n2"], ["already \\| escaped"]])
        #expect(table.markdown == "| A | B |\n| --- | ---: |\n| x\\|y | 1<br>2 |\n| already \\| escaped |  |\n")
    }

    @Test("workflow commands escape data and properties like the Actions runner")
    func workflowCommand() {
        let command = WorkflowCommand(.warning, properties: [.init("file", "a:b,c%.json"), .init("line", ""), .init("title", "t")], message: "50% done\r\nnext::x")
        #expect(command.line == "::warning file=a%3Ab%2Cc%25.json,title=t::50%25 done%0D%0Anext::x")
        #expect(WorkflowCommand(.notice, message: "m").line == "::notice::m")
    }

    @Test("ANSI styles apply only when enabled")
    func ansi() {
        #expect(ANSIStyle.red.bold.apply("x", enabled: true) == "\u{1B}[31;1mx\u{1B}[0m")
        #expect(ANSIStyle.red.bold.apply("x", enabled: false) == "x")
        #expect(ANSIStyle.plain.apply("x", enabled: true) == "x")
        #expect(ANSIPainter(enabled: true)(.green, "") == "")
    }
}
