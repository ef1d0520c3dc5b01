import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpenAPIRuntime
import Synchronization

extension SandboxError {
    /// The envelope as a response.
    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in self.headers { if let n = HTTPField.Name(name) { headers[n] = value } }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Any error thrown while handling, as the envelope the real API would send: never an
    /// HTML page or an empty body.
    static func from(_ error: any Error) -> SandboxError {
        if let e = error as? SandboxError { return e }
        if let e = error as? ServerError {
            if let inner = e.underlyingError as? SandboxError { return inner }
            return fromDecoding(e.underlyingError, context: e.causeDescription)
        }
        if let e = error as? HTTPError {
            switch e.status.code {
            case 404: return SandboxError(status: 404, name: "not_found", message: "Route not found")
            case 405: return SandboxError(status: 405, name: "bad_request", message: "Method not allowed")
            case 413: return SandboxError(status: 413, name: "payload_too_large", message: "Request body too large")
            case 400..<500: return SandboxError(status: e.status.code, name: "bad_request", message: e.body ?? "Bad request")
            default: return .internalError()
            }
        }
        if error is DecodingError { return fromDecoding(error, context: "") }
        return .internalError()
    }

    static func fromDecoding(_ error: any Error, context: String) -> SandboxError {
        switch error as? DecodingError {
        case .dataCorrupted?: return .badRequest("Malformed JSON body")
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?:
            let field = c.codingPath.map(\.stringValue).filter { !$0.hasPrefix("Index") }.joined(separator: ".")
            return .validation(field.isEmpty ? "invalid value" : "\(field) has an invalid value")
        case .keyNotFound(let key, _)?:
            return .validation("\(key.stringValue) should not be empty")
        default:
            let lower = context.lowercased()
            if lower.contains("query") || lower.contains("parameter") { return .validation("invalid query parameter") }
            if lower.contains("body") || lower.contains("content") { return .badRequest("Malformed JSON body") }
            return .badRequest("Invalid request")
        }
    }
}

/// Reads a response body into one buffer (for idempotent replays and truncation faults).
func collect(_ body: ResponseBody) async throws -> ByteBuffer {
    final class Sink: Sendable {
        let buffer = Mutex(ByteBuffer())
    }
    struct Writer: ResponseBodyWriter {
        let sink: Sink
        mutating func write(_ buffer: ByteBuffer) async throws {
            var b = buffer
            _ = sink.buffer.withLock { $0.writeBuffer(&b) }
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
    let sink = Sink()
    try await body.write(Writer(sink: sink))
    return sink.buffer.withLock { $0 }
}

func jsonResponse(_ status: Int = 200, _ text: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json"
    return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
}
