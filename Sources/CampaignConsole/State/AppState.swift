import ArselModel
import CancelSession
import Foundation
import TerminalUI

/// Everything the console knows. Pure data: the reducer changes it, the views draw it.
public struct AppState: Sendable, Equatable {
    // MARK: Where we are
    public var environment: ConsoleEnvironment
    /// One channel, or all of them ordered by urgency.
    public var scope: ChannelScope = .one(.email)
    public var width = 80
    public var height = 24
    public var now: Date

    // MARK: The list
    /// What each channel's list calls have brought: its pages, its cursor, its requests.
    public var feeds: [Channel: Feed] = [:]
    /// The rows shown: the scope's feeds composed (one channel newest first; all by urgency).
    /// Loaded campaigns, each once. The index and the counts are derived here,
    /// once per change, so a frame or a key press costs the same with 100 or 100 000 campaigns.
    public var campaigns: [Campaign] = [] {
        didSet { if deriving { derive() } }
    }
    /// Where each campaign is in `campaigns`.
    public private(set) var indexByID: [String: Int] = [:]
    /// How many loaded campaigns have each status.
    public private(set) var counts: [CampaignStatus: Int] = [:]
    /// More pages exist after the last loaded campaign of a channel in view.
    public var hasMore: Bool { scope.channels.contains { feeds[$0]?.hasMore == true } }
    /// The cursor and the marks follow campaign ids, never row indexes.
    public var selectedID: String?
    /// The person has moved the cursor since the list was (re)loaded.
    public var cursorMoved = false
    public var marks: Set<String> = []
    /// The first visible row.
    public var scroll = 0
    public var notes: [String: RowNote] = [:]
    public var search = ""
    public var searchDraft: String?
    public var searchDueAt: Date?
    public var statusFilter: StatusFilter?
    public var sort: SortOrder = .listed

    // MARK: Refresh
    public var lastRefresh: Date?
    public var refreshing: Bool { listRequest != nil }
    public var loadingMore: Bool { moreRequest != nil }
    public var paused = false
    public var nextRefreshAt: Date?
    /// Consecutive failed refreshes: the next one backs off.
    public var refreshFailures = 0
    public var refreshError: ArselError?
    public var rateRemaining: Int?
    public var rateLimit: Int?
    /// Someone else in the organisation is using the budget (the client's last word on it).
    public var budgetContended = false
    /// When the list requests in flight were asked for.
    public var refreshSince: Date?
    /// The server says it is arsel-campaigns' sandbox (the badge does not trust the URL alone).
    public var serverIsSandbox = false

    // MARK: Requests in flight (a response whose id is not the current one is stale)
    /// A first-page request in flight for a channel in view (the lowest id).
    public var listRequest: Int? { scope.channels.compactMap { feeds[$0]?.listRequest }.min() }
    public var moreRequest: Int? { scope.channels.compactMap { feeds[$0]?.moreRequest }.min() }
    public var rereadRequest: Int?
    /// What the re-read asked about, in order: an answer counts only for its own id and channel.
    public var rereadTargets: [CampaignRef] = []
    public var nextRequestID = 1
    /// Idempotency keys are `<session>-<n>`: one per user intent, deterministic in tests.
    public var nextIntent = 1

    // MARK: Overlays and messages
    public var overlay: Overlay = .none {
        didSet { if overlay.kind != oldValue.kind { overlayScroll = 0 } }
    }
    /// The first line shown of a scrolling overlay (help, messages, details, the bulk dialog's list).
    public var overlayScroll = 0
    public var messages: [Message] = []
    /// The confirmed cancel running now (the one cancel session's run).
    public var bulk: CancelRun?
    /// Cancels sent and not yet answered, with their idempotency key: what to record as
    /// "unknown" if the console has to stop before they answer.
    public var inFlight: [CampaignRef: String] = [:]
    /// Keys of cancels that got no answer (earlier runs' from the audit trail, and this
    /// session's unknowns): a new cancel of the same campaign is sent with the same key, so the
    /// server answers one it already acted on instead of acting twice.
    public var unansweredKeys: [CampaignRef: String] = [:]
    /// The earlier run's unknowns are re-read once, after the first list answer: their verdicts
    /// then land on rows that are on screen, and `c` pressed on seeing one acts on a loaded list.
    public var unknownsAsked = false
    public var lastFailed: [CampaignRef] = []
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

