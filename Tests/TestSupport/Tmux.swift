import Foundation

/// A real terminal: tmux on its own socket, driven with send-keys and read with capture-pane.
public final class Tmux: Sendable {
    public let socket: String
    public let session = "t"

    /// Starts a shell (no rc files) in a detached `width`×`height` session.
    public init(width: Int = 120, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "arsel-test-\(UUID().uuidString.prefix(8))"
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PS1": "$ "]
        env.merge(environment) { $1 }
        let exports = env.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        try run(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height),
                 "env -i PATH=/usr/bin:/bin HOME=\(NSTemporaryDirectory()) \(exports) bash --norc --noprofile"])
        try run(["set-option", "-t", session, "status", "off"])
        try run(["set-option", "-g", "allow-rename", "on"])
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs one tmux command with posix_spawn and waitpid. Output goes to a file, not a pipe, and
    /// every other descriptor is closed in the child: the tmux server that `new-session` starts
    /// lives on, and would otherwise hold pipes open (this test's, or any other running test's).
    @discardableResult
    public func run(_ args: [String]) throws -> String {
        let path = NSTemporaryDirectory() + "tmux-\(UUID().uuidString)"
        defer { unlink(path) }
        for _ in 0..<5 {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            for fd in Self.openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
            // A clean signal state: the test process's threads block most signals, and tmux (and
            // the shell and console it runs) would inherit that mask and ignore kill-server,
            // SIGTERM, SIGINT.
            var attr = posix_spawnattr_t()
            posix_spawnattr_init(&attr)
            defer { posix_spawnattr_destroy(&attr) }
            var none = sigset_t(), all = sigset_t()
            sigemptyset(&none)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attr, &none)
            posix_spawnattr_setsigdefault(&attr, &all)
            posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            let argv = (["tmux", "-L", socket] + args).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            let rc = posix_spawn(&pid, "/usr/bin/tmux", &actions, &attr, argv, environ)
            if rc == EBADF { continue }  // a descriptor closed meanwhile: list them again
            guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
        throw POSIXError(.EBADF)
    }

    static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    /// Types `text` then Enter.
    public func type(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
        try run(["send-keys", "-t", session, "Enter"])
    }

    /// Presses keys by tmux name (`c`, `y`, `Escape`, `Down`, `Space`, `Enter`, `C-c`).
    public func press(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    public func screen() throws -> String { try run(["capture-pane", "-p", "-t", session]) }

    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    public func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func waitFor(_ text: String, timeout: Duration = .seconds(15)) async -> Bool {
        await BackgroundBinary.eventually(timeout: timeout) { ((try? self.screen()) ?? "").contains(text) }
    }

    public func kill() { _ = try? run(["kill-server"]) }

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }
}
