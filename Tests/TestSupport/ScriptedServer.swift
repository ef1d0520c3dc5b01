import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// One request as the scripted server received it.
public struct ScriptedRequest: Sendable {
    public var method: String
    public var uri: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    public var receivedAt: ContinuousClock.Instant

    public var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public func query(_ name: String) -> String? {
        guard let q = uri.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in q.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.first.map(String.init) == name {
                return kv.count > 1 ? String(kv[1]).removingPercentEncoding : ""
            }
        }
        return nil
    }
}

/// What the scripted server does with a request.
public enum ScriptedReply: Sendable {
    case respond(status: Int, headers: [(String, String)], body: [UInt8])
    /// Read the request, then close the connection without a byte of answer.
    case drop
    /// Read the request, then reset the connection (RST).
    case reset
    /// Never answer (until the server shuts down).
    case hang
    /// Send the head, then the body one byte every `interval`.
    case trickle(status: Int, body: [UInt8], interval: Duration)
    /// Declare the full length, send only half of the body, then close.
    case truncated(status: Int, body: [UInt8])

    public static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> ScriptedReply {
        .respond(status: status, headers: [("content-type", "application/json")] + headers, body: Array(text.utf8))
    }

    public static func error(_ status: Int, _ name: String, _ message: String, headers: [(String, String)] = []) -> ScriptedReply {
        json(status, #"{"status_code":\#(status),"name":"\#(name)","message":"\#(message)"}"#, headers: headers)
    }
}

/// A real HTTP/1.1 server on 127.0.0.1, port 0, that answers from a script. It stands in for
/// answers the sandbox cannot give on demand in a unit test: dropped connections after the
/// server "acted", trickled bodies, redirects, HTML from a proxy.
public final class ScriptedServer: Sendable {
    public let port: Int
    private let channel: any Channel
    private let log = Locked<[ScriptedRequest]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)

    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }
    public var requests: [ScriptedRequest] { log.withLock { $0 } }

    public init(_ handler: @escaping @Sendable (ScriptedRequest) async -> ScriptedReply) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ArrivalStamp())
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                }
            }
        port = server.channel.localAddress?.port ?? 0
        channel = server.channel
        let log = self.log
        let accept = Task<Void, Never> {
            _ = try? await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask {
                            await ScriptedServer.serve(connection, handler: handler, log: log)
                        }
                    }
                }
            }
        }
        task.withLock { $0 = accept }
    }

    public func shutdown() async {
        task.withLock { $0?.cancel() }
        try? await channel.close()
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>,
        handler: @Sendable (ScriptedRequest) async -> ScriptedReply,
        log: Locked<[ScriptedRequest]>
    ) async {
        let channel = connection.channel
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var arrived = ContinuousClock.now
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let h):
                    head = h
                    arrived = ArrivalStamp.take(from: h) ?? .now
                    body = []
                case .body(var buffer):
                    body += buffer.readBytes(length: buffer.readableBytes) ?? []
                case .end:
                    guard let h = head else { continue }
                    let request = ScriptedRequest(
                        method: h.method.rawValue, uri: h.uri,
                        headers: h.headers.filter { $0.name != ArrivalStamp.header }.map { ($0.name, $0.value) },
                        body: body, receivedAt: arrived)
                    log.withLock { $0.append(request) }
                    switch await handler(request) {
                    case .respond(let status, let headers, let bytes):
                        var fields = HTTPHeaders(headers)
                        fields.replaceOrAdd(name: "content-length", value: String(bytes.count))
                        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: fields)))
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
                        try await outbound.write(.end(nil))
                    case .drop:
                        return
                    case .reset:
                        if let provider = channel as? any SocketOptionProvider {
                            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                        }
                        return
                    case .hang:
                        try? await Task.sleep(for: .seconds(3600))
                        return
                    case .trickle(let status, let bytes, let interval):
                        let fields = HTTPHeaders([("content-type", "application/json"), ("content-length", String(bytes.count))])
                        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: fields)))
                        for byte in bytes {
                            try await Task.sleep(for: interval)
                            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: [byte]))))
                        }
                        try await outbound.write(.end(nil))
                    case .truncated(let status, let bytes):
                        let fields = HTTPHeaders([("content-type", "application/json"), ("content-length", String(bytes.count))])
                        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: fields)))
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: Array(bytes.prefix(bytes.count / 2))))))
                        return
                    }
                }
            }
        }
    }
}

/// A value behind a lock, shareable between tasks (a `Mutex` itself cannot be captured).
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    public init(_ value: Value) { mutex = Mutex(value) }
    public func withLock<R: Sendable>(_ body: (inout sending Value) throws -> sending R) rethrows -> R {
        try mutex.withLock(body)
    }
    public var value: Value { withLock { $0 } }
}

/// Stamps each request's arrival on the event loop, before the hop to Swift concurrency, so
/// that timing assertions (pacing) measure the client and not the test machine's scheduler.
final class ArrivalStamp: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    static let header = "x-scripted-arrival-ns"

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var part = unwrapInboundIn(data)
        if case .head(var head) = part {
            let now = ContinuousClock.now - ArrivalStamp.origin
            let ns = now.components.seconds * 1_000_000_000 + now.components.attoseconds / 1_000_000_000
            head.headers.replaceOrAdd(name: ArrivalStamp.header, value: String(ns))
            part = .head(head)
        }
        context.fireChannelRead(wrapInboundOut(part))
    }

    static let origin = ContinuousClock.now

    static func take(from head: HTTPRequestHead) -> ContinuousClock.Instant? {
        guard let ns = head.headers.first(name: header).flatMap(Int64.init) else { return nil }
        return origin + .nanoseconds(ns)
    }
}
