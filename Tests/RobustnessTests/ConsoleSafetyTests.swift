import ArselSandbox
import Foundation
import Testing
import TestSupport

/// Issue 9's console rules, met as a person meets them: the real binary in tmux against the
/// sandbox. Nothing acts that cannot be seen; `q` never hides a cancel's outcome; nothing is sent
/// that the audit trail could not record.
@Suite(.serialized) struct ConsoleSafetyTests {
    static let name = "Ramadan offers — KSA list"  // the first row: selected when the console opens

    struct Console {
        let sandbox: Sandbox
        let tmux: Tmux
        let state: URL
        var audit: URL { state.appendingPathComponent("arsel-campaigns/audit.jsonl") }

        func posts() async throws -> Int {
            let body = try await RawHTTP.send("GET", sandbox.root + "/_sandbox/requests").body
            let all = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? []
            return all.filter { ($0["method"] as? String) == "POST" && (($0["path"] as? String) ?? "").hasSuffix("/cancel") }.count
        }

        /// The first campaign's id and status, as the sandbox has them.
        func first() async throws -> (id: String, status: String) {
            let body = try await RawHTTP.send("GET", sandbox.root + "/v1/email/campaigns?limit=1", key: sandbox.demoKey).body
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            let entry = try #require((object?["data"] as? [[String: Any]])?.first, "\(body)")
            return (try #require(entry["id"] as? String), ((entry["status"] as? String) ?? "?").lowercased())
        }

        func auditRecords() throws -> [[String: Any]] {
            try String(contentsOf: audit, encoding: .utf8).split(separator: "\n")
                .compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        }
    }

    func withConsole(prepare: (URL) throws -> Void = { _ in }, _ body: (Console) async throws -> Void) async throws {
        try #require(Tmux.available, "tmux is required (scripts/test installs it)")
        let sandbox = try await Sandbox.startForTests()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state.appendingPathComponent("arsel-campaigns"), withIntermediateDirectories: true)
        try prepare(state)
        let tmux = try Tmux(width: 120, height: 30)
        defer {
            tmux.kill()
            try? FileManager.default.removeItem(at: state)
        }
        try tmux.type("XDG_STATE_HOME=\(state.path) ARSEL_BASE_URL=\(sandbox.baseURL.absoluteString) ARSEL_API_KEY=\(sandbox.demoKey) \(Binary.url.path) --rate 50 2>\(state.path)/stderr; echo EX\"\"ITED=$?")
        #expect(await tmux.waitFor(Self.name), "the list appears:\n\((try? tmux.screen()) ?? "")")
        do { try await body(Console(sandbox: sandbox, tmux: tmux, state: state)) } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    @Test func keysCannotCancelWhileTheTerminalIsTooSmall() async throws {
        try await withConsole { c in
            let (id, status) = try await c.first()
            #expect(status == "scheduled")
            try c.tmux.resize(width: 30, height: 8)
            #expect(await c.tmux.waitFor("terminal too small"))
            try c.tmux.press("c")
            try c.tmux.press("y")
            try c.tmux.press("Tab")
            try c.tmux.press("Enter")
            try c.tmux.resize(width: 120, height: 30)
            #expect(await c.tmux.waitFor(Self.name))
            let screen = try c.tmux.screen()
            #expect(!screen.contains("Cancel campaign?"), "no dialog was opened behind the small screen:\n\(screen)")
            #expect(try await c.posts() == 0, "no cancel was sent")
            #expect(try await c.first() == (id, "scheduled"))
            try c.tmux.press("q")
            #expect(await c.tmux.waitFor("EXITED=0"))
        }
    }

    @Test func qDuringACancelAsksThenQuitsWithTheOutcomeUnknown() async throws {
        try await withConsole { c in
            let (id, _) = try await c.first()
            // The cancel takes 5 s at the server: `q` lands while it is in flight.
            _ = try await RawHTTP.send("PUT", c.sandbox.root + "/_sandbox/faults", body: #"{"POST /v1/email/campaigns/:id/cancel": {"hold_ms": 5000}}"#)
            try c.tmux.press("c")
            #expect(await c.tmux.waitFor("[> Keep <]"))
            try c.tmux.press("y")
            #expect(await c.tmux.waitForRow(Self.name, shows: "cancelling…"))
            try c.tmux.press("q")
            #expect(await c.tmux.waitFor("A cancel is still running — quit anyway?"), "q asks first:\n\((try? c.tmux.screen()) ?? "")")
            #expect(!(try c.tmux.screen()).contains("EXITED="))
            try c.tmux.press("y")
            #expect(await c.tmux.waitFor("EXITED=2"), "quitting with an unknown outcome exits 2:\n\((try? c.tmux.screen()) ?? "")")
            let stderr = try String(contentsOf: c.state.appendingPathComponent("stderr"), encoding: .utf8)
            #expect(stderr.contains("campaign \(id): interrupted by quit"), "stderr names the campaign: \(stderr)")
            let records = try c.auditRecords().filter { $0["campaign_id"] as? String == id }
            #expect(records.map { $0["outcome"] as? String } == ["intent", "unknown"], "\(records)")
        }
    }

    @Test func aConsoleCancelWhoseIntentCannotBeRecordedIsNotSent() async throws {
        // The audit file's path is a directory: no intent line can be written.
        try await withConsole(prepare: { state in
            try FileManager.default.createDirectory(at: state.appendingPathComponent("arsel-campaigns/audit.jsonl"), withIntermediateDirectories: true)
        }) { c in
            try c.tmux.press("c")
            #expect(await c.tmux.waitFor("[> Keep <]"))
            try c.tmux.press("y")
            #expect(await c.tmux.waitFor("not sent: the audit trail could not record it"), "\((try? c.tmux.screen()) ?? "")")
            #expect(try await c.posts() == 0)
            #expect(try await c.first().status == "scheduled")
            try c.tmux.press("q")
            #expect(await c.tmux.waitFor("EXITED="))
        }
    }
}
