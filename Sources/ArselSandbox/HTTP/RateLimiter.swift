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

    /// `now` is the request's arrival. Requests are checked in the order the process gets to
    /// them, which is not always the order they arrived in: the log is kept sorted, and a
    /// request is allowed only if no window of `window` seconds around it would then hold more
    /// than `limit`.
    func check(org: String, now: Double) -> Decision {
        log.withLock { all in
            // Kept two windows back from this request (not from the latest): one checked late is
            // still compared with its neighbours.
            var times = all[org, default: []].filter { $0 > now - 2 * window }
            let allowed = fits(now, times)
            if allowed { times.insert(now, at: times.firstIndex { $0 > now } ?? times.endIndex) }
            all[org] = times
            // The next instant a request would be let in (now, while there is room).
            let next = ([now] + times.map { $0 + window }).filter { $0 >= now }.sorted().first { fits($0, times) } ?? now
            let used = times.filter { $0 > now - window && $0 <= now }.count
            return Decision(allowed: allowed, limit: limit, remaining: allowed ? max(0, limit - used) : 0, reset: max(0, next - now))
        }
    }

    /// Whether a request at `t` keeps every window of `window` seconds around it within `limit`.
    private func fits(_ t: Double, _ sorted: [Double]) -> Bool {
        var times = sorted
        let at = times.firstIndex { $0 > t } ?? times.endIndex
        times.insert(t, at: at)
        for first in max(0, at - limit)...at where first + limit < times.count {
            if times[first + limit] - times[first] < window { return false }
        }
        return true
    }
}
