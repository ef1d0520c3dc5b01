import ArselModel
import Catalogs
import Foundation
import TerminalUI
import Testing
@testable import CampaignConsole

let t0 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 11:06:40 UTC
let utc = TimeZone(identifier: "UTC")!

func campaign(_ n: Int, _ status: CampaignStatus, _ name: String? = nil, scheduledIn: TimeInterval? = nil) -> Campaign {
    Campaign(
        id: "c\(n)", channel: .email, name: name ?? "Campaign \(n)", status: status,
        scheduledAt: scheduledIn.map { Timestamp(t0.addingTimeInterval($0)) },
        sentAt: status == .sent ? Timestamp(t0.addingTimeInterval(-3600 * Double(n))) : nil,
        createdAt: Timestamp(t0.addingTimeInterval(-86400)), updatedAt: Timestamp(t0.addingTimeInterval(-600)))
}

func environment(production: Bool = false, readOnly: Bool = false) -> ConsoleEnvironment {
    ConsoleEnvironment(
        profile: "test", apiHost: "api.arsel.sa", production: production, readOnly: readOnly, session: "t",
        refreshInterval: 15, pageSize: 50, timeZone: utc, catalog: English())
}

/// A console that has started and loaded `campaigns` as its first page.
func loaded(_ campaigns: [Campaign], hasMore: Bool = false, width: Int = 80, height: Int = 24,
            env: ConsoleEnvironment = environment()) -> AppState {
    var state = AppState(environment: env, now: t0)
    state.width = width
    state.height = height
    let effects = Reducer.start(&state)
    guard case .list(let request, _, _)? = effects.first else { fatalError("start must list") }
    _ = Reducer.reduce(&state, .listLoaded(request: request, .success(CampaignPage(campaigns: campaigns, hasMore: hasMore))))
    return state
}

/// The demo-like mix every view test uses.
let mix: [Campaign] = [
    campaign(1, .scheduled, "Ramadan offers — KSA list", scheduledIn: 12 * 60),
    campaign(2, .scheduled, "حملة رمضان — المشتركون", scheduledIn: 6 * 3600),
    campaign(3, .sending, "Weekly digest #42"),
    campaign(4, .queued, "Product launch 🎉"),
    campaign(5, .sent, "Flash sale 春のセール"),
    campaign(6, .failed, "Welcome series"),
    campaign(7, .cancelled, "Winter clearance"),
    campaign(8, .draft, "Old draft"),
    campaign(9, .sent, "Nightly report \u{1B}[2J\u{1B}[H"),
    campaign(10, .sent, "\u{1B}]0;PWNED\u{07}Title grab"),
    campaign(11, .unknown("archived-ish"), "Evil\u{202E}gpj.exe"),
]

@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
    var effects: [Effect] = []
    for key in keys { effects += Reducer.reduce(&state, .key(key)) }
    return effects
}

func report(_ id: String, _ outcome: CancelOutcome, reread: Campaign? = nil) -> CancelReport {
    CancelReport(campaignID: id, channel: .email, outcome: outcome, idempotencyKey: "k", attempts: 1, reread: reread)
}

let badRequest = ArselError.api(APIFailure(
    statusCode: 400, name: "bad_request", message: "Campaign cannot be cancelled in its current status"))

/// The request number of the list effect that `effects` must start with.
func listRequest(_ effects: [Effect], sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
    let request: Int? = effects.first.flatMap { if case .list(let r, _, _) = $0 { r } else { nil } }
    return try #require(request, "the first effect is a list: \(effects)", sourceLocation: sourceLocation)
}

/// The confirmation dialog that must be open.
func confirmation(_ state: AppState, sourceLocation: SourceLocation = #_sourceLocation) throws -> CampaignConsole.Confirmation {
    let dialog: CampaignConsole.Confirmation? = if case .confirm(let c) = state.overlay { c } else { nil }
    return try #require(dialog, "a confirmation dialog is open: \(state.overlay)", sourceLocation: sourceLocation)
}

/// Ids on one channel, as effects carry them.
func refs(_ ids: [String], _ channel: Channel) -> [CampaignRef] { ids.map { CampaignRef($0, channel) } }
