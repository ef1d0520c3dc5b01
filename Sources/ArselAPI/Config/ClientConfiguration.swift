import Foundation
import Logging

/// Everything the shared client needs; defaults are the real API's.
public struct ClientConfiguration: Sendable {
    public static let defaultBaseURL = URL(string: "https://api.arsel.sa/v1")!

    public var baseURL: URL
    public var apiKey: APIKey
    /// The organisation's budget, shared by every key and person: 2 requests per second.
    public var requestsPerSecond: Double = 2
    /// Added to the pacing interval so network jitter cannot squeeze two requests into less
    /// than the server's window.
    public var pacingMargin: Duration = .milliseconds(5)
    public var connectTimeout: Duration = .seconds(10)
    /// The overall deadline of one call, every retry and wait included. A server that trickles
    /// a byte every few seconds cannot hold a call longer than this.
    public var callTimeout: Duration = .seconds(30)
    /// How long a cancel may take, its re-read and its resends included.
    public var cancelTimeout: Duration = .seconds(60)
    /// The longest `retry-after` that is waited out; a longer one is reported, not slept through.
    public var maxRetryAfter: Duration = .seconds(20)
    /// Attempts of a read (GET) on connection errors, timeouts and 5xx.
    public var maxReadAttempts: Int = 4
    /// Resends of a rate-limited (429) request (the deadline bounds them too).
    public var maxRateLimitRetries: Int = 10
    public var retryBaseDelay: Duration = .milliseconds(500)
    public var retryMaxDelay: Duration = .seconds(8)
    /// A response body larger than this is an error, not a memory spike.
    public var maxResponseBytes: Int = 8 << 20
    public var userAgent: String = "arsel-campaigns/1.0"
    public var logger: Logger = Logger(label: "arsel.api", factory: { _ in SwiftLogNoOpLogHandler() })

    public init(baseURL: URL = ClientConfiguration.defaultBaseURL, apiKey: APIKey) {
        self.baseURL = baseURL
        self.apiKey = apiKey
    }

    /// Refuses a base URL that would send the key in clear text to another machine, or that is
    /// not an http(s) URL with a host at all.
    public static func validate(baseURL text: String) throws(ArselError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              let host = url.host, !host.isEmpty
        else { throw .configuration("base URL \"\(text)\" is not an absolute http(s) URL") }
        switch scheme {
        case "https":
            return url
        case "http":
            guard isLoopback(host) else {
                throw .configuration(
                    "refusing http:// to \(host): the API key would cross the network in clear text (use https://, or a loopback address for the sandbox)")
            }
            return url
        default:
            throw .configuration("base URL \"\(text)\" must use https:// (or http:// to a loopback address)")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" || h.hasSuffix(".localhost") { return true }
        let parts = h.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