    /// Shows the scope's feeds: one channel as listed (newest first), all channels by urgency.
    /// One row per id: a later copy is dropped.
    public mutating func compose() {
        var seen = Set<String>()
        switch scope {
        case .one(let c):
            let list = feeds[c]?.campaigns ?? []
            var rows = list.allSatisfy { seen.insert($0.id).inserted } ? list : Self.unique(list)
            if let filter = statusFilter, filter.apiStatus == nil { rows = rows.filter(filter.matches) }
            campaigns = sort.sorted(rows)
        case .all:
            var rows = Self.unique(Urgency.ordered(scope.channels.flatMap { feeds[$0]?.campaigns ?? [] }))
            if let filter = statusFilter, filter.apiStatus == nil { rows = rows.filter(filter.matches) }
            campaigns = sort.sorted(rows)
        }
    }

    static func unique(_ list: [Campaign]) -> [Campaign] {
        var seen = Set<String>()
        return list.filter { seen.insert($0.id).inserted }
    }

    /// Replaces one campaign in place (same id and channel), in its feed and in the rows.
    public mutating func update(_ campaign: Campaign) {
        if let j = feeds[campaign.channel]?.campaigns.firstIndex(where: { $0.id == campaign.id }) {
            feeds[campaign.channel]?.campaigns[j] = campaign
        }
        guard let i = indexByID[campaign.id], campaigns[i].channel == campaign.channel else { return }
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

    /// The status line's message while it is fresh (`m` keeps them all): a line that still says
    /// "Refreshing…" or "5/5 cancelled" a quarter of an hour later says nothing true about now.
    public var latestMessage: Message? {
        messages.last.flatMap { now.timeIntervalSince($0.at) < $0.level.lifetime ? $0 : nil }
    }
}

/// What does not change while the console runs.
public struct ConsoleEnvironment: Sendable, Equatable {
    /// The language everything is said in.
    public var catalog: any Catalog
    /// Who lays out right-to-left text: the console (`app`, the default), the terminal, nobody.
    public var bidi: BidiMode = .app
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
    /// What the console opens on: a channel, or all of them.
    public var scope: ChannelScope = .one(.email)
    /// The organisation's budget, for "7 cancels ≈ 4 s".
    public var requestsPerSecond: Double = 2
    /// Campaigns going out within this many seconds stand out ("soon").
    public var soonWindow: TimeInterval = 900
    /// Keys of earlier cancels that never got an answer (from the audit trail, at start): a new
    /// cancel of the same campaign is sent with the same key.
    public var unansweredKeys: [CampaignRef: String] = [:]

