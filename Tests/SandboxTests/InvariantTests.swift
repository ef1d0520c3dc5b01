import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// The sandbox's own checker: no email is handed off after a cancel commits, whatever happens
/// to the campaign's status afterwards. The race tests rely on it seeing every such hand-off.
@Suite struct InvariantTests {
    /// Cancelled, then set back to Sending out of band: the dispatcher goes on (the service
    /// misbehaving is what the sandbox imitates), and the checker reports every late hand-off.
    @Test func handOffsAfterACancelAreReportedEvenIfTheStatusIsSetBack() async throws {
        try await withSandbox(configure: { $0.queueDelay = .zero; $0.batchSize = 100 }) { s in
            let id = try await s.draft(lists: 5)  // 2 000 recipients
            try await s.force(id, "sending")
            try s.sandbox.tick()
            #expect(await s.client.cancel(id, channel: .email).outcome.kind == "cancelled")
            try await s.force(id, "sending")
            for _ in 0..<5 { try s.sandbox.tick() }
            try expectLateHandOffs(of: id, in: s)
        }
    }

    /// Cancelled, then set to Sent out of band before the sweep: the emails still queued are
    /// handed off by that change, after the cancel.
    @Test func anOutOfBandSentAfterACancelIsReported() async throws {
        try await withSandbox(configure: { $0.queueDelay = .zero; $0.batchSize = 100 }) { s in
            let id = try await s.draft(lists: 1)
            try await s.force(id, "sending")
            try s.sandbox.tick()
            #expect(await s.client.cancel(id, channel: .email).outcome.kind == "cancelled")
            try await s.force(id, "sent")
            try expectLateHandOffs(of: id, in: s)
        }
    }

    /// A second cancel (re-sent out of band, cancelled again) does not move the first cancel's
    /// mark: the hand-offs between the two are still reported.
    @Test func aLaterCancelDoesNotHideEarlierLateHandOffs() async throws {
        try await withSandbox(configure: { $0.queueDelay = .zero; $0.batchSize = 100 }) { s in
            let id = try await s.draft(lists: 2)
            try await s.force(id, "sending")
            try s.sandbox.tick()
            #expect(await s.client.cancel(id, channel: .email).outcome.kind == "cancelled")
            try await s.force(id, "sending")
            try s.sandbox.tick()
            #expect(await s.client.cancel(id, channel: .email).outcome.kind == "cancelled")
            try expectLateHandOffs(of: id, in: s)
        }
    }
}

/// The checker names the campaign and says some of its emails went after the cancel.
func expectLateHandOffs(of id: String, in s: Running, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let violations = try s.sandbox.checkInvariants().violations
    let late = violations.filter { $0.contains(id) && $0.contains("after the cancel committed") }
    #expect(!late.isEmpty, "\(violations)", sourceLocation: sourceLocation)
}
