import AccordJSON

/// Settings that change how changes are classified (from the policy in accord.yaml).
public struct ComparisonOptions: Sendable, Equatable {
    /// Under strict-content-model an optional input property added to an open object is
    /// potentially breaking (servers that accepted unknown fields may now interpret them).
    public var strictContentModel: Bool
    /// The `_meta` key whose presence marks a tool deprecated (`{since, sunset, replacement}`).
    public var deprecationMetaKey: String
    /// A deprecated tool may be removed this many minor releases after its `since` version.
    public var deprecationMinorReleases: Int?
    /// "Today", for sunset dates (ISO `YYYY-MM-DD`); injectable for tests.
    public var today: String

    public init(strictContentModel: Bool = false, deprecationMetaKey: String = "deprecated", deprecationMinorReleases: Int? = nil, today: String = ComparisonOptions.currentDate()) {
        self.strictContentModel = strictContentModel
        self.deprecationMetaKey = deprecationMetaKey
        self.deprecationMinorReleases = deprecationMinorReleases
        self.today = today
    }

    /// Today's date in UTC as `YYYY-MM-DD`.
    public static func currentDate() -> String { UTCDate.today() }
}
