/// Checks for the `format` values MCP servers use. Formats are annotations unless
/// ``JSONSchemaValidator/Options/assertFormats`` is on; unknown formats always pass.
///
/// The checks follow the RFCs the 2020-12 spec names (RFC 3339 dates, times and durations,
/// RFC 5321-style addresses, RFC 3986 URIs, RFC 4122 UUIDs, dotted-quad IPv4, RFC 4291 IPv6,
/// RFC 1123 hostnames, RFC 6901 and relative JSON Pointers) at the level of syntax; they never
/// touch the network.
enum FormatCheckers {
    /// The formats with a checker.
    static let known: Set<String> = [
        "date-time", "date", "time", "duration", "email", "uri", "uuid", "ipv4", "ipv6", "hostname", "json-pointer", "relative-json-pointer",
    ]

    /// `true`/`false` for a known format, `nil` for one Accord does not check.
    static func check(_ format: String, _ string: String) -> Bool? {
        switch format {
        case "date-time": isDateTime(string)
        case "date": isDate(string)
        case "time": isTime(string)
        case "duration": isDuration(string)
        case "json-pointer": isJSONPointer(string)
        case "relative-json-pointer": isRelativeJSONPointer(string)
        case "email": isEmail(string)
        case "uri": isURI(string)
        case "uuid": isUUID(string)
        case "ipv4": isIPv4(string)
        case "ipv6": isIPv6(string)
        case "hostname": isHostname(string)
        default: nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
    private static func isAlpha(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy(isDigit) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `YYYY-MM-DD` with a real day of month (leap years included).
    static func isDate(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// `HH:MM:SS[.frac](Z|±HH:MM)`; a leap second (`:60`) is accepted.
    static func isTime(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count >= 9, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: ":"),
              let hour = number(bytes[0..<2]), let minute = number(bytes[3..<5]), let second = number(bytes[6..<8]),
              hour <= 23, minute <= 59, second <= 60 else { return false }
        var index = 8
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        let zone = bytes[index...]
        var offset = 0
        if zone.count == 1 {
            guard zone.first == UInt8(ascii: "Z") || zone.first == UInt8(ascii: "z") else { return false }
        } else {
            guard zone.count == 6, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-"),
                  zone[index + 3] == UInt8(ascii: ":"),
                  let zoneHour = number(zone[(index + 1)..<(index + 3)]), let zoneMinute = number(zone[(index + 4)..<(index + 6)]),
                  zoneHour <= 23, zoneMinute <= 59 else { return false }
            offset = (zoneHour * 60 + zoneMinute) * (zone.first == UInt8(ascii: "+") ? 1 : -1)
        }
        // A leap second exists only at 23:59:60 UTC.
        return second < 60 || ((hour * 60 + minute - offset) % 1440 + 1440) % 1440 == 23 * 60 + 59
    }

    /// RFC 3339 Appendix A `duration`: `P` then years-months-days in order (no gaps), an
    /// optional `T` part of hours-minutes-seconds in order, or weeks alone; ASCII digits only.
    static func isDuration(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.first == UInt8(ascii: "P") else { return false }
        /// The units of `part` in order, or `nil` when a number lacks its unit or a unit its number.
        func units(_ part: ArraySlice<UInt8>) -> [UInt8]? {
            var found: [UInt8] = []
            var index = part.startIndex
            while index < part.endIndex {
                let start = index
                while index < part.endIndex, isDigit(part[index]) { index += 1 }
                guard index > start, index < part.endIndex else { return nil }
                found.append(part[index])
                index += 1
            }
            return found
        }
        /// Whether `found` is a non-empty run of `order`, in order, without gaps.
        func isRun(_ found: [UInt8], of order: String) -> Bool {
            let order = Array(order.utf8)
            guard let first = found.first, let start = order.firstIndex(of: first), start + found.count <= order.count else { return false }
            return Array(order[start..<(start + found.count)]) == found
        }
        let rest = bytes[1...]
        let separator = rest.firstIndex(of: UInt8(ascii: "T"))
        guard let date = units(rest[..<(separator ?? rest.endIndex)]) else { return false }
        if date == [UInt8(ascii: "W")] { return separator == nil }
        guard date.isEmpty || isRun(date, of: "YMD") else { return false }
        guard let separator else { return !date.isEmpty }
        guard let time = units(rest[(separator + 1)...]) else { return false }
        return isRun(time, of: "HMS")
    }

    /// RFC 6901: empty, or `/`-prefixed reference tokens where `~` is always `~0` or `~1`.
    static func isJSONPointer(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.isEmpty || bytes[0] == UInt8(ascii: "/") else { return false }
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "~") {
            guard offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "0") || bytes[offset + 1] == UInt8(ascii: "1") else { return false }
        }
        return true
    }

    /// draft-handrews-relative-json-pointer: a non-negative integer without leading zeros, then
    /// `#` or a JSON Pointer.
    static func isRelativeJSONPointer(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        var index = 0
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        guard index > 0, bytes[0] != UInt8(ascii: "0") || index == 1 else { return false }
        let rest = bytes[index...]
        return rest.elementsEqual("#".utf8) || isJSONPointer(String(decoding: rest, as: UTF8.self))
    }

    /// RFC 3339 `date-time`: a date, `T` (any case), a time.
    static func isDateTime(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count > 11, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return false }
        return isDate(String(decoding: bytes[0..<10], as: UTF8.self)) && isTime(String(decoding: bytes[11...], as: UTF8.self))
    }

