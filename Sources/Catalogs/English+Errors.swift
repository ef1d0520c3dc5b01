import ArselModel
import Foundation

/// Errors in English. These sentences are also machine output: JSON's `message` and the audit
/// trail's `error_message` are written with this catalog whatever the person's language, so
/// they change only on purpose.
extension English {
    public func message(_ e: ArselError) -> String {
        switch e {
        case .api(let f):
            if f.statusCode == 429, let wait = f.retryAfter, wait > .zero {
                return "\(f.message) (the server asks to wait \(wait.components.seconds) s)"
            }
            return f.message
        case .transport(let t): return transport(t.detail)
        case .undecodable(let status, let snippet):
            return snippet.isEmpty
                ? "HTTP \(status) with a body that is not the API's JSON"
                : "HTTP \(status) with a body that is not the API's JSON: \(snippet)"
        case .redirect(let status, let location):
            return "HTTP \(status) redirect to \(location ?? "nowhere") refused; check the base URL (the key is never sent on)"
        case .unexpectedResponse(let status, let why): return "HTTP \(status) answer not trusted: \(distrust(why))"
        case .configuration(let p): return problem(p)
        }
    }

    public func cancelledMessage(_ apiMessage: String?) -> String { apiMessage ?? "Campaign cancelled" }

    public func problem(_ p: ConfigurationProblem) -> String {
        switch p {
        case .emptyKey: return "the API key is empty"
        case .keyCharacters: return "the API key contains spaces, control or non-ASCII characters"
        case .keyFileIsSymlink(let path): return "key file \(path) is a symbolic link; point to the file itself"
        case .keyFileMissing(let path): return "key file \(path) does not exist"
        case .keyFilePermissionDenied(let path): return "key file \(path) cannot be read (permission denied)"
        case .keyFileCannotOpen(let path, let code): return "key file \(path) cannot be opened (errno \(code))"
        case .keyFileCannotInspect(let path): return "key file \(path) cannot be inspected"
        case .keyFileNotRegular(let path): return "key file \(path) is not a regular file"
        case .keyFileOwner(let path, let owner, let uid):
            return "key file \(path) belongs to uid \(owner), not to you (uid \(uid)); refusing it"
        case .keyFileMode(let path, let mode):
            return "key file \(path) is accessible by others (mode \(String(mode, radix: 8))); run: chmod 600 \(path)"
        case .keyFileUnreadable(let path): return "key file \(path) cannot be read"
        case .keyFileTooLarge(let path): return "key file \(path) is too large to be a key"
        case .keyFileContent(let path, let inner): return "key file \(path): \(problem(inner))"
        case .keyVariable(let name, let inner): return "\(name): \(problem(inner))"
        case .noKey: return "no API key: set ARSEL_API_KEY, or pass --api-key-file PATH (a file only you can read, chmod 600)"
        case .baseURLNotAbsolute(let text): return "base URL \"\(text)\" is not an absolute http(s) URL"
        case .plainHTTPToRemote(let host):
            return "refusing http:// to \(host): the API key would cross the network in clear text (use https://, or a loopback address for the sandbox)"
        case .baseURLScheme(let text): return "base URL \"\(text)\" must use https:// (or http:// to a loopback address)"
        case .fieldsNotJSON(let reason): return "fields that JSON cannot carry: \(reason)"
        case .channelNotInContract(let raw): return "channel \(raw) is not in the contract"
        case .notAttempted: return "not attempted"
        case .other(let text): return text
        }
    }

    public func transport(_ d: TransportDetail) -> String {
        switch d {
        case .noAnswerWithin(let timeout): return "no complete answer within \(seconds(timeout))"
        case .deadlineExceeded: return "deadline exceeded"
        case .connectTimeout: return "could not connect within the connect timeout"
        case .noAnswerInTime: return "the server did not answer in time"
        case .closedBeforeAnswering: return "the server closed the connection before answering"
        case .cancelled: return "the request was cancelled"
        case .tlsHandshakeTimeout: return "TLS handshake timed out"
        case .hostDidNotResolve(let host): return "the host name \(host) did not resolve"
        case .refusedBy(let host, let port): return "connection refused by \(host):\(port)"
        case .couldNotConnect(let host, let port, let reason): return "could not connect to \(host):\(port): \(reason)"
        case .couldNotResolveOrConnect(let host, let port): return "could not resolve or connect to \(host):\(port)"
        case .refused: return "connection refused"
        case .resetByServer: return "connection reset by the server"
        case .connectionTimedOut: return "the connection timed out"
        case .ioError(let code): return "I/O error \(code)"
        case .closedBeforeComplete: return "the connection closed before the answer was complete"
        case .tlsFailed(let text): return "TLS failed: \(text)"
        case .library(let text), .other(let text): return text
        }
    }

    public func distrust(_ d: Distrust) -> String {
        switch d {
        case .listEntryWithoutID: return "a list entry has no id"
        case .morePagesThanLimit(let pages): return "the server still claims more after \(pages) pages; stopped walking"
        case .emptyPageClaimingMore: return "the server claims more pages but sent an empty one; stopped walking"
        case .repeatedCursor(let cursor): return "the server repeated cursor \(cursor) or sent no new campaign; stopped walking"
        case .cancelConfirmsNothing: return "the cancel answer confirms nothing (no message, no id of this campaign)"
        case .answerNamesNoCampaign: return "the answer names no campaign"
        case .answerAboutAnother(let asked, let got): return "the answer is about campaign \(got), not \(asked)"
        case .answerAboutAnotherRef(let asked, let got): return "the answer is about \(got), not \(asked)"
        case .pageLargerThanLimit(let limit): return "a page of more than \(limit) campaign(s) when \(limit) were asked for"
        case .answerTooLarge(let mebibytes): return "an answer larger than \(mebibytes) MiB, refused unread"
        }
    }

    /// A stable JSON object: `kind`, `status_code`, `name`, `message` (English), `retry_after`,
    /// `request_id`.
    public func json(_ e: ArselError) -> [String: JSONScalar] {
        var retryAfter: JSONScalar = .null
        if case .api(let f) = e, let wait = f.retryAfter {
            retryAfter = .number(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
        }
        return [
            "kind": .string(e.kind),
            "status_code": e.statusCode.map { .number(Double($0)) } ?? .null,
            "name": .string(e.name),
            "message": .string(message(e)),
            "retry_after": retryAfter,
            "request_id": e.requestID.map(JSONScalar.string) ?? .null,
        ]
    }

    /// "30 s", "2.5 s".
    func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
    }
}
