import ArselAPI
import Foundation
import TerminalUI

/// Everything the console knows. Pure data: the reducer changes it, the views draw it.
public struct AppState: Sendable, Equatable {
    // MARK: Where we are
    public var environment: ConsoleEnvironment
    public var channel: Channel = .email
    public var width = 80
    public var height = 24
    public var now: Date

    // MARK: The list
    /// Loaded campaigns, newest first, each once. The index and the counts are derived here,
    /// once per change, so a frame or a key press costs the same with 100 or 100 000 campaigns.
    public var campaigns: [Campaign] = [] {
        didSet { if deriving { derive() } }
    }
    /// Where each campaign is in `campaigns`.
    public private(set) var indexByID: [String: Int] = [:]
    /// How many loaded campaigns have each status.
    public private(set) var counts: [CampaignStatus: Int] = [:]
    /// More pages exist after the last loaded campaign.
    public var hasMore = false
    /// The cursor and the marks follow campaign ids, never row indexes.
    public var selectedID: String?
    public var marks: Set<String> = []
    /// The first visible row.
    public var scroll = 0
    public var notes: [String: RowNote] = [:]
    public var search = ""
    public var searchDraft: String?
    public var searchDueAt: Date?
    public var statusFilter: CampaignStatus?

    // MARK: Refresh
    public var lastRefresh: Date?
    public var refreshing = false
    public var loadingMore = false
    public var paused = false
    public var nextRefreshAt: Date?
    /// Consecutive failed refreshes: the next one backs off.
    public var refreshFailures = 0
    public var refreshError: String?
    public var rateRemaining: Int?
    public var rateLimit: Int?
    /// The server says it is arsel-campaigns' sandbox (the badge does not trust the URL alone).
    public var serverIsSandbox = false

    // MARK: Requests in flight (a response whose id is not the current one is stale)
    public var listRequest: Int?
    public var moreRequest: Int?
    public var rereadRequest: Int?
    /// The ids that re-read asked about, in order: an answer counts only for its own id.
    public var rereadIDs: [String] = []
    public var nextRequestID = 1
    /// Idempotency keys are `<session>-<n>`: one per user intent, deterministic in tests.
    public var nextIntent = 1

    // MARK: Overlays and messages
    public var overlay: Overlay = .none
    public var messages: [Message] = []
    public var bulk: BulkRun?
    /// Cancels sent and not yet answered, by campaign id, with their idempotency key: what to
    /// record as "unknown" if the console has to stop before they answer.
    public var inFlight: [String: String] = [:]
    public var lastFailed: [String] = []
    public var quitting = false
    /// The signal that stopped the console, if one did.
    public var interruptedBy: String?

    public init(environment: ConsoleEnvironment, now: Date) {
        self.environment = environment
        self.now = now
    }

    public var selectedIndex: Int? { selectedID.flatMap { indexByID[$0] } }
    public var selected: Campaign? { selectedIndex.map { campaigns[$0] } }

    public func campaign(_ id: String) -> Campaign? { indexByID[id].map { campaigns[$0] } }

    private mutating func derive() {
        var index: [String: Int] = [:]
        index.reserveCapacity(campaigns.count)
        var counts: [CampaignStatus: Int] = [:]
        for (i, c) in campaigns.enumerated() {
            index[c.id] = i
            counts[c.status, default: 0] += 1
        }
        indexByID = index
        self.counts = counts
    }

    /// Replaces one campaign in place (same id).
    public mutating func update(_ campaign: Campaign) {
        guard let i = indexByID[campaign.id] else { return }
        let old = campaigns[i].status
        // One row changed: the counts move by one, no full re-derive.
        deriving = false
        campaigns[i] = campaign
        deriving = true
        counts[old, default: 1] -= 1
        if counts[old] == 0 { counts[old] = nil }
        counts[campaign.status, default: 0] += 1
    }

    private var deriving = true

    public var latestMessage: Message? { messages.last }
}

