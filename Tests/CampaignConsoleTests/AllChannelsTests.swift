import ArselModel
import TestSupport
import Foundation
import TerminalUI
import Testing
@testable import CampaignConsole

/// The all-channels "next out" view: first pages of every channel, urgency order, a channel
/// column, countdowns, and cancels that go to each campaign's own channel.
@Suite struct AllChannelsTests {
    func c(_ n: Int, _ channel: Channel, _ status: CampaignStatus, scheduledIn: TimeInterval? = nil, startedAgo: TimeInterval? = nil,
           extra: [String: JSONScalar] = [:]) -> Campaign {
        var x = campaign(n, status, "\(english.channel(channel)) \(n)", scheduledIn: scheduledIn)
        x.channel = channel
        x.extra = extra
        if let startedAgo { x.sentAt = Timestamp(t0.addingTimeInterval(-startedAgo)) }
        x.createdAt = Timestamp(t0.addingTimeInterval(-Double(n) * 60))
        return x
    }

    /// Started in All, with each channel's first page answered.
    func all(_ pages: [Channel: [Campaign]], width: Int = 100, height: Int = 30) throws -> (AppState, [Effect]) {
        var env = environment()
        env.scope = .all
        var state = AppState(environment: env, now: t0)
        state.width = width
        state.height = height
        let effects = Reducer.start(&state)
        var asked: [Channel: Int] = [:]
        for e in effects { if case .list(let r, let q, nil) = e { asked[q.channel] = r } }
        #expect(asked.keys.sorted() == Channel.allCases, "the first page of every channel: \(effects)")
        var after: [Effect] = []
        for (channel, list) in pages {
            let r = try #require(asked[channel])
            after += Reducer.reduce(&state, .listLoaded(request: r, .success(CampaignPage(campaigns: list, hasMore: true))))
        }
        return (state, after)
    }

    @Test func whatCanStillBeStoppedComesFirstByUrgency() throws {
        let (state, _) = try all([
            .email: [c(1, .email, .sent), c(2, .email, .scheduled, scheduledIn: 3600), c(3, .email, .sending, startedAgo: 60)],
            .sms: [c(4, .sms, .queued), c(5, .sms, .scheduled, scheduledIn: 120), c(6, .sms, .draft)],
            .push: [c(7, .push, .sending, startedAgo: 7200), c(8, .push, .cancelled)],
        ])
        // Sending longest first, Queued, Scheduled soonest first, then the rest newest first.
        #expect(state.campaigns.map(\.id) == ["c7", "c3", "c4", "c5", "c2", "c1", "c6", "c8"])
        #expect(state.campaigns.map(\.channel) == [.push, .email, .sms, .sms, .email, .email, .sms, .push])
    }

    @Test func anAnswerForOneChannelIsNotTakenForAnother() throws {
        // The SMS request answered with an email campaign: it is not an SMS row.
        let (state, _) = try all([.sms: [c(1, .email, .scheduled, scheduledIn: 60)]])
        #expect(state.campaigns.isEmpty)
    }

    @Test func tabCyclesEveryChannelThenAll() {
        var state = loaded(mix)
        var seen: [ChannelScope] = [state.scope]
        for _ in 0..<4 {
            press(&state, .tab)
            seen.append(state.scope)
        }
        #expect(seen == [.one(.email), .one(.sms), .one(.push), .all, .one(.email)])
    }

    @Test func aBulkAcrossChannelsSendsEachToItsOwnChannelWhateverTabDoes() throws {
        var (state, _) = try all([
            .email: [c(1, .email, .scheduled, scheduledIn: 600)],
            .sms: [c(2, .sms, .queued)],
            .push: [c(3, .push, .sending, startedAgo: 60)],
        ])
        press(&state, .char("a"))  // mark every cancellable one
        let effects = press(&state, .char("c"))
        let targets: [CampaignRef]? = effects.first.flatMap { if case .checkForCancel(_, let t) = $0 { t } else { nil } }
        let asked = try #require(targets)
        #expect(Set(asked) == [CampaignRef("c1", .email), CampaignRef("c2", .sms), CampaignRef("c3", .push)])
        let request = try #require(effects.first.flatMap { if case .checkForCancel(let r, _) = $0 { r } else { nil } })
        let answers: [Result<Campaign, ArselError>] = asked.map { ref in .success(state.campaigns.first { $0.ref == ref }!) }
        _ = Reducer.reduce(&state, .confirmChecked(request: request, answers))
        let dialog = try confirmation(state)
        #expect(dialog.plan.countsText == "1 Email, 1 SMS, 1 Push campaigns")
        let text = Screen.render(state).lines.joined(separator: "\n")
        #expect(text.contains("3 cancels ≈ 2 s"), "\(text)")
        var sent: [CampaignRef] = []
        for e in press(&state, .char("y")) { if case .cancel(let t, _) = e { sent.append(t) } }
        // Tab in the middle of the run: the remaining cancels keep their own channels.
        press(&state, .tab, .tab)
        for _ in 0..<2 {
            let done = try #require(sent.last)
            let next = Reducer.reduce(&state, .cancelFinished(CancelReport(
                campaignID: done.id, channel: done.channel, outcome: .cancelled(message: "Campaign cancelled", confirmedByReread: false),
                idempotencyKey: "k", attempts: 1)))
            for e in next { if case .cancel(let t, _) = e { sent.append(t) } }
        }
        #expect(sent == asked, "each cancel to the id and channel confirmed, in order")
    }

    @Test func theTableShowsTheChannelAndCountdowns() throws {
        let (state, _) = try all([
            .email: [c(1, .email, .scheduled, scheduledIn: 200)],
            .sms: [c(2, .sms, .scheduled, scheduledIn: 2 * 3600 + 300)],
            .push: [c(3, .push, .sending, startedAgo: 40 * 60, extra: ["throttle_minutes": .number(120)]), c(4, .push, .queued)],
        ], width: 100)
        let text = Screen.render(state).lines.joined(separator: "\n")
        let rows = text.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains("CHAN") })
        let push = try #require(ScreenRows.row(text, named: "Push 3"))
        #expect(push.contains("Push") && push.contains("sending · ~40m of 2h"), "\(push)")
        let soon = try #require(ScreenRows.row(text, named: "Email 1"))
        #expect(soon.contains("⚑ soon · 3m 20s"), "within 15 minutes: a glyph and a word: \(soon)")
        let later = try #require(ScreenRows.row(text, named: "SMS 2"))
        #expect(later.contains("in 2h (") && !later.contains("soon"), "beyond the hour, in tens of minutes, rounded down: \(later)")
        #expect(ScreenRows.row(text, named: "Push 4")?.contains("⚑ queued") == true)
        #expect(rows[0].contains("[All]"))
    }

    @Test func theActiveViewStaysVisibleInACrowdedHeader() throws {
        // The demo's header at 80 columns: SANDBOX badge, budget, refreshing — the strip does not fit.
        var (state, _) = try all([.email: [c(1, .email, .scheduled, scheduledIn: 200)]], width: 80)
        state.serverIsSandbox = true
        state.rateRemaining = 0
        state.rateLimit = 2
        state.budgetContended = true
        let header = Screen.render(state).lines[0]
        #expect(header.contains("SANDBOX") && header.contains("budget 0/2"), "\(header)")
        #expect(header.contains("[All]"), "the view shown is named: \(header)")
    }
}
