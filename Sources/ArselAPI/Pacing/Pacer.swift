/// The live pacer: one per client, shared by every call it makes (list, re-reads, cancels).
actor Pacer {
    private var budget: RateBudget<ContinuousClock.Instant>

    init(requestsPerSecond: Double, margin: Duration, maxHold: Duration) {
        budget = RateBudget(requestsPerSecond: requestsPerSecond, margin: margin, maxHold: maxHold)
    }

    /// Suspends until this request's slot. Cancellation (a call's deadline) ends the wait.
    func acquire() async throws -> ContinuousClock.Instant {
        let slot = budget.reserve(now: .now)
        if slot > .now { try await Task.sleep(until: slot, clock: .continuous) }
        return slot
    }

    func completed(slot: ContinuousClock.Instant) {
        budget.completed(slot: slot, now: .now)
    }

    func observe(_ headers: RateLimitHeaders) {
        budget.observe(headers, now: .now)
    }

    /// What the last answer said is left of the organisation's budget.
    var snapshot: (remaining: Int?, limit: Int?) { (budget.remaining, budget.limit) }
}
