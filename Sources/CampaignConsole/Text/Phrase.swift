import ArselModel
import CancelSession
import Foundation

/// Every piece of text the console's views show that is not the server's: typed, with its
/// arguments. A catalog says each in its language.
public enum Phrase: Sendable, Hashable {
    // The window too small to draw in.
    case terminalTooSmall
    case sizeNeeded(width: Int, height: Int, minWidth: Int, minHeight: Int, unicode: Bool)
    case keyQuits(key: String)
    case cancelStillRunning, quitAnywayQuestion
    case quitOrStay(quitKey: String, stayKey: String)
    /// " 4–9 of 23 " on a scrolled box's border.
    case position(first: Int, last: Int, total: Int)

    // The header.
    case badge(Badge, short: Bool)
    case allChannels
    /// The organisation's rate (`2/s`), or what is left of it while someone else uses it (`0/2`).
    case budget(limit: Int, remaining: Int?), budgetShort(limit: Int, remaining: Int?)
    case paused, refreshingHeader, loadingHeader
    case updated(age: String), staleAge(age: String), stale

    // Ages and durations ("just now", "12m ago", "3m 20s").
    case justNow, ago(String), never
    case span(Span)

    // The counts line.
    case statusCount(CampaignStatus, Int)
    case otherCount(Int)
    case loadingCampaigns, noCampaigns
    case loaded([Loaded])
    case moreBelow
    case markedCount(Int)
    case filterLabel
    case stoppableFilter
    case sortedBy(SortOrder)
    case nothing

    // The table.
    case column(Column)
    case loadingCampaignsTable, couldNotLoad(String), noCampaignMatches, loadingMore
    case waiting, cancellingNote
    /// A row's note after a refused cancel (`now`: the status a re-read found).
    case rowFailed(ArselError, now: CampaignStatus?)
    case rowUnknown(recheckKey: String?, interruptedBy: Interruption?)
    case soon

    // When a campaign goes or went (the WHEN column, the dialog).
    case inMinutes(Int, clock: String)
    case justNowAt(clock: String)
    case todayAt(clock: String), tomorrowAt(clock: String), yesterdayAt(clock: String)
    case dayAt(month: Int, day: Int, clock: String)
    case dateAt(year: Int, month: Int, day: Int, clock: String)
    case inCountdown(String, clock: String)
    case sendingNow
    case sendingOver(String)
    case sendingProgress(elapsed: String, total: String)
    case queued
    case queuedDue(String)

    // The search prompt.
    case applySearch, clearSearch

    // The cancel dialog.
    case cancelTitle(count: Int)
    case productionTitle(String)
    case checkingWithArsel(count: Int)
    case cannotCancelTitle, noLongerCancellable
    case sends(String)
    case campaignID(String)
    case plannedCancels(counts: [ChannelCount], total: Int, seconds: Int, separator: String)
    /// "3 Email campaigns", "2 Email, 1 Push campaigns".
    case campaignCounts([ChannelCount], total: Int)
    case skipped(name: String, reason: String)
    case stopsWhatIsNotHandedOff([Channel])
    case handedOffCannotBeRecalled([Channel])
    case typeCountPrompt(Int), typeCountToConfirm(Int)
    case cancelButton(count: Int, short: Bool)
    case keepButton

    // The quit dialog.
    case quitTitle, quitQuestion, quitConsequence

    // Help.
    case keysTitle
    /// The README key table's header row.
    case keyTableHeader
    case section(HelpSection)
    case disabledReadOnly
    case budgetLegend(limit: Int)

    // Details and messages.
    case campaignTitle
    case field(DetailsField)
    case cancellableAfterClosing(key: String)
    case notCancellableBecause(String)
    case messagesTitle, noMessagesYet

    // The hint bar's words.
    case hint(Hint)

    public enum Badge: Sendable, Hashable, CaseIterable { case sandbox, production, readOnly }
    public enum Column: String, Sendable, Hashable, CaseIterable { case channel, name, status, when, updated, note }
    public enum HelpSection: Sendable, Hashable, CaseIterable { case dialog, overlay, input }
    public enum DetailsField: Sendable, Hashable, CaseIterable { case channel, timesIn }

    /// A duration in its largest units: `45s`, `3m 20s`, `2h 5m`, `3d`, `<1m`, `now`.
    public enum Span: Sendable, Hashable {
        case now, underAMinute
        case parts(days: Int, hours: Int, minutes: Int, seconds: Int)
    }

    public enum Hint: Sendable, Hashable, CaseIterable {
        case cancel, mark, search, stoppable, status, sort, channel, refresh, details, help, quit
        case waits, closes, keeps, asksForCount, wrongCount, cancels, keep, close, move, more
        case quitAnyway, stay, down, up, page
    }

    /// What is loaded of one channel, in the all-channels view ("email 50+").
    public struct Loaded: Sendable, Hashable {
        public var channel: Channel
        public var count: Int
        public var more: Bool
        public init(_ channel: Channel, _ count: Int, more: Bool) { (self.channel, self.count, self.more) = (channel, count, more) }
    }

    public struct ChannelCount: Sendable, Hashable {
        public var channel: Channel
        public var count: Int
        public init(_ channel: Channel, _ count: Int) { (self.channel, self.count) = (channel, count) }
    }
}
