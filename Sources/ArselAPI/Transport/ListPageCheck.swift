import ArselModel
/// Checks a list page's raw bytes before they are decoded: a server may send far more campaigns
/// than asked for (500 000 tiny ones fit in a few MB and take seconds and hundreds of MB to
/// decode). Counting costs one pass over the bytes and no allocation.
enum ListPageCheck {
    /// The documented default page size, when the request names no `limit`.
    static let defaultLimit = 20

    /// The `limit` a list request asked for (from its path's query), or the default.
    static func limit(ofRequestPath path: String?) -> Int {
        guard let path, let query = path.split(separator: "?", maxSplits: 1).dropFirst().first else { return defaultLimit }
        for pair in query.split(separator: "&") where pair.hasPrefix("limit=") {
            if let n = Int(pair.dropFirst("limit=".count)), n > 0 { return n }
        }
        return defaultLimit
    }

    /// An error when the top-level `data` array holds more than `limit` objects.
    static func check(_ bytes: [UInt8], limit: Int, status: Int) throws(ArselError) {
        let count = dataEntries(bytes, stopAfter: limit)
        if count > limit {
            throw .unexpectedResponse(status: status, .pageLargerThanLimit(limit))
        }
    }

    /// How many values the top-level object's `data` array holds, counting no further than
    /// `stopAfter + 1`. Strings (with their escapes) are skipped, so nothing inside a name counts.
    static func dataEntries(_ bytes: [UInt8], stopAfter: Int) -> Int {
        var depth = 0
        var inString = false
        var escaped = false
        var stringStart = 0
        var lastKey: ArraySlice<UInt8> = []
        var inData = false
        var count = 0
        var expectingValue = false  // inside `data`, at its own level: the next value is an entry
        for (i, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 1 { lastKey = bytes[stringStart..<i] }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                if inData && depth == 2 && expectingValue { count += 1; expectingValue = false }
                inString = true
                stringStart = i + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if inData && depth == 2 && expectingValue { count += 1; expectingValue = false }
                depth += 1
                if depth == 2 && byte == UInt8(ascii: "[") && lastKey.elementsEqual("data".utf8) {
                    inData = true
                    expectingValue = true
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if inData && depth == 2 { inData = false }
                depth -= 1
            case UInt8(ascii: ","):
                if inData && depth == 2 { expectingValue = true }
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"), UInt8(ascii: ":"):
                break
            default:  // a number, true, false, null
                if inData && depth == 2 && expectingValue { count += 1; expectingValue = false }
            }
            if count > stopAfter { return count }
        }
        return count
    }
}
