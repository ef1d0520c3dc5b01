import Synchronization

/// Arsel's limit: `rate` requests per second per organisation, shared by its keys, no burst.
/// A sliding log: at most `limit` requests in any window of `window` seconds.
final class RateLimiter: Sendable {
    struct Decision: Sendable {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// Seconds until a slot frees up (the oldest request leaves the window).
        var reset: Double
    }

    let limit: Int
    let window: Double
    private let log = Mutex<[String: [Double]]>([:])

    init(rate: Double) {
        limit = max(1, Int(rate.rounded()))
        window = Double(limit) / max(rate, 0.001)
    }

    func check(org: String, now: Double) -> Decision {
        log.withLock { all in
            var times = all[org, default: []].filter { $0 > now - window }
            let allowed = times.count < limit
            if allowed { times.append(now) }
            all[org] = times
            let reset = times.count < limit ? 0 : max(0, (times.first ?? now) + window - now)
            return Decision(allowed: allowed, limit: limit, remaining: max(0, limit - times.count), reset: reset)
        }
    }
}
