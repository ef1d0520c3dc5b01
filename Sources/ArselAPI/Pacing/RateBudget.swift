import ArselModel
/// The client's pacing, as pure arithmetic on instants so it can be tested with any clock.
///
/// Arsel allows 2 requests per second per organisation with no burst. The budget spaces requests
/// at least `interval` apart (1/rate plus a small margin against network jitter), so one process
/// never sends more than `rate` requests in any one-second window. Answers adjust it:
/// - a 429's `retry-after` holds every request until then (capped: a huge value is reported by the
///   caller, not slept through);
/// - `ratelimit-remaining: 0` holds requests until `ratelimit-reset`, read as a lower bound when
///   it is a whole number of seconds (servers round it up, so `1` may mean 1 ms).
/// A request can leave later than its slot (a new connection, a busy machine), and the server
/// counts it when it gets to it, which may be just before it answers. So each completion also
/// pushes the next slot to one interval after the answer: the server can never count two of our
/// requests closer together than the interval.
public struct RateBudget<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration, Instant: Sendable {
    /// The spacing at the configured rate.
    public var baseInterval: Duration
    /// Other processes share the organisation's budget: each 429 doubles our spacing (up to 8×),
    /// each answer without one eases it back (additive increase, multiplicative decrease), so
    /// several consoles on one organisation settle on their share instead of colliding.
    public private(set) var backoffFactor: Double = 1
    public var interval: Duration { baseInterval * backoffFactor }
    public var maxHold: Duration
    public private(set) var nextFree: Instant?
    /// The last `ratelimit-remaining` and `ratelimit-limit` seen, for the console's header.
    public private(set) var remaining: Int?
    public private(set) var limit: Int?
    /// The server said it is the sandbox.
    public private(set) var sandbox = false

    public init(requestsPerSecond: Double, margin: Duration = .zero, maxHold: Duration = .seconds(20)) {
        let rate = max(requestsPerSecond, 0.001)
        baseInterval = .nanoseconds(Int64(1e9 / rate)) + margin
        self.maxHold = maxHold
    }

    /// Takes the next slot: returns the instant the request may be sent (now or later).
    public mutating func reserve(now: Instant) -> Instant {
        let slot = nextFree.map { max($0, now) } ?? now
        nextFree = slot.advanced(by: interval)
        return slot
    }

    /// The request that took a slot finished (answered or failed) at `now`.
    public mutating func completed(now: Instant) {
        let after = now.advanced(by: interval)
        nextFree = nextFree.map { max($0, after) } ?? after
    }

    /// Adjusts to what an answer said.
    mutating func observe(_ headers: RateLimitHeaders, now: Instant) {
        if headers.sandbox { sandbox = true }
        if headers.status == 429 {
            backoffFactor = min(8, backoffFactor * 2)
        } else {
            backoffFactor = max(1, backoffFactor - 0.25)
        }
        if let r = headers.remaining { remaining = r }
        if let l = headers.limit { limit = l }
        var hold: Duration?
        if headers.status == 429 || headers.status == 503 {
            // A garbled or missing retry-after on a 429 still means "slow down": one second.
            hold = headers.retryAfter ?? (headers.status == 429 ? .seconds(1) : nil)
        } else if headers.remaining == 0, let reset = headers.reset {
            let whole = reset.components.attoseconds == 0
            hold = whole ? max(.zero, reset - .seconds(1)) : reset
        }
        if let hold {
            let until = now.advanced(by: min(hold, maxHold))
            nextFree = nextFree.map { max($0, until) } ?? until
        }
    }
}
