import ArselModel
import Foundation

/// A cancel whose outcome nobody knows: its intent was recorded, and then no answer was (the
/// process died, the connection dropped, a signal, a timeout after sending). The audit trail
/// finds these; every front-end resolves them the same way, with `UnknownResolution`.
public struct OpenCancel: Sendable, Equatable {
    public let ref: CampaignRef
    public let name: String?
    /// When the intent was recorded.
    public let at: Date
    /// The key the cancel was sent with: a resend uses it again, so the server answers a cancel
    /// it already acted on with its first answer instead of acting twice (valid 24 h).
    public let idempotencyKey: String
    public let statusBefore: String?

    public init(ref: CampaignRef, name: String?, at: Date, idempotencyKey: String, statusBefore: String?) {
        self.ref = ref
        self.name = name
        self.at = at
        self.idempotencyKey = idempotencyKey
        self.statusBefore = statusBefore
    }

    /// Arsel keeps an idempotency key for 24 hours: older unknowns cannot be resent safely, and
    /// are left to the person (`audit` shows them).
    public static let window: TimeInterval = 24 * 3600
}

/// What one re-read (a GET of the campaign, on its own channel) says about an open cancel.
public struct UnknownResolution: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
        /// The campaign is Cancelled: the cancel (or another) took effect.
        case cancelled
        /// Still Scheduled, Queued or Sending: the cancel did not take effect. Nothing is resent
        /// on its own; a cancel the person confirms reuses the key.
        case stillCancellable(CampaignStatus)
        /// Sent, Failed, or another status the cancel did not make: it was not stopped.
        case notStopped(CampaignStatus)
        /// Arsel says the campaign does not exist (404).
        case gone
        /// The re-read failed (or answered about another campaign): still unknown, tried again
        /// at the next start or with `audit --resolve`.
        case stillUnknown(ArselError)
    }

    public let cancel: OpenCancel
    public let verdict: Verdict
    /// The campaign as re-read, when the answer is about it.
    public let campaign: Campaign?

    /// An answer counts only for the id and channel it carries.
    public init(_ cancel: OpenCancel, reread: Result<Campaign, ArselError>) {
        self.cancel = cancel
        switch reread {
        case .success(let c) where c.ref == cancel.ref:
            campaign = c
            if c.status == .cancelled {
                verdict = .cancelled
            } else if c.status.isCancellable {
                verdict = .stillCancellable(c.status)
            } else {
                verdict = .notStopped(c.status)
            }
        case .success(let c):
            campaign = nil
            verdict = .stillUnknown(.unexpectedResponse(status: 200, .answerAboutAnotherRef(asked: cancel.ref, got: c.ref)))
        case .failure(.api(let f)) where f.statusCode == 404:
            campaign = nil
            verdict = .gone
        case .failure(let e):
            campaign = nil
            verdict = .stillUnknown(e)
        }
    }

    /// Settled: recorded in the audit trail and not re-read again.
    public var isSettled: Bool {
        if case .stillUnknown = verdict { return false }
        return true
    }

    /// What the audit's `resolved` line records as the status found.
    public var statusFound: String? {
        switch verdict {
        case .cancelled, .stillCancellable, .notStopped: return campaign?.statusText
        case .gone: return "not_found"
        case .stillUnknown: return nil
        }
    }
}
