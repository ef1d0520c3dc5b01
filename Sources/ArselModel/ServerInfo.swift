/// What the answers said about the server: the organisation's budget left, and whether it is
/// arsel-campaigns' own sandbox.
public struct ServerInfo: Sendable, Equatable {
    public var remaining: Int?
    public var limit: Int?
    public var sandbox: Bool

    public init(remaining: Int? = nil, limit: Int? = nil, sandbox: Bool = false) {
        self.remaining = remaining
        self.limit = limit
        self.sandbox = sandbox
    }
}
