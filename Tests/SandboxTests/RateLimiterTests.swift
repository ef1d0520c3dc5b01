@testable import ArselSandbox
import Testing

/// The sandbox's limiter counts arrivals, in whatever order the process gets to them.
@Suite struct RateLimiterTests {
    @Test func anEarlierArrivalCheckedLateIsCountedWhereItArrived() {
        let limiter = RateLimiter(rate: 2)
        #expect(limiter.check(org: "o", now: 1.0).allowed)
        let second = limiter.check(org: "o", now: 1.6)
        #expect(second.allowed && second.remaining == 0)
        #expect(abs(second.reset - 0.4) < 1e-9, "a slot frees when 1.0 leaves the window")
        // Arrived at 1.3, checked after 1.6: three within 0.6 s, refused — and told when to come back.
        let late = limiter.check(org: "o", now: 1.3)
        #expect(!late.allowed && late.remaining == 0)
        #expect(abs(late.reset - 0.7) < 1e-9, "at 2.0, once 1.0 has left the window")
        #expect(limiter.check(org: "o", now: 2.05).allowed, "1.0, 1.6, 2.05: never three in one second")
        #expect(!limiter.check(org: "o", now: 2.5).allowed)
        #expect(limiter.check(org: "other", now: 2.5).allowed, "another organisation has its own budget")
    }
}
