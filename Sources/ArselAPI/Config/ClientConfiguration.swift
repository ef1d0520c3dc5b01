import ArselModel
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
    public var pacingMargin: Duration = .milliseconds(20)
    public var connectTimeout: Duration = .seconds(10)
    /// An HTTP CONNECT proxy on loopback to tunnel through (host, port). Not read from the
    /// environment: the tests use it to make a connection slow to set up.
    public var proxy: (host: String, port: Int)?
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
    /// A response body larger than this is an error, not a memory spike. A full page (100
    /// campaigns) is well under 1 MB; entries beyond the page's `limit` are refused before decoding.
    public var maxResponseBytes: Int = 4 << 20
    /// `--all` stops with an error after this many pages (a server claiming more forever).
    public var maxPages: Int = 10_000
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
        else { throw .configuration(.baseURLNotAbsolute(text)) }
        switch scheme {
        case "https":
            return url
        case "http":
            guard isLoopback(host) else {
                throw .configuration(.plainHTTPToRemote(host: host))
            }
            return url
        default:
            throw .configuration(.baseURLScheme(text))
        }
    }

    /// Loopback decided on the text alone, with no DNS: a canonical dotted quad in 127.0.0.0/8
    /// (no leading zeros, no trailing dot), `::1`, or exactly `localhost` (which the client then
    /// connects to as 127.0.0.1, never resolving it). Anything else could be resolved elsewhere.
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "[::1]" { return true }
        return isCanonicalLoopbackIPv4(h)
    }

    static func isCanonicalLoopbackIPv4(_ h: String) -> Bool {
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            guard let n = UInt8(part), part.allSatisfy(\.isASCII) else { return false }
            return String(n) == part  // canonical: "8", never "08" or "+8"
        }
    }

    /// The URL the client actually connects to: `localhost` becomes the literal 127.0.0.1, so no
    /// resolver (nor /etc/hosts) decides where the key goes. Every other URL is unchanged.
    /// Connecting to a literal loopback address is enough: the kernel routes 127/8 and ::1 to the
    /// loopback interface only, so the peer is this machine (AsyncHTTPClient does not expose the
    /// connected address to check it again).
    public static func connectionURL(_ url: URL) -> URL {
        guard url.scheme?.lowercased() == "http", url.host?.lowercased() == "localhost",
              var parts = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return url }
        parts.host = "127.0.0.1"
        return parts.url ?? url
    }
}
