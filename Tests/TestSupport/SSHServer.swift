import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real `sshd` of its own (openssh-server from Debian) on 127.0.0.1 and a free port: its own
/// config, host key and authorized key in a temporary directory, key-only login as the user
/// running the tests, the environment the client sends (`AcceptEnv`) passed to the session.
public final class SSHServer: Sendable {
    public static let sshd = "/usr/sbin/sshd"
    public static let ssh = "/usr/bin/ssh"
    /// What the client may send (`SendEnv`) and the server accepts (`AcceptEnv`); TERM travels
    /// with the pty request, as it does for every user.
    public static let passedEnvironment = ["LANG", "LC_ALL", "NO_COLOR", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "ARSEL_*"]

    public let directory: URL
    public let port: Int
    let pid: pid_t

    /// Why sshd cannot run on this machine (nil when it can): checked once, by starting one and
    /// logging in with `ssh … true`. A test suite disables itself with this as its printed reason.
    public static let unusable: String? = {
        guard FileManager.default.isExecutableFile(atPath: sshd), FileManager.default.isExecutableFile(atPath: ssh) else {
            return "\(sshd) or \(ssh) is missing (install openssh-server and openssh-client: scripts/lib.sh TEST_PACKAGES)"
        }
        guard Tmux.available else { return "tmux is missing (scripts/lib.sh TEST_PACKAGES)" }
        do {
            let server = try SSHServer()
            defer { server.stop() }
            let login = try CleanSpawn.run(ssh, server.clientArguments(tty: false) + ["true"])
            return login.status == 0 ? nil : "ssh to a test sshd fails here: \(login.output.prefix(300))"
        } catch {
            return "a test sshd cannot start here: \(error)"
        }
    }()

    /// Skips (with the reason, printed) where sshd cannot run, e.g. without permission to create
    /// its privilege-separation directory or to bind.
    public static var usable: Bool {
        if let unusable { print("SSH tests skipped: \(unusable)") }
        return unusable == nil
    }

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sshd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // sshd insists on its privilege-separation directory even when it will not chroot there.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        for name in ["host_key", "client_key"] {
            let made = try CleanSpawn.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "arsel-test", "-f", directory.appendingPathComponent(name).path])
            guard made.status == 0 else { throw StartError(description: "ssh-keygen: \(made.output)") }
        }
        try FileManager.default.copyItem(at: directory.appendingPathComponent("client_key.pub"), to: directory.appendingPathComponent("authorized_keys"))
        let (fd, port) = try LoopbackSocket.bound(reuse: true)
        close(fd)
        self.port = port
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(directory.path)/host_key
            PidFile \(directory.path)/sshd.pid
            AuthorizedKeysFile \(directory.path)/authorized_keys
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            PrintMotd no
            PrintLastLog no
            AcceptEnv \(Self.passedEnvironment.joined(separator: " "))
            LogLevel INFO

            """
        try config.write(to: directory.appendingPathComponent("sshd_config"), atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("sshd.log").path
        pid = try CleanSpawn.start(Self.sshd, ["-D", "-e", "-f", directory.appendingPathComponent("sshd_config").path], output: log)
        let listening = Self.poll { (try? String(contentsOfFile: log, encoding: .utf8))?.contains("Server listening on 127.0.0.1 port \(port)") == true || kill(pid, 0) != 0 }
        guard listening, kill(pid, 0) == 0 else {
            let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            stop()
            throw StartError(description: "sshd did not start: \(said.prefix(400))")
        }
    }

    /// What sshd logged (connections, refused keys).
    public var log: String { (try? String(contentsOf: directory.appendingPathComponent("sshd.log"), encoding: .utf8)) ?? "" }

    /// The client's options: no user config, this key and port, no known-hosts, the allowed
    /// environment sent along; `tty`: `-tt`, a remote pty even when stdin is not a terminal.
    public func clientArguments(tty: Bool = true) -> [String] {
        (tty ? ["-tt"] : ["-T"]) + [
            "-F", "/dev/null", "-i", directory.appendingPathComponent("client_key").path, "-p", String(port),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "BatchMode=yes", "-o", "SendEnv=\(Self.passedEnvironment.joined(separator: " "))", "127.0.0.1",
        ]
    }

    /// A shell command line that opens a session running `remote` (a shell command on the server),
    /// with `environment` set for the client — TERM reaches the server in the pty request, the rest
    /// through SendEnv — and then prints `SSH_EXIT=<status>`. Nothing secret goes in it (it is
    /// visible in `ps`): an API key travels as ARSEL_API_KEY_FILE.
    public func command(_ remote: String, environment: [String: String]) -> String {
        let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Tmux.quote($0.value))" }.joined(separator: " ")
        let args = clientArguments().map(Tmux.quote).joined(separator: " ")
        return "env \(env) \(Self.ssh) \(args) \(Tmux.quote(remote)); echo SSH_EX\"\"IT=$?"
    }

    /// Stops sshd (its sessions end with their clients) and removes its directory.
    public func stop() {
        if kill(pid, SIGTERM) == 0 { _ = CleanSpawn.wait(pid) }
        try? FileManager.default.removeItem(at: directory)
    }

    static func poll(timeout: TimeInterval = 10, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
