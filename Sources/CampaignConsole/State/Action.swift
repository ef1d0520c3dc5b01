import ArselModel
import CancelSession
import Foundation
import TerminalUI

/// Everything that can happen to the console: a key, a resize, time passing, an answer.
public enum Action: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(Date)
    case listLoaded(request: Int, Result<CampaignPage, ArselError>)
    case moreLoaded(request: Int, Result<CampaignPage, ArselError>)
    case reread(request: Int, [Result<Campaign, ArselError>])
    case confirmChecked(request: Int, [Result<Campaign, ArselError>])
    case cancelFinished(CancelReport)
    case serverInfo(ServerInfo)
    case signal(String)
    /// What re-reading the audit trail's unknown cancels found (on start).
    case unknownsResolved([UnknownResolution])
}

/// What the console asks the outside world to do. Values, so the reducer can be tested by `==`.
public enum Effect: Sendable, Equatable {
    /// The first page (a refresh) or the page after a cursor (scrolling past the loaded rows).
    case list(request: Int, CampaignQuery, after: String?)
    /// Re-read campaigns that can still change, each on its own channel.
    case reread(request: Int, targets: [CampaignRef])
    /// Re-read the campaigns about to be cancelled, before the dialog asks.
    case checkForCancel(request: Int, targets: [CampaignRef])
    /// One confirmed cancel, to the id and channel the person confirmed.
    case cancel(CampaignRef, idempotencyKey: String)
    /// Re-read the cancels the audit trail has with an unknown outcome (after the first list
    /// answer; the front-end owns the audit, so it finds them, reads them under the pacing and
    /// records what it found).
    case resolveUnknowns
    case quit
}

