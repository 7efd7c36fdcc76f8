/// A JUnit XML report as data: suites of test cases, each with failures and captured output.
/// ``xml`` writes it as XML 1.0 with every string escaped (``XMLEscaping``), so any server text
/// yields a document CI systems can parse.
///
/// Counts follow the common reading of JUnit (and junitparser's): `tests` counts test cases,
/// `failures` counts `<failure>` elements, `skipped` counts cases with a `<skipped>` element.
public struct JUnitDocument: Sendable, Equatable {
    public var name: String
    public var suites: [Suite]

    public init(name: String, suites: [Suite]) {
        self.name = name
        self.suites = suites
    }

    public struct Suite: Sendable, Equatable {
        public var name: String
        /// `<properties>`: context such as the compared snapshots.
        public var properties: [Property]
        public var cases: [Case]

        public init(name: String, properties: [Property] = [], cases: [Case]) {
            self.name = name
            self.properties = properties
            self.cases = cases
        }

        public var tests: Int { cases.count }
        public var failures: Int { cases.reduce(0) { $0 + $1.failures.count } }
        public var skipped: Int { cases.filter { $0.skipped != nil }.count }
    }

    public struct Property: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct Case: Sendable, Equatable {
        public var classname: String
        public var name: String
        public var failures: [Failure]
        /// Text for `<system-out>`; omitted when empty.
        public var systemOut: String
        /// Reported but not judged (a check of a pending contract): `<skipped>`; `nil` when the
        /// case ran.
        public var skipped: Skipped?

        public init(classname: String, name: String, failures: [Failure] = [], systemOut: String = "", skipped: Skipped? = nil) {
            self.classname = classname
            self.name = name
            self.failures = failures
            self.systemOut = systemOut
            self.skipped = skipped
        }
    }

    /// A `<skipped message="…">details</skipped>` element: CI test views show the case as skipped
    /// with the message, so a known problem is visible without failing the build.
    public struct Skipped: Sendable, Equatable {
        /// One line, the `message` attribute.
        public var message: String
        /// The element's text: details, several lines; may be empty.
        public var body: String

        public init(message: String, body: String = "") {
            self.message = message
            self.body = body
        }
    }

    public struct Failure: Sendable, Equatable {
        /// One line, the `message` attribute.
        public var message: String
        /// The `type` attribute (Accord puts the rule id here).
        public var type: String
        /// The element's text: details, several lines.
        public var body: String

        public init(message: String, type: String, body: String) {
            self.message = message
            self.type = type
            self.body = body
        }
    }

    public var tests: Int { suites.reduce(0) { $0 + $1.tests } }
    public var failures: Int { suites.reduce(0) { $0 + $1.failures } }
    public var skipped: Int { suites.reduce(0) { $0 + $1.skipped } }

    /// The document, with an XML declaration and a trailing newline.
    public var xml: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites\(attributes(name: name, tests: tests, failures: failures, skipped: skipped))>\n"
        for suite in suites {
            out += "  <testsuite\(attributes(name: suite.name, tests: suite.tests, failures: suite.failures, skipped: suite.skipped))>\n"
            if !suite.properties.isEmpty {
                out += "    <properties>\n"
                for property in suite.properties {
                    out += "      <property name=\"\(XMLEscaping.attribute(property.name))\" value=\"\(XMLEscaping.attribute(property.value))\"/>\n"
                }
                out += "    </properties>\n"
            }
            for testCase in suite.cases {
                let head = "    <testcase classname=\"\(XMLEscaping.attribute(testCase.classname))\" name=\"\(XMLEscaping.attribute(testCase.name))\""
                guard !testCase.failures.isEmpty || !testCase.systemOut.isEmpty || testCase.skipped != nil else {
                    out += head + "/>\n"
                    continue
                }
                out += head + ">\n"
                if let skipped = testCase.skipped {
                    out += "      <skipped message=\"\(XMLEscaping.attribute(skipped.message))\">" + XMLEscaping.text(skipped.body) + "</skipped>\n"
                }
                for failure in testCase.failures {
                    out += "      <failure message=\"\(XMLEscaping.attribute(failure.message))\" type=\"\(XMLEscaping.attribute(failure.type))\">"
                    out += XMLEscaping.text(failure.body) + "</failure>\n"
                }
                if !testCase.systemOut.isEmpty {
                    out += "      <system-out>" + XMLEscaping.text(testCase.systemOut) + "</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private func attributes(name: String, tests: Int, failures: Int, skipped: Int) -> String {
        " name=\"\(XMLEscaping.attribute(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\""
    }
}
