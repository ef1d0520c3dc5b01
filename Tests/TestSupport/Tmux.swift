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

    /// Runs one tmux command to its end (see `CleanSpawn`: the tmux server that `new-session`
    /// starts lives on, and must not hold this test's pipes or inherit its blocked signals).
    @discardableResult
    public func run(_ args: [String]) throws -> String {
        try CleanSpawn.run("/usr/bin/tmux", ["-L", socket] + args).output
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
