@testable import ArselAPI
import Foundation
import Testing

/// The pacing arithmetic, driven by an injected clock (plain instants).
@Suite struct RateBudgetTests {
    let t0 = ContinuousClock.now

    typealias Budget = RateBudget<ContinuousClock.Instant>

    /// Takes a slot and leaves `late` after it; returns the slot.
    func send(_ budget: inout Budget, now: ContinuousClock.Instant, late: Duration = .zero) throws -> ContinuousClock.Instant {
        let reserved = budget.reserve(now: now)
        let (slot, ticket) = try #require(reserved)
        budget.departed(ticket, at: slot + late)
        return slot
    }

    @Test func spacesRequestsByWhenTheyLeftWithNoBurst() throws {
        var budget = Budget(requestsPerSecond: 2)
        // Ten requests asked for at the same instant go out 500 ms apart.
        let slots = try (0..<10).map { _ in try send(&budget, now: t0) }
        for (i, slot) in slots.enumerated() { #expect(slot == t0 + .milliseconds(500 * i)) }
        for start in slots {
            #expect(slots.filter { $0 >= start && $0 < start + .seconds(1) }.count <= 2)
        }
    }

    @Test func theNextWaitsUntilTheOneWithASlotHasLeft() throws {
        var budget = Budget(requestsPerSecond: 2)
        let reserved = budget.reserve(now: t0)
        let (_, first) = try #require(reserved)
        #expect(budget.reserve(now: t0) == nil, "no second slot before the first request left")
        budget.departed(first, at: t0 + .milliseconds(40))
        #expect(budget.reserve(now: t0 + .milliseconds(40))?.slot == t0 + .milliseconds(540))
    }

    /// The case the old rule (one interval after each answer) protected against: a first request
    /// held up by connection setup. Whatever each request's delay on its way out, no window of
    /// one second holds three departures.
    @Test func aRequestDelayedOnItsWayOutDelaysTheNextNeverThreeInOneSecond() throws {
        var budget = Budget(requestsPerSecond: 2)
        let delays: [Duration] = [.milliseconds(450), .zero, .zero, .milliseconds(300), .milliseconds(5), .zero, .milliseconds(999), .zero]
        var departures: [ContinuousClock.Instant] = []
        for late in delays {
            let slot = try send(&budget, now: t0, late: late)
            departures.append(slot + late)
        }
        #expect(departures[1] == departures[0] + .milliseconds(500), "the second leaves one interval after the first really did")
        for start in departures {
            #expect(departures.filter { $0 >= start && $0 < start + .seconds(1) }.count <= 2)
        }
    }

    @Test func aFarAnswerDoesNotDelayTheNextSlot() throws {
        var budget = Budget(requestsPerSecond: 2)
        let reserved = budget.reserve(now: t0)
        let (slot, ticket) = try #require(reserved)
        budget.departed(ticket, at: slot)
        // Answered 150 ms later (a far network); the answer repeats the departure, later.
        budget.departed(ticket, at: t0 + .milliseconds(150))
        #expect(budget.reserve(now: t0 + .milliseconds(150))?.slot == t0 + .milliseconds(500))
    }

    @Test func aRequestThatNeverSaidItLeftCountsAsLeavingWhenItEnded() throws {
        var budget = Budget(requestsPerSecond: 2)
        let reserved = budget.reserve(now: t0)
        let (_, ticket) = try #require(reserved)
        // No departure news (it failed before the wire): its end is taken as its departure.
        budget.departed(ticket, at: t0 + .milliseconds(200))
        #expect(budget.reserve(now: t0 + .milliseconds(200))?.slot == t0 + .milliseconds(700))
    }

    @Test func anAbandonedSlotFreesTheNext() throws {
        var budget = Budget(requestsPerSecond: 2)
        _ = try send(&budget, now: t0)
        let reserved = budget.reserve(now: t0 + .milliseconds(100))
        let (_, waiting) = try #require(reserved)
        budget.abandoned(waiting)
        #expect(budget.reserve(now: t0 + .milliseconds(100))?.slot == t0 + .milliseconds(500))
    }

    @Test func idleTimeIsNotBanked() throws {
        var budget = Budget(requestsPerSecond: 2)
        _ = try send(&budget, now: t0)
        // After a long pause, the next goes at once but the one after still waits: no burst.
        let later = t0 + .seconds(10)
        #expect(try send(&budget, now: later) == later)
        #expect(try send(&budget, now: later) == later + .milliseconds(500))
    }

    @Test func marginWidensTheInterval() throws {
        var budget = Budget(requestsPerSecond: 2, margin: .milliseconds(20))
        _ = try send(&budget, now: t0)
        #expect(try send(&budget, now: t0) == t0 + .milliseconds(520))
    }

    @Test func retryAfterHoldsTheNextRequest() throws {
        var budget = Budget(requestsPerSecond: 2)
        _ = try send(&budget, now: t0)
        budget.observe(RateLimitHeaders(retryAfter: .seconds(3), status: 429), now: t0)
        #expect(try send(&budget, now: t0 + .milliseconds(100)) == t0 + .seconds(3))
    }

    @Test func garbledRetryAfterHoldsOneSecond() throws {
        var budget = Budget(requestsPerSecond: 2)
        budget.observe(RateLimitHeaders(status: 429), now: t0)
        #expect(try send(&budget, now: t0) == t0 + .seconds(1))
    }

    @Test func hugeRetryAfterIsCapped() throws {
        var budget = Budget(requestsPerSecond: 2, maxHold: .seconds(20))
        budget.observe(RateLimitHeaders(retryAfter: .seconds(86400), status: 429), now: t0)
        #expect(try send(&budget, now: t0) == t0 + .seconds(20))
    }

    /// Someone else spent the budget (only one of ours in the window): wait for the reset.
    @Test func remainingZeroFromOthersWaitsForTheReset() throws {
        var budget = Budget(requestsPerSecond: 2)
        _ = try send(&budget, now: t0)
        budget.observe(RateLimitHeaders(limit: 2, remaining: 0, reset: .milliseconds(2500), status: 200), now: t0, sentAt: t0)
        #expect(try send(&budget, now: t0) == t0 + .milliseconds(2500))
        #expect(budget.remaining == 0)
        #expect(budget.limit == 2)
    }

    /// Our own two paced requests used the window: `remaining: 0` says nothing the pacing does
    /// not already know, so the next leaves at its slot — not at the reset (the 1.87× of a
    /// `list --all` that waited for each epoch second to turn).
    @Test func remainingZeroFromOurOwnPacedRequestsHoldsNothing() throws {
        var budget = Budget(requestsPerSecond: 2)
        _ = try send(&budget, now: t0)
        let second = try send(&budget, now: t0)
        budget.observe(RateLimitHeaders(limit: 2, remaining: 0, reset: .milliseconds(900), status: 200), now: second + .milliseconds(20), sentAt: second)
        #expect(try send(&budget, now: second + .milliseconds(20)) == t0 + .seconds(1))
        #expect(budget.ownDepartures(endingAt: second) == 2)
    }

    /// A request that ended without leaving (refused at connect, superseded) moves the next slot
    /// but is not one of ours at the server: `remaining: 0` beside it is someone else's doing.
    @Test func aRequestThatNeverLeftDoesNotExplainRemainingZero() throws {
        var budget = Budget(requestsPerSecond: 2)
        let reserved = budget.reserve(now: t0)
        let (_, never) = try #require(reserved)
        budget.departed(never, at: t0 + .milliseconds(10), seen: false)
        let second = try send(&budget, now: t0)
        #expect(budget.ownDepartures(endingAt: second) == 1)
        budget.observe(RateLimitHeaders(limit: 2, remaining: 0, reset: .milliseconds(900), status: 200), now: second, sentAt: second)
        #expect(try send(&budget, now: second) == second + .milliseconds(900), "held until the reset")
        #expect(budget.contended)
    }

    @Test func remainingAboveZeroChangesNothing() throws {
        var budget = Budget(requestsPerSecond: 2)
        _ = try send(&budget, now: t0)
        budget.observe(RateLimitHeaders(remaining: 1, reset: .seconds(5), status: 200), now: t0, sentAt: t0)
        #expect(try send(&budget, now: t0) == t0 + .milliseconds(500))
    }

    /// Both forms of `ratelimit-reset`, read as the least time they can mean: a whole number is
    /// rounded up, so the reset is somewhere in the second before it.
    @Test func bothResetFormsAreReadAsTheirLowerBound() {
        let now = Date(timeIntervalSince1970: 1_796_400_000.3)
        #expect(RateLimitHeaders.parseReset("3", now: now) == .seconds(2))
        #expect(RateLimitHeaders.parseReset("1", now: now) == .zero)
        #expect(RateLimitHeaders.parseReset("0.25", now: now) == .milliseconds(250))
        // The docs' form: the epoch second after the reset. 1 796 400 001 is 0.7 s away, so the
        // reset is anywhere from now to then: no wait beyond the pacing.
        #expect(RateLimitHeaders.parseReset("1796400001", now: now) == .zero)
        #expect(RateLimitHeaders.parseReset("1796400003", now: now) == .milliseconds(1700))
        #expect(RateLimitHeaders.parseReset("1796400000.8", now: now) == .milliseconds(500))
        #expect(RateLimitHeaders.parseReset("soon", now: now) == nil)
    }

    @Test func otherProcessesOn429sSlowUsDownThenWeRecover() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        budget.observe(RateLimitHeaders(retryAfter: .zero, status: 429), now: t0)
        budget.observe(RateLimitHeaders(retryAfter: .zero, status: 429), now: t0)
        #expect(budget.interval == .seconds(2), "two 429s: a quarter of the rate")
        for _ in 0..<3 { budget.observe(RateLimitHeaders(status: 200), now: t0) }
        #expect(budget.interval == .milliseconds(1625))
        for _ in 0..<20 { budget.observe(RateLimitHeaders(status: 200), now: t0) }
        #expect(budget.interval == .milliseconds(500), "back to the configured rate")
        for _ in 0..<10 { budget.observe(RateLimitHeaders(retryAfter: .zero, status: 429), now: t0) }
        #expect(budget.interval == .seconds(4), "never slower than 8×")
    }

    @Test func backoffIsJitteredExponentialAndCapped() {
        let base = Duration.milliseconds(500), cap = Duration.seconds(8)
        #expect(Backoff.delay(attempt: 1, base: base, max: cap, random: 0) == .milliseconds(250))
        #expect(Backoff.delay(attempt: 1, base: base, max: cap, random: 1) == .milliseconds(500))
        #expect(Backoff.delay(attempt: 3, base: base, max: cap, random: 0) == .seconds(1))
        #expect(Backoff.delay(attempt: 30, base: base, max: cap, random: 1) == .seconds(8))
    }
}
