import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix

/// Injects the route's fault, if any: before handling (latency, hang, reset, 5xx, HTML, 429)
/// or after it, once the request's effects have committed (answer delay, drop, truncate, trickle).
struct FaultMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let faults: FaultTable
    let stopping: Locked<Bool>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let fault = faults.take(method: request.method.rawValue, path: request.uri.path) else {
            return try await next(request, context)
        }
        if let ms = fault.latencyMs, ms > 0 {
            try await Task.sleep(for: .milliseconds(ms))
            // The request "arrives" now: the limiter counts it after the latency, as documented.
            return try await ArrivalStampHandler.$delayedArrival.withValue(CampaignStore.now()) {
                try await faulted(request, context: context, fault: fault, next: next)
            }
        }
        return try await faulted(request, context: context, fault: fault, next: next)
    }

    private func faulted(
        _ request: Request, context: Context, fault: Fault, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if fault.hang == true {
            // Until the client gives up (the connection closes) or the sandbox stops.
            let until = ContinuousClock.now + .seconds(3600)
            while context.channel.isActive, !stopping.value, ContinuousClock.now < until {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await reset(context)
        }
        if fault.reset == true { try await reset(context) }
        if let rate = fault.errorRate, Double.random(in: 0..<1) < rate {
            return SandboxError(status: fault.errorStatus ?? 500, name: "internal_server_error", message: "Injected fault").response
        }
        if fault.html == true {
            let status = fault.errorStatus ?? 502
            var headers = HTTPFields()
            headers[.contentType] = "text/html"
            let page = "<html><head><title>\(status) Bad Gateway</title></head><body><center><h1>\(status) Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        if let retryAfter = fault.retryAfter {
            var e = SandboxError.rateLimited(retryAfter: 1)
            e.headers = [("retry-after", retryAfter)]
            return e.response
        }

        let response = try await HoldMiddleware.$hold.withValue(fault.holdMs) { try await next(request, context) }
        if let ms = fault.answerDelayMs, ms > 0 { try await Task.sleep(for: .milliseconds(ms)) }

        if fault.dropAfter == true { try await reset(context) }
        if fault.truncate == true {
            let bytes = try await collect(response.body)
            let half = ByteBuffer(bytes: Array(buffer: bytes).prefix(bytes.readableBytes / 2))
            var cut = response
            cut.body = .init(contentLength: bytes.readableBytes) { writer in
                try await writer.write(half)
                throw ConnectionDropped()  // the server closes the connection mid-body
            }
            return cut
        }
        if let ms = fault.trickleMs, ms > 0 {
            let bytes = Array(buffer: try await collect(response.body))
            var slow = response
            slow.body = .init(contentLength: bytes.count) { writer in
                for byte in bytes {
                    try await Task.sleep(for: .milliseconds(ms))
                    try await writer.write(ByteBuffer(bytes: [byte]))
                }
                try await writer.finish(nil)
            }
            return slow
        }
        return response
    }

    /// Closes the connection with a TCP reset, then stops the handling of this request.
    private func reset(_ context: Context) async throws -> Never {
        if let provider = context.channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await context.channel.close()
        throw ConnectionDropped()
    }
}

/// The innermost middleware: makes the handler slow (`hold_ms`), after the idempotency key has
/// been claimed, so a concurrent request with the same key meets "still processing".
struct HoldMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    @TaskLocal static var hold: Int?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let ms = Self.hold, ms > 0 { try await Task.sleep(for: .milliseconds(ms)) }
        return try await next(request, context)
    }
}
