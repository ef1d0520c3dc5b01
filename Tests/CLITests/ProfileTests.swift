import ArselSandbox
import Foundation
import Testing
import TestSupport

/// Profiles, precedence, read-only, the audit trail and the line mode — through the binary.
@Suite struct ProfileTests {
    /// A fresh XDG home with `config` as config.yaml.
    func home(_ config: String? = nil) throws -> (dir: URL, env: [String: String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("config/arsel-campaigns"), withIntermediateDirectories: true)
        if let config { try config.write(to: dir.appendingPathComponent("config/arsel-campaigns/config.yaml"), atomically: true, encoding: .utf8) }
        return (dir, ["HOME": dir.path, "XDG_CONFIG_HOME": dir.appendingPathComponent("config").path,
                      "XDG_STATE_HOME": dir.appendingPathComponent("state").path])
    }

    /// A keys.yaml that is refused stops the start (exit 3, file and line), never a silent return
    /// to the default keys: `cancel: [C]` refused for a mistake elsewhere would make `c` cancel.
    @Test func aRefusedKeymapStopsTheStartInsteadOfFallingBackToTheDefaults() async throws {
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "cancel: [ctrl-x]\nmark: [space, x]\n".write(to: dir.appendingPathComponent("config/arsel-campaigns/keys.yaml"), atomically: true, encoding: .utf8)
        let sandbox = try await Sandbox.startForTests()
        defer { Task { await sandbox.stop() } }
        let result = try await Binary.run(
            ["console", "--plain"], environment: env.merging(["ARSEL_BASE_URL": sandbox.baseURL.absoluteString, "ARSEL_API_KEY": sandbox.demoKey]) { $1 },
            input: "q\n")
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("keys.yaml:2"), "\(result.stderr)")
        #expect(result.stderr.contains("x is already the key of dismiss"))
        #expect(!result.stdout.contains("Ramadan"), "nothing was listed")
        let root = sandbox.baseURL.absoluteString.replacingOccurrences(of: "/v1", with: "")
        let log = try JSONSerialization.jsonObject(with: Data(try await RawHTTP.send("GET", root + "/_sandbox/requests").body.utf8)) as? [[String: Any]]
        #expect(log?.isEmpty == true, "no request reached the API: \(String(describing: log))")
    }

    @Test func flagsBeatTheEnvironmentWhichBeatsTheProfile() async throws {
        let (dir, env) = try home("default_profile: p\nprofiles:\n  p:\n    base_url: https://profile.example/v1\n    api_key_env: P_KEY\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = env.merging(["P_KEY": "be_profilekey_1234567890"]) { $1 }
        let fromProfile = try await Binary.run(["info"], environment: base)
        #expect(fromProfile.stdout.contains("API             https://profile.example/v1"), "\(fromProfile.stdout)\(fromProfile.stderr)")
        #expect(fromProfile.stdout.contains("be_…7890 from environment variable P_KEY"))
        let fromEnv = try await Binary.run(["info"], environment: base.merging(["ARSEL_BASE_URL": "https://env.example/v1", "ARSEL_API_KEY": "be_envkey_abcdefghijkl"]) { $1 })
        #expect(fromEnv.stdout.contains("API             https://env.example/v1"))
        #expect(fromEnv.stdout.contains("be_…ijkl from environment variable ARSEL_API_KEY"))
        let fromFlag = try await Binary.run(["info", "--base-url", "https://flag.example/v1"], environment: base.merging(["ARSEL_BASE_URL": "https://env.example/v1"]) { $1 })
        #expect(fromFlag.stdout.contains("API             https://flag.example/v1"))
        #expect(!(fromProfile.stdout + fromEnv.stdout + fromFlag.stdout).contains("profilekey_1234"), "never the key itself")
    }

    @Test func aProfileKeyFileWithLoosePermissionsIsRefused() async throws {
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = dir.appendingPathComponent("prod.key").path
        try "be_prodkey_abcdefghij1234\n".write(toFile: key, atomically: false, encoding: .utf8)
        chmod(key, 0o644)
        try "profiles:\n  prod:\n    api_key_file: \(key)\n    production: true\n".write(
            to: dir.appendingPathComponent("config/arsel-campaigns/config.yaml"), atomically: true, encoding: .utf8)
        let refused = try await Binary.run(["info", "--profile", "prod"], environment: env)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("chmod 600 \(key)"))
        #expect(!refused.stderr.contains("prodkey"))
        chmod(key, 0o600)
        let ok = try await Binary.run(["info", "--profile", "prod"], environment: env)
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("prod (production)"))
    }

    @Test func readOnlyRefusesTheCancelCommand() async throws {
        let (dir, env) = try home("profiles:\n  look:\n    api_key_env: K\n    readonly: true\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await Binary.run(["cancel", "c1", "--yes", "--profile", "look"], environment: env.merging(["K": "be_kkkkkkkkkkkk"]) { $1 })
        #expect(r.status == 5)
        #expect(r.stderr.contains("read-only"))
        let flag = try await Binary.run(["cancel", "c1", "--yes", "--readonly"], environment: env.merging(["ARSEL_API_KEY": "be_kkkkkkkkkkkk"]) { $1 })
        #expect(flag.status == 5)
    }

    @Test func eightConcurrentProcessesAuditEveryCancelWithoutTearing() async throws {
        var options = SandboxOptions()
        options.port = 0
        options.rate = 10_000
        options.tick = .seconds(3600)
        options.seed = .count(800)
        let sandbox = try Sandbox(options: options)
        try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let (dir, env) = try home()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runEnv = env.merging(["ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString]) { $1 }
        let list = try await Binary.run(["list", "--all", "--status", "scheduled", "--json", "--rate", "100"], environment: runEnv)
        let ids = ((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        try #require(ids.count >= 40, "list: \(list.stderr)")
        let results = try await withThrowingTaskGroup(of: Int32.self) { group in
            for p in 0..<8 {
                let mine = Array(ids[(p * 5)..<(p * 5 + 5)])
                group.addTask { try await Binary.run(["cancel"] + mine + ["--yes", "--rate", "100"], environment: runEnv).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == 0 })
        let text = try String(contentsOf: dir.appendingPathComponent("state/arsel-campaigns/audit.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 80, "an intent and an outcome per cancel, none lost")
        let all = lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        #expect(all.count == 80, "no torn line")
        let records = all.filter { $0["outcome"] as? String != "intent" }
        #expect(Set(all.filter { $0["outcome"] as? String == "intent" }.compactMap { $0["campaign_id"] as? String }) == Set(ids.prefix(40)))
        #expect(Set(records.compactMap { $0["campaign_id"] as? String }) == Set(ids.prefix(40)))
        #expect(records.allSatisfy { $0["outcome"] as? String == "cancelled" && $0["source"] as? String == "cli" })
        #expect(!text.contains(sandbox.demoKey), "never the key")
        let shown = try await Binary.run(["audit", "--since", "1h"], environment: env)
        #expect(shown.stdout.split(separator: "\n").count == 80)
    }

    @Test func completionsComeFromTheArgumentParser() async throws {
        let bash = try await Binary.run(["--generate-completion-script", "bash"])
        #expect(bash.status == 0)
        #expect(bash.stdout.contains("demo") && bash.stdout.contains("cancel") && bash.stdout.contains("--api-key-file"))
    }
}

/// The line mode, in a real terminal with TERM=dumb.
@Suite(.serialized) struct PlainModeTests {
    @Test func listCancelAndQuitInLineMode() async throws {
        try #require(Tmux.available, "tmux is required (scripts/test installs it)")
        let sandbox = try await Sandbox.startForTests()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        let tmux = try Tmux(width: 120, height: 40, environment: ["TERM": "dumb"])
        defer {
            tmux.kill()
            try? FileManager.default.removeItem(at: state)
        }
        try tmux.type("XDG_STATE_HOME=\(state.path) ARSEL_BASE_URL=\(sandbox.baseURL.absoluteString) ARSEL_API_KEY=\(sandbox.demoKey) \(Binary.url.path) --channel email --rate 50; echo EX\"\"ITED=$?")
        #expect(await tmux.waitFor("Type ? for commands."), "\((try? tmux.screen()) ?? "")")
        #expect(await tmux.waitFor("1. [cancellable] Ramadan offers — KSA list — Scheduled"))
        let screen = try tmux.screen()
        #expect(screen.contains("OSC 52 \\e]52;c;cHduZWQ=\\a clipboard"), "hostile names are visible escapes here too")
        try tmux.type("c 1")
        #expect(await tmux.waitFor("Type yes to cancel it:"))
        try tmux.type("yes")
        #expect(await tmux.waitFor("✓ Ramadan offers — KSA list: Campaign cancelled"), "\((try? tmux.screen()) ?? "")")
        try tmux.type("q")
        #expect(await tmux.waitFor("EXITED=0"))
        #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("arsel-campaigns/audit.jsonl").path))
        await sandbox.stop()
    }
}
