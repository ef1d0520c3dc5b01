import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// Rate limits, quota and idempotency.
@Suite struct LimitsTests {
    @Test func twoPerSecondPerOrganisationSharedByItsKeys() async throws {
        try await withSandbox(rate: 2) { s in
            let id = try await s.draft()
            try await s.force(id, "scheduled")
            // A second key of the same organisation draws on the same budget.
            let org = try #require(try await RawHTTP.send("POST", s.root + "/_sandbox/organizations", body: #"{"id":"org_demo"}"#).object)
            let second = try #require(org["key"] as? String)
            // Four at once, two per key, after a quiet second: the organisation's budget lets
            // exactly two through.
            try await Task.sleep(for: .seconds(1.1))
            async let a = s.raw("GET", "/email/campaigns")
            async let b = s.raw("GET", "/email/campaigns", key: second)
            async let c = s.raw("POST", "/email/campaigns/\(id)/cancel")
            async let d = s.raw("POST", "/email/campaigns/\(id)/cancel", key: second)
            let answers = try await [a, b, c, d]
            #expect(answers.filter { $0.status == 429 }.count == 2, "\(answers.map(\.status))")
            let limited = try #require(answers.first { $0.status == 429 })
            #expect(limited.object?["name"] as? String == "rate_limit_exceeded")
            #expect(limited.header("retry-after") == "1")
            #expect(limited.header("ratelimit-remaining") == "0")
            // A 429'd cancel had no effect: the campaign is cancelled only if a cancel got through.
            let cancelled = [answers[2], answers[3]].contains { $0.status == 200 }
            try await Task.sleep(for: .seconds(1.1))
            #expect(try await s.inspect(id)["status"] as? String == (cancelled ? "cancelled" : "scheduled"))

            // Another organisation has its own budget.
            let other = try #require(try await RawHTTP.send("POST", s.root + "/_sandbox/organizations", body: "{}").object?["key"] as? String)
            #expect(try await s.raw("GET", "/email/campaigns", key: other).status == 200)
        }
    }

    @Test func thePacedClientNeverMeetsA429() async throws {
        try await withSandbox(rate: 2, clientRate: 2) { s in
            for i in 0..<3 { _ = try await s.draft("C\(i)") }
            for _ in 0..<3 { _ = try await s.client.list(CampaignQuery(limit: 1)) }
            let log = try await RawHTTP.send("GET", s.root + "/_sandbox/requests")
            let statuses = ((try? JSONSerialization.jsonObject(with: Data(log.body.utf8))) as? [[String: Any]] ?? []).compactMap { $0["status"] as? Int }
            #expect(statuses.count == 6)
            #expect(!statuses.contains(429))
        }
    }

    @Test func monthlyQuotaIsA429ThatIsNotRetried() async throws {
        try await withSandbox { s in
            let id = try await s.draft()
            _ = try await RawHTTP.send("POST", s.root + "/_sandbox/organizations/org_demo/quota", body: #"{"exhausted":true}"#)
            let error = await #expect(throws: ArselError.self) { try await s.client.send(id, channel: .email) }
            #expect(error?.isQuotaExhausted == true)
            #expect(try await s.client.get(id, channel: .email).status == .draft)
        }
    }

    @Test func idempotencyReplaysConflictsAndWaits() async throws {
        try await withSandbox { s in
            let a = try await s.draft(), b = try await s.draft()
            try await s.force(a, "sending")
            try await s.force(b, "sending")
            let first = try await s.raw("POST", "/email/campaigns/\(a)/cancel", headers: [("Idempotency-Key", "k1")])
            let again = try await s.raw("POST", "/email/campaigns/\(a)/cancel", headers: [("Idempotency-Key", "k1")])
            #expect(first.status == 200 && again.status == 200, "a repeat returns the first answer, not a 400")
            #expect(again.body == first.body)
            #expect(again.header("idempotent-replayed") == "true")
            let other = try await s.raw("POST", "/email/campaigns/\(b)/cancel", headers: [("Idempotency-Key", "k1")])
            #expect(other.status == 409)
            #expect(try await s.client.get(b, channel: .email).status == .sending, "the 409 did nothing")
            let tooLong = try await s.raw("POST", "/email/campaigns/\(b)/cancel", headers: [("Idempotency-Key", String(repeating: "k", count: 257))])
            #expect(tooLong.status == 400)

            // While the first request with a key still runs, a second one gets 503.
            try await s.faults(#"{"POST /v1/email/campaigns/:id/cancel": {"hold_ms": 800, "times": 1}}"#)
            async let slow = s.raw("POST", "/email/campaigns/\(b)/cancel", headers: [("Idempotency-Key", "k2")])
            // Waits until the first request holds the key (not a guess at how long that takes).
            #expect(try await BackgroundBinary.eventually(timeout: .seconds(5), every: .milliseconds(5)) {
                try s.sandbox.idempotencyState(key: "k2") == "running"
            })
            let concurrent = try await s.raw("POST", "/email/campaigns/\(b)/cancel", headers: [("Idempotency-Key", "k2")])
            #expect(concurrent.status == 503)
            #expect(concurrent.object?["name"] as? String == "concurrent_idempotent_requests")
            #expect(try await slow.status == 200)
        }
    }

    @Test func faultsAreInjectedPerRoute() async throws {
        try await withSandbox { s in
            let id = try await s.draft()
            try await s.faults(#"{"GET /v1/email/campaigns/:id": {"html": true, "error_status": 502, "times": 1}}"#)
            let html = try await s.raw("GET", "/email/campaigns/\(id)")
            #expect(html.status == 502)
            #expect(html.body.contains("<html>"))
            #expect(try await s.raw("GET", "/email/campaigns/\(id)").status == 200, "times: 1 then gone")

            try await s.faults(#"{"GET /v1/email/campaigns": {"retry_after": "Wed, 21 Oct 2037 07:28:00 GMT", "times": 1}}"#)
            let limited = try await s.raw("GET", "/email/campaigns")
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") == "Wed, 21 Oct 2037 07:28:00 GMT")

            // Commit, then drop: the cancel ran, the client never heard; the client re-reads.
            try await s.force(id, "sending")
            try await s.faults(#"{"POST /v1/email/campaigns/:id/cancel": {"drop_after": true, "times": 1}}"#)
            let report = await s.client.cancel(id, channel: .email)
            #expect(report.outcome == .cancelled(message: nil, confirmedByReread: true))
            let log = try await RawHTTP.send("GET", s.root + "/_sandbox/requests")
            let posts = ((try? JSONSerialization.jsonObject(with: Data(log.body.utf8))) as? [[String: Any]] ?? [])
                .filter { $0["method"] as? String == "POST" && ($0["path"] as? String)?.hasSuffix("/cancel") == true }
            #expect(posts.count == 1, "exactly one cancel was sent")
            #expect(posts.first?["status"] as? Int == 0, "logged as dropped")
            #expect(posts.first?["idempotency_key"] as? String == report.idempotencyKey)
        }
    }
}
