/// What a cancel request did, stated only as far as there is evidence for it.
public enum CancelOutcome: Sendable, Hashable {
    /// The API answered 200 to our request (`message` is its text; nil when the body is OpenAPI
    /// 1.0's `{"id"}`, and the catalog says its own "cancelled"), or — after an ambiguous attempt
    /// — a re-read found the campaign Cancelled (`confirmedByReread`, no message).
    case cancelled(message: String?, confirmedByReread: Bool)
    /// The API refused and nothing was ambiguous: it was not cancelled by this request.
    case failed(ArselError)
    /// An attempt was ambiguous and a re-read found the campaign in a status that is not
    /// Cancelled (e.g. Sent): it is not cancelled, and `status` says what it is.
    case notCancelled(status: CampaignStatus, cause: ArselError)
    /// No evidence either way: the attempt was ambiguous and the re-read failed too.
    case unknown(cause: ArselError)

    /// `cancelled`, `error` or `unknown`, as in the CLI's JSON.
    public var kind: String {
        switch self {
        case .cancelled: return "cancelled"
        case .failed, .notCancelled: return "error"
        case .unknown: return "unknown"
        }
    }

    /// The error behind a non-success outcome.
    public var error: ArselError? {
        switch self {
        case .cancelled: return nil
        case .failed(let e): return e
        case .notCancelled(_, let e), .unknown(let e): return e
        }
    }
}

/// A cancel's outcome with what it took to get there.
public struct CancelReport: Sendable, Hashable {
    public var campaignID: String
    public var channel: Channel
    public var outcome: CancelOutcome
    /// The key sent with every attempt of this one intent.
    public var idempotencyKey: String
    /// Cancel requests sent (resends with the same key included).
    public var attempts: Int
    /// The campaign as re-read during the cancel, when it was.
    public var reread: Campaign?
    /// The HTTP status of the last cancel answer, when one arrived.
    public var lastHTTPStatus: Int?
    public var requestID: String?

    public init(
        campaignID: String, channel: Channel, outcome: CancelOutcome, idempotencyKey: String,
        attempts: Int, reread: Campaign? = nil, lastHTTPStatus: Int? = nil, requestID: String? = nil
    ) {
        self.campaignID = campaignID
        self.channel = channel
        self.outcome = outcome
        self.idempotencyKey = idempotencyKey
        self.attempts = attempts
        self.reread = reread
        self.lastHTTPStatus = lastHTTPStatus
        self.requestID = requestID
    }
}
