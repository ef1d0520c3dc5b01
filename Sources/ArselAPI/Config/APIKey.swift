import ArselModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An Arsel API key. It prints, dumps and interpolates only as its masked form (`be_…wxyz`), so a
/// stray `print`, log line or error message cannot leak it; the secret itself is readable only
/// inside this module, where the auth middleware puts it in the header.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let secret: String

    /// Where a key came from, for `info` and error messages.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case environment(String)
        case file(String)
        case literal  // tests and the in-process sandbox

        public var description: String {
            switch self {
            case .environment(let name): return "environment variable \(name)"
            case .file(let path): return "key file \(path)"
            case .literal: return "in-process"
            }
        }
    }

    /// Accepts a key after trimming surrounding whitespace; refuses an empty key or one with
    /// control characters or spaces inside (it would break or smuggle headers).
    public init(_ text: String) throws(ArselError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .configuration("the API key is empty") }
        guard trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .configuration("the API key contains spaces, control or non-ASCII characters")
        }
        secret = trimmed
        Redaction.register(self)
    }

    /// The last four characters at most, behind the key's prefix: `be_…wxyz`.
    public var masked: String {
        let prefix = secret.hasPrefix("be_") ? "be_" : ""
        guard secret.count > 8 else { return prefix + "…" }
        return prefix + "…" + String(secret.suffix(4))
    }

    public var description: String { masked }
    public var debugDescription: String { "APIKey(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    /// Replaces every occurrence of the key in `text` with its masked form: a last line of
    /// defence for text that is about to leave the process.
    public func redact(_ text: String) -> String {
        text.replacingOccurrences(of: secret, with: masked)
    }

    /// Reads a key file the way ssh reads a private key: opened without following a symlink,
    /// then checked on the open descriptor (no race between check and use): a regular file,
    /// owned by the current user, with no group or other permission bits.
    public static func read(file path: String) throws(ArselError) -> APIKey {
        // O_NONBLOCK: opening a FIFO would otherwise wait forever for a writer, before any check.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            switch code {
            case ELOOP:
                throw .configuration("key file \(path) is a symbolic link; point to the file itself")
            case ENOENT:
                throw .configuration("key file \(path) does not exist")
            case EACCES:
                throw .configuration("key file \(path) cannot be read (permission denied)")
            default:
                throw .configuration("key file \(path) cannot be opened (errno \(code))")
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .configuration("key file \(path) cannot be inspected") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .configuration("key file \(path) is not a regular file")
        }
        let uid = getuid()
        guard info.st_uid == uid else {
            throw .configuration("key file \(path) belongs to uid \(info.st_uid), not to you (uid \(uid)); refusing it")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw .configuration(
                "key file \(path) is accessible by others (mode \(String(mode, radix: 8))); run: chmod 600 \(path)")
        }
        // A regular file: read it normally (blocking).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw .configuration("key file \(path) cannot be read") }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > 65536 { throw .configuration("key file \(path) is too large to be a key") }
        }
        do {
            return try APIKey(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw .configuration("key file \(path): \(error.message)")
        }
    }

    /// The key an explicit source names, or nil when none is given. A source that is given but
    /// refused (missing file, loose mode, bad characters) throws: it never falls through to
    /// another key, which could be another environment's.
    public static func explicit(keyFile: String?, environment: [String: String]) throws(ArselError) -> (APIKey, Source)? {
        if let keyFile { return (try read(file: keyFile), .file(keyFile)) }
        if let path = environment["ARSEL_API_KEY_FILE"], !path.isEmpty {
            return (try read(file: path), .file(path))
        }
        if let value = environment["ARSEL_API_KEY"], !value.isEmpty {
            do {
                return (try APIKey(value), .environment("ARSEL_API_KEY"))
            } catch {
                throw .configuration("ARSEL_API_KEY: \(error.message)")
            }
        }
        return nil
    }

    /// The key from `--api-key-file` (a flag beats the environment), else `ARSEL_API_KEY_FILE`,
    /// else `ARSEL_API_KEY`. Never from a command-line value: argv is visible to every user.
    public static func resolve(keyFile: String?, environment: [String: String]) throws(ArselError) -> (APIKey, Source) {
        if let found = try explicit(keyFile: keyFile, environment: environment) { return found }
        throw .configuration(
            "no API key: set ARSEL_API_KEY, or pass --api-key-file PATH (a file only you can read, chmod 600)")
    }
}
