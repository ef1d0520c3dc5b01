import ArselAPI
import ArselModel
import Foundation
import GRDB
import Testing
import TestSupport
@testable import ArselSandbox

/// The seed's guarantee — cancelling stops only the emails not yet handed off — proven against
/// a dispatcher running at full speed.
@Suite struct RaceTests {
    /// 1 000 seeded runs: a campaign starts sending, the dispatcher hands batches off as fast as
    /// it can in one task, and a cancel lands at a random moment from another.
    @Test func cancelAtARandomMomentWhileSending() async throws {
        let db = try Schema.open(":memory:")
        let store = CampaignStore(db: db)
        try store.addOrganization(id: "org", name: "org", key: "be_race")
        var rng = SeededRandom(seed: 20261127)
        var runs = 0, cancelledInTime = 0, tooLate = 0
        var violations: [String] = []
        for run in 0..<1000 {
            let batch = Int.random(in: 10...200, using: &rng)
            let dispatcher = Dispatcher(db: db, batchSize: batch, queueDelay: 0)
            // Every channel, in turn: the invariant is one rule for all of them.
            let channel = Channel.allCases[run % Channel.allCases.count].rawValue
            let id = try store.create(org: "org", channel: channel, input: CampaignInput(
                name: "race \(run)", fields: Seeder.samples(Channel(rawValue: channel)!), audience: 1))
            try store.send(org: "org", channel: channel, id: id, scheduledAt: nil)
            let seq = try await store.get(org: "org", channel: channel, id: id).seq
            try dispatcher.startSending(seq: seq, now: CampaignStore.now())
            let delay = Int.random(in: 0...6000, using: &rng)
            async let dispatching: Void = {
                while try await db.read({ try String.fetchOne($0, sql: "SELECT status FROM campaigns WHERE seq = ?", arguments: [seq]) }) == "sending" {
                    try dispatcher.handOffBatch(seq: seq, now: CampaignStore.now())
                    await Task.yield()
                }
            }()
            async let cancelling: Bool = {
                try await Task.sleep(for: .microseconds(delay))
                do {
                    _ = try await store.cancel(org: "org", channel: channel, id: id)
                    return true
                } catch let e as SandboxError where e.status == 400 {
                    return false
                }
            }()
            let (_, cancelled) = try await (dispatching, cancelling)
            let c = try await store.get(org: "org", channel: channel, id: id)
            if cancelled {
                cancelledInTime += 1
                if c.status != "cancelled" { violations.append("run \(run): cancel answered 200, status \(c.status)") }
                if c.handedOff + c.notSent != c.recipients { violations.append("run \(run): \(c.handedOff) + \(c.notSent) ≠ \(c.recipients)") }
            } else {
                tooLate += 1
                if c.status != "sent" { violations.append("run \(run): cancel refused while \(c.status)") }
            }
            runs += 1
        }
        try Dispatcher(db: db, batchSize: 1, queueDelay: 0).sweepAll(now: CampaignStore.now())
        let report = try await db.read { try Invariants.check($0) }
        violations += report.violations
        print("race: \(runs) runs (\(cancelledInTime) cancelled mid-send, \(tooLate) too late), \(report.emailsChecked) emails checked, \(violations.count) violations")
        #expect(runs == 1000)
        #expect(cancelledInTime > 100 && tooLate > 0, "the random moments must cover both outcomes")
        #expect(violations.isEmpty, "\(violations.prefix(10))")
    }

    /// 8 concurrent cancels of one campaign over HTTP while the dispatcher runs: exactly one 200.
    @Test func eightConcurrentCancelsOnOneCampaign() async throws {
        try await withSandbox(configure: { $0.tick = .milliseconds(5); $0.queueDelay = .zero; $0.batchSize = 20 }) { s in
            var rounds = 0
            var violations: [String] = []
            for round in 0..<25 {
                // 10 000 recipients: still sending when the cancels land, even on a loaded machine.
                let id = try await s.draft("concurrent \(round)", lists: 25)
                try await s.force(id, "sending")
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<8 { group.addTask { try await s.raw("POST", "/email/campaigns/\(id)/cancel").status } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let ok = statuses.filter { $0 == 200 }.count
                if ok != 1 || statuses.filter({ $0 == 400 }).count != 7 {
                    violations.append("round \(round): \(statuses.sorted())")
                }
                rounds += 1
            }
            let report = try s.sandbox.checkInvariants()
            violations += report.violations
            print("concurrent cancels: \(rounds) rounds × 8, \(report.emailsChecked) emails checked, \(violations.count) violations")
            #expect(violations.isEmpty, "\(violations)")
        }
    }
}
