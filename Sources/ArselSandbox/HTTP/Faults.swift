import Foundation
import Synchronization

/// A fault to inject on a route, for the client's and console's robustness tests.
public struct Fault: Codable, Sendable, Equatable {
    /// Added before the request is handled (and before the rate limiter counts it).
    public var latencyMs: Int?
    /// Added to the answer, after the rate limiter counted the request and it was handled: a
    /// client far from the API (a jump host 150 ms away) meets its answers this late.
    public var answerDelayMs: Int?
    /// The handler itself takes this long (inside the idempotency window, unlike `latencyMs`).
    public var holdMs: Int?
    /// Never answer (until the client gives up or the sandbox stops).
    public var hang: Bool?
    /// Probability (0–1) of answering `errorStatus` (default 500) instead of handling.
    public var errorRate: Double?
    public var errorStatus: Int?
    /// Reset the connection instead of handling.
    public var reset: Bool?
    /// Handle the request (its effects commit), then reset the connection without an answer.
    public var dropAfter: Bool?
    /// Handle the request, then send only half of the body and close.
    public var truncate: Bool?
    /// Answer a proxy's HTML error page (with `errorStatus`, default 502) instead of handling.
    public var html: Bool?
    /// Answer 429 `rate_limit_exceeded` with this raw `retry-after` (seconds, HTTP-date, garbage).
    public var retryAfter: String?
    /// Handle the request, then send the body one byte every this many milliseconds.
    public var trickleMs: Int?
    /// Apply to the next N matching requests only.
    public var times: Int?

    public init(
        latencyMs: Int? = nil, answerDelayMs: Int? = nil, holdMs: Int? = nil, hang: Bool? = nil, errorRate: Double? = nil, errorStatus: Int? = nil,
        reset: Bool? = nil, dropAfter: Bool? = nil, truncate: Bool? = nil, html: Bool? = nil,
        retryAfter: String? = nil, trickleMs: Int? = nil, times: Int? = nil
    ) {
        self.latencyMs = latencyMs
        self.answerDelayMs = answerDelayMs
        self.holdMs = holdMs
        self.hang = hang
        self.errorRate = errorRate
        self.errorStatus = errorStatus
        self.reset = reset
        self.dropAfter = dropAfter
        self.truncate = truncate
        self.html = html
        self.retryAfter = retryAfter
        self.trickleMs = trickleMs
        self.times = times
    }

    enum CodingKeys: String, CodingKey {
        case latencyMs = "latency_ms", answerDelayMs = "answer_delay_ms", holdMs = "hold_ms", hang, errorRate = "error_rate", errorStatus = "error_status", reset
        case dropAfter = "drop_after", truncate, html, retryAfter = "retry_after", trickleMs = "trickle_ms", times
    }
}

/// Faults by route pattern: `"POST /v1/email/campaigns/:id/cancel"`, `"GET *"`, `"*"`.
final class FaultTable: Sendable {
    private let table: Mutex<[String: Fault]>

    init(_ initial: [String: Fault]) {
        table = Mutex(initial)
    }

    var all: [String: Fault] { table.withLock { $0 } }

    func replace(_ faults: [String: Fault]) { table.withLock { $0 = faults } }

    /// The fault for this request, counting down `times`.
    func take(method: String, path: String) -> Fault? {
        table.withLock { table in
            for (pattern, fault) in table.sorted(by: { $0.key.count > $1.key.count }) where Self.matches(pattern, method: method, path: path) {
                if let times = fault.times {
                    if times <= 1 { table[pattern] = nil } else { table[pattern]?.times = times - 1 }
                }
                return fault
            }
            return nil
        }
    }

    static func matches(_ pattern: String, method: String, path: String) -> Bool {
        let parts = pattern.split(separator: " ", maxSplits: 1).map(String.init)
        let (m, p) = parts.count == 2 ? (parts[0], parts[1]) : ("*", parts[0])
        guard m == "*" || m.uppercased() == method.uppercased() else { return false }
        if p == "*" { return true }
        let want = p.split(separator: "/"), have = path.split(separator: "/")
        guard want.count == have.count else { return false }
        return zip(want, have).allSatisfy { $0.hasPrefix(":") || $0 == "*" || $0 == $1 }
    }
}
