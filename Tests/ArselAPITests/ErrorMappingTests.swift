import ArselAPI
import ArselModel
import Foundation
import Testing
import TestSupport

/// Every failure point becomes a readable `ArselError` of the right kind.
@Suite struct ErrorMappingTests {
    @Test func apiEnvelopeWithRetryAfterAndRequestID() async throws {
        let error = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in
                .error(404, "not_found", "Campaign not found", headers: [("x-request-id", "req_42")])
            }) { client, _ in _ = try await client.get("nope", channel: .email) }
        }
        guard case .api(let f) = error else { Issue.record("not an API error: \(String(describing: error))"); return }
        #expect(f.statusCode == 404)
        #expect(f.name == "not_found")
        #expect(f.message == "Campaign not found")
        #expect(f.requestID == "req_42")
        #expect(error?.description == "not_found: Campaign not found")
        #expect(error?.json["kind"] == .string("api"))
        #expect(error?.json["status_code"] == .number(404))
    }

    @Test func envelopeWithoutNameFallsBackToError() async throws {
        let error = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in .json(403, #"{"message":"nope"}"#) }) { client, _ in
                _ = try await client.get("x", channel: .email)
            }
        }
        #expect(error?.name == "error")
        #expect(error?.message == "nope")
        #expect(error?.statusCode == 403)
    }

    @Test func htmlFromAProxyIsUndecodableNotACrash() async throws {
        let html = "<html><head><title>502 Bad Gateway</title></head><body>\n<h1>Bad\tGateway</h1></body></html>"
        let counter = Counter()
        let error = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in
                _ = counter.next()
                return .respond(status: 502, headers: [("content-type", "text/html")], body: Array(html.utf8))
            }) { client, _ in _ = try await client.list(CampaignQuery()) }
        }
        guard case .undecodable(let status, let snippet) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(status == 502)
        #expect(snippet.contains("502 Bad Gateway"))
        #expect(!snippet.contains("\n") && !snippet.contains("\t"))
        #expect(counter.current == 4, "a 5xx on a read is retried up to the attempt limit")
    }

    @Test func okThatIsNotJSON() async throws {
        let error = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in .respond(status: 200, headers: [("content-type", "application/json")], body: Array("{\"data\": [".utf8)) }) { client, _ in
                _ = try await client.list(CampaignQuery())
            }
        }
        #expect(error?.kind == "undecodable")
        #expect(error?.statusCode == 200)
    }

    @Test func connectionRefused() async throws {
        let port = try RefusingPort()
        let client = try makeClient(refusing: port)
        defer { Task { await client.shutdown() } }
        let error = await #expect(throws: ArselError.self) { _ = try await client.list(CampaignQuery()) }
        guard case .transport(let t) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(t.kind == .connectionRefused)
        #expect(t.requestNeverSent)
        await client.shutdown()
    }

    @Test func droppedConnectionIsAResetAndRetried() async throws {
        let counter = Counter()
        let page = try await withScripted({ _ in
            counter.next() == 1 ? .drop : .json(200, Fixtures.list([], hasMore: false))
        }) { client, _ in try await client.list(CampaignQuery()) }
        #expect(page.campaigns.isEmpty)
        #expect(counter.current == 2)
    }

    @Test func resetEveryTimeEndsAsTransportError() async throws {
        let error = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in .reset }) { client, _ in _ = try await client.list(CampaignQuery()) }
        }
        #expect(error?.kind == "transport", "reset, or the deadline when the retries of resets use it up")
    }

    @Test func hangEndsAtTheOverallDeadline() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: ArselError.self) {
            try await withScripted(timeout: .milliseconds(800), { _ in .hang }) { client, _ in
                _ = try await client.list(CampaignQuery())
            }
        }
        let elapsed = ContinuousClock.now - started
        #expect(error?.name == "timeout")
        // The server would hang for an hour; a loose bound tells "deadline" from "hung" even on
        // a loaded CI machine (timing figures themselves belong in the benchmarks).
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }

    @Test func trickleCannotHoldACallForever() async throws {
        // One byte every 150 ms keeps an idle timer happy (the whole body would take minutes);
        // the 1 s deadline still ends it.
        let body = Array(Fixtures.list((0..<4).map { Fixtures.emailCampaign(id: "\($0)") }, hasMore: false).utf8)
        let started = ContinuousClock.now
        let error = await #expect(throws: ArselError.self) {
            try await withScripted(timeout: .seconds(1), { _ in .trickle(status: 200, body: body, interval: .milliseconds(150)) }) { client, _ in
                _ = try await client.list(CampaignQuery())
            }
        }
        #expect(error?.name == "timeout")
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func truncatedBody() async throws {
        let body = Array(Fixtures.list([Fixtures.emailCampaign(id: "x")], hasMore: false).utf8)
        let error = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in .truncated(status: 200, body: body) }) { client, _ in
                _ = try await client.list(CampaignQuery())
            }
        }
        #expect(["transport", "undecodable"].contains(error?.kind ?? ""))
    }

    @Test func redirectIsRefusedAndNeverCarriesTheKey() async throws {
        let target = try await ScriptedServer { _ in .json(200, Fixtures.list([], hasMore: false)) }
        let location = target.baseURL + "/email/campaigns"
        let error = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in .respond(status: 302, headers: [("location", location)], body: []) }) { client, _ in
                _ = try await client.list(CampaignQuery())
            }
        }
        guard case .redirect(let status, let loc) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(status == 302)
        #expect(loc == location)
        #expect(target.requests.isEmpty, "the redirect target was contacted")
        #expect(!(error?.description.contains(testKey) ?? true))
        await target.shutdown()
    }

    @Test func quotaExhaustedIsNeverRetried() async throws {
        let counter = Counter()
        let error = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in
                _ = counter.next()
                return .error(429, "monthly_quota_exceeded", "Monthly quota exceeded")
            }) { client, _ in _ = try await client.list(CampaignQuery()) }
        }
        #expect(error?.isQuotaExhausted == true)
        #expect(counter.current == 1)
    }

    @Test func hugeRetryAfterIsReportedNotSleptThrough() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in
                .error(429, "rate_limit_exceeded", "Too many requests.", headers: [("retry-after", "86400")])
            }) { client, _ in _ = try await client.list(CampaignQuery()) }
        }
        #expect(ContinuousClock.now - started < .seconds(15), "reported at once, not after a day")
        guard case .api(let f) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(f.retryAfter == .seconds(86400))
        #expect(error?.message.contains("86400") == true)
    }

    @Test func notFoundIsNotRetried() async throws {
        let counter = Counter()
        _ = await #expect(throws: ArselError.self) {
            try await withScripted({ _ in
                _ = counter.next()
                return .error(404, "not_found", "Campaign not found")
            }) { client, _ in _ = try await client.get("x", channel: .email) }
        }
        #expect(counter.current == 1)
    }
}
