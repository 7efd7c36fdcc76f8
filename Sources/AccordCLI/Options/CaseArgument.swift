import ArgumentParser

/// An option value that is one case of a string enum (`--format json`, `--fail-on never`).
///
/// ArgumentParser's defaults for such types arrive at the same strings (the raw values) through
/// `"\(value)"` and key paths, which make the Swift runtime look conformances up by scanning all
/// ~9,000 conformance records of the binary — on every start, for every such option of the
/// command being parsed. These plain implementations give byte-identical help and completion
/// text without those look-ups (docs/performance-startup.md). Public because public enums of
/// other modules (`ReportFormat`, `FailOn`) conform through it.
///
///     enum Format: String, CaseArgument { case text, json }
public protocol CaseArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension CaseArgument {
    /// The raw value, as ArgumentParser's `rawValue.defaultValueDescription` would give.
    public var defaultValueDescription: String { rawValue }

    /// Every raw value, in declaration order.
    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }

    /// None: ArgumentParser lists a description only where it differs from the raw value, and
    /// for these types it never does.
    public static var allValueDescriptions: [String: String] { [:] }
}
