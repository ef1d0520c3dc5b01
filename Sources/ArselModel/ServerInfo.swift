/// What the answers said about the server: the organisation's budget left, and whether it is
/// arsel-campaigns' own sandbox.
public struct ServerInfo: Sendable, Equatable {
    public var remaining: Int?
    public var limit: Int?
    public var sandbox: Bool
    /// The last answer said the budget was used up, and not by this client's own requests:
    /// someone else in the organisation is using it (requests will wait).
    public var contended: Bool

    public init(remaining: Int? = nil, limit: Int? = nil, sandbox: Bool = false, contended: Bool = false) {
        self.remaining = remaining
        self.limit = limit
        self.sandbox = sandbox
        self.contended = contended
    }
}
