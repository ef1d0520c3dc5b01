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
            return .transport(TransportFailure(.timeout, .noAnswerWithin(timeout)))
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
        return .transport(TransportFailure(.other, .library(String(describing: underlying))))
    }

    /// Recognises AsyncHTTPClient's and NIO's errors, by type first and by text last.
    static func transportFailure(_ error: any Error) -> TransportFailure? {
        if error is DeadlineExceeded { return TransportFailure(.timeout, .deadlineExceeded) }
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout: return TransportFailure(.connectTimeout, .connectTimeout)
            case .readTimeout, .deadlineExceeded, .writeTimeout:
                return TransportFailure(.timeout, .noAnswerInTime)
            case .remoteConnectionClosed:
                return TransportFailure(.connectionReset, .closedBeforeAnswering)
            case .cancelled: return TransportFailure(.timeout, .cancelled)
            default: break
            }
            let text = String(describing: e)
            if text.contains("tlsHandshakeTimeout") { return TransportFailure(.tls, .tlsHandshakeTimeout) }
            return TransportFailure(.other, .library(text))
        }
        if let e = error as? NIOConnectionError {
            if e.dnsAError != nil, e.dnsAAAAError != nil, e.connectionErrors.isEmpty {
                return TransportFailure(.dns, .hostDidNotResolve(host: e.host))
            }
            if let first = e.connectionErrors.first {
                if let io = first.error as? IOError, io.errnoCode == ECONNREFUSED {
                    return TransportFailure(.connectionRefused, .refusedBy(host: e.host, port: e.port))
                }
                return TransportFailure(.connectionRefused, .couldNotConnect(host: e.host, port: e.port, reason: String(describing: first.error)))
            }
            return TransportFailure(.dns, .couldNotResolveOrConnect(host: e.host, port: e.port))
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return TransportFailure(.connectionRefused, .refused)
            case ECONNRESET, EPIPE: return TransportFailure(.connectionReset, .resetByServer)
            case ETIMEDOUT: return TransportFailure(.timeout, .connectionTimedOut)
            default: return TransportFailure(.other, .ioError(errno: io.errnoCode))
            }
        }
        if let e = error as? ChannelError {
            switch e {
            case .connectTimeout: return TransportFailure(.connectTimeout, .connectTimeout)
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return TransportFailure(.connectionReset, .closedBeforeComplete)
            default: return TransportFailure(.other, .library(String(describing: e)))
            }
        }
        if error is CancellationError { return TransportFailure(.timeout, .cancelled) }
        let text = String(describing: error)
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("SSL") || typeName.contains("TLS") || text.contains("handshake") {
            return TransportFailure(.tls, .tlsFailed(text))
        }
        if text.localizedCaseInsensitiveContains("connection refused") {
            return TransportFailure(.connectionRefused, .refused)
        }
        if text.localizedCaseInsensitiveContains("reset") {
            return TransportFailure(.connectionReset, .resetByServer)
        }
        return nil
    }
}
