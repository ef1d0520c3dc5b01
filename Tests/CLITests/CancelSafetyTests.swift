import ArselSandbox
import Foundation
import Testing
import TestSupport

/// The front-ends' cancel safety through the real binary: the audit trail records the intent
/// before the request leaves (or nothing leaves), the line mode cancels only the campaign the
/// person picked, and `demo` reports a broken configuration instead of crashing.
@Suite struct CancelSafetyTests {
    struct Demo {
        let sandbox: Sandbox
        let state: URL
        var env: [String: String] {
            ["ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString, "XDG_STATE_HOME": state.path]
        }
        var audit: URL { state.appendingPathComponent("arsel-campaigns/audit.jsonl") }

        func scheduledID() async throws -> String {
            let list = try await Binary.run(["list", "--status", "scheduled", "--json", "--rate", "100"], environment: env)
            let objects = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
            return try #require(objects?.first?["id"] as? String, "a scheduled campaign: \(list.stdout)\(list.stderr)")
        }

        func cancelRequests(_ id: String) async throws -> [[String: Any]] {
            let body = try await RawHTTP.send("GET", sandbox.root + "/_sandbox/requests").body
            let log = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? []
            return log.filter { ($0["method"] as? String) == "POST" && ($0["path"] as? String)?.hasSuffix("/\(id)/cancel") == true }
        }

        func status(_ id: String) async throws -> String {
            let body = try await RawHTTP.send("GET", sandbox.baseURL.absoluteString + "/email/campaigns/\(id)", key: sandbox.demoKey).body
            return ((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["status"] as? String ?? "?").lowercased()
        }
    }

    func withDemo(_ body: (Demo) async throws -> Void) async throws {
        let sandbox = try await Sandbox.startForTests()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        do {
            try await body(Demo(sandbox: sandbox, state: state))
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    @Test func theIntentIsRecordedBeforeTheCancelAndTheOutcomeAfter() async throws {
        try await withDemo { demo in
            let id = try await demo.scheduledID()
            let r = try await Binary.run(["cancel", id, "--yes", "--rate", "100"], environment: demo.env)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            let lines = try String(contentsOf: demo.audit, encoding: .utf8).split(separator: "\n")
            let records = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            #expect(records.map { $0["outcome"] as? String } == ["intent", "cancelled"], "\(lines)")
            #expect(records.allSatisfy { $0["campaign_id"] as? String == id })
            let key = try #require(records.first?["idempotency_key"] as? String)
            #expect(records.last?["idempotency_key"] as? String == key, "one idempotency key for the intent and its outcome")
            #expect(try await demo.cancelRequests(id).map { $0["idempotency_key"] as? String } == [key], "the request carried it")
        }
    }

    /// Every audit line names the campaign and the status the command read before cancelling,
    /// `--yes` and a given channel included: Scheduled the first time, Cancelled when it is
    /// cancelled again (which the API refuses) — never a null name or prior status.
    @Test func auditLinesCarryTheNameAndPriorStatusTheCommandSaw() async throws {
        try await withDemo { demo in
            let id = try await demo.scheduledID()
            let show = try await Binary.run(["show", id, "--json", "--rate", "100"], environment: demo.env)
            let name = try #require((try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])?["name"] as? String)
            var expected: [(outcome: String, before: String)] = []
            for (arguments, outcome, before) in [
                (["--channel", "email"], "cancelled", "Scheduled"), (["--channel", "email"], "error", "Cancelled"),
                ([], "error", "Cancelled"), (["--json"], "error", "Cancelled"),
            ] {
                let r = try await Binary.run(["cancel", id, "--yes", "--rate", "100"] + arguments, environment: demo.env)
                #expect(r.status == (outcome == "cancelled" ? 0 : 1), "\(arguments): \(r.stdout)\(r.stderr)")
                expected += [("intent", before), (outcome, before)]
            }
            let lines = try String(contentsOf: demo.audit, encoding: .utf8).split(separator: "\n")
            let records = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            #expect(records.map { $0["outcome"] as? String } == expected.map(\.outcome), "\(lines)")
            #expect(records.map { $0["status_before"] as? String } == expected.map(\.before), "\(lines)")
            #expect(records.allSatisfy { $0["campaign_name"] as? String == name }, "\(lines)")
            let audit = try await Binary.run(["audit"], environment: demo.env)
            let last = try #require(audit.stdout.split(separator: "\n").last)
            #expect(last.contains("email \(id) \"\(name)\"  Cancelled → error  bad_request"), "\(last)")
        }
    }

    @Test func aCancelWhoseIntentCannotBeRecordedIsNotSent() async throws {
        try await withDemo { demo in
            let id = try await demo.scheduledID()
            // The audit trail cannot be written: its path is a directory.
            try FileManager.default.createDirectory(at: demo.audit, withIntermediateDirectories: true)
            let r = try await Binary.run(["cancel", id, "--yes", "--rate", "100"], environment: demo.env)
            #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
            #expect((r.stdout + r.stderr).contains("not sent: the audit trail could not record it"), "\(r.stdout)\(r.stderr)")
            #expect(try await demo.cancelRequests(id).isEmpty, "no cancel request reached the API")
            #expect(try await demo.status(id) == "scheduled")
        }
    }

    /// Writes the intent line a cancel process writes before sending, as one that then died
    /// would leave it: no answer after it, its process gone.
    func deadIntent(_ demo: Demo, id: String, key: String) throws {
        let line: [String: Any] = [
            "time": Date().addingTimeInterval(-120).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)),
            "user": "nora", "profile": "default", "api_host": "127.0.0.1", "source": "cli", "campaign_id": id,
            "campaign_name": "Picked", "channel": "email", "status_before": "Scheduled", "idempotency_key": key,
            "outcome": "intent", "attempts": 0, "host": ProcessInfo.processInfo.hostName, "pid": 999_999,
        ]
        try FileManager.default.createDirectory(at: demo.audit.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) + Data("\n".utf8)
        if let handle = try? FileHandle(forWritingTo: demo.audit) {
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
            try handle.close()
        } else {
            try data.write(to: demo.audit)
        }
    }

    /// `audit --resolve`: each cancel a dead process left unknown is re-read and said — one that
    /// reached Arsel is Cancelled, one that did not is still Scheduled — and recorded; the next
    /// `cancel` of the second resends its key; a failing re-read stays unknown and exits 2.
    @Test func auditResolveSettlesWhatADeadProcessLeftUnknown() async throws {
        try await withDemo { demo in
            let list = try await Binary.run(["list", "--status", "scheduled", "--json", "--rate", "100"], environment: demo.env)
            let ids = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["id"] as? String })
            try #require(ids.count >= 3, "\(list.stdout)")
            let (reached, lost, failing) = (ids[0], ids[1], ids[2])
            // The first reached Arsel before its process died; the second never left.
            try deadIntent(demo, id: reached, key: "dead-1")
            _ = try await RawHTTP.send("POST", demo.sandbox.baseURL.absoluteString + "/email/campaigns/\(reached)/cancel", key: demo.sandbox.demoKey,
                                       headers: [("Idempotency-Key", "dead-1")])
            try deadIntent(demo, id: lost, key: "dead-2")

            let r = try await Binary.run(["audit", "--resolve", "--rate", "100"], environment: demo.env)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            let out = r.stdout.split(separator: "\n").map(String.init)
            #expect(out.first { $0.hasSuffix("— email \(reached), key dead-1") }?.contains("is Cancelled") == true, "\(r.stdout)")
            #expect(out.first { $0.hasSuffix("— email \(lost), key dead-2") }?.contains("is still Scheduled — not cancelled") == true, "\(r.stdout)")
            #expect(try await demo.cancelRequests(lost).isEmpty, "resolving resends nothing")
            let records = try String(contentsOf: demo.audit, encoding: .utf8).split(separator: "\n")
                .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            let resolved = records.filter { $0["outcome"] as? String == "resolved" }
            #expect(resolved.map { $0["status_after"] as? String } == ["Cancelled", "Scheduled"])
            #expect(resolved.map { $0["idempotency_key"] as? String } == ["dead-1", "dead-2"])

            // Settled: nothing is open any more.
            let again = try await Binary.run(["audit", "--resolve", "--rate", "100"], environment: demo.env)
            #expect(again.status == 0)
            #expect(again.stdout.contains("No cancel with an unknown outcome in the last 24 h"), "\(again.stdout)\(again.stderr)")

            // The next cancel of the one that never left is sent with its key.
            let cancel = try await Binary.run(["cancel", lost, "--yes", "--rate", "100"], environment: demo.env)
            #expect(cancel.status == 0, "\(cancel.stdout)\(cancel.stderr)")
            #expect(try await demo.cancelRequests(lost).map { $0["idempotency_key"] as? String } == ["dead-2"])
            #expect(try await demo.status(lost) == "cancelled")

            // A re-read that fails: still unknown, nothing recorded, exit 2.
            try deadIntent(demo, id: failing, key: "dead-3")
            _ = try await RawHTTP.send("PUT", demo.sandbox.root + "/_sandbox/faults", body: #"{"GET /v1/email/campaigns/:id": {"error_rate": 1, "error_status": 500}}"#)
            let stuck = try await Binary.run(["audit", "--resolve", "--rate", "100"], environment: demo.env)
            #expect(stuck.status == 2, "\(stuck.stdout)\(stuck.stderr)")
            #expect(stuck.stdout.contains("Earlier cancel still unknown: \"Picked\""), "\(stuck.stdout)")
            let dead3 = try String(contentsOf: demo.audit, encoding: .utf8).split(separator: "\n")
                .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .filter { $0["idempotency_key"] as? String == "dead-3" }
            #expect(dead3.map { $0["outcome"] as? String } == ["intent"], "a failed re-read records nothing: \(dead3)")
        }
    }

