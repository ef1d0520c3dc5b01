import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// Every route and error of the contract, through the shared client and with raw HTTP.
@Suite struct ContractTests {
    @Test func createListGetNewestFirstWithEveryKey() async throws {
        try await withSandbox { s in
            let a = try await s.draft("First")
            let b = try await s.draft("Second")
            let page = try await s.client.list(CampaignQuery())
            #expect(page.campaigns.map(\.id) == [b, a])
            #expect(page.campaigns.allSatisfy { $0.status == .draft })
            #expect(page.hasMore == false)

            let raw = try await s.raw("GET", "/email/campaigns/\(a)")
            let object = try #require(raw.object)
            #expect(Set(object.keys) == Set(Channel.email.spec.fields), "every documented key, always")
            #expect(object["scheduled_at"] is NSNull)
            #expect(object["status"] as? String == "Draft")
            #expect(raw.header("ratelimit-limit") != nil && raw.header("ratelimit-remaining") != nil && raw.header("ratelimit-reset") != nil)

            let list = try #require(try await s.raw("GET", "/email/campaigns").object)
            #expect(list["object"] as? String == "list")
            #expect(list["has_more"] as? Bool == false)
        }
    }

    @Test func smsCampaignsHaveTheirOwnKeys() async throws {
        try await withSandbox { s in
            let id = try await s.draft("SMS one", channel: .sms)
            let object = try #require(try await s.raw("GET", "/sms/campaigns/\(id)").object)
            #expect(Set(object.keys) == Set(Channel.sms.spec.fields))
            #expect(try await s.client.list(CampaignQuery(channel: .email)).campaigns.isEmpty)
            #expect(try await s.client.get(id, channel: .sms).name == "SMS one")
        }
    }

    @Test func lowerCaseStatusesAndIDCancelBody() async throws {
        try await withSandbox(configure: { $0.statusCase = .lower; $0.cancelBody = .id }) { s in
            let id = try await s.draft()
            try await s.client.send(id, channel: .email, scheduledAt: Date().addingTimeInterval(3600))
            #expect(try await s.raw("GET", "/email/campaigns/\(id)").object?["status"] as? String == "scheduled")
            let answer = try await s.raw("POST", "/email/campaigns/\(id)/cancel")
            #expect(answer.status == 200)
            #expect(answer.object?["id"] as? String == id)
            #expect(answer.object?["message"] == nil)
            #expect(try await s.client.get(id, channel: .email).status == .cancelled)
        }
    }

    @Test func cursorsAreExclusiveAndBothAreRefused() async throws {
        try await withSandbox { s in
            var ids: [String] = []
            for i in 0..<7 { ids.append(try await s.draft("C\(i)")) }
            let newestFirst = Array(ids.reversed())
            let first = try await s.client.list(CampaignQuery(limit: 3))
            #expect(first.campaigns.map(\.id) == Array(newestFirst[0..<3]))
            #expect(first.hasMore)
            let second = try await s.client.list(CampaignQuery(limit: 3), after: newestFirst[2])
            #expect(second.campaigns.map(\.id) == Array(newestFirst[3..<6]))
            let back = try await s.client.list(CampaignQuery(limit: 2), before: newestFirst[3])
            #expect(back.campaigns.map(\.id) == Array(newestFirst[1..<3]), "newest first, exclusive of the cursor")
            #expect(back.hasMore)
            let all = try await s.client.pages(CampaignQuery(limit: 2)).all()
            #expect(all.map(\.id) == newestFirst)

            let both = try await s.raw("GET", "/email/campaigns?after=\(ids[0])&before=\(ids[1])")
            #expect(both.status == 400)
            #expect(both.object?["name"] as? String == "bad_request")
        }
    }

    @Test(arguments: ["0", "101", "-1", "abc"])
    func limitOutOfRangeIsAValidationError(limit: String) async throws {
        try await withSandbox { s in
            let answer = try await s.raw("GET", "/email/campaigns?limit=\(limit)")
            #expect(answer.status == 422)
            #expect(answer.object?["name"] as? String == "validation_error")
            #expect(answer.object?["status_code"] as? Int == 422)
        }
    }

    @Test func searchAndStatusFilters() async throws {
        try await withSandbox { s in
            let ramadan = try await s.draft("Ramadan offers — KSA")
            let arabic = try await s.draft("حملة رمضان")
            _ = try await s.draft("Weekly digest")
            try await s.client.send(ramadan, channel: .email, scheduledAt: Date().addingTimeInterval(600))
            #expect(try await s.client.list(CampaignQuery(search: "RAMADAN")).campaigns.map(\.id) == [ramadan])
            #expect(try await s.client.list(CampaignQuery(search: "رمضان")).campaigns.map(\.id) == [arabic])
            #expect(try await s.client.list(CampaignQuery(status: "Scheduled")).campaigns.map(\.id) == [ramadan])
            #expect(try await s.client.list(CampaignQuery(status: "scheduled")).campaigns.map(\.id) == [ramadan])
            #expect(try await s.client.list(CampaignQuery(status: "draft")).campaigns.count == 2)
            let bad = try await s.raw("GET", "/email/campaigns?status=archivedish")
            #expect(bad.status == 422)
        }
    }

