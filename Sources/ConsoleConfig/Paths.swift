import Foundation

/// Where arsel-campaigns keeps things (XDG base directories).
public struct Paths: Sendable {
    public var configDirectory: String
    public var stateDirectory: String
    /// The shipped themes/ folder, when it can be found beside the binary or the checkout.
    public var shippedThemes: String?
    public var configFile: String
    public var keymapFile: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, configFile: String? = nil) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        configDirectory = config + "/arsel-campaigns"
        stateDirectory = state + "/arsel-campaigns"
        self.configFile = configFile ?? configDirectory + "/config.yaml"
        keymapFile = configDirectory + "/keys.yaml"
        shippedThemes = Paths.findShippedThemes(environment: environment)
    }

    public var userThemes: String { configDirectory + "/themes" }
    public var auditFile: String { stateDirectory + "/audit.jsonl" }

    /// User themes win over shipped ones of the same name.
    public var themeDirectories: [String] { [userThemes] + (shippedThemes.map { [$0] } ?? []) }

    /// `ARSEL_THEMES_DIR`, or `themes/` next to the executable or up to four levels above it (a
    /// checkout running `.build/debug/arsel-campaigns`), or `share/arsel-campaigns/themes` beside
    /// its `bin/` (an unpacked release, `scripts/install PREFIX`), or
    /// /usr/share/arsel-campaigns/themes. The executable is found by /proc/self/exe: argv[0] is a
    /// bare name when the shell found the binary on PATH.
    static func findShippedThemes(environment: [String: String]) -> String? {
        if let dir = environment["ARSEL_THEMES_DIR"], !dir.isEmpty { return dir }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? "."
        var dir = URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            for themes in ["themes", "share/arsel-campaigns/themes"] {
                let candidate = dir.appendingPathComponent(themes + "/default.yaml").path
                if FileManager.default.fileExists(atPath: candidate) { return dir.appendingPathComponent(themes).path }
            }
            dir = dir.deletingLastPathComponent()
        }
        let system = "/usr/share/arsel-campaigns/themes"
        return FileManager.default.fileExists(atPath: system) ? system : nil
    }
}
