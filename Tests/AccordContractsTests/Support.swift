import AccordJSON
import AccordSnapshot
import AccordTestSupport
import Foundation

enum Paths {
    static func repo(_ path: String) -> String { PackagePaths.path(path) }
    /// The demo's consumer contracts, committed at the package root in contracts/.
    static func demoContract(_ name: String) -> String { PackagePaths.path("contracts/\(name)") }
}

func pointer(_ text: String) -> JSONPointer { try! JSONPointer(parsing: text) }