    @Test func updateOnlyInDraftOrScheduled() async throws {
        try await withSandbox { s in
            let id = try await s.draft("Before")
            #expect(try await s.raw("PATCH", "/email/campaigns/\(id)", body: #"{"name":"After"}"#).status == 200)
            #expect(try await s.client.get(id, channel: .email).name == "After")
            #expect(try await s.client.get(id, channel: .email).extra["subject"] == .string("Hi"), "PATCH keeps what it does not name")
            try await s.force(id, "sent")
            let refused = try await s.raw("PATCH", "/email/campaigns/\(id)", body: #"{"name":"Again"}"#)
            #expect(refused.status == 400)
            #expect(refused.object?["name"] as? String == "bad_request")
            let long = try await s.raw("PATCH", "/email/campaigns/\(try await s.draft())", body: "{\"name\":\"\(String(repeating: "x", count: 101))\"}")
            #expect(long.status == 422)
        }
    }

    @Test func deleteIsSoft() async throws {
        try await withSandbox { s in
            let id = try await s.draft()
            let answer = try await s.raw("DELETE", "/email/campaigns/\(id)")
            #expect(answer.status == 200)
            #expect(answer.object?["deleted"] as? Bool == true)
            #expect(try await s.raw("GET", "/email/campaigns/\(id)").status == 404)
            #expect(try await s.inspect(id)["deleted"] as? Bool == true, "still in the database")
        }
    }

    @Test func sendRules() async throws {
        try await withSandbox { s in
            let empty = try await s.client.create(.email, name: "Empty")
            let missing = try await s.raw("POST", "/email/campaigns/\(empty)/send", body: "{}")
            #expect(missing.status == 400)
            #expect(missing.object?["message"] as? String == "Campaign is missing required fields and cannot be sent")

            let now = try await s.draft()
            try await s.client.send(now, channel: .email)
            #expect(try await s.client.get(now, channel: .email).status == .queued)

            let later = try await s.draft()
            let when = Date().addingTimeInterval(3600)
            try await s.client.send(later, channel: .email, scheduledAt: when)
            let c = try await s.client.get(later, channel: .email)
            #expect(c.status == .scheduled)
            #expect(abs((c.scheduledAt?.date ?? .distantPast).timeIntervalSince(when)) < 0.01)

            let past = try await s.raw("POST", "/email/campaigns/\(try await s.draft())/send", body: #"{"scheduled_at":"2020-01-01T00:00:00Z"}"#)
            #expect(past.status == 400)
            #expect(try await s.raw("POST", "/email/campaigns/\(now)/send", body: "{}").status == 400, "Queued cannot be sent again")
        }
    }

    @Test(arguments: ["scheduled", "queued", "sending"])
    func cancellableStatusesCancel(status: String) async throws {
        try await withSandbox { s in
            let id = try await s.draft()
            try await s.force(id, status)
            let report = await s.client.cancel(id, channel: .email)
            #expect(report.outcome == .cancelled(message: "Campaign cancelled", confirmedByReread: false))
            #expect(try await s.client.get(id, channel: .email).status == .cancelled)
            let counts = try await s.inspect(id)
            #expect(counts["not_sent"] as? Int == counts["recipients"] as? Int, "nothing was handed off, everything stops")
        }
    }

    @Test(arguments: ["sent", "failed", "cancelled", "draft", "paused"])
    func otherStatusesAnswer400(status: String) async throws {
        try await withSandbox { s in
            let id = try await s.draft()
            try await s.force(id, status)
            let answer = try await s.raw("POST", "/email/campaigns/\(id)/cancel")
            #expect(answer.status == 400)
            #expect(answer.body == #"{"status_code":400,"name":"bad_request","message":"Campaign cannot be cancelled in its current status"}"#)
            #expect(try await s.client.get(id, channel: .email).status == CampaignStatus(status), "no state change")
        }
    }

    @Test func unknownIDIs404() async throws {
        try await withSandbox { s in
            let answer = try await s.raw("POST", "/email/campaigns/0192a1b2-c3d4-7e5f-9000-abcdef123456/cancel")
            #expect(answer.status == 404)
            #expect(answer.body == #"{"status_code":404,"name":"not_found","message":"Campaign not found"}"#)
            let sms = try await s.draft(channel: .sms)
            #expect(try await s.raw("GET", "/email/campaigns/\(sms)").status == 404, "an SMS id is not an email campaign")
        }
    }

    @Test func authentication() async throws {
        try await withSandbox { s in
            for key in ["", "be_wrong", "not-even-bearer"] {
                let answer = try await RawHTTP.send("GET", s.url + "/email/campaigns", headers: key.isEmpty ? [] : [("Authorization", "Bearer \(key)")])
                #expect(answer.status == 401)
                #expect(answer.body == #"{"status_code":401,"name":"unauthorized","message":"Invalid or missing API key"}"#)
            }
            let none = try await RawHTTP.send("GET", s.url + "/email/campaigns")
            #expect(none.status == 401)
        }
    }

    @Test func errorsAreAlwaysTheEnvelope() async throws {
        try await withSandbox { s in
            let cases: [(String, String, String?)] = [
                ("GET", "/nowhere", nil), ("POST", "/email/campaigns", "{not json"), ("POST", "/email/campaigns", #"{"name": 42}"#),
                ("DELETE", "/email/campaigns", nil), ("GET", "/email/campaigns/x/y/z", nil),
            ]
            for (method, path, body) in cases {
                let answer = try await s.raw(method, path, body: body)
                #expect(answer.status >= 400, "\(method) \(path)")
                let object = try #require(answer.object, "\(method) \(path) answered \(answer.body)")
                #expect(object["status_code"] as? Int == answer.status)
                #expect(object["name"] is String && object["message"] is String)
                #expect(answer.header("content-type")?.contains("json") == true)
            }
        }
    }
}
