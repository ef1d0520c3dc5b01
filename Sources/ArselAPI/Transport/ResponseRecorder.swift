import ArselModel
import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// What the last HTTP answer of one call looked like: status, the headers the facade reads
/// (rate limits, retry-after, request id) and the body bytes (for error snippets). The generated
/// client only exposes what the contract documents; the recorder sees everything.
struct ResponseInfo: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: [UInt8]

    var requestID: String? {
        for name in ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"] {
            // Server text: a server that reflects the key must not make us print it.
            if let field = HTTPField.Name(name), let value = headers[field], !value.isEmpty { return Redaction.apply(value) }
        }
        return nil
    }

    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// The first 200 characters of the body, on one line, for an "undecodable" error.
    var snippet: String {
        let text = Redaction.apply(String(decoding: body.prefix(2048), as: UTF8.self))
        let oneLine = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        return oneLine.count > 200 ? String(oneLine.prefix(200)) + "…" : oneLine
    }
}

/// Collects the answer of the current call. Installed in a task-local around each call, so the
/// shared middleware knows which call a response belongs to.
final class ResponseRecorder: Sendable {
    @TaskLocal static var current: ResponseRecorder?

    private let state = Mutex<ResponseInfo?>(nil)

    func record(_ info: ResponseInfo) { state.withLock { $0 = info } }
    var last: ResponseInfo? { state.withLock { $0 } }
}
