import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// posix_spawn with a clean start: stdin from /dev/null, stdout and stderr to a file (never a
/// pipe), every other descriptor closed, no signal blocked or ignored. The test process's threads
/// block most signals and hold pipes open; a long-lived child (the tmux server, sshd and the
/// sessions it forks) would otherwise inherit both, ignore kill-server, SIGTERM, SIGHUP, and keep
/// another test's pipes open.
public enum CleanSpawn {
    /// Starts `path` with `arguments` (argv[1…]); returns its pid. `environment` nil: this one's.
    public static func start(_ path: String, _ arguments: [String], output: String, environment: [String: String]? = nil) throws -> pid_t {
        for _ in 0..<5 {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
            var attr = posix_spawnattr_t()
            posix_spawnattr_init(&attr)
            defer { posix_spawnattr_destroy(&attr) }
            var none = sigset_t(), all = sigset_t()
            sigemptyset(&none)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attr, &none)
            posix_spawnattr_setsigdefault(&attr, &all)
            posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            let argv = ([path] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
            defer { envp?.forEach { free($0) } }
            var pid: pid_t = 0
            let rc = envp.map { posix_spawn(&pid, path, &actions, &attr, argv, $0) } ?? posix_spawn(&pid, path, &actions, &attr, argv, environ)
            if rc == EBADF { continue }  // a descriptor closed meanwhile: list them again
            guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
            return pid
        }
        throw POSIXError(.EBADF)
    }

    /// Runs `path` to its end; returns its exit status (-1 when a signal ended it) and what it wrote.
    @discardableResult
    public static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let file = NSTemporaryDirectory() + "spawn-\(UUID().uuidString)"
        defer { unlink(file) }
        let pid = try start(path, arguments, output: file, environment: environment)
        let status = wait(pid)
        return (status, (try? String(contentsOfFile: file, encoding: .utf8)) ?? "")
    }

    /// Waits for `pid` (retrying on EINTR); its exit status, or -1 after a signal.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
    }

    static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }
}
