import ArselAPI
import ArselModel
import Foundation
import Testing
import TestSupport

/// `kill -9` while sending, restart on the same database: nothing lost, nothing handed off
/// twice, every invariant holds.
@Suite struct RestartTests {
    @Test func killNineWhileSendingThenRestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sandbox.db").path
        let ready = dir.appendingPathComponent("ready.json").path
        let key = "be_restart_test_key_0123456789abcd"

        func start() async throws -> (BackgroundBinary, String) {
            try? FileManager.default.removeItem(atPath: ready)
            let process = try BackgroundBinary(
                ["sandbox", "--port", "0", "--db", db, "--seed", "none", "--speed", "25", "--batch-size", "20",
                 "--rate", "1000", "--ready-file", ready],
                environment: ["ARSEL_SANDBOX_KEY": key])
            let up = await BackgroundBinary.eventually { FileManager.default.fileExists(atPath: ready) }
            #expect(up, "the sandbox did not start: \(process.log)")
            let info = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ready))) as? [String: String]
            return (process, info?["url"] ?? "")
        }

        func client(_ url: String) throws -> CampaignsClient {
            var config = ClientConfiguration(baseURL: URL(string: url)!, apiKey: try APIKey(key))
            config.requestsPerSecond = 1000
            return CampaignsClient(configuration: config)
        }

        var (process, url) = try await start()
        var api = try client(url)
        // One campaign per channel plus a second email; the push is spread over a minute (2.4 s
        // at --speed 25), so kills land in the middle of its spread too.
        let channels: [Channel] = Channel.allCases + [.email]
        var ids: [String] = []
        for (i, channel) in channels.enumerated() {
            var fields = Running.sendable(lists: 3, channel: channel)  // 1200 recipients
            if channel.spec.spreadField != nil { fields["throttle_minutes"] = 1 }
            let id = try await api.create(channel, name: "restart \(i)", fields: fields)
            try await api.send(id, channel: channel)
            ids.append(id)
        }
        var rng = SeededRandom(seed: 9)
        var kills = 0
        for cycle in 0..<5 {
            // Let the dispatcher run for a random while, then kill it mid-flight.
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...500, using: &rng)))
            if cycle == 2 { _ = await api.cancel(ids[1], channel: channels[1]) }
            process.signal(SIGKILL)
            _ = await process.wait()
            kills += 1
            await api.shutdown()
            (process, url) = try await start()
            api = try client(url)
            let root = url.replacingOccurrences(of: "/v1", with: "")
            let report = try JSONSerialization.jsonObject(with: Data(try await RawHTTP.send("GET", root + "/_sandbox/invariants").body.utf8)) as? [String: Any]
            let violations = report?["violations"] as? [String] ?? ["no report"]
            #expect(violations.isEmpty, "after kill \(kills): \(violations)")
        }
        // After the last restart everything finishes, and the demo key survived every restart.
        let finished = try await BackgroundBinary.eventually(timeout: .seconds(30)) {
            var done = true
            for (id, channel) in zip(ids, channels) { done = try await api.get(id, channel: channel).status.isFinal && done }
            return done
        }
        #expect(finished)
        let root = url.replacingOccurrences(of: "/v1", with: "")
        for (i, id) in ids.enumerated() {
            let counts = try await RawHTTP.send("GET", root + "/_sandbox/campaigns/\(id)").object ?? [:]
            let handed = counts["handed_off"] as? Int ?? -1, notSent = counts["not_sent"] as? Int ?? -1
            #expect(handed + (i == 1 ? notSent : 0) == 1200, "campaign \(i): \(counts)")
        }
        print("restart: \(kills) kill -9 cycles, \(ids.count) campaigns (\(channels.map(\.rawValue).joined(separator: ", "))) of 1200 recipients, invariants held after each")
        await api.shutdown()
        process.signal(SIGTERM)
        _ = await process.wait()
    }
}
