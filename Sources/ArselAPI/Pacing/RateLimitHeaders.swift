import ArselModel
import Foundation
import HTTPTypes

/// The rate-limit headers of one answer, parsed leniently.
struct RateLimitHeaders: Sendable, Equatable {
    var limit: Int?
    var remaining: Int?
    /// The least time until the window resets, from `ratelimit-reset` in either documented form.
    var reset: Duration?
    /// `retry-after` on a 429 (or 503).
    var retryAfter: Duration?
    /// `retry-after` was present but unreadable: use the default backoff.
    var retryAfterGarbled: Bool = false
    /// The answer came from arsel-campaigns' own sandbox (`arsel-sandbox: true`).
    var sandbox = false
    var status: Int

    init(limit: Int? = nil, remaining: Int? = nil, reset: Duration? = nil, retryAfter: Duration? = nil, status: Int) {
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.retryAfter = retryAfter
        self.status = status
    }

    init(_ fields: HTTPFields, status: Int, now: Date = Date()) {
        func value(_ name: String) -> String? { HTTPField.Name(name).flatMap { fields[$0] } }
        self.status = status
        limit = value("ratelimit-limit").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        sandbox = value("arsel-sandbox") == "true"
        remaining = value("ratelimit-remaining").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        reset = value("ratelimit-reset").flatMap { RateLimitHeaders.parseReset($0, now: now) }
        if let raw = value("retry-after") {
            retryAfter = RetryAfter.parse(raw, now: now)
            retryAfterGarbled = retryAfter == nil
        }
    }

    /// `ratelimit-reset`: the docs say a Unix timestamp, Arsel's OpenAPI says seconds until the
    /// reset. A value above 1e9 can only be a timestamp; anything smaller is a count of seconds.
    /// Either is rounded up to a whole second when it is a whole number (the server rounds a
    /// remaining 0.2 s to `1`, and a timestamp to the next second), so the reset is somewhere in
    /// the second before it: the lower bound is returned, and the pacing covers the rest.
    static func parseReset(_ raw: String, now: Date) -> Duration? {
        guard let value = Double(raw.trimmingCharacters(in: .whitespaces)), value.isFinite, value >= 0 else { return nil }
        var seconds = value > 1e9 ? value - now.timeIntervalSince1970 : value
        if value == value.rounded() { seconds -= 1 }
        return .milliseconds(Int64(max(0, min(seconds, 86_400 * 365)) * 1000))
    }
}

/// `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP-date.
public enum RetryAfter {
    /// The wait, or nil when the value is neither form (the caller then uses its default
    /// backoff). Negative values and dates in the past mean "now".
    public static func parse(_ raw: String, now: Date = Date()) -> Duration? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        if let seconds = Double(text), seconds.isFinite {
            // Delta-seconds is an integer by the RFC; accept a decimal, reject nonsense sizes.
            return .milliseconds(Int64(max(0, min(seconds, 86_400 * 365)) * 1000))
        }
        for format in httpDateFormats {
            let parser = DateFormatter()
            parser.locale = Locale(identifier: "en_US_POSIX")
            parser.timeZone = TimeZone(identifier: "GMT")
            parser.dateFormat = format
            if let date = parser.date(from: text) {
                let seconds = date.timeIntervalSince(now)
                return .milliseconds(Int64(max(0, min(seconds, 86_400 * 365)) * 1000))
            }
        }
        return nil
    }

    /// IMF-fixdate, then the obsolete RFC 850 and asctime forms the RFC says to accept.
    static let httpDateFormats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz",
        "EEEE, dd-MMM-yy HH:mm:ss zzz",
        "EEE MMM d HH:mm:ss yyyy",
    ]
}
