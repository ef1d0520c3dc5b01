import ArselModel
import Foundation

/// "What goes out next": the order of the all-channels view. Everything that can still be
/// stopped comes first — Sending (longest running first), Queued (longest waiting first),
/// Scheduled (soonest first) — then the rest, newest first.
public enum Urgency {
    public static func rank(_ status: CampaignStatus) -> Int {
        switch status {
        case .sending: return 0
        case .queued: return 1
        case .scheduled: return 2
        default: return 3
        }
    }

    public static func ordered(_ campaigns: [Campaign]) -> [Campaign] {
        func seconds(_ t: Timestamp?) -> Double? { t?.date?.timeIntervalSince1970 }
        // The key within a rank: ascending for the stoppable, newest first (negated) for the rest.
        func key(_ c: Campaign) -> Double {
            switch rank(c.status) {
            case 0: return seconds(c.sentAt) ?? seconds(c.updatedAt) ?? seconds(c.createdAt) ?? .infinity
            case 1: return seconds(c.updatedAt) ?? seconds(c.createdAt) ?? .infinity
            case 2: return seconds(c.scheduledAt) ?? .infinity
            default: return -(seconds(c.createdAt) ?? -.infinity)
            }
        }
        return campaigns.enumerated()
            .map { (offset: $0.offset, rank: rank($0.element.status), key: key($0.element), campaign: $0.element) }
            .sorted { a, b in
                if a.rank != b.rank { return a.rank < b.rank }
                if a.key != b.key { return a.key < b.key }
                return a.offset < b.offset
            }
            .map(\.campaign)
    }
}
