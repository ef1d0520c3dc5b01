import ArselModel
import CancelSession
import Foundation
import Testing

/// The one cancel session: the plan (what is confirmed, what is skipped and why, the typed-count
/// rule) and the run (outcomes, interruption, exit status) that console, line mode and `cancel`
/// share.
@Suite struct CancelSessionTests {
    func on(_ c: Campaign, _ channel: Channel) -> Campaign {
        var c = c
        c.channel = channel
        return c
    }

    @Test func thePlanSkipsWhatCannotBeCancelledAndSaysWhy() {
        let plan = CancelPlan(listed: [mix[0], mix[4], mix[2]])
        #expect(plan.asked == [CampaignRef("c1", .email), CampaignRef("c3", .email)])
        #expect(plan.skipped.map(\.reason.text) == ["Sent campaigns cannot be cancelled"])
        // Explicit ids (a retry, the CLI) are all asked about: the re-read decides.
        #expect(CancelPlan(listed: [mix[0], mix[4]], explicit: true).asked.count == 2)
    }

    @Test func anAnswerCountsOnlyForTheIDAndChannelAsked() {
        let push = on(mix[0], .push)
        var plan = CancelPlan(listed: [push, mix[2]])
        // The first answer is the same id on another channel; the second is about another id.
        plan.check([.success(mix[0]), .success(mix[3])])
        #expect(plan.cancellable.isEmpty)
        #expect(plan.skipped.count == 2)
        #expect(plan.skipped.allSatisfy { $0.reason.text.contains("another campaign") })
        var ok = CancelPlan(listed: [push])
        ok.check([.success(push)])
        #expect(ok.targets == [CampaignRef("c1", .push)])
    }

    @Test func aMissingOrFailedAnswerSkipsNeverGuesses() {
        var plan = CancelPlan(listed: [mix[0], mix[1], mix[2]])
        plan.check([.success(mix[0]), .failure(badRequest)])
        #expect(plan.targets == [CampaignRef("c1", .email)])
        #expect(plan.skipped.map(\.reason.text) == ["could not be re-read: \(english.error(badRequest))", "no answer from Arsel: not cancelled"])
    }

    @Test func theTypedCountRuleIsTheSameEverywhere() {
        var one = CancelPlan(listed: [mix[0]])
        one.check([.success(mix[0])])
        #expect(one.answer(production: false) == "yes")
        #expect(one.answer(production: true) == "1", "production always types the count")
        let five = (1...5).map { campaign($0, .scheduled, scheduledIn: 600) }
        var many = CancelPlan(listed: five)
        many.check(five.map { .success($0) })
        #expect(many.needsTyping(production: false))
        #expect(many.answer(production: false) == "5")
        #expect(!many.typedCountIsRight("4", production: false))
        #expect(many.typedCountIsRight("5", production: false))
    }

    @Test func countsPerChannelAndTheTimeAtTheBudget() {
        let list = [mix[0], on(mix[1], .sms), on(mix[2], .push), on(campaign(20, .queued), .push)]
        var plan = CancelPlan(listed: list)
        plan.check(list.map { .success($0) })
        #expect(plan.perChannel.map(\.channel) == [.email, .sms, .push])
        #expect(plan.perChannel.map(\.count) == [1, 1, 2])
        #expect(plan.countsText == "1 Email, 1 SMS, 2 Push campaigns")
        // 4 cancels at 2 requests/s: the first at once, then one every 0.5 s.
        #expect(plan.seconds(requestsPerSecond: 2) == 3)
        #expect(plan.warning.contains("emails, messages and notifications"), "\(plan.warning)")
    }

    @Test func theRunGoesOneAtATimeToEachConfirmedChannel() {
        var run = CancelRun([CampaignRef("a", .email), CampaignRef("b", .push), CampaignRef("a", .email)])
        #expect(run.total == 2, "one cancel per campaign")
        let first = run.next()
        #expect(first == CampaignRef("a", .email))
        #expect(run.next() == nil, "never two in flight")
        // A report about anything else is ignored.
        let other = run.record(CancelReport(campaignID: "a", channel: .sms, outcome: .cancelled(message: "ok", confirmedByReread: false), idempotencyKey: "k", attempts: 1))
        #expect(!other)
        let own = run.record(CancelReport(campaignID: "a", channel: .email, outcome: .cancelled(message: "ok", confirmedByReread: false), idempotencyKey: "k", attempts: 1))
        #expect(own)
        #expect(run.next() == CampaignRef("b", .push))
        let second = run.record(CancelReport(campaignID: "b", channel: .push, outcome: .failed(badRequest), idempotencyKey: "k", attempts: 1))
        #expect(second)
        #expect(run.isFinished)
        #expect(run.summary == "1/2 cancelled, 1 failed")
        #expect(run.exitStatus == 1)
    }

    @Test func anInterruptedRunIsUnknownAndSendsNothingMore() {
        var run = CancelRun([CampaignRef("a", .email), CampaignRef("b", .sms)])
        _ = run.next()
        let (inFlight, notSent) = run.interrupt()
        #expect(inFlight == CampaignRef("a", .email))
        #expect(notSent == [CampaignRef("b", .sms)])
        #expect(run.next() == nil)
        #expect(run.exitStatus == 2, "an unknown outcome exits 2")
    }

    @Test func theRunnerReportsEveryOutcome() async {
        var plan = CancelPlan(listed: [mix[0], on(mix[2], .push)])
        plan.check([.success(mix[0]), .success(on(mix[2], .push))])
        let sent = Locked<[CampaignRef]>([])
        var seen: [String] = []
        let run = await CancelRunner.run(plan, send: { target, before in
            sent.withLock { $0.append(target) }
            #expect(before?.ref == target, "the campaign as re-read goes with its own cancel")
            return CancelReport(campaignID: target.id, channel: target.channel,
                                outcome: .unknown(cause: .transport(TransportFailure(.timeout, "t"))), idempotencyKey: "k", attempts: 1)
        }, each: { seen.append($0.outcome.kind) })
        #expect(sent.withLock { $0 } == [CampaignRef("c1", .email), CampaignRef("c3", .push)])
        #expect(seen == ["unknown", "unknown"])
        #expect(run.exitStatus == 2)
    }
}

import Synchronization

final class Locked<T: Sendable>: Sendable {
    private let value: Mutex<T>
    init(_ v: T) { value = Mutex(v) }
    func withLock<R>(_ body: (inout T) -> R) -> R { value.withLock { body(&$0) } }
}
