import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// Push campaigns: the same routes over the channel, every documented push key, and a send
/// spread over `throttle_minutes` that a cancel stops mid-way with the same invariant as email.
@Suite struct PushTests {
    @Test func pushCampaignsCarryEveryDocumentedKey() async throws {
        try await withSandbox { s in
            let id = try await s.client.create(.push, name: "Flash", fields: [
                "title": "Doors close", "body": "40% off", "throttle_minutes": 90, "target_platforms": .strings(["android", "ios"]),
                "subject": "not a push field",
            ])
            let raw = try await s.raw("GET", "/push/campaigns/\(id)")
            let object = try #require(raw.object)
            #expect(Set(object.keys) == Set(Channel.push.spec.fields), "every documented key, always")
            #expect(object["throttle_minutes"] as? Int == 90)
            #expect(object["target_platforms"] as? [String] == ["android", "ios"])
            #expect(object["image_url"] is NSNull)
            let c = try await s.client.get(id, channel: .push)
            #expect(c.channel == .push)
            #expect(c.extra["title"] == .string("Doors close"))
            #expect(c.extra["subject"] == nil, "another channel's field is not a push field")
            let page = try await s.client.list(CampaignQuery(channel: .push))
            #expect(page.campaigns.map(\.id) == [id])
            #expect(try await s.client.list(CampaignQuery(channel: .email)).campaigns.isEmpty, "channels do not mix")
            // Refused values say so.
            let bad = try await s.raw("POST", "/push/campaigns", body: #"{"name":"x","title":"t","body":"b","throttle_minutes":721}"#)
            #expect(bad.status == 422)
            let deleted = try await s.raw("DELETE", "/push/campaigns/\(id)")
            #expect(deleted.object?["object"] as? String == "push_campaign")
        }
    }

    @Test func aThrottledPushStaysSendingAndACancelStopsItMidWay() async throws {
        // 400 recipients spread over 1 minute; at speed 6 that is 10 s of real time.
        try await withSandbox(configure: { $0.queueDelay = .zero; $0.batchSize = 10_000; $0.speed = 6 }) { s in
            let id = try await s.draft("Throttled push", channel: .push)
            _ = try await s.raw("PATCH", "/push/campaigns/\(id)", body: #"{"throttle_minutes":1}"#)
            try await s.client.send(id, channel: .push)
            try s.sandbox.tick()  // Queued → Sending
            try await Task.sleep(for: .seconds(2))
            try s.sandbox.tick()
            let mid = try #require(try await s.inspect(id)["handed_off"] as? Int)
            #expect(mid > 0 && mid < 400, "about 2/10 of the spread handed off, not all at once: \(mid)")
            #expect(try await s.client.get(id, channel: .push).status == .sending)
            let report = await s.client.cancel(id, channel: .push)
            #expect(report.outcome.kind == "cancelled", "\(report.outcome)")
            try await Task.sleep(for: .seconds(1))
            try s.sandbox.tick()
            try s.sandbox.tick()
            let after = try await s.inspect(id)
            let handed = try #require(after["handed_off"] as? Int), notSent = try #require(after["not_sent"] as? Int)
            #expect(handed < 400, "the cancel stopped it")
            #expect(handed + notSent == 400)
            #expect(try s.sandbox.checkInvariants().violations.isEmpty, "nothing handed off after the cancel's commit")
            #expect(try await s.client.get(id, channel: .push).status == .cancelled)
        }
    }
}
