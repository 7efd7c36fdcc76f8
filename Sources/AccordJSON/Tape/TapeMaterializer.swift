/// Builds ``JSONValue``s from a tape's entries and the bytes they point into. An opaque node is
/// scanned again on its own (it was validated already, so this cannot fail).
struct TapeMaterializer {
    /// The storage's entries: the caller keeps the storage alive while materialising.
    private let entries: UnsafeMutablePointer<TapeEntry>
    /// The input's first byte; `nil` only for an empty input (which has no valid tape).
    private let bytes: UnsafeRawPointer?

    private init(storage: TapeStorage, bytes: UnsafeRawPointer?) {
        entries = storage.entries
        self.bytes = bytes
    }

    /// The value of the tape's node `index`, with `storage` alive throughout.
    static func value(at index: Int, of storage: TapeStorage, bytes: UnsafeRawPointer?) -> JSONValue {
        withExtendedLifetime(storage) { TapeMaterializer(storage: storage, bytes: bytes).value(at: index) }
    }

    func value(at index: Int) -> JSONValue {
        let entry = entries[index]
        let base = bytes!.assumingMemoryBound(to: UInt8.self)
        switch entry.kind {
        case .null: return .null
        case .false: return .bool(false)
        case .true: return .bool(true)
        case .number:
            return .number(JSONNumber(validatedText: String(
                decoding: UnsafeBufferPointer(start: base + Int(entry.start), count: Int(entry.end - entry.start)), as: UTF8.self)))
        case .string, .key:
            return .string(text(of: entry, base))
        case .array, .object:
            if entry.flags & TapeEntry.opaque != 0 { return reread(entry) }
            if entry.kind == .array {
                var elements: [JSONValue] = []
                var child = index + 1
                var count = 0
                while child < Int(entry.next) {
                    count += 1
                    child = Int(entries[child].next)
                }
                elements.reserveCapacity(count)
                child = index + 1
                while child < Int(entry.next) {
                    elements.append(value(at: child))
                    child = Int(entries[child].next)
                }
                return .array(elements)
            }
            var members: [String: JSONValue] = [:]
            var count = 0
            var key = index + 1
            while key < Int(entry.next) {
                count += 1
                key = Int(entries[key + 1].next)
            }
            members.reserveCapacity(count)
            key = index + 1
            while key < Int(entry.next) {
                members[text(of: entries[key], base)] = value(at: key + 1)
                key = Int(entries[key + 1].next)
            }
            return .object(members)
        }
    }

    private func text(of entry: TapeEntry, _ base: UnsafePointer<UInt8>) -> String {
        TapeScanner.decodeString(base + Int(entry.start) + 1, count: Int(entry.end - entry.start) - 2,
                                 escaped: entry.flags & TapeEntry.escaped != 0)
    }

    private func reread(_ entry: TapeEntry) -> JSONValue {
        let slice = UnsafeRawBufferPointer(start: bytes! + Int(entry.start), count: Int(entry.end - entry.start))
        do {
            let inner = try TapeScanner.scan(slice)
            return TapeMaterializer.value(at: 0, of: inner, bytes: slice.baseAddress)
        } catch {
            preconditionFailure("an opaque node's bytes were validated with the document: \(error)")
        }
    }
}
