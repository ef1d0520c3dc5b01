import ArselAPI
import ArselModel
import Foundation
import Testing
import TestSupport

/// The shapes the docs and Arsel's OpenAPI 1.0 disagree on, read through the real client.
@Suite struct DecodingTests {
    @Test func docsExampleTitleCase() async throws {
        let json = Fixtures.list([Fixtures.emailCampaign(id: Fixtures.id(2), name: "Ramadan", status: "Scheduled")], hasMore: false)
        let page = try await withScripted({ _ in .json(200, json) }) { client, _ in
            try await client.list(CampaignQuery())
        }
        let c = try #require(page.campaigns.first)
        #expect(c.status == .scheduled)
        #expect(c.status.isCancellable)
        #expect(c.name == "Ramadan")
        #expect(c.scheduledAt?.date == Timestamp.parse("2026-12-01T09:00:00Z"))
        #expect(c.extra["preheader"] == .null)
        #expect(c.extra["subject"] == .string("Hi"))
        #expect(page.hasMore == false)
    }

    @Test(arguments: [
        ("sent", CampaignStatus.sent), ("Sent", .sent), ("SENDING", .sending), ("queued", .queued),
        ("cancelled", .cancelled), ("Paused", .paused), ("draft", .draft), ("failed", .failed),
    ])
    func statusCaseInsensitive(raw: String, expected: CampaignStatus) {
        #expect(CampaignStatus(raw) == expected)
        #expect(CampaignStatus(raw).isCancellable == [.scheduled, .queued, .sending].contains(expected))
    }

    @Test func unknownStatusKeptAndNeverCancellable() async throws {
        let json = Fixtures.list([
            Fixtures.emailCampaign(id: Fixtures.id(1), status: "archived"),
            Fixtures.emailCampaign(id: Fixtures.id(0), status: "rescheduling"),
        ], hasMore: false)
        let page = try await withScripted({ _ in .json(200, json) }) { client, _ in try await client.list(CampaignQuery()) }
        #expect(page.campaigns[0].status == .archived)
        #expect(page.campaigns[1].status == .unknown("rescheduling"))
        #expect(page.campaigns.allSatisfy { !$0.status.isCancellable })
        #expect(page.campaigns[1].status.title == "rescheduling")
    }

    @Test func openAPIExampleLowerCaseWithAbsentKeysAndNulls() async throws {
        // Only id is present on the second object; nulls everywhere on the first; an extra key.
        let json = #"""
            {"object":"list","has_more":null,"data":[
              {"id":"a","name":null,"status":"sending","scheduled_at":null,"sent_at":null,"created_at":"2026-03-08T12:00:00Z","updated_at":"2026-03-08T12:00:00.000Z","future_field":{"x":1}},
              {"id":"b"}
            ]}
            """#
        let page = try await withScripted({ _ in .json(200, json) }) { client, _ in try await client.list(CampaignQuery()) }
        #expect(page.campaigns.map(\.id) == ["a", "b"])
        #expect(page.campaigns[0].status == .sending)
        #expect(page.campaigns[0].name == nil)
        #expect(page.campaigns[0].createdAt?.date != nil)
        #expect(page.campaigns[1].status == .unknown(""))
        #expect(page.campaigns[1].status.isCancellable == false)
        #expect(page.hasMore == false)
    }

    @Test func smsCampaignFields() async throws {
        let json = #"""
            {"id":"s1","name":"حملة رمضان","description":null,"content":"Hi","from":"AcmeStore","country":"SA","status":"Queued","num_segments":2,"scheduled_at":null,"sent_at":null,"created_at":"2026-03-08T12:00:00.000Z","updated_at":"2026-03-08T12:00:00.000Z"}
            """#
        let c = try await withScripted({ req in
            req.path == "/v1/sms/campaigns/s1" ? .json(200, json) : .error(404, "not_found", "Campaign not found")
        }) { client, _ in try await client.get("s1", channel: .sms) }
        #expect(c.channel == .sms)
        #expect(c.name == "حملة رمضان")
        #expect(c.extra["num_segments"] == .number(2))
        #expect(c.extra["country"] == .string("SA"))
        #expect(c.apiFields.map(\.0) == Channel.sms.spec.fields)
    }

    @Test(arguments: [
        (#"{"message":"Campaign cancelled"}"#, "Campaign cancelled"),
        (#"{"id":"c1"}"#, nil),  // no message: the catalog says "Campaign cancelled"
        (#"{"message":"Kampagne storniert","id":"x","extra":true}"#, "Kampagne storniert"),
    ] as [(String, String?)])
    func bothCancelBodies(body: String, message: String?) async throws {
        // (`{}` and another campaign's id confirm nothing: they are resolved by a re-read.)
        let report = try await withScripted({ _ in .json(200, body) }) { client, _ in
            await client.cancel("c1", channel: .email)
        }
        #expect(report.outcome == .cancelled(message: message, confirmedByReread: false))
        #expect(report.attempts == 1)
    }

    @Test func timestampsParseLeniently() {
        #expect(Timestamp.parse("2026-04-27T12:00:00.000Z") != nil)
        #expect(Timestamp.parse("2026-04-27T12:00:00Z") != nil)
        #expect(Timestamp.parse("2026-04-27T15:00:00+03:00") == Timestamp.parse("2026-04-27T12:00:00Z"))
        #expect(Timestamp.parse("yesterday") == nil)
        #expect(Timestamp(raw: "yesterday").raw == "yesterday")
    }
}