    /// The line mode settles earlier unknowns when it starts and says each (its cancels share
    /// the key reuse `cancel` is tested with: one `AuditTrail.cancel`).
    @Test func theLineModeSaysWhatAnEarlierUnknownCameTo() async throws {
        try await withDemo { demo in
            let id = try await demo.scheduledID()
            try deadIntent(demo, id: id, key: "dead-line")
            let r = try await Binary.run(
                ["--plain", "--channel", "email", "--rate", "100"], environment: demo.env, input: "q\n", timeout: .seconds(30))
            let note = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("note: Earlier cancel re-checked: \"Picked\" (email, ") },
                                    "\(r.stdout)\(r.stderr)")
            #expect(note.contains("is still Scheduled — not cancelled"))
            #expect(try await demo.cancelRequests(id).isEmpty, "said, not resent")
            let resolved = try String(contentsOf: demo.audit, encoding: .utf8).split(separator: "\n")
                .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .filter { $0["outcome"] as? String == "resolved" }
            #expect(resolved.map { $0["source"] as? String } == ["line"])
        }
    }

    /// A server whose GET of one campaign answers about another: the line mode's re-read must
    /// not turn into a cancel of the campaign the answer names.
    @Test func theLineModeCancelsOnlyThePickedCampaign() async throws {
        let picked = Fixtures.id(7), other = Fixtures.id(8)
        let server = try await ScriptedServer { req in
            if req.path == "/v1/email/campaigns" {
                return .json(200, Fixtures.list([Fixtures.emailCampaign(id: picked, name: "Picked")], hasMore: false))
            }
            if req.method == "GET" { return .json(200, Fixtures.emailCampaign(id: other, name: "Another")) }
            return .json(200, #"{"message":"Campaign cancelled"}"#)
        }
        defer { Task { await server.shutdown() } }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let r = try await Binary.run(
            ["--plain", "--channel", "email", "--rate", "100"],
            environment: ["ARSEL_API_KEY": "be_line_mode_test_key_1234", "ARSEL_BASE_URL": server.baseURL, "XDG_STATE_HOME": state.path],
            input: "c 1\nyes\nq\n", timeout: .seconds(30))
        #expect(r.stdout.contains("1. [cancellable] Picked"), "\(r.stdout)\(r.stderr)")
        #expect(!server.requests.contains { $0.method == "POST" }, "no cancel was sent: \(server.requests.map { "\($0.method) \($0.path)" })")
        #expect(r.stdout.contains("skipped: Picked"), "\(r.stdout)")
    }

    /// The README's own sample config, with the variable its staging profile names unset.
    static let readmeConfig = """
        default_profile: staging
        theme: default
        profiles:
          production:
            base_url: https://api.arsel.sa/v1
            api_key_file: ~/.config/arsel-campaigns/production.key
            production: true
            theme: high-contrast
          staging:
            base_url: https://api.arsel.sa/v1
            api_key_env: ARSEL_STAGING_KEY
            readonly: true
            refresh: 30
            rate: 1
        """

    func withConfig(_ text: String, _ body: (URL) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("config.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try await body(file)
    }

    @Test func demoIgnoresAProfilesKeyAndReadOnlyFlag() async throws {
        try await withConfig(Self.readmeConfig) { file in
            let r = try await Binary.run(
                ["demo", "--config", file.path], environment: ["ARSEL_STAGING_KEY": ""], input: "c 1\nyes\nq\n",
                timeout: .seconds(60))
            #expect(!r.stderr.contains("Fatal error"), "\(r.stderr)")
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.contains("[SANDBOX]"), "\(r.stdout)")
            #expect(!r.stdout.contains("read-only"), "the staging profile's readonly does not apply to the demo")
            #expect(r.stdout.contains("Campaign cancelled"), "the demo cancels: \(r.stdout)")
        }
    }

    @Test func demoWithABrokenConfigSaysWhereAndExits3() async throws {
        try await withConfig("profiles:\n  staging:\n    base_urll: https://api.arsel.sa/v1\n") { file in
            let r = try await Binary.run(["demo", "--config", file.path], input: "q\n", timeout: .seconds(30))
            #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
            #expect(r.stderr.contains("config.yaml:3"), "file and line: \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error"), "\(r.stderr)")
        }
    }
}
