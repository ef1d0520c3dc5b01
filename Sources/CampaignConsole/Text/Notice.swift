import ArselModel
import CancelSession
import Foundation

/// What the reducer tells the person (the status line and `m`): typed, with its arguments. Key
/// names in a notice are the keymap's, captured when it is made.
public enum Notice: Sendable, Equatable {
    case readOnly(profile: String)
    case cancelAlreadyRunning
    case notCancellable(CampaignStatus)
    case nothingToCancelYet, nothingToCancel
    case noMarkedCancellable
    case kept
    /// `message` is the API's, nil when it sent none (the catalog says its own).
    case cancelled(message: String?, confirmed: Bool, name: String)
    case cancelFailed(ArselError, name: String)
    case notCancelledNow(CampaignStatus, errorName: String, name: String)
    case outcomeUnknown(ArselError, name: String, recheckKey: String?)
    case runSummary(cancelled: Int, total: Int, failed: Int, unknown: Int, retryKey: String?)
    /// A signal (or `quit` confirmed) stopped the console while a cancel was in flight.
    case interruptedInFlight(by: Interruption)
    case queuedNotSent(Int)
    case noFailedCancels
    case noCancellableToMark, markedCancellable(Int)
    case sorted(SortOrder)
    case autoRefresh(paused: Bool, refreshKey: String?)
    case cancelFinishedQuit(key: String?)
    case refreshing
    case refreshFailed(channel: Channel?, ArselError, lastRefresh: String?, retryIn: Int)
    case loadingMoreFailed(ArselError)
    case changed([Change])
    case resolved(UnknownResolution, clock: String)

    /// A row the person could see that the server changed.
    public struct Change: Sendable, Hashable {
        public var name: String
        public var channel: Channel
        public var status: CampaignStatus
        public init(name: String, channel: Channel, status: CampaignStatus) { (self.name, self.channel, self.status) = (name, channel, status) }
    }
}

/// What stopped the console: `q` confirmed, or a signal (`SIGTERM`, `SIGHUP` …, by name).
public enum Interruption: Sendable, Hashable {
    case quit
    case signal(String)

    public init(_ name: String) { self = name == "quit" ? .quit : .signal(name) }
}
