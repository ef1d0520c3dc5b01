import ArselModel
import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime

/// Puts the key in the `Authorization` header, and nowhere else. Redirects are never followed
/// (the HTTP client is built with redirects disallowed), so the header cannot travel on.
struct AuthMiddleware: ClientMiddleware {
    let key: APIKey
    let userAgent: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(key.secret)"
        request.headerFields[.userAgent] = userAgent
        return try await next(request, body, baseURL)
    }
}

/// Waits for the organisation's budget before every request, tells the pacer when the request
/// left (the transport reports it) and feeds every answer's rate-limit headers back into it.
struct PacingMiddleware: ClientMiddleware {
    let pacer: Pacer

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let ticket = try await pacer.acquire(background: CampaignsClient.isBackground)
        let pacer = self.pacer
        let departure = Departure { at in Task { await pacer.departed(ticket, at: at) } }
        do {
            let (response, responseBody) = try await Departure.$current.withValue(departure) { try await next(request, body, baseURL) }
            await pacer.completed(ticket, departedAt: departure.at, headers: RateLimitHeaders(response.headerFields, status: response.status.code))
            return (response, responseBody)
        } catch {
            // An answer the layers below refused (too large, a lying page) still says what the
            // budget is: a 429 with a huge HTML body must still hold the next request.
            let seen = ResponseRecorder.current?.last.map { RateLimitHeaders($0.headers, status: $0.status) }
            await pacer.completed(ticket, departedAt: departure.at, headers: seen)
            throw error
        }
    }
}

/// Reads the whole body (bounded) inside the call's deadline, records the answer for the
/// facade, and logs one line per request — method, path, status, time; never a header value.
struct RecordingMiddleware: ClientMiddleware {
    let maxBytes: Int
    let logger: Logger

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let started = ContinuousClock.now
        let path = baseURL.path + (request.path ?? "?")
        let response: HTTPResponse
        let responseBody: HTTPBody?
        do {
            (response, responseBody) = try await next(request, body, baseURL)
        } catch {
            logger.info("\(request.method) \(path) failed after \(ms(since: started)) ms: \(type(of: error))")
            throw error
        }
        var bytes: [UInt8] = []
        if let responseBody {
            do {
                // Chunk by chunk, so that an answer too large is said as such (and not read on).
                for try await chunk in responseBody {
                    bytes += chunk
                    if bytes.count > maxBytes {
                        ResponseRecorder.current?.record(ResponseInfo(status: response.status.code, headers: response.headerFields, body: []))
                        logger.info("\(request.method) \(path) → \(response.status.code), body over \(maxBytes) bytes: refused")
                        throw ArselError.unexpectedResponse(status: response.status.code, .answerTooLarge(mebibytes: maxBytes >> 20))
                    }
                }
            } catch let error as ArselError {
                throw error
            } catch {
                ResponseRecorder.current?.record(ResponseInfo(status: response.status.code, headers: response.headerFields, body: []))
                logger.info("\(request.method) \(path) → \(response.status.code), body unreadable after \(ms(since: started)) ms")
                throw error
            }
        }
        let info = ResponseInfo(status: response.status.code, headers: response.headerFields, body: bytes)
        ResponseRecorder.current?.record(info)
        logger.info("\(request.method) \(path) → \(response.status.code) in \(ms(since: started)) ms, \(bytes.count) bytes")
        if operationID.hasPrefix("list"), response.status.code == 200 {
            // Before decoding: a page of more entries than asked for is refused unread.
            try ListPageCheck.check(bytes, limit: ListPageCheck.limit(ofRequestPath: request.path), status: 200)
        }
        return (response, HTTPBody(bytes))
    }

    private func ms(since start: ContinuousClock.Instant) -> Int64 {
        let d = ContinuousClock.now - start
        return d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }
}
