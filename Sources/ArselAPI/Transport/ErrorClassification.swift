import ArselModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import OpenAPIRuntime

/// Turns whatever a call threw into an `ArselError`, using what the recorder saw of the answer.
enum ErrorClassification {
    static func classify(_ error: any Error, response: ResponseInfo?, timeout: Duration) -> ArselError {
        if let e = error as? ArselError { return e }
        // A check in a middleware (a list page that lies) arrives wrapped by the generated client.
        if let e = (error as? ClientError)?.underlyingError as? ArselError { return e }
        if error is DeadlineExceeded {
            return .transport(TransportFailure(.timeout, "no complete answer within \(format(timeout))"))
        }
        // An answer arrived, but the generated client could not read it (HTML from a proxy, a
        // truncated or non-JSON body): the status and a snippet say what it was.
        if let response {
            if (300..<400).contains(response.status) {
                return .redirect(status: response.status, location: response.header("location").map(Redaction.apply))
            }
            if let clientError = error as? ClientError, let transport = transportFailure(clientError.underlyingError) {
                return .transport(transport)
            }
            return .undecodable(status: response.status, snippet: response.snippet)
        }
        let underlying = (error as? ClientError)?.underlyingError ?? error
        if let transport = transportFailure(underlying) { return .transport(transport) }
        return .transport(TransportFailure(.other, String(describing: underlying)))
    }

    /// Recognises AsyncHTTPClient's and NIO's errors, by type first and by text last.
    static func transportFailure(_ error: any Error) -> TransportFailure? {
        if error is DeadlineExceeded { return TransportFailure(.timeout, "deadline exceeded") }
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout: return TransportFailure(.connectTimeout, "could not connect within the connect timeout")
            case .readTimeout, .deadlineExceeded, .writeTimeout:
                return TransportFailure(.timeout, "the server did not answer in time")
            case .remoteConnectionClosed:
                return TransportFailure(.connectionReset, "the server closed the connection before answering")
            case .cancelled: return TransportFailure(.timeout, "the request was cancelled")
            default: break
            }
            let text = String(describing: e)
            if text.contains("tlsHandshakeTimeout") { return TransportFailure(.tls, "TLS handshake timed out") }
            return TransportFailure(.other, text)
        }
        if let e = error as? NIOConnectionError {
            if e.dnsAError != nil, e.dnsAAAAError != nil, e.connectionErrors.isEmpty {
                return TransportFailure(.dns, "the host name \(e.host) did not resolve")
            }
            if let first = e.connectionErrors.first {
                if let io = first.error as? IOError, io.errnoCode == ECONNREFUSED {
                    return TransportFailure(.connectionRefused, "connection refused by \(e.host):\(e.port)")
                }
                return TransportFailure(.connectionRefused, "could not connect to \(e.host):\(e.port): \(first.error)")
            }
            return TransportFailure(.dns, "could not resolve or connect to \(e.host):\(e.port)")
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return TransportFailure(.connectionRefused, "connection refused")
            case ECONNRESET, EPIPE: return TransportFailure(.connectionReset, "connection reset by the server")
            case ETIMEDOUT: return TransportFailure(.timeout, "the connection timed out")
            default: return TransportFailure(.other, "I/O error \(io.errnoCode)")
            }
        }
        if let e = error as? ChannelError {
            switch e {
            case .connectTimeout: return TransportFailure(.connectTimeout, "could not connect within the connect timeout")
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return TransportFailure(.connectionReset, "the connection closed before the answer was complete")
            default: return TransportFailure(.other, String(describing: e))
            }
        }
        if error is CancellationError { return TransportFailure(.timeout, "the request was cancelled") }
        let text = String(describing: error)
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("SSL") || typeName.contains("TLS") || text.contains("handshake") {
            return TransportFailure(.tls, "TLS failed: \(text)")
        }
        if text.localizedCaseInsensitiveContains("connection refused") {
            return TransportFailure(.connectionRefused, "connection refused")
        }
        if text.localizedCaseInsensitiveContains("reset") {
            return TransportFailure(.connectionReset, "connection reset by the server")
        }
        return nil
    }

    static func format(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
    }
}
