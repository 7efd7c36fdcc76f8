import AccordJSON

/// Everything a renderer needs besides the report: decided by the caller (the CLI), never read
/// from the environment by the renderers themselves, so rendering stays a pure function.
///
/// ```swift
/// let context = RenderContext(
///     colour: RenderContext.wantsColour(isTerminal: isatty(1) == 1, environment: ProcessInfo.processInfo.environment),
///     toolVersion: Accord.version)
/// ```
public struct RenderContext: Sendable, Equatable {
    /// ANSI colour in the text format. Only `text` uses it; every other format ignores it.
    public var colour: Bool
    /// The tool's name in headers, SARIF's `tool.driver.name` and JSON's `tool`.
    public var toolName: String
    /// The tool's version, e.g. `0.4.0`.
    public var toolVersion: String
    /// A title for formats that have one (markdown heading, JUnit suite set); `nil` picks a
    /// default built from the report.
    public var title: String?
    /// An absolute URI documenting the tool (SARIF `informationUri`); omitted when `nil`.
    public var informationURI: String?
    /// Longest compact-JSON value shown inline in text, markdown and annotations before it is
    /// clipped with `…`. The JSON and SARIF formats always carry full values.
    public var valueWidth: Int
    /// Line numbers of pointers in the snapshot file findings are anchored to (see
    /// ``EvolutionReport/anchorFile``), when the caller has them; a finding uses the line of its
    /// pointer or of the nearest ancestor that has one. Empty: SARIF says line 1, and GitHub
    /// annotations name only the file.
    public var anchorLines: [JSONPointer: Int]

    public init(
        colour: Bool = false,
        toolName: String = "accord",
        toolVersion: String,
        title: String? = nil,
        informationURI: String? = nil,
        valueWidth: Int = 60,
        anchorLines: [JSONPointer: Int] = [:]
    ) {
        self.colour = colour
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.title = title
        self.informationURI = informationURI
        self.valueWidth = valueWidth
        self.anchorLines = anchorLines
    }

    /// Whether text output should be coloured: only on a terminal, and never when `NO_COLOR` is
    /// set to a non-empty value (no-color.org).
    public static func wantsColour(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return true
    }

    /// This context with colour off: what report files (`--report FORMAT=PATH`) are written with.
    public var withoutColour: RenderContext {
        var copy = self
        copy.colour = false
        return copy
    }

    /// The line of `pointer`, or of its nearest ancestor, in ``anchorLines``.
    func line(for pointer: JSONPointer) -> Int? {
        var current: JSONPointer? = pointer
        while let candidate = current {
            if let line = anchorLines[candidate] { return line }
            current = candidate.parent
        }
        return nil
    }
}
