import AccordJSON
import AccordSnapshot
import AccordTestSupport
import Foundation

enum Paths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static func fixture(_ name: String) -> String { testsFolder.appendingPathComponent("Fixtures/\(name)").path }
    static func repo(_ path: String) -> String { PackagePaths.path(path) }
}

func pointer(_ text: String) -> JSONPointer { try! JSONPointer(parsing: text) }
