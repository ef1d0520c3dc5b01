import Foundation
import Synchronization

/// A pseudo-terminal whose output is drained and counted on a thread of its own.
final class Pty: @unchecked Sendable {
    let master: Int32
    let slave: Int32
    private let received = Mutex<(bytes: Int, text: [UInt8])>((0, []))
    private let keepText: Bool

    init(width: Int, height: Int, keepText: Bool = true) throws {
        var m: Int32 = 0, s: Int32 = 0
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&m, &s, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
        master = m
        slave = s
        self.keepText = keepText
        let thread = Thread { [self] in drain() }
        thread.start()
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            received.withLock { r in
                r.bytes += n
                if keepText { r.text += buffer[0..<n] }
                if r.text.count > 4 << 20 { r.text.removeFirst(r.text.count - (2 << 20)) }
            }
        }
    }

    /// glibc's POSIX_SPAWN_SETSID (hidden behind _GNU_SOURCE): a new session, so the pty becomes
    /// the child's controlling terminal.
    static let setsid: Int32 = 0x80

    var bytes: Int { received.withLock { $0.bytes } }

    /// Everything received so far, as text (for "has the first frame arrived").
    var text: String { received.withLock { String(decoding: $0.text, as: UTF8.self) } }

    func type(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the output contains `needle` (or `timeout`); returns the time it took.
    func waitFor(_ needle: String, timeout: Duration = .seconds(20)) -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if text.contains(needle) { return ContinuousClock.now - start }
            usleep(500)
        }
        return nil
    }

    /// Waits until no byte has arrived for `quiet`.
    func settle(quiet: Duration = .milliseconds(150), timeout: Duration = .seconds(5)) {
        let start = ContinuousClock.now
        var last = bytes, lastChange = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            usleep(5000)
            let now = bytes
            if now != last { last = now; lastChange = .now } else if ContinuousClock.now - lastChange >= quiet { return }
        }
    }

    /// Spawns `argv` with the slave as its terminal (a new session, so it is the controlling tty).
    func spawn(_ argv: [String], environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | Self.setsid))
        let args = argv.map { strdup($0) } + [nil]
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { args.forEach { free($0) }; env.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attr, args, env)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }
}

func waitExit(_ pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return status
}
