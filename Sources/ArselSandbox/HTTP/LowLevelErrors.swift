import Hummingbird
import NIOCore
import HTTPTypes
import NIOHTTPTypes

/// The largest request body the sandbox reads (Arsel's own bodies are a few kilobytes).
let maxRequestBody = 1 << 20

extension SandboxError {
    static var payloadTooLarge: SandboxError {
        SandboxError(status: 413, name: "payload_too_large", message: "Request body too large (at most \(maxRequestBody) bytes)")
    }
}

/// Answers an oversized body with 413 and the envelope before any handler reads it (a declared
/// Content-Length over the limit, or a chunked body that grows past it).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = SandboxContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxRequestBody {
            throw SandboxError.payloadTooLarge
        }
        guard request.headers[.contentLength] == nil, request.headers[.transferEncoding] != nil else {
            return try await next(request, context)
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maxRequestBody) } catch { throw SandboxError.payloadTooLarge }
        request.body = .init(buffer: body)
        return try await next(request, context)
    }
}

/// Hummingbird answers a request it cannot parse (request line, headers) with a bare
/// `400` and `Content-Length: 0` before any middleware runs. The sandbox never sends an empty
/// 400 itself (every error carries the envelope), so this handler gives exactly those the
/// `{status_code, name, message}` body too.
final class ParserErrorEnvelopeHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        switch part {
        case .head(var head) where head.status.code == 400 && head.headerFields[.contentLength] == "0":
            let body = SandboxError.badRequest("Malformed HTTP request").body
            head.headerFields[.contentLength] = String(body.count)
            head.headerFields[.contentType] = "application/json"
            head.headerFields[HTTPField.Name("arsel-sandbox")!] = "true"
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }
}

/// Stamps each request with the instant its head was read, on the event loop, before the hop
/// into Swift concurrency and the middlewares (a database read for the key among them): the
/// rate limiter counts arrivals, as an API's edge does, not when a busy process got to them.
/// A value the client sent in the same header is replaced.
final class ArrivalStampHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    static let header = HTTPField.Name("arsel-sandbox-arrived")!

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else { return context.fireChannelRead(data) }
        head.headerFields[Self.header] = String(CampaignStore.now())
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    /// Set by the `latency_ms` fault: the request counts as arriving after its latency.
    @TaskLocal static var delayedArrival: Double?

    /// When `request` arrived (now, for one that did not pass the handler).
    static func arrival(_ request: Request) -> Double {
        delayedArrival ?? request.headers[header].flatMap(Double.init) ?? CampaignStore.now()
    }
}
