#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes a ``JSONTape`` is read from: a private copy of an array, or a read-only memory map
/// of a file (so a 300 MB snapshot is read without first being copied into the heap).
///
/// ```swift
/// let input = try JSONInput.mapped(path: "snapshot.json")
/// let tape = try JSONTape(parsing: input, maxDepth: 2, releasingPagesBehind: true)
/// ```
///
/// `@unchecked Sendable`: the bytes are never written after `init` (the map is `PROT_READ`, the
/// copy is private), and ``releaseResidentPages(below:)`` only drops clean file pages that the
/// kernel reads back unchanged when touched again, so concurrent readers always see the same bytes.
public final class JSONInput: @unchecked Sendable {
    /// Why a file could not be mapped.
    public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
        public let path: String
        /// The failing step: `"open"`, `"stat"` or `"mmap"`.
        public let operation: String
        public let code: Int32

        public var description: String {
            "cannot read \(path): \(operation) failed: \(String(cString: strerror(code)))"
        }
    }

    private enum Owner {
        case copy
        case map(length: Int)
    }

    /// Valid for the life of the object; `nil` only when `count` is 0.
    let base: UnsafeRawPointer?
    /// The number of bytes.
    public let count: Int
    private let owner: Owner

    /// Copies `bytes` once into storage this input owns.
    public init(bytes: [UInt8]) {
        count = bytes.count
        owner = .copy
        if bytes.isEmpty {
            base = nil
        } else {
            let storage = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 16)
            bytes.withUnsafeBytes { storage.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            base = UnsafeRawPointer(storage)
        }
    }

    private init(mapping: UnsafeRawPointer?, length: Int) {
        base = mapping
        count = length
        owner = .map(length: length)
    }

    /// Maps the file at `path` read-only (`MAP_PRIVATE`); an empty file gives an empty input.
    /// As with any map, a file truncated by another process while mapped makes reading past its
    /// new end a `SIGBUS`: map files Accord itself owns or reads once (snapshots, git blobs).
    /// - Throws: ``MappingError`` when the file cannot be opened, inspected or mapped.
    public static func mapped(path: String) throws(MappingError) -> JSONInput {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw MappingError(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw MappingError(path: path, operation: "stat", code: errno) }
        let length = Int(status.st_size)
        guard length > 0 else { return JSONInput(mapping: nil, length: 0) }
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw MappingError(path: path, operation: "mmap", code: errno)
        }
        return JSONInput(mapping: UnsafeRawPointer(address), length: length)
    }

    deinit {
        guard let base else { return }
        switch owner {
        case .copy: UnsafeMutableRawPointer(mutating: base).deallocate()
        case .map(let length): munmap(UnsafeMutableRawPointer(mutating: base), length)
        }
    }

    /// The bytes, valid only inside `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// For a mapped file, tells the kernel it may drop the whole pages below `offset` from this
    /// process's resident memory (`madvise(MADV_DONTNEED)`); they are read back from the page
    /// cache if touched again, so the bytes never change. A no-op for an input copied from an array.
    public func releaseResidentPages(below offset: Int) {
        guard case .map = owner, let base else { return }
        let pageSize = Self.pageSize
        let end = min(offset, count) / pageSize * pageSize
        guard end > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), end, Int32(MADV_DONTNEED))
    }

    /// For a mapped file, drops the pages around `range` from resident memory (as
    /// ``releaseResidentPages(below:)``; they are read back if touched). A caller that read one
    /// definition of a large file calls it after. The range is widened to whole 64 KiB windows:
    /// Linux maps that much around each page fault of a file mapping ("fault-around").
    public func releaseResidentPages(in range: Range<Int>) {
        guard case .map = owner, let base, !range.isEmpty else { return }
        let window = max(Self.pageSize, 64 << 10)
        let start = max(0, range.lowerBound) / window * window
        let end = min((min(range.upperBound, count) + window - 1) / window * window, (count + Self.pageSize - 1) / Self.pageSize * Self.pageSize)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, Int32(MADV_DONTNEED))
    }

    /// True when the bytes come from a memory-mapped file.
    public var isMapped: Bool {
        if case .map = owner { return true }
        return false
    }

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
}
