import ArselModel
/// The client's pacing, as pure arithmetic on instants so it can be tested with any clock.
///
/// Arsel allows 2 requests per second per organisation with no burst, counted when a request
/// reaches it. The budget spaces requests by when they *left* (the request was written to the
/// connection), not by when they were answered:
/// - one request at a time is between its slot and the wire; the next slot is that request's
///   departure plus `interval` (1/rate plus a small margin against jitter). A request delayed on
///   its way out (a new connection, a busy machine) delays the next one with it, so the server
///   can never count two of ours closer together than the interval — and a far network costs
///   its round trip once, not per request.
/// - a 429's `retry-after` holds every request until then (capped: a huge value is reported by
///   the caller, not slept through);
/// - `ratelimit-remaining: 0` holds requests until `ratelimit-reset` (read as a lower bound when
///   it is a whole number, in either of its forms) — unless our own departures in the second
///   before that request already account for the whole limit: then the pacing alone keeps the
///   next one outside the server's window, and waiting more would only waste the budget.
public struct RateBudget<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration, Instant: Sendable {
    /// The spacing at the configured rate.
    public var baseInterval: Duration
    /// Other processes share the organisation's budget: each 429 doubles our spacing (up to 8×),
    /// each answer without one eases it back (additive increase, multiplicative decrease), so
    /// several consoles on one organisation settle on their share instead of colliding.
    public private(set) var backoffFactor: Double = 1
    public var interval: Duration { baseInterval * backoffFactor }
    public var maxHold: Duration
    /// The earliest instant the next request may leave.
    public private(set) var nextFree: Instant?
    /// The request that has its slot and has not left yet: the next waits for it.
    public private(set) var leaving: Int?
    private var tickets = 0
    /// Our latest departures, newest last (enough to cover one window at the limit).
    private var departures: [(ticket: Int, at: Instant?)] = []
    /// The last `ratelimit-remaining` and `ratelimit-limit` seen, for the console's header.
    public private(set) var remaining: Int?
    public private(set) var limit: Int?
    /// The server said it is the sandbox.
    public private(set) var sandbox = false
    /// The last answer said the budget was used up by others (a 429, or `remaining: 0` that our
    /// own departures do not explain).
    public private(set) var contended = false
    /// The server's window: Arsel counts requests per second.
    public static var window: Duration { .seconds(1) }

    public init(requestsPerSecond: Double, margin: Duration = .zero, maxHold: Duration = .seconds(20)) {
        let rate = max(requestsPerSecond, 0.001)
        baseInterval = .nanoseconds(Int64(1e9 / rate)) + margin
        self.maxHold = maxHold
    }

    /// Takes the next slot: the instant the request may leave (now or later) and its ticket; nil
    /// while an earlier request has its slot and has not left yet (ask again once it has).
    public mutating func reserve(now: Instant) -> (slot: Instant, ticket: Int)? {
        guard leaving == nil else { return nil }
        tickets += 1
        leaving = tickets
        return (nextFree.map { max($0, now) } ?? now, tickets)
    }

    /// The request left at `at` (its last byte was written). Said again with a later instant
    /// (its answer came before the news), only the first counts. `seen: false`: it ended without
    /// saying it left (refused, cancelled, failed before the wire): the next slot moves on all
    /// the same (the safe side), but it is not counted as one of ours at the server.
    public mutating func departed(_ ticket: Int, at: Instant, seen: Bool = true) {
        if leaving == ticket { leaving = nil }
        guard !departures.contains(where: { $0.ticket == ticket }) else { return }
        departures.append((ticket, seen ? at : nil))
        if departures.count > 16 { departures.removeFirst(departures.count - 16) }
        let next = at.advanced(by: interval)
        nextFree = nextFree.map { max($0, next) } ?? next
    }

    /// The request gave up its slot without leaving (cancelled while it waited).
    public mutating func abandoned(_ ticket: Int) {
        if leaving == ticket { leaving = nil }
    }

    /// Departures in the window that ends at `at` (the server's count when that request arrived,
    /// as far as our own requests go).
    public func ownDepartures(endingAt at: Instant) -> Int {
        departures.filter { $0.at.map { $0 <= at && $0 > at.advanced(by: .zero - Self.window) } ?? false }.count
    }

    /// Adjusts to what the answer to the request that left at `sentAt` said.
    mutating func observe(_ headers: RateLimitHeaders, now: Instant, sentAt: Instant? = nil) {
        if headers.sandbox { sandbox = true }
        if headers.status == 429 {
            backoffFactor = min(8, backoffFactor * 2)
        } else {
            backoffFactor = max(1, backoffFactor - 0.25)
        }
        if let r = headers.remaining {
            remaining = r
            if r > 0 { contended = false }
        }
        if let l = headers.limit { limit = l }
        var hold: Duration?
        if headers.status == 429 || headers.status == 503 {
            // A garbled or missing retry-after on a 429 still means "slow down": one second.
            hold = headers.retryAfter ?? (headers.status == 429 ? .seconds(1) : nil)
            if headers.status == 429 { contended = true }
        } else if headers.remaining == 0, let reset = headers.reset {
            let ours = sentAt.map(ownDepartures(endingAt:)) ?? 0
            let explained = ours >= max(1, headers.limit ?? limit ?? Int.max)
            contended = !explained
            if !explained { hold = reset }
        }
        if let hold {
            let until = now.advanced(by: min(hold, maxHold))
            nextFree = nextFree.map { max($0, until) } ?? until
        }
    }
}
