import ArselModel
import Foundation

/// The live pacer: one per client, shared by every call it makes (list, re-reads, cancels).
actor Pacer {
    private var budget: RateBudget<ContinuousClock.Instant>
    /// Requests a person is waiting for, queued now: background ones let them go first.
    private var foregroundWaiting = 0
    /// Requests waiting for the one that has its slot to leave.
    private var waiting: [UUID: CheckedContinuation<Void, Never>] = [:]

    init(requestsPerSecond: Double, margin: Duration, maxHold: Duration) {
        budget = RateBudget(requestsPerSecond: requestsPerSecond, margin: margin, maxHold: maxHold)
    }

    /// Suspends until this request may leave; returns its ticket. Cancellation (a call's
    /// deadline) ends the wait. Background requests (re-reads the console makes on its own) step
    /// aside while a person's request (a cancel, its re-read, a refresh they asked for) waits.
    func acquire(background: Bool) async throws -> Int {
        if background {
            while foregroundWaiting > 0 { try await Task.sleep(for: budget.interval) }
        } else {
            foregroundWaiting += 1
        }
        defer { if !background { foregroundWaiting -= 1 } }
        while true {
            try Task.checkCancellation()
            // Checked at every turn, not only on entry: a person's request that arrived while
            // this one waited goes first.
            if background, foregroundWaiting > 0 {
                try await Task.sleep(for: budget.interval)
                continue
            }
            guard let (slot, ticket) = budget.reserve(now: .now) else {
                await waitForDeparture()
                continue
            }
            // A hold learnt while this one waited (a 429 elsewhere) moves its slot on.
            var until = slot
            while until > .now {
                do { try await Task.sleep(until: until, clock: .continuous) } catch {
                    budget.abandoned(ticket)
                    wakeAll()
                    throw error
                }
                until = budget.nextFree ?? .now
            }
            // Superseded while its slot came: the slot goes to the next one, unspent.
            if Task.isCancelled {
                budget.abandoned(ticket)
                wakeAll()
                throw CancellationError()
            }
            return ticket
        }
    }

    /// The request with `ticket` was written to the connection at `at`.
    func departed(_ ticket: Int, at: ContinuousClock.Instant) {
        budget.departed(ticket, at: at)
        wakeAll()
    }

    /// The answer (or the failure) of the request with `ticket`. A request that never said it
    /// left (it failed before the wire) moves the next slot as if it left now: the safe side.
    func completed(_ ticket: Int, departedAt: ContinuousClock.Instant?, headers: RateLimitHeaders?) {
        let now = ContinuousClock.now
        budget.departed(ticket, at: departedAt ?? now, seen: departedAt != nil)
        if let headers { budget.observe(headers, now: now, sentAt: departedAt ?? now) }
        wakeAll()
    }

    private func waitForDeparture() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { waiting[id] = $0 }
        } onCancel: {
            Task { await self.resume(id) }
        }
    }

    private func resume(_ id: UUID) { waiting.removeValue(forKey: id)?.resume() }

    private func wakeAll() {
        let all = waiting.values
        waiting.removeAll()
        for c in all { c.resume() }
    }

    /// What the last answer said is left of the organisation's budget.
    var snapshot: ServerInfo { ServerInfo(remaining: budget.remaining, limit: budget.limit, sandbox: budget.sandbox, contended: budget.contended) }
}
