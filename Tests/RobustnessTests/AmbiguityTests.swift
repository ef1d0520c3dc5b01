import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// A cancel whose answer is lost or refused for a moment: the audit trail and the sandbox's own
/// record show exactly one execution, and nothing says "cancelled" that was not.
@Suite struct AmbiguityTests {
    @Test(arguments: [
        ("commit-then-drop", #"{"drop_after": true, "times": 1}"#),
        ("503", #"{"error_rate": 1, "error_status": 503, "times": 1}"#),
        ("429", #"{"retry_after": "1", "times": 1}"#),
        ("reset", #"{"reset": true, "times": 1}"#),
    ])
    func exactlyOneExecution(name: String, fault: String) async throws {
        let sandbox = try await Sandbox.startForTests()
        let root = sandbox.root
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("amb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let env = ["ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString, "XDG_STATE_HOME": state.path]
        let list = try await Binary.run(["list", "--status", "sending", "--json", "--rate", "100"], environment: env)
        let id = try #require(((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]])?.first?["id"] as? String)
        _ = try await RawHTTP.send("PUT", root + "/_sandbox/faults", body: #"{"POST /v1/email/campaigns/:id/cancel": \#(fault)}"#)

        let r = try await Binary.run(["cancel", id, "--yes", "--json", "--rate", "100", "--timeout", "5"], environment: env)
        let out = try #require((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])?.first, "\(r.stdout)\(r.stderr)")
        #expect(out["outcome"] as? String == "cancelled", "\(name): \(out)")
        #expect(out["status"] as? String == "Cancelled")
        #expect(r.status == 0)

        // The sandbox: the campaign stopped once; the emails are all accounted for.
        let counts = try #require(try await RawHTTP.send("GET", root + "/_sandbox/campaigns/\(id)").object)
        #expect(counts["status"] as? String == "cancelled")
        #expect((counts["handed_off"] as? Int ?? 0) + (counts["not_sent"] as? Int ?? 0) == counts["recipients"] as? Int)
        #expect(try sandbox.checkInvariants().violations.isEmpty)
        // Every attempt carried the same idempotency key: at most one could run.
        let log = ((try JSONSerialization.jsonObject(with: Data(try await RawHTTP.send("GET", root + "/_sandbox/requests").body.utf8))) as? [[String: Any]]) ?? []
        let posts = log.filter { ($0["path"] as? String)?.hasSuffix("/cancel") == true }
        #expect(Set(posts.compactMap { $0["idempotency_key"] as? String }).count == 1, "\(name): \(posts)")
        #expect(posts.filter { $0["status"] as? Int == 200 }.count <= 1)

        // The audit trail: the intent, then one outcome, cancelled, with the same key.
        let lines = try String(contentsOf: state.appendingPathComponent("arsel-campaigns/audit.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let intent = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(intent["outcome"] as? String == "intent")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[lines.count - 1].utf8)) as? [String: Any])
        #expect(record["outcome"] as? String == "cancelled")
        #expect(record["idempotency_key"] as? String == posts.first?["idempotency_key"] as? String)
        await sandbox.stop()
    }

    @Test func lostAnswerAndLostRereadIsUnknownInTheAuditToo() async throws {
        let sandbox = try await Sandbox.startForTests()
        let root = sandbox.root
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("amb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let env = ["ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString, "XDG_STATE_HOME": state.path]
        let list = try await Binary.run(["list", "--status", "scheduled", "--json", "--rate", "100"], environment: env)
        let id = try #require(((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]])?.first?["id"] as? String)
        _ = try await RawHTTP.send("PUT", root + "/_sandbox/faults", body: #"""
            {"POST /v1/email/campaigns/:id/cancel": {"drop_after": true}, "GET /v1/email/campaigns/:id": {"reset": true}}
            """#)
        let r = try await Binary.run(["cancel", id, "--channel", "email", "--yes", "--json", "--rate", "100", "--timeout", "3"], environment: env)
        #expect(r.status == 2)
        let out = try #require((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(out["outcome"] as? String == "unknown", "never cancelled, never failed without evidence")
        let lines = try String(contentsOf: state.appendingPathComponent("arsel-campaigns/audit.jsonl"), encoding: .utf8).split(separator: "\n")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[lines.count - 1].utf8)) as? [String: Any])
        #expect(record["outcome"] as? String == "unknown")
        await sandbox.stop()
    }
}
