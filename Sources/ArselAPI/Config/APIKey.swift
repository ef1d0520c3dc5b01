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

    /// Where a key came from, for `info`.
    public enum Source: Sendable, Hashable {
        case environment(String)
        case file(String)
        case literal  // tests and the in-process sandbox
    }

    /// Accepts a key after trimming surrounding whitespace; refuses an empty key or one with
    /// control characters or spaces inside (it would break or smuggle headers).
    public init(_ text: String) throws(ArselError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .configuration(.emptyKey) }
        guard trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .configuration(.keyCharacters)
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
                throw .configuration(.keyFileIsSymlink(path: path))
            case ENOENT:
                throw .configuration(.keyFileMissing(path: path))
            case EACCES:
                throw .configuration(.keyFilePermissionDenied(path: path))
            default:
                throw .configuration(.keyFileCannotOpen(path: path, errno: code))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .configuration(.keyFileCannotInspect(path: path)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .configuration(.keyFileNotRegular(path: path))
        }
        let uid = getuid()
        guard info.st_uid == uid else {
            throw .configuration(.keyFileOwner(path: path, owner: UInt32(info.st_uid), uid: UInt32(uid)))
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw .configuration(.keyFileMode(path: path, mode: UInt32(mode)))
        }
        // A regular file: read it normally (blocking).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw .configuration(.keyFileUnreadable(path: path)) }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > 65536 { throw .configuration(.keyFileTooLarge(path: path)) }
        }
        do {
            return try APIKey(String(decoding: bytes, as: UTF8.self))
        } catch {
            throw .configuration(.keyFileContent(path: path, problem(error)))
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
                throw .configuration(.keyVariable(name: "ARSEL_API_KEY", problem(error)))
            }
        }
        return nil
    }

    /// The key from `--api-key-file` (a flag beats the environment), else `ARSEL_API_KEY_FILE`,
    /// else `ARSEL_API_KEY`. Never from a command-line value: argv is visible to every user.
    public static func resolve(keyFile: String?, environment: [String: String]) throws(ArselError) -> (APIKey, Source) {
        if let found = try explicit(keyFile: keyFile, environment: environment) { return found }
        throw .configuration(.noKey)
    }

    /// What `init` refused: it throws configuration problems only.
    private static func problem(_ error: ArselError) -> ConfigurationProblem {
        if case .configuration(let p) = error { return p }
        return .keyCharacters
    }
}
