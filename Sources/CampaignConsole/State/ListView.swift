import ArselModel
import Foundation

/// Which campaigns the list shows by status: one status (asked of Arsel, which filters by one
/// status), or every one that can still be stopped (Scheduled, Queued, Sending: Arsel cannot
/// be asked for three at once, so the loaded rows are filtered here and pages load until the
/// screen is full).
public enum StatusFilter: Sendable, Equatable {
    case stoppable
    case only(CampaignStatus)

    public var apiStatus: String? {
        if case .only(let s) = self { return s.rawValue }
        return nil
    }

    public func matches(_ c: Campaign) -> Bool {
        switch self {
        case .stoppable: return c.status.isCancellable
        case .only(let s): return c.status == s
        }
    }

    /// `s` steps through these and back to all.
    public static let cycle: [StatusFilter?] = [nil, .stoppable] + ([.scheduled, .queued, .sending, .sent, .failed, .cancelled, .draft, .paused] as [CampaignStatus]).map { .only($0) }
}

/// The order of the rows: as listed (newest first; by urgency in the all-channels view), or by
/// one of the facts a manager sorts by. Stable: equal rows keep their listed order.
public enum SortOrder: String, Sendable, Equatable, CaseIterable {
    case listed, when, status, name, updated

    public var next: SortOrder { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }

    public func sorted(_ campaigns: [Campaign]) -> [Campaign] {
        func seconds(_ t: Timestamp?) -> Double? { t?.date?.timeIntervalSince1970 }
        let keyed = campaigns.enumerated().map { ($0.offset, $0.element) }
        func by<K: Comparable>(_ key: (Campaign) -> K) -> [Campaign] {
            keyed.sorted { a, b in
                let ka = key(a.1), kb = key(b.1)
                return ka != kb ? ka < kb : a.0 < b.0
            }.map(\.1)
        }
        switch self {
        case .listed: return campaigns
        // What goes out next first: scheduled soonest, then what has no time.
        case .when: return by { seconds($0.scheduledAt) ?? .infinity }
        case .status: return by { Urgency.rank($0.status) * 100 + ($0.status.sortIndex) }
        case .name: return by { ($0.name ?? "").lowercased() }
        // Most recently changed first.
        case .updated: return by { -(seconds($0.updatedAt) ?? -.infinity) }
        }
    }
}

extension CampaignStatus {
    /// Where the status stands among the known ones (unknown ones last).
    var sortIndex: Int { CampaignStatus.known.firstIndex(of: self) ?? CampaignStatus.known.count }
}
