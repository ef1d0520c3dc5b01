import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// The dispatcher, stepped by hand.
@Suite struct DispatcherTests {
    @Test func queuedSendsInBatchesThenSent() async throws {
        try await withSandbox(configure: { $0.queueDelay = .zero; $0.batchSize = 150 }) { s in
            let id = try await s.draft(lists: 1)  // 400 recipients
            try await s.client.send(id, channel: .email)
            try s.sandbox.tick()  // Queued → Sending (+ first batch)
            #expect(try await s.client.get(id, channel: .email).status == .sending)
            #expect(try await s.inspect(id)["handed_off"] as? Int == 150)
            try s.sandbox.tick()
            try s.sandbox.tick()
            let c = try await s.client.get(id, channel: .email)
            #expect(c.status == .sent)
            #expect(c.sentAt != nil)
            #expect(try await s.inspect(id)["handed_off"] as? Int == 400)
            #expect(try s.sandbox.checkInvariants().violations.isEmpty)
        }
    }

    @Test func scheduledBecomesQueuedAtItsTime() async throws {
        try await withSandbox(configure: { $0.queueDelay = .seconds(60) }) { s in
            let id = try await s.draft()
            let when = Date().addingTimeInterval(3600)
            try await s.client.send(id, channel: .email, scheduledAt: when)
            try s.sandbox.tick(now: when.addingTimeInterval(-60))
            #expect(try await s.client.get(id, channel: .email).status == .scheduled)
            try s.sandbox.tick(now: when.addingTimeInterval(1))
            #expect(try await s.client.get(id, channel: .email).status == .queued)
        }
    }

    @Test(arguments: [("fail_at", "failed"), ("pause_at", "paused"), ("autocancel_at", "cancelled")])
    func outOfBandChanges(knob: String, status: String) async throws {
        try await withSandbox(configure: { $0.queueDelay = .zero; $0.batchSize = 100 }) { s in
            let id = try await s.draft(lists: 1)
            try await s.force(id, "sending", extra: ",\"\(knob)\":0.5")
            for _ in 0..<3 { try s.sandbox.tick() }
            let c = try await s.client.get(id, channel: .email)
            #expect(c.status == CampaignStatus(status))
            let counts = try await s.inspect(id)
            #expect(counts["handed_off"] as? Int == 200)
            if status != "paused" { #expect(counts["not_sent"] as? Int == 200) }
            #expect(try s.sandbox.checkInvariants().violations.isEmpty)
            // Whatever it became, cancelling now is refused (Paused included).
            #expect(await s.client.cancel(id, channel: .email).outcome.kind == "error")
        }
    }
}