    public init(
        profile: String = "default", apiHost: String = "api.arsel.sa", sandbox: Bool = false, production: Bool = false,
        readOnly: Bool = false, session: String = "s", refreshInterval: TimeInterval = 15, pageSize: Int = 50,
        timeZone: TimeZone = .current, unicode: Bool = true, keymap: Keymap = .defaults, catalog: any Catalog
    ) {
        self.catalog = catalog
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

extension ConsoleEnvironment {
    /// The screen reads right to left: a right-to-left language, laid out by the console.
    public var mirrored: Bool { catalog.isRTL && bidi == .app }

    /// The paragraph direction of the catalog's own text (a hint that starts with its key, a
    /// count before its words): right to left in Arabic; server text finds its own.
    public var textDirection: TextDirection { catalog.isRTL ? .rtl : .auto }

    public static func == (a: Self, b: Self) -> Bool {
        a.catalog.settings == b.catalog.settings && a.bidi == b.bidi && a.profile == b.profile && a.apiHost == b.apiHost && a.sandbox == b.sandbox
            && a.production == b.production && a.readOnly == b.readOnly && a.session == b.session
            && a.refreshInterval == b.refreshInterval && a.pageSize == b.pageSize && a.timeZone == b.timeZone
            && a.unicode == b.unicode && a.keymap == b.keymap && a.scope == b.scope && a.requestsPerSecond == b.requestsPerSecond
            && a.soonWindow == b.soonWindow && a.unansweredKeys == b.unansweredKeys
    }
}

/// The last outcome of an action on a row, kept until dismissed.
public enum RowNote: Sendable, Equatable {
    case cancelling
    case queued
    /// The API's message (server text), and whether a re-read confirmed it.
    case cancelled(message: String, confirmed: Bool)
    /// Refused; `now` is the status a re-read found when the attempt was ambiguous.
    case failed(ArselError, now: CampaignStatus?)
    /// Nobody knows: the answer never came (`recheckKey` re-checks), or the console stopped.
    case unknown(recheckKey: String?, interruptedBy: Interruption?)

    public var isFailure: Bool {
        switch self {
        case .failed, .unknown: return true
        default: return false
        }
    }
}

public struct Message: Sendable, Equatable {
    public enum Level: Sendable, Equatable {
        case info, ok, error, unknown

        /// How long the status line shows it: 10 s, a minute for what went wrong or is unknown
        /// (the row's note and `m` keep it after that).
        public var lifetime: TimeInterval {
            switch self {
            case .info, .ok: return 10
            case .error, .unknown: return 60
            }
        }
    }
    public var notice: Notice
    public var level: Level
    public var at: Date

    public init(_ notice: Notice, level: Level, at: Date) {
        self.notice = notice
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

    /// Which overlay, whatever its contents (a dialog whose focus moves is the same one).
    public var kind: String {
        switch self {
        case .none: return "none"
        case .help: return "help"
        case .details(let id): return "details \(id)"
        case .messages: return "messages"
        case .confirm: return "confirm"
        case .quitWhileCancelling: return "quit"
        }
    }
}

/// The cancel confirmation: the cancel session's plan, and where the dialog is.
public struct Confirmation: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// Re-reading the campaigns before asking.
        case checking(request: Int)
        case ready
    }

    public enum Focus: Sendable, Equatable { case keep, cancel }

    /// What will be cancelled, what is skipped and why: each with the channel it was listed on.
    public var plan: CancelPlan
    public var phase: Phase
    public var focus: Focus = .keep
    public var typed = ""
    public var error: Phrase?

    public init(plan: CancelPlan, phase: Phase) {
        self.plan = plan
        self.phase = phase
    }

    public var cancellable: [Campaign] { plan.cancellable }
    public var skipped: [CancelPlan.Skip] { plan.skipped }
    public var asked: [CampaignRef] { plan.asked }

    public func needsTyping(production: Bool) -> Bool { plan.needsTyping(production: production) }

    /// The count typed so far is the right one (only then may Enter confirm).
    public func typedCountIsRight(production: Bool) -> Bool { plan.typedCountIsRight(typed, production: production) }

    /// What Enter does now: the reducer does it and the hint bar says it, from this one rule.
    /// The focused button as drawn, and never a wrong or missing count.
    public enum EnterAction: Sendable, Equatable { case wait, close, keep, wrongCount, confirm }

    public func enterAction(production: Bool) -> EnterAction {
        guard phase == .ready else { return .wait }
        if cancellable.isEmpty { return .close }
        if needsTyping(production: production) && !typed.isEmpty && !typedCountIsRight(production: production) { return .wrongCount }
        if focus == .keep { return .keep }
        return typedCountIsRight(production: production) ? .confirm : .wrongCount
    }
}

/// One channel's list as loaded: pages newest first, whether more exist, requests in flight.
public struct Feed: Sendable, Equatable {
    public var campaigns: [Campaign] = []
    public var hasMore = false
    public var listRequest: Int?
    public var moreRequest: Int?
    /// A first page has arrived since the last reload.
    public var loaded = false

    public init() {}
}