    /// `local@domain`: a dot-atom or quoted local part, a hostname or `[IP]` domain.
    static func isEmail(_ string: String) -> Bool {
        guard let at = string.lastIndex(of: "@") else { return false }
        let local = string[..<at]
        let domain = String(string[string.index(after: at)...])
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty else { return false }
        if local.hasPrefix("\""), local.hasSuffix("\""), local.count >= 2 {
            // quoted local part: anything printable
        } else {
            let allowed = Set("!#$%&'*+-/=?^_`{|}~.".utf8)
            guard local.utf8.allSatisfy({ isAlpha($0) || isDigit($0) || allowed.contains($0) || $0 >= 0x80 }),
                  !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        }
        if domain.hasPrefix("["), domain.hasSuffix("]") {
            let literal = String(domain.dropFirst().dropLast())
            if literal.lowercased().hasPrefix("ipv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(literal)
        }
        return isHostname(domain)
    }

    /// RFC 3986 absolute URI: a scheme, `:`, and characters a URI may hold (percent escapes
    /// well formed).
    static func isURI(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, isAlpha(bytes[0]),
              bytes[0..<colon].allSatisfy({ isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return false }
        let allowed = Set("-._~:/?#[]@!$&'()*+,;=".utf8)
        var index = colon + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            guard isAlpha(byte) || isDigit(byte) || allowed.contains(byte) else { return false }
            index += 1
        }
        return true
    }

    /// `8-4-4-4-12` hexadecimal digits.
    static func isUUID(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    /// Four decimal octets 0–255 without leading zeros.
    static func isIPv4(_ string: String) -> Bool {
        let parts = string.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard let value = number(Array(part.utf8)[...]), value <= 255 else { return false }
            return part.count == 1 || !part.hasPrefix("0")
        }
    }

    /// Eight groups of up to four hex digits, one `::` shortening, an optional IPv4 tail.
    static func isIPv6(_ string: String) -> Bool {
        guard !string.isEmpty, string.utf8.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else { return false }
        let halves = string.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return false }
        func groups(_ text: Substring, allowIPv4Tail: Bool) -> Int? {
            if text.isEmpty { return 0 }
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            var count = 0
            for (offset, part) in parts.enumerated() {
                if allowIPv4Tail, offset == parts.count - 1, part.contains(".") {
                    guard isIPv4(String(part)) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(part.utf8.count), part.utf8.allSatisfy(isHex) else { return nil }
                    count += 1
                }
            }
            return count
        }
        if halves.count == 1 {
            return groups(halves[0], allowIPv4Tail: true) == 8
        }
        guard let head = groups(halves[0], allowIPv4Tail: false), let tail = groups(halves[1], allowIPv4Tail: true) else { return false }
        return head + tail <= 7
    }

    /// RFC 1123: dot-separated labels of letters, digits and inner hyphens, 1–63 bytes each,
    /// 253 bytes in all; a trailing dot is allowed.
    static func isHostname(_ string: String) -> Bool {
        var name = Substring(string)
        if name.hasSuffix(".") { name = name.dropLast() }
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
            return bytes.allSatisfy { isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }
}

extension String {
    /// Splits at `::` (the only way to spell it without Foundation's `components(separatedBy:)`).
    fileprivate func components(separatedByDoubleColon: ()) -> [Substring] {
        var pieces: [Substring] = []
        var start = startIndex
        var index = startIndex
        while index < endIndex {
            let next = self.index(after: index)
            if self[index] == ":", next < endIndex, self[next] == ":" {
                pieces.append(self[start..<index])
                index = self.index(after: next)
                start = index
            } else {
                index = next
            }
        }
        pieces.append(self[start..<endIndex])
        return pieces
    }
}
