/// Every way a call can fail, told apart so that callers (and the cancel logic) can decide what
/// is known: the server answered with its error envelope, the transport failed (with or without
/// the request having reached the server), the answer could not be read, or the tool is
/// misconfigured. Only typed values live here: a catalog says them (`name: message`), and the
/// English one writes JSON's and the audit trail's `message`.
public enum ArselError: Error, Sendable, Hashable {
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
    case unexpectedResponse(status: Int, Distrust)
    /// Missing key, unreadable key file, refused URL, bad option.
    case configuration(ConfigurationProblem)

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

    /// The HTTP status when an answer arrived.
    public var statusCode: Int? {
        switch self {
        case .api(let f): return f.statusCode
        case .undecodable(let status, _), .redirect(let status, _), .unexpectedResponse(let status, _): return status
        case .transport, .configuration: return nil
        }
    }

    /// The request id the server gave, when it gave one.
    public var requestID: String? {
        if case .api(let f) = self { return f.requestID }
        return nil
    }

    /// The object JSON output calls `kind`.
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

extension DefaultStringInterpolation {
    /// An error is said through a catalog (`English().error(e)` for machine output): the deprecation
    /// turns an accidental `"\(error)"`, which would print the enum's dump, into a build error.
    @available(*, deprecated, message: "say an ArselError through a Catalog: English().error(e), catalog.error(e)")
    public mutating func appendInterpolation(_ error: ArselError) {
        appendInterpolation(String(reflecting: error))
    }
}
