/// A campaign's status. The docs send Title case (`Sent`), Arsel's OpenAPI 1.0 lower case
/// (`sent`) plus `archived`; both compare equal here, and anything unknown is kept verbatim and
/// is never cancellable.
public enum CampaignStatus: Sendable, Hashable, CustomStringConvertible {
    case draft, scheduled, queued, sending, sent, paused, failed, cancelled, archived
    case unknown(String)

    public init(_ raw: String) {
        switch raw.trimmingWhitespace().lowercased() {
        case "draft": self = .draft
        case "scheduled": self = .scheduled
        case "queued": self = .queued
        case "sending": self = .sending
        case "sent": self = .sent
        case "paused": self = .paused
        case "failed": self = .failed
        case "cancelled", "canceled": self = .cancelled
        case "archived": self = .archived
        default: self = .unknown(raw)
        }
    }

    /// The statuses the API documents, in lifecycle order.
    public static let known: [CampaignStatus] = [
        .draft, .scheduled, .queued, .sending, .paused, .sent, .failed, .cancelled, .archived,
    ]

    /// Scheduled, Queued and Sending can be cancelled; nothing else, unknown statuses included.
    public var isCancellable: Bool {
        switch self {
        case .scheduled, .queued, .sending: return true
        default: return false
        }
    }

    /// Sent, Failed, Cancelled and archived never change again: no need to re-read them.
    public var isFinal: Bool {
        switch self {
        case .sent, .failed, .cancelled, .archived: return true
        default: return false
        }
    }

    /// Title case for known statuses (`Scheduled`); the server's own text for unknown ones.
    public var title: String {
        switch self {
        case .draft: return "Draft"
        case .scheduled: return "Scheduled"
        case .queued: return "Queued"
        case .sending: return "Sending"
        case .sent: return "Sent"
        case .paused: return "Paused"
        case .failed: return "Failed"
        case .cancelled: return "Cancelled"
        case .archived: return "Archived"
        case .unknown(let raw): return raw
        }
    }

    /// The value sent to the server (the docs' Title case for known statuses).
    public var rawValue: String { title }

    public var description: String { title }
}

extension String {
    package func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
