import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import OpenAPIRuntime
import Synchronization

/// The generated client's transport: AsyncHTTPClient through its delegate API, which says when
/// a request has been written to the connection (`didSendRequest`). The pacer spaces requests
/// by that instant — the closest to when the server counts them that the client can see.
struct WireTransport: ClientTransport {
    let client: HTTPClient
    let timeout: Duration
    /// The answer's body is read up to this many bytes, then the request is abandoned.
    let maxBytes: Int

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        guard var url = URLComponents(string: baseURL.absoluteString), let path = URLComponents(string: request.path ?? "") else {
            throw URLError(.badURL)
        }
        url.percentEncodedPath += path.percentEncodedPath
        url.percentEncodedQuery = path.percentEncodedQuery
        guard let target = url.url else { throw URLError(.badURL) }
        var headers = HTTPHeaders()
        for field in request.headerFields { headers.add(name: field.name.canonicalName, value: field.value) }
        var bytes: ByteBuffer?
        if let body { bytes = ByteBuffer(bytes: try await [UInt8](collecting: body, upTo: 1 << 20)) }
        let outgoing = try HTTPClient.Request(
            url: target, method: HTTPMethod(rawValue: request.method.rawValue), headers: headers, body: bytes.map { .byteBuffer($0) })
        let collector = AnswerCollector(maxBytes: maxBytes, departure: Departure.current)
        let task = client.execute(request: outgoing, delegate: collector, deadline: .now() + TimeAmount(timeout))
        let answer: AnswerCollector.Answer
        do {
            answer = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
        } catch is AnswerCollector.TooLarge {
            // The head and the first bytes past the bound: the recording layer refuses it as such.
            guard let partial = collector.partial else { throw HTTPClientError.remoteConnectionClosed }
            answer = partial
        }
        var fields = HTTPFields()
        for (name, value) in answer.head.headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        let response = HTTPResponse(status: .init(code: Int(answer.head.status.code)), headerFields: fields)
        return (response, request.method == .head ? nil : HTTPBody(answer.body))
    }
}

/// Where a request's departure is reported: set by the pacing middleware around its call.
final class Departure: Sendable {
    @TaskLocal static var current: Departure?
    private let instant = Mutex<ContinuousClock.Instant?>(nil)
    private let report: @Sendable (ContinuousClock.Instant) -> Void

    init(report: @escaping @Sendable (ContinuousClock.Instant) -> Void) { self.report = report }

    /// When the request was written, if it was.
    var at: ContinuousClock.Instant? { instant.withLock { $0 } }

    func sent() {
        let now = ContinuousClock.now
        instant.withLock { $0 = $0 ?? now }
        report(now)
    }
}

/// One answer: its head and its body, bounded (past `maxBytes` the body is cut at one byte
/// more, so the layer above says "too large" without reading on).
final class AnswerCollector: HTTPClientResponseDelegate, Sendable {
    struct Answer: Sendable {
        var head: HTTPResponseHead
        var body: [UInt8]
    }

    private struct Parts {
        var head: HTTPResponseHead?
        var body: [UInt8] = []
    }

    private let parts = Mutex(Parts())
    private let maxBytes: Int
    private let departure: Departure?

    init(maxBytes: Int, departure: Departure?) {
        self.maxBytes = maxBytes
        self.departure = departure
    }

    func didSendRequest(task: HTTPClient.Task<Answer>) { departure?.sent() }

    func didReceiveHead(task: HTTPClient.Task<Answer>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        parts.withLock { $0.head = head }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Answer>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let full = parts.withLock { p -> Bool in
            p.body += buffer.readableBytesView.prefix(maxBytes + 1 - p.body.count)
            return p.body.count > maxBytes
        }
        if full { return task.eventLoop.makeFailedFuture(TooLarge()) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Answer>) throws -> Answer {
        guard let answer = partial else { throw HTTPClientError.remoteConnectionClosed }
        return answer
    }

    /// What has arrived so far, once the head has.
    var partial: Answer? { parts.withLock { p in p.head.map { Answer(head: $0, body: p.body) } } }

    /// The body passed `maxBytes`.
    struct TooLarge: Error {}
}
