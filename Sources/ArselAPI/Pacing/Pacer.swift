import ArselModel
/// The live pacer: one per client, shared by every call it makes (list, re-reads, cancels).
actor Pacer {
    private var budget: RateBudget<ContinuousClock.Instant>

    init(requestsPerSecond: Double, margin: Duration, maxHold: Duration) {
        budget = RateBudget(requestsPerSecond: requestsPerSecond, margin: margin, maxHold: maxHold)
    }

    /// Requests a person is waiting for, queued now: background ones let them go first.
    private var foregroundWaiting = 0

    /// Suspends until this request's slot. Cancellation (a call's deadline) ends the wait.
    /// Background requests (re-reads the console makes on its own) step aside while a person's
    /// request (a cancel, its re-read, a refresh they asked for) waits for the budget.
    func acquire(background: Bool) async throws {
        if background {
            while foregroundWaiting > 0 { try await Task.sleep(for: budget.interval) }
        } else {
            foregroundWaiting += 1
        }
        defer { if !background { foregroundWaiting -= 1 } }
        let slot = budget.reserve(now: .now)
        if slot > .now { try await Task.sleep(until: slot, clock: .continuous) }
    }

    func completed() {
        budget.completed(now: .now)
    }

    func observe(_ headers: RateLimitHeaders) {
        budget.observe(headers, now: .now)
    }

    /// What the last answer said is left of the organisation's budget.
    var snapshot: ServerInfo { ServerInfo(remaining: budget.remaining, limit: budget.limit, sandbox: budget.sandbox) }
}
