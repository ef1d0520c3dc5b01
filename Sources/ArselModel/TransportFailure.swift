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
    public var detail: TransportDetail

    public init(_ kind: Kind, _ detail: TransportDetail) {
        self.kind = kind
        self.detail = detail
    }

    /// Text a caller outside the core composed (the executable, tests).
    public init(_ kind: Kind, _ text: String) {
        self.init(kind, .other(text))
    }

    /// True when the request provably never reached the server, so resending cannot act twice.
    public var requestNeverSent: Bool {
        switch kind {
        case .connectionRefused, .tls, .dns, .connectTimeout: return true
        case .timeout, .connectionReset, .other: return false
        }
    }
}

/// What exactly failed below HTTP, for the catalogs to say. The networking library's own text
/// is kept as it wrote it (`library`, `reason`): it is the library's, not ours.
public enum TransportDetail: Sendable, Hashable {
    /// The call's overall deadline passed.
    case noAnswerWithin(Duration)
    case deadlineExceeded
    case connectTimeout
    case noAnswerInTime
    case closedBeforeAnswering
    case cancelled
    case tlsHandshakeTimeout
    case hostDidNotResolve(host: String)
    case refusedBy(host: String, port: Int)
    case couldNotConnect(host: String, port: Int, reason: String)
    case couldNotResolveOrConnect(host: String, port: Int)
    case refused
    case resetByServer
    case connectionTimedOut
    case ioError(errno: Int32)
    case closedBeforeComplete
    case tlsFailed(String)
    /// The library's description of an error we do not recognise.
    case library(String)
    /// Text a caller outside the core composed.
    case other(String)
}
