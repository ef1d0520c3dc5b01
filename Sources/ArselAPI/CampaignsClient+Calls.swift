import ArselModel
import ArselContract
import Foundation

/// A non-2xx answer that carried the contract's error envelope (or tried to).
struct ErrorAnswer: Error {
    let status: Int
    let body: Components.Schemas.ErrorBody?

    init(_ status: Int, _ response: Components.Responses._Error) {
        self.status = status
        body = try? response.body.json
    }

    func error(response: ResponseInfo?) -> ArselError {
        if (300..<400).contains(status) {
            return .redirect(status: status, location: response?.header("location").map(Redaction.apply))
        }
        guard let body else { return .undecodable(status: status, snippet: response?.snippet ?? "") }
        return .api(APIFailure(body, response: response, status: status))
    }
}

extension CampaignsClient {
    /// One attempt under a deadline, with what the recorder saw of the answer.
    func once<T: Sendable>(
        deadline: ContinuousClock.Instant,
        _ body: @escaping @Sendable (Client) async throws -> T
    ) async -> (Result<T, ArselError>, ResponseInfo?) {
        let recorder = ResponseRecorder()
        let api = self.api
        do {
            let value = try await ResponseRecorder.$current.withValue(recorder) {
                try await withDeadline(deadline) { try await body(api) }
            }
            return (.success(value), recorder.last)
        } catch let answer as ErrorAnswer {
            return (.failure(answer.error(response: recorder.last)), recorder.last)
        } catch {
            let timeout = configuration.callTimeout
            return (.failure(ErrorClassification.classify(error, response: recorder.last, timeout: timeout)), recorder.last)
        }
    }

    /// A safe, repeatable request (GET): retried on connection errors, timeouts, 5xx and
    /// unreadable answers with jittered exponential backoff, and on 429 after `retry-after` —
    /// all within one overall deadline.
    func read<T: Sendable>(
        deadline: ContinuousClock.Instant? = nil,
        _ body: @escaping @Sendable (Client) async throws -> T
    ) async throws(ArselError) -> T {
        let deadline = deadline ?? .now + configuration.callTimeout
        var failures = 0
        var rateLimited = 0
        while true {
            let (result, _) = await once(deadline: deadline, body)
            let error: ArselError
            switch result {
            case .success(let value): return value
            case .failure(let e): error = e
            }
            if try capped(error) { throw error }
            if error.isRateLimited {
                rateLimited += 1
                guard rateLimited <= configuration.maxRateLimitRetries else { throw error }
                // The pacer already holds the next request until retry-after.
                continue
            }
            guard Self.readIsRetryable(error) else { throw error }
            failures += 1
            guard failures < configuration.maxReadAttempts else { throw error }
            let delay = Backoff.delay(attempt: failures, base: configuration.retryBaseDelay, max: configuration.retryMaxDelay)
            guard ContinuousClock.now + delay < deadline else { throw error }
            configuration.logger.info("retrying a read in \(delay) after \(error.name)")
            try? await Task.sleep(for: delay)
        }
    }

    /// A write that is not idempotent: resent only when it provably never ran (the connection
    /// was refused, or the server answered 429 before running anything).
    func write<T: Sendable>(_ body: @escaping @Sendable (Client) async throws -> T) async throws(ArselError) -> T {
        let deadline = ContinuousClock.now + configuration.callTimeout
        var resends = 0
        while true {
            let (result, _) = await once(deadline: deadline, body)
            switch result {
            case .success(let value): return value
            case .failure(let error):
                if try capped(error) { throw error }
                guard Self.provablyNotExecuted(error), resends < configuration.maxRateLimitRetries else { throw error }
                resends += 1
                if !error.isRateLimited {
                    let delay = Backoff.delay(attempt: resends, base: configuration.retryBaseDelay, max: configuration.retryMaxDelay)
                    guard ContinuousClock.now + delay < deadline else { throw error }
                    try? await Task.sleep(for: delay)
                }
            }
        }
    }

    /// True (stop, report it) when a 429's `retry-after` is longer than the client will wait.
    func capped(_ error: ArselError) throws(ArselError) -> Bool {
        guard error.isRateLimited, case .api(let f) = error, let wait = f.retryAfter else { return false }
        return wait > configuration.maxRetryAfter
    }

    static func readIsRetryable(_ error: ArselError) -> Bool {
        switch error {
        case .transport: return true
        case .api(let f): return f.statusCode >= 500
        case .undecodable(let status, _): return status >= 500 || (200..<300).contains(status)
        // A server that names another campaign, or lies about a list, will not improve on a retry.
        case .redirect, .configuration, .unexpectedResponse: return false
        }
    }

    /// The server cannot have run the request: refused/DNS/TLS/connect timeout, a 429, or a 503
    /// saying the same idempotency key is still being processed.
    static func provablyNotExecuted(_ error: ArselError) -> Bool {
        switch error {
        case .transport(let t): return t.requestNeverSent
        case .api(let f):
            if f.statusCode == 429 { return f.name != "monthly_quota_exceeded" }
            return f.statusCode == 503
                && (f.name == "concurrent_idempotent_requests" || f.message.lowercased().contains("still processing"))
        default: return false
        }
    }

    /// The request may or may not have run: only a re-read can tell.
    static func isAmbiguous(_ error: ArselError) -> Bool {
        switch error {
        case .transport(let t): return !t.requestNeverSent
        case .api(let f): return f.statusCode >= 500 && !provablyNotExecuted(error)
        case .undecodable, .unexpectedResponse: return true
        case .redirect, .configuration: return false
        }
    }

    /// A cancel answer that confirms nothing either way: ambiguous as above, but also a 2xx that
    /// is not the documented 200 (202 …) and a redirect (it may come after the cancel committed).
    /// Redirects are still never followed; only a re-read classifies these.
    static func cancelAnswerIsAmbiguous(_ error: ArselError) -> Bool {
        if isAmbiguous(error) { return true }
        switch error {
        case .redirect: return true
        case .api(let f): return (200..<300).contains(f.statusCode)
        default: return false
        }
    }
}

/// Jittered exponential backoff ("equal jitter": half fixed, half random), so that clients that
/// failed together do not retry together.
enum Backoff {
    static func delay(
        attempt: Int, base: Duration, max cap: Duration,
        random: Double = Double.random(in: 0..<1)
    ) -> Duration {
        let exponent = Swift.min(Swift.max(attempt - 1, 0), 16)
        let raw = base * (1 << exponent)
        let capped = Swift.min(raw, cap)
        return capped / 2 + capped * (Swift.min(Swift.max(random, 0), 1) / 2)
    }
}