/// What does not change while the console runs.
public struct ConsoleEnvironment: Sendable, Equatable {
    public var profile: String
    public var apiHost: String
    public var sandbox: Bool
    public var production: Bool
    public var readOnly: Bool
    /// Session part of idempotency keys.
    public var session: String
    public var refreshInterval: TimeInterval
    public var pageSize: Int
    public var timeZone: TimeZone
    public var unicode: Bool
    public var keymap: Keymap
    /// The channel the console opens on.
    public var channel: Channel = .email

    public init(
        profile: String = "default", apiHost: String = "api.arsel.sa", sandbox: Bool = false, production: Bool = false,
        readOnly: Bool = false, session: String = "s", refreshInterval: TimeInterval = 15, pageSize: Int = 50,
        timeZone: TimeZone = .current, unicode: Bool = true, keymap: Keymap = .defaults
    ) {
        self.keymap = keymap
        self.profile = profile
        self.apiHost = apiHost
        self.sandbox = sandbox
        self.production = production
        self.readOnly = readOnly
        self.session = session
        self.refreshInterval = refreshInterval
        self.pageSize = pageSize
        self.timeZone = timeZone
        self.unicode = unicode
    }
}

/// The last outcome of an action on a row, kept until dismissed.
public enum RowNote: Sendable, Equatable {
    case cancelling
    case queued
    case cancelled(String)
    case failed(String)
    case unknown(String)

    public var isFailure: Bool {
        switch self {
        case .failed, .unknown: return true
        default: return false
        }
    }
}

public struct Message: Sendable, Equatable {
    public enum Level: Sendable, Equatable { case info, ok, error, unknown }
    public var text: String
    public var level: Level
    public var at: Date

    public init(_ text: String, level: Level, at: Date) {
        self.text = text
        self.level = level
        self.at = at
    }
}

public enum Overlay: Sendable, Equatable {
    case none
    case help
    case details(String)
    case messages
    case confirm(Confirmation)
    /// `q` while a cancel is sent or queued: "quit anyway? (the outcome will be unknown)".
    case quitWhileCancelling
}

/// The cancel confirmation.
public struct Confirmation: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// Re-reading the campaigns before asking.
        case checking(request: Int)
        case ready
    }

    public enum Focus: Sendable, Equatable { case keep, cancel }

    public var ids: [String]
    /// The channel the campaigns were listed on: the cancel goes to it, whatever the list shows later.
    public var channel: Channel
    /// The ids the re-read asked about, in order.
    public var asked: [String] = []
    /// Campaigns that will be cancelled (after the re-read).
    public var cancellable: [Campaign] = []
    /// Marked campaigns that will be skipped, with why.
    public var skipped: [(id: String, name: String, reason: String)] = []
    public var phase: Phase
    public var focus: Focus = .keep
    public var typed = ""
    public var error: String?

    public init(ids: [String], channel: Channel, phase: Phase) {
        self.ids = ids
        self.channel = channel
        self.phase = phase
    }

    /// With 5 or more campaigns, or on a production profile, the count must be typed.
    public func needsTyping(production: Bool) -> Bool { cancellable.count >= 5 || (production && !cancellable.isEmpty) }

    /// The count typed so far is the right one (only then may Enter confirm).
    public func typedCountIsRight(production: Bool) -> Bool { !needsTyping(production: production) || typed == String(cancellable.count) }

    public static func == (a: Confirmation, b: Confirmation) -> Bool {
        a.ids == b.ids && a.channel == b.channel && a.asked == b.asked && a.cancellable == b.cancellable && a.phase == b.phase && a.focus == b.focus && a.typed == b.typed
            && a.error == b.error && a.skipped.map { "\($0.id)|\($0.name)|\($0.reason)" } == b.skipped.map { "\($0.id)|\($0.name)|\($0.reason)" }
    }
}

/// A cancel of several campaigns, one at a time under the client's pacing.
public struct BulkRun: Sendable, Equatable {
    /// The channel confirmed in the dialog.
    public var channel: Channel
    public var queue: [String]
    public var total: Int
    public var cancelled = 0
    public var failed: [String] = []
    public var unknown: [String] = []
    public var current: String?
}
