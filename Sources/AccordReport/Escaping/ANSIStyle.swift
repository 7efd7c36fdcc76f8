/// An ANSI SGR style (bold, a colour, or both) for terminal text.
///
/// Styles are applied only when the caller says colour is on (``RenderContext/colour``); with
/// colour off the text comes back unchanged, so plain output carries no escape codes at all.
///
/// ```swift
/// ANSIStyle.red.bold.apply("BREAKING", enabled: true)   // "\u{1B}[31;1mBREAKING\u{1B}[0m"
/// ANSIStyle.red.apply("BREAKING", enabled: false)       // "BREAKING"
/// ```
public struct ANSIStyle: Sendable, Hashable {
    /// SGR parameters, e.g. `[31, 1]` for bold red.
    public let parameters: [Int]

    public init(parameters: [Int]) { self.parameters = parameters }

    public static let plain = ANSIStyle(parameters: [])
    public static let bold = ANSIStyle(parameters: [1])
    public static let dim = ANSIStyle(parameters: [2])
    public static let red = ANSIStyle(parameters: [31])
    public static let green = ANSIStyle(parameters: [32])
    public static let yellow = ANSIStyle(parameters: [33])
    public static let blue = ANSIStyle(parameters: [34])
    public static let magenta = ANSIStyle(parameters: [35])
    public static let cyan = ANSIStyle(parameters: [36])

    /// This style, also bold.
    public var bold: ANSIStyle { ANSIStyle(parameters: parameters + [1]) }
    /// This style, also dim.
    public var dim: ANSIStyle { ANSIStyle(parameters: parameters + [2]) }

    /// `text` wrapped in this style's escape codes when `enabled`, else `text` itself.
    public func apply(_ text: String, enabled: Bool) -> String {
        guard enabled, !parameters.isEmpty, !text.isEmpty else { return text }
        let codes = parameters.map(String.init).joined(separator: ";")
        return "\u{1B}[\(codes)m\(text)\u{1B}[0m"
    }
}

/// Applies styles with a fixed on/off switch, so call sites read `paint(.red, "FAIL")`.
public struct ANSIPainter: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public func callAsFunction(_ style: ANSIStyle, _ text: String) -> String {
        style.apply(text, enabled: enabled)
    }
}
