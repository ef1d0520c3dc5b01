import ArselModel
import Foundation
import Synchronization

/// The one redaction of secrets, applied wherever text leaves the process (terminal, JSON,
/// audit, log) and to every string the client takes from a server: a server that echoes the key
/// back (in a name, an error message, a request id) must not make us print it.
///
/// Every `APIKey` registers itself here when it is made, so code that writes text needs no key
/// at hand: it calls `Redaction.apply`.
public enum Redaction {
    private static let secrets = Mutex<[(secret: String, masked: String)]>([])

    /// Makes every later `apply` replace this key (and its percent-encoded form) by its mask.
    public static func register(_ key: APIKey) {
        secrets.withLock { list in
            guard !list.contains(where: { $0.secret == key.secret }) else { return }
            list.append((key.secret, key.masked))
            if let encoded = key.secret.addingPercentEncodingForRedaction(), encoded != key.secret {
                list.append((encoded, key.masked))
            }
        }
    }

    /// `text` with every registered key replaced by its masked form (`be_…wxyz`).
    public static func apply(_ text: String) -> String {
        let list = secrets.withLock { $0 }
        guard !list.isEmpty else { return text }
        var out = text
        for (secret, masked) in list where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: masked)
        }
        return out
    }

    /// Whether `text` contains a registered key (tests, and checks before writing).
    public static func containsSecret(_ text: String) -> Bool {
        secrets.withLock { list in list.contains { text.contains($0.secret) } }
    }
}

extension String {
    /// Percent-encodes everything outside the unreserved set, as a URL query would carry it.
    fileprivate func addingPercentEncodingForRedaction() -> String? {
        var out = ""
        for byte in utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    fileprivate func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
