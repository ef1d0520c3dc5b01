import ArselAPI
import ArselModel
import Catalogs
import TerminalUI

/// JSON for machines, written by hand so that key order is the API's and so that it stays safe
/// when it lands on a terminal: besides JSON's own escapes, every scalar the sanitiser refuses
/// (bidi overrides, zero-width, C1 …) is written as a `\u` escape. The values are unchanged — any
/// JSON parser reads back exactly what the server sent.
enum JSONText {
    static func string(_ s: String) -> String { JSONEscaping.quoted(s) }

    /// Escapes, inside already-encoded JSON text, the scalars the sanitiser refuses.
    static func safe(_ json: String) -> String { JSONEscaping.safe(json) }

    static func scalar(_ value: JSONScalar) -> String {
        switch value {
        case .string(let s): return string(s)
        case .number(let n):
            if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
            return n.isFinite ? "\(n)" : "null"
        case .bool(let b): return b ? "true" : "false"
        case .strings(let list): return "[" + list.map(string).joined(separator: ", ") + "]"
        case .null: return "null"
        }
    }

    /// An object with keys in the given order.
    static func object(_ fields: [(String, String)], indent: String = "") -> String {
        if fields.isEmpty { return "{}" }
        let inner = indent + "  "
        let body = fields.map { "\(inner)\(string($0.0)): \($0.1)" }.joined(separator: ",\n")
        return "{\n\(body)\n\(indent)}"
    }

    static func array(_ items: [String], indent: String = "") -> String {
        if items.isEmpty { return "[]" }
        let inner = indent + "  "
        return "[\n" + items.map { inner + $0 }.joined(separator: ",\n") + "\n\(indent)]"
    }

    /// The API's fields in the API's order, then where it lives and whether it can be cancelled.
    static func campaign(_ c: Campaign, indent: String = "") -> String {
        object(c.apiFields.map { ($0.0, scalar($0.1)) } + [
            ("channel", string(c.channel.rawValue)), ("cancellable", c.status.isCancellable ? "true" : "false"),
        ], indent: indent)
    }

    static func error(_ e: ArselError?, indent: String = "") -> String {
        guard let e else { return "null" }
        return object([
            ("status_code", e.statusCode.map { String($0) } ?? "null"),
            ("name", string(e.name)),
            ("message", string(English().message(e))),
            ("kind", string(e.kind)),
            ("request_id", e.requestID.map(string) ?? "null"),
        ], indent: indent)
    }
}
