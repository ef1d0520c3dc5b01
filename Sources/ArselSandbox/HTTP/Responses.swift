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
    static func from(_ error: any Error, path: String = "") -> SandboxError {
        if let e = error as? SandboxError { return e }
        if let e = error as? ServerError {
            if let inner = e.underlyingError as? SandboxError { return inner }
            let decoded = fromDecoding(e.underlyingError, context: e.causeDescription)
            // Arsel's OpenAPI documents 422 for create and update, 400 for send and cancel.
            if e.operationID.hasPrefix("send") || e.operationID.hasPrefix("cancel") {
                return .badRequest(decoded.message)
            }
            return decoded.status == 400 ? .validation(decoded.message) : decoded
        }
        if let e = error as? HTTPError {
            switch e.status.code {
            case 404 where allowedMethods(for: path) != nil:
                return SandboxError(status: 405, name: "bad_request", message: "Method not allowed",
                                    headers: [("allow", allowedMethods(for: path)!)])
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

    /// The methods the contract has on `path`, when it is one of its routes.
    static func allowedMethods(for path: String) -> String? {
        let p = path.split(separator: "/").map(String.init)
        guard p.count >= 3, p[0] == "v1", p[1] == "email" || p[1] == "sms", p[2] == "campaigns" else { return nil }
        switch p.count {
        case 3: return "GET, POST"
        case 4: return "GET, PATCH, DELETE"
        case 5 where p[4] == "send" || p[4] == "cancel": return "POST"
        default: return nil
        }
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
