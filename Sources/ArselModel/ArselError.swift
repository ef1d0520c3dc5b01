/// Every way a call can fail, told apart so that callers (and the cancel logic) can decide what
/// is known: the server answered with its error envelope, the transport failed (with or without
/// the request having reached the server), the answer could not be read, or the tool is
/// misconfigured. People see `name: message`; machines get `json`.
public enum ArselError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The API answered with `{status_code, name, message}` (or an equivalent we could read).
    case api(APIFailure)
    /// No complete HTTP answer: timeout, refused, reset, TLS, DNS.
    case transport(TransportFailure)
    /// An answer arrived but is not what the contract describes (an HTML page from a proxy, a
    /// truncated body, a 200 that is not JSON).
    case undecodable(status: Int, snippet: String)
    /// The server answered with a redirect. It is never followed: the key must not travel.
    case redirect(status: Int, location: String?)
    /// An answer that reads as JSON but cannot be trusted: it names another campaign than the one
    /// asked for (or none), carries more entries than asked, repeats a cursor. Never data.
    case unexpectedResponse(status: Int, detail: String)
    /// Missing key, unreadable key file, refused URL, bad option.
    case configuration(String)

    /// The machine name: the API's `name`, or one of ours for failures without an envelope.
    public var name: String {
        switch self {
        case .api(let f): return f.name
        case .transport(let t): return t.kind.rawValue
        case .undecodable: return "undecodable_response"
        case .redirect: return "unexpected_redirect"
        case .unexpectedResponse: return "unexpected_response"
        case .configuration: return "configuration_error"
        }
    }

    /// The human sentence, without the name.
    public var message: String {
        switch self {
        case .api(let f):
            if f.statusCode == 429, let wait = f.retryAfter, wait > .zero {
                return "\(f.message) (the server asks to wait \(wait.components.seconds) s)"
            }
            return f.message
        case .transport(let t): return t.detail
        case .undecodable(let status, let snippet):
            return snippet.isEmpty
                ? "HTTP \(status) with a body that is not the API's JSON"
                : "HTTP \(status) with a body that is not the API's JSON: \(snippet)"
        case .redirect(let status, let location):
            return "HTTP \(status) redirect to \(location ?? "nowhere") refused; check the base URL (the key is never sent on)"
        case .unexpectedResponse(let status, let detail): return "HTTP \(status) answer not trusted: \(detail)"
        case .configuration(let text): return text
        }
    }

    /// The HTTP status when an answer arrived.
    public var statusCode: Int? {
        switch self {
        case .api(let f): return f.statusCode
        case .undecodable(let status, _), .redirect(let status, _), .unexpectedResponse(let status, _): return status
        case .transport, .configuration: return nil
        }
    }

    /// `name: message`, what a person reads. Server text is raw here: sanitise before display.
    public var description: String { "\(name): \(message)" }

    /// The request id the server gave, when it gave one.
    public var requestID: String? {
        if case .api(let f) = self { return f.requestID }
        return nil
    }

    /// A stable JSON object: `kind`, `status_code`, `name`, `message`, `retry_after`, `request_id`.
    public var json: [String: JSONScalar] {
        var retryAfter: JSONScalar = .null
        if case .api(let f) = self, let wait = f.retryAfter {
            retryAfter = .number(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
        }
        return [
            "kind": .string(kind),
            "status_code": statusCode.map { .number(Double($0)) } ?? .null,
            "name": .string(name),
            "message": .string(message),
            "retry_after": retryAfter,
            "request_id": requestID.map(JSONScalar.string) ?? .null,
        ]
    }

    public var kind: String {
        switch self {
        case .api: return "api"
        case .transport: return "transport"
        case .undecodable: return "undecodable"
        case .redirect: return "redirect"
        case .unexpectedResponse: return "unexpected"
        case .configuration: return "configuration"
        }
    }

    /// A `rate_limit_exceeded` 429: the server did not run the request.
    public var isRateLimited: Bool {
        if case .api(let f) = self { return f.statusCode == 429 && f.name != "monthly_quota_exceeded" }
        return false
    }

    /// The organisation's monthly quota is spent: retrying cannot help.
    public var isQuotaExhausted: Bool {
        if case .api(let f) = self { return f.name == "monthly_quota_exceeded" }
        return false
    }
}

/// The API's error envelope plus what the response headers said.
public struct APIFailure: Sendable, Hashable {
    public var statusCode: Int
    public var name: String
    public var message: String
    /// `retry-after`, parsed (delta-seconds or HTTP-date), when present and readable.
    public var retryAfter: Duration?
    public var requestID: String?

    public init(statusCode: Int, name: String, message: String, retryAfter: Duration? = nil, requestID: String? = nil) {
        self.statusCode = statusCode
        self.name = name
        self.message = message
        self.retryAfter = retryAfter
        self.requestID = requestID
    }
}

/// A failure below HTTP.
public struct TransportFailure: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// No complete answer before the deadline: the server may or may not have acted.
        case timeout
        /// Nothing listens there: the request never reached a server.
        case connectionRefused = "connection_refused"
        /// The connection broke after it was established: the server may have acted.
        case connectionReset = "connection_reset"
        /// The TLS handshake failed: no request bytes were sent.
        case tls = "tls_error"
        /// The host name did not resolve: the request never left.
        case dns = "dns_error"
        /// The connection could not be made within the connect timeout: nothing was sent.
        case connectTimeout = "connect_timeout"
        case other = "transport_error"
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// True when the request provably never reached the server, so resending cannot act twice.
    public var requestNeverSent: Bool {
        switch kind {
        case .connectionRefused, .tls, .dns, .connectTimeout: return true
        case .timeout, .connectionReset, .other: return false
        }
    }
}

/// A JSON scalar, for stable machine output without a dependency on Foundation's encoder.
public enum JSONScalar: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    /// An array of strings (push `target_platforms`).
    case strings([String])
    case null
}

extension JSONScalar: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
