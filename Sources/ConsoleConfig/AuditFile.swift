import Foundation

/// Why the audit trail could not be written. Each names the file, so the person can act on it.
public enum AuditLogError: Error, Equatable, CustomStringConvertible {
    case symlink(path: String)
    case notRegularFile(path: String)
    case notOwned(path: String)
    case diskFull(path: String)
    case tooLarge(path: String)
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .symlink(let p): return "\(p) is a symbolic link; the audit trail is written only to a regular file"
        case .notRegularFile(let p): return "\(p) is not a regular file; the audit trail is written only to a regular file"
        case .notOwned(let p): return "\(p) belongs to another user; the audit trail must be your own file"
        case .diskFull(let p): return "the disk is full: nothing was recorded in \(p)"
        case .tooLarge(let p): return "\(p) has reached the largest file allowed (file size limit): nothing was recorded"
        case .io(let p, let op, let e): return "\(p): \(op) failed: \(String(cString: strerror(e)))"
        }
    }

    static func from(errno e: Int32, path: String, operation: String) -> AuditLogError {
        switch e {
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        case EFBIG: return .tooLarge(path: path)
        default: return .io(path: path, operation: operation, errno: e)
        }
    }
}

/// The audit file's descriptor discipline: the trail is evidence, so it is written only to a
/// regular file the user owns (never through a symlink, never blocking on a FIFO or a device),
/// with mode 0600, and a record is in it whole or not at all.
enum AuditFile {
    /// Opens `path` for appending, creating it 0600. O_NONBLOCK so that a FIFO can neither block
    /// the open nor a write (a blocked open ignores every signal but SIGKILL).
    static func open(_ path: String) throws(AuditLogError) -> Int32 {
        let fd = Glibc.open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        if fd < 0 {
            let e = errno
            switch e {
            case ELOOP: throw .symlink(path: path)
            case ENXIO, EISDIR, EWOULDBLOCK: throw .notRegularFile(path: path)  // ENXIO: a FIFO nobody reads
            default: throw .from(errno: e, path: path, operation: "open")
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw .io(path: path, operation: "fstat", errno: e)
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .notRegularFile(path: path)
        }
        guard st.st_uid == geteuid() else {
            close(fd)
            throw .notOwned(path: path)
        }
        if st.st_mode & 0o077 != 0, fchmod(fd, 0o600) != 0 {
            let e = errno
            close(fd)
            throw .io(path: path, operation: "fchmod", errno: e)
        }
        return fd
    }

    /// Appends `line` whole and durably, or leaves the file as it was. Writers hold an exclusive
    /// flock, so "nothing else was appended since" holds and a failed record can be cut back off.
    static func append(_ line: [UInt8], to fd: Int32, path: String) throws(AuditLogError) {
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .io(path: path, operation: "flock", errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, operation: "fstat", errno: errno) }
        let start = st.st_size
        var bytes = line
        // A torn line left by a crash or an older version must not glue onto this record.
        var last: UInt8 = 0x0A
        if start > 0, pread(fd, &last, 1, start - 1) == 1, last != 0x0A { bytes.insert(0x0A, at: 0) }

        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n > 0 {
                written += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                failure = n < 0 ? errno : EIO
                break
            }
        }
        if failure == 0, fsync(fd) != 0, errno != EINVAL { failure = errno }
        guard failure != 0 else { return }
        // Cut off what this record wrote, so no partial line is left behind.
        if fstat(fd, &st) == 0, st.st_size == start + off_t(written) { _ = ftruncate(fd, start) }
        throw .from(errno: failure, path: path, operation: "write")
    }
}
