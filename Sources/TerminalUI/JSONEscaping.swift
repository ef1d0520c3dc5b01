/// The one JSON string escaping for text that may reach a terminal (`--json`, the audit trail):
/// besides JSON's own escapes, every scalar the sanitiser refuses (C0/C1 controls, bidi
/// overrides and isolates, zero-width …) is written as a `\u` escape. Values are unchanged — any
/// JSON parser reads back exactly the original string.
public enum JSONEscaping {
    /// `s` as a quoted JSON string literal.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || Sanitizer.isUnsafe(scalar) {
                    appendEscaped(scalar, to: &out)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Escapes, inside already-encoded JSON text, the scalars the sanitiser refuses (outside
    /// strings JSON has only ASCII, so they can only be inside strings): the text stays valid
    /// JSON with the same values. C0 controls are already escaped by any JSON encoder.
    public static func safe(_ json: String) -> String {
        var out = ""
        for scalar in json.unicodeScalars {
            if Sanitizer.isUnsafe(scalar) && scalar.value >= 0x20 {
                appendEscaped(scalar, to: &out)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout String) {
        for unit in String(scalar).utf16 {
            let hex = String(unit, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
