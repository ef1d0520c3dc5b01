@testable import ArselAPI
import Testing

/// The pacing arithmetic, driven by an injected clock (plain instants).
@Suite struct RateBudgetTests {
    let t0 = ContinuousClock.now

    @Test func spacesRequestsWithNoBurst() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        // Ten requests asked for at the same instant go out 500 ms apart.
        let slots = (0..<10).map { _ in budget.reserve(now: t0) }
        for (i, slot) in slots.enumerated() { #expect(slot == t0 + .milliseconds(500 * i)) }
        // In any one-second window there are at most two.
        for start in slots {
            #expect(slots.filter { $0 >= start && $0 < start + .seconds(1) }.count <= 2)
        }
    }

    @Test func idleTimeIsNotBanked() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        _ = budget.reserve(now: t0)
        // After a long pause, the next goes at once but the one after still waits: no burst.
        let later = t0 + .seconds(10)
        #expect(budget.reserve(now: later) == later)
        #expect(budget.reserve(now: later) == later + .milliseconds(500))
    }

    @Test func marginWidensTheInterval() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2, margin: .milliseconds(20))
        _ = budget.reserve(now: t0)
        #expect(budget.reserve(now: t0) == t0 + .milliseconds(520))
    }

    @Test func retryAfterHoldsTheNextRequest() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        _ = budget.reserve(now: t0)
        budget.observe(RateLimitHeaders(retryAfter: .seconds(3), status: 429), now: t0)
        #expect(budget.reserve(now: t0 + .milliseconds(100)) == t0 + .seconds(3))
    }

    @Test func garbledRetryAfterHoldsOneSecond() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        budget.observe(RateLimitHeaders(status: 429), now: t0)
        #expect(budget.reserve(now: t0) == t0 + .seconds(1))
    }

    @Test func hugeRetryAfterIsCapped() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2, maxHold: .seconds(20))
        budget.observe(RateLimitHeaders(retryAfter: .seconds(86400), status: 429), now: t0)
        #expect(budget.reserve(now: t0) == t0 + .seconds(20))
    }

    @Test func remainingZeroWaitsForTheReset() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        _ = budget.reserve(now: t0)
        // A fractional reset is exact: wait for it.
        budget.observe(RateLimitHeaders(limit: 2, remaining: 0, reset: .milliseconds(2500), status: 200), now: t0)
        #expect(budget.reserve(now: t0) == t0 + .milliseconds(2500))
        #expect(budget.remaining == 0)
        #expect(budget.limit == 2)
    }

    @Test func wholeSecondResetIsALowerBound() {
        // Servers round the reset up: "3" means somewhere in (2, 3] seconds.
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        budget.observe(RateLimitHeaders(remaining: 0, reset: .seconds(3), status: 200), now: t0)
        #expect(budget.reserve(now: t0) == t0 + .seconds(2))
        // "1" at full speed holds nothing beyond the pacing interval.
        var fast = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        _ = fast.reserve(now: t0)
        fast.observe(RateLimitHeaders(remaining: 0, reset: .seconds(1), status: 200), now: t0)
        #expect(fast.reserve(now: t0) == t0 + .milliseconds(500))
    }

    @Test func remainingAboveZeroChangesNothing() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        _ = budget.reserve(now: t0)
        budget.observe(RateLimitHeaders(remaining: 1, reset: .seconds(5), status: 200), now: t0)
        #expect(budget.reserve(now: t0) == t0 + .milliseconds(500))
    }

    @Test func anAnswerPushesTheNextRequestOneIntervalOn() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        _ = budget.reserve(now: t0)
        // The first request needed a new connection and was answered 100 ms after its slot: the
        // server may have counted it just before answering.
        budget.completed(now: t0 + .milliseconds(100))
        #expect(budget.reserve(now: t0 + .milliseconds(100)) == t0 + .milliseconds(600))
    }

    @Test func aQuickAnswerChangesNothing() {
        var budget = RateBudget<ContinuousClock.Instant>(requestsPerSecond: 2)
        _ = budget.reserve(now: t0)
        _ = budget.reserve(now: t0)  // a second request already waits for t0 + 500 ms
        budget.completed(now: t0)
        #expect(budget.reserve(now: t0) == t0 + .seconds(1))
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
