import ArselSandbox
import Foundation
import Testing
import TestSupport

/// The binary against the real sandbox (in-process, 127.0.0.1 port 0, demo data).
@Suite struct SandboxCLITests {
    func withDemo(_ body: (Sandbox, [String: String]) async throws -> Void) async throws {
        var options = SandboxOptions()
        options.port = 0
        options.rate = 1000
        options.tick = .seconds(3600)
        let sandbox = try Sandbox(options: options)
        try await sandbox.start()
        do {
            try await body(sandbox, ["ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString])
            await sandbox.stop()
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    @Test func listAllOfTheDemoIsSafeAndComplete() async throws {
        try await withDemo { _, env in
            let json = try await Binary.run(["list", "--all", "--json", "--rate", "100"], environment: env)
            #expect(json.status == 0, "\(json.stderr)")
            let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(array.count >= 40)
            #expect(Set(array.compactMap { $0["id"] as? String }).count == array.count, "each campaign exactly once")
            #expect(array.contains { ($0["name"] as? String)?.contains("\u{1B}[2J") == true }, "JSON keeps the raw value")

            let table = try await Binary.run(["list", "--all", "--rate", "100"], environment: env.merging(["COLUMNS": "200"]) { $1 })
            #expect(table.status == 0)
            #expect(!table.stdoutBytes.contains(where: { $0 < 0x20 && $0 != 0x0A }), "no raw control byte reaches the terminal")
            #expect(table.stdout.contains("Nightly report \\e[2J\\e[H"))
            #expect(table.stdout.split(separator: "\n").count == array.count + 2)
        }
    }

    @Test func cancelAScheduledCampaignThenASentOne() async throws {
        try await withDemo { sandbox, env in
            let scheduled = try await Binary.run(["list", "--status", "scheduled", "--json", "--rate", "100"], environment: env)
            let sent = try await Binary.run(["list", "--status", "sent", "--json", "--rate", "100"], environment: env)
            let s = try #require((try JSONSerialization.jsonObject(with: Data(scheduled.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? String)
            let d = try #require((try JSONSerialization.jsonObject(with: Data(sent.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? String)

            let ok = try await Binary.run(["cancel", s, "--yes", "--rate", "100"], environment: env)
            #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
            #expect(ok.stdout.contains("✓") && ok.stdout.contains("Campaign cancelled") && ok.stdout.contains("now Cancelled"))

            let refused = try await Binary.run(["cancel", d, "--yes", "--rate", "100"], environment: env)
            #expect(refused.status == 1)
            #expect(refused.stdout.contains("bad_request: Campaign cannot be cancelled in its current status"))

            let again = try await Binary.run(["cancel", s, "--yes", "--json", "--rate", "100"], environment: env)
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [[String: Any]])
            #expect(objects.first?["outcome"] as? String == "error", "a second cancel is refused, not repeated")
            #expect(try sandbox.checkInvariants().violations.isEmpty)
        }
    }

    @Test func sandboxCommandStartsFastAndServes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ready = dir.appendingPathComponent("ready.json").path
        let started = ContinuousClock.now
        let process = try BackgroundBinary(["sandbox", "--port", "0", "--ready-file", ready])
        let up = await BackgroundBinary.eventually { FileManager.default.fileExists(atPath: ready) }
        let elapsed = ContinuousClock.now - started
        #expect(up)
        let info = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ready))) as? [String: String])
        let key = try #require(info["key"])
        #expect(key.hasPrefix("be_"))
        #expect(process.log.contains("API key  \(key)"))
        #expect(process.log.contains(info["url"] ?? "?"))
        let list = try await Binary.run(["list"], environment: ["ARSEL_API_KEY": key, "ARSEL_BASE_URL": info["url"] ?? ""])
        #expect(list.status == 0)
        #expect(list.stdout.contains("cancellable"))
        process.signal(SIGTERM)
        #expect(await process.wait() == 0, "SIGTERM stops it cleanly")
        print("sandbox: ready file after \(elapsed) (process start included)")
    }
}
