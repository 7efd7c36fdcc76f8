import AccordJSON
import AccordSnapshot
import Foundation

enum Paths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ name: String) -> String { testsFolder.appendingPathComponent("Fixtures/\(name)").path }
    static func repo(_ path: String) -> String { root.appendingPathComponent(path).path }
}

func pointer(_ text: String) -> JSONPointer { try! JSONPointer(parsing: text) }
