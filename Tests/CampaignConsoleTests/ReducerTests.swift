import ArselModel
import Foundation
import Testing
import TerminalUI
@testable import CampaignConsole

/// Action in, exact state and effects out.
@Suite struct ReducerTests {
    @Test func startListsTheFirstPage() {
        var state = AppState(environment: environment(), now: t0)
        let effects = Reducer.start(&state)
        #expect(effects == [.list(request: 1, CampaignQuery(channel: .email, limit: 50), after: nil)])
        #expect(state.listRequest == 1)
    }

    /// The cancels an earlier run left unknown are re-read once, after the first list answer (so
    /// their verdicts land on rows on screen), whether that answer is a page or an error.
    @Test(arguments: [true, false]) func earlierUnknownsAreReReadOnceTheFirstAnswerIsIn(pageArrives: Bool) throws {
        var state = AppState(environment: environment(), now: t0)
        _ = Reducer.start(&state)
        let answer: Result<CampaignPage, ArselError> = pageArrives ? .success(CampaignPage(campaigns: mix, hasMore: false)) : .failure(.transport(TransportFailure(.timeout, "timed out")))
        let effects = Reducer.reduce(&state, .listLoaded(request: 1, answer))
        #expect(effects.last == .resolveUnknowns)
        _ = Reducer.reduce(&state, .key(.char("r")))
        let next = try #require(state.listRequest)
        #expect(!Reducer.reduce(&state, .listLoaded(request: next, answer)).contains(.resolveUnknowns), "only once")
    }

    /// `c` before the list is in says so instead of doing nothing.
    @Test func cancelBeforeTheListIsInSaysSo() {
        var state = AppState(environment: environment(), now: t0)
        state.width = 80
        state.height = 24
        _ = Reducer.start(&state)
        #expect(Reducer.reduce(&state, .key(.char("c"))) == [])
        #expect(state.overlay == .none)
        #expect(state.messages.last?.text == "Nothing to cancel yet: the list is still loading")
    }

    @Test func loadedListSelectsTheFirstAndRefreshesOnSchedule() {
        let state = loaded(mix)
        #expect(state.campaigns.count == mix.count)
        #expect(state.selectedID == "c1")
        #expect(state.lastRefresh == t0)
        #expect(state.nextRefreshAt == t0.addingTimeInterval(15))
        #expect(state.listRequest == nil)
    }

    @Test func aStaleAnswerIsDropped() {
        var state = loaded(mix)
        let fresh = Reducer.reduce(&state, .key(.char("r")))
        #expect(fresh == [.list(request: 2, CampaignQuery(channel: .email, limit: 50), after: nil)])
        // The answer to request 1 (long gone) arrives: nothing changes.
        let before = state
        #expect(Reducer.reduce(&state, .listLoaded(request: 1, .success(CampaignPage(campaigns: [], hasMore: false)))) == [])
        #expect(state.campaigns == before.campaigns)
    }

    @Test func theCursorFollowsTheCampaignNotTheRow() throws {
        var state = loaded(mix)
        press(&state, .char("j"), .char("j"))
        #expect(state.selectedID == "c3")
        let effects = press(&state, .char("r"))
        let request = try listRequest(effects)
        // Two new campaigns appear on top: the cursor stays on c3, now two rows lower.
        let newer = [campaign(20, .scheduled, scheduledIn: 3600), campaign(21, .draft)] + mix
        _ = Reducer.reduce(&state, .listLoaded(request: request, .success(CampaignPage(campaigns: newer, hasMore: false))))
        #expect(state.selectedID == "c3")
        #expect(state.selectedIndex == 4)
    }

    @Test func marksFollowIdsAndVanishWithTheirCampaign() throws {
        var state = loaded(mix)
        press(&state, .char(" "), .char(" "))
        #expect(state.marks == ["c1", "c2"])
        #expect(state.selectedID == "c3", "space marks and moves down")
        let effects = press(&state, .char("r"))
        let request = try listRequest(effects)
        _ = Reducer.reduce(&state, .listLoaded(request: request, .success(CampaignPage(campaigns: Array(mix.dropFirst()), hasMore: false))))
        #expect(state.marks == ["c2"])
    }

    @Test func cancelOnASentCampaignSendsNothingAndSaysWhy() {
        var state = loaded(mix)
        press(&state, .char("j"), .char("j"), .char("j"), .char("j"))
        #expect(state.selected?.status == .sent)
        #expect(press(&state, .char("c")) == [])
        #expect(state.overlay == .none)
        #expect(state.latestMessage?.text == "Sent campaigns cannot be cancelled")
    }

    @Test func cancelRereadsThenAsksWithKeepFocused() throws {
        var state = loaded(mix)
        let effects = press(&state, .char("c"))
        #expect(effects == [.checkForCancel(request: 2, targets: refs(["c1"], .email))])
        let checking = try confirmation(state)
        #expect(checking.phase == .checking(request: 2))
        // Keys do nothing useful until the re-read is back.
        #expect(press(&state, .char("y")) == [])

        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[0])]))
        let ready = try confirmation(state)
        #expect(ready.phase == .ready)
        #expect(ready.focus == .keep)
        #expect(ready.cancellable.map(\.id) == ["c1"])
        // Enter presses the focused button: Keep. Nothing is sent.
        #expect(press(&state, .enter) == [])
        #expect(state.overlay == .none)
        #expect(state.latestMessage?.text == "Kept: nothing was cancelled")
    }

    @Test func yConfirmsOneCancelWithAFreshIdempotencyKey() {
        var state = loaded(mix)
        press(&state, .char("c"))
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[0])]))
        #expect(press(&state, .char("y")) == [.cancel(CampaignRef("c1", .email), idempotencyKey: "t-1")])
        #expect(state.notes["c1"] == .cancelling)
        // The console keeps answering keys meanwhile.
        press(&state, .char("j"))
        #expect(state.selectedID == "c2")
        var cancelled = mix[0]
        cancelled.status = .cancelled
        let after = Reducer.reduce(&state, .cancelFinished(report("c1", .cancelled(message: "Campaign cancelled", confirmedByReread: false), reread: cancelled)))
        #expect(after == [.list(request: 3, CampaignQuery(channel: .email, limit: 50), after: nil)], "then the list refreshes")
        #expect(state.notes["c1"] == .cancelled(message: "Campaign cancelled", confirmed: false))
        #expect(state.campaign("c1")?.status == .cancelled)
        #expect(state.latestMessage?.text == "✓ Campaign cancelled — Ramadan offers — KSA list")
        #expect(state.latestMessage?.level == .ok)
    }

    @Test func tabOrArrowsMoveFocusAndEnterThenCancels() throws {
        var state = loaded(mix)
        press(&state, .char("c"))
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[0])]))
        press(&state, .tab)
        let c = try confirmation(state)
        #expect(c.focus == .cancel)
        #expect(press(&state, .enter) == [.cancel(CampaignRef("c1", .email), idempotencyKey: "t-1")])
    }

    @Test func noLongerCancellableAtConfirmTimeSendsNothing() throws {
        var state = loaded(mix)
        press(&state, .char("c"))
        var sent = mix[0]
        sent.status = .sent
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(sent)]))
        let c = try confirmation(state)
        #expect(c.cancellable.isEmpty)
        #expect(c.skipped.first?.reason.text == "now Sent: cannot be cancelled")
        #expect(press(&state, .char("y")) == [])
        #expect(state.campaign("c1")?.status == .sent, "the re-read updates the row")
    }

    @Test func failureAndUnknownStayOnTheRow() {
        var state = loaded(mix)
        press(&state, .char("c"))
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[0])]))
        press(&state, .char("y"))
        _ = Reducer.reduce(&state, .cancelFinished(report("c1", .failed(badRequest))))
        #expect(state.notes["c1"] == .failed(badRequestError, now: nil))
        #expect(state.latestMessage?.level == .error)
        // An unknown outcome: never shown as cancelled or failed.
        press(&state, .char("j"))
        press(&state, .char("c"))
        _ = Reducer.reduce(&state, .confirmChecked(request: 4, [.success(mix[1])]))
        press(&state, .char("y"))
        _ = Reducer.reduce(&state, .cancelFinished(report("c2", .unknown(cause: .transport(TransportFailure(.timeout, "no answer"))))))
        #expect(state.notes["c2"] == .unknown(recheckKey: "r", interruptedBy: nil))
        #expect(state.latestMessage?.level == .unknown)
        // x dismisses a note.
        press(&state, .char("x"))
        #expect(state.notes["c2"] == nil)
    }

    @Test func bulkNeedsTheTypedCountRunsOneAtATimeAndRetriesTheFailed() throws {
        let many = (1...6).map { campaign($0, .scheduled, scheduledIn: 3600) } + [campaign(7, .sent)]
        var state = loaded(many)
        press(&state, .char("a"))
        #expect(state.marks.count == 6)
        press(&state, .char("G"), .char(" "))  // marks the Sent one too
        let effects = press(&state, .char("c"))
        #expect(effects == [.checkForCancel(request: 2, targets: refs((1...6).map { "c\($0)" }, .email))])
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, many.prefix(6).map { .success($0) }))
        let c = try confirmation(state)
        #expect(c.skipped.map(\.name) == ["Campaign 7"])
        #expect(press(&state, .char("y")) == [], "6 campaigns: the count must be typed")
        press(&state, .char("6"))
        #expect(press(&state, .char("y")) == [.cancel(CampaignRef("c1", .email), idempotencyKey: "t-1")])
        #expect(state.notes["c2"] == .queued)
        for n in 1...5 {
            let outcome: CancelOutcome = n == 3 ? .failed(badRequest) : .cancelled(message: "Campaign cancelled", confirmedByReread: false)
            let next = Reducer.reduce(&state, .cancelFinished(report("c\(n)", outcome)))
            #expect(next == [.cancel(CampaignRef("c\(n + 1)", .email), idempotencyKey: "t-\(n + 1)")])
        }
        let last = Reducer.reduce(&state, .cancelFinished(report("c6", .cancelled(message: "Campaign cancelled", confirmedByReread: false))))
        #expect(last.count == 1, "a refresh after the run")
        #expect(state.latestMessage?.text == "5/6 cancelled, 1 failed — t retries the failed")
        #expect(state.lastFailed == [CampaignRef("c3", .email)])
        #expect(press(&state, .char("t")) == [.checkForCancel(request: 4, targets: refs(["c3"], .email))])
    }

    @Test func refreshIsTimedPausedAndNeverUnderADialog() {
        var state = loaded(mix)
        #expect(Reducer.reduce(&state, .tick(t0.addingTimeInterval(10))) == [])
        let due = Reducer.reduce(&state, .tick(t0.addingTimeInterval(16)))
        #expect(due == [.list(request: 2, CampaignQuery(channel: .email, limit: 50), after: nil)])
        _ = Reducer.reduce(&state, .listLoaded(request: 2, .success(CampaignPage(campaigns: mix, hasMore: false))))
        press(&state, .char("c"))
        #expect(Reducer.reduce(&state, .tick(t0.addingTimeInterval(60))) == [], "no refresh while the dialog asks")
        press(&state, .escape)
        press(&state, .char("p"))
        #expect(Reducer.reduce(&state, .tick(t0.addingTimeInterval(120))) == [], "paused")
        press(&state, .char("p"))
        #expect(Reducer.reduce(&state, .tick(t0.addingTimeInterval(121))).count == 1)
    }

    @Test func onlyVisibleCampaignsThatCanChangeAreReread() throws {
        // Page 1 holds c1…c3; c4 (Queued) and c5 (Sent) were loaded from page 2 and are visible.
        var state = loaded(mix, hasMore: true)
        let effects = press(&state, .char("r"))
        let request = try listRequest(effects)
        let after = Reducer.reduce(&state, .listLoaded(request: request, .success(CampaignPage(campaigns: Array(mix.prefix(3)), hasMore: true))))
        #expect(after == [.reread(request: 3, targets: refs(["c4", "c8", "c11"], .email))], "never Sent, Failed or Cancelled")
    }

    @Test func anOutageKeepsTheDataAndBacksOff() throws {
        var state = loaded(mix)
        let effects = press(&state, .char("r"))
        let request = try listRequest(effects)
        let limited = ArselError.api(APIFailure(statusCode: 429, name: "rate_limit_exceeded", message: "Too many", retryAfter: .seconds(120)))
        _ = Reducer.reduce(&state, .listLoaded(request: request, .failure(limited)))
        #expect(state.campaigns.count == mix.count)
        #expect(state.refreshError == limited)
        #expect(state.nextRefreshAt == t0.addingTimeInterval(120), "retry-after beats the 30 s backoff")
        #expect(state.latestMessage?.level == .error)
    }

    @Test func searchIsDebouncedAndEscClears() {
        var state = loaded(mix)
        press(&state, .char("/"), .char("r"), .char("a"), .char("m"))
        #expect(state.searchDraft == "ram")
        #expect(Reducer.reduce(&state, .tick(t0.addingTimeInterval(0.2))) == [])
        let fired = Reducer.reduce(&state, .tick(t0.addingTimeInterval(0.5)))
        #expect(fired == [.list(request: 2, CampaignQuery(channel: .email, search: "ram", limit: 50), after: nil)])
        #expect(state.campaigns.isEmpty, "the old list no longer answers the question")
        press(&state, .escape)
        #expect(state.search.isEmpty)
        #expect(state.searchDraft == nil)
    }

    /// The auto-refresh falls due while a search is being typed: it waits, since the search's own
    /// list is about to replace what it would fetch.
    @Test func noTimedRefreshWhileASearchIsTyped() {
        var state = loaded(mix)
        press(&state, .char("/"), .char("r"))
        let due = t0.addingTimeInterval(15)
        state.searchDueAt = due.addingTimeInterval(0.3)  // the person is still typing at 15 s
        #expect(Reducer.reduce(&state, .tick(due)) == [])
        let fired = Reducer.reduce(&state, .tick(due.addingTimeInterval(0.4)))
        #expect(fired == [.list(request: 2, CampaignQuery(channel: .email, search: "r", limit: 50), after: nil)], "only the search's list")
    }

    /// What the server changed on rows in view is said (the line mode announces it too); the
    /// person's own cancel is not announced again.
    @Test func serverMadeChangesOfVisibleRowsAreAnnounced() {
        var state = loaded(mix, height: 30)
        state.notes["c1"] = .cancelled(message: "Campaign cancelled", confirmed: false)
        var changed = mix
        changed[0].status = .cancelled  // the person's own cancel
        changed[2].status = .sent  // Weekly digest went out
        _ = Reducer.reduce(&state, .key(.char("r")))
        let request = state.listRequest ?? -1
        _ = Reducer.reduce(&state, .listLoaded(request: request, .success(CampaignPage(campaigns: changed, hasMore: false))))
        #expect(state.messages.last?.text == "\"Weekly digest #42\" (Email) is now Sent")
        #expect(!(state.messages.last?.text.contains("Ramadan") ?? true))
        // Two at once: one line names both.
        changed[3].status = .sending
        changed[1].status = .cancelled
        _ = Reducer.reduce(&state, .key(.char("r")))
        _ = Reducer.reduce(&state, .listLoaded(request: state.listRequest ?? -1, .success(CampaignPage(campaigns: changed, hasMore: false))))
        let text = state.messages.last?.text ?? ""
        #expect(text.hasPrefix("2 campaigns changed: ") && text.contains("(Email) is now Sending") && text.contains("is now Cancelled"), "\(text)")
    }

    @Test func tabSwitchesChannelAndStatusFilterCycles() {
        var state = loaded(mix)
        #expect(press(&state, .tab) == [.list(request: 2, CampaignQuery(channel: .sms, limit: 50), after: nil)])
        // s: stoppable first (Arsel filters by one status: the rows are filtered here), then each status.
        #expect(press(&state, .char("s")) == [.list(request: 3, CampaignQuery(channel: .sms, limit: 50), after: nil)])
        #expect(state.statusFilter == .stoppable)
        #expect(press(&state, .char("s")) == [.list(request: 4, CampaignQuery(channel: .sms, status: "Scheduled", limit: 50), after: nil)])
    }

    @Test func scrollingPastTheLoadedRowsLoadsTheNextPage() {
        let many = (1...30).map { campaign($0, .sent) }
        var state = loaded(many, hasMore: true, height: 12)
        let effects = press(&state, .char("G"))
        #expect(effects == [.list(request: 2, CampaignQuery(channel: .email, limit: 50), after: "c30")])
        _ = Reducer.reduce(&state, .moreLoaded(request: 2, .success(CampaignPage(campaigns: [campaign(31, .sent)], hasMore: false))))
        #expect(state.campaigns.count == 31)
        #expect(state.hasMore == false)
    }

    @Test func resizeKeepsTheSelectionVisible() {
        let many = (1...40).map { campaign($0, .sent) }
        var state = loaded(many)
        press(&state, .char("G"))
        _ = Reducer.reduce(&state, .resize(width: 40, height: 10))
        let rows = Layout.tableRows(height: 10)
        #expect(state.selectedIndex! >= state.scroll && state.selectedIndex! < state.scroll + rows)
    }

    @Test func readOnlyRefusesToCancel() {
        var state = loaded(mix, env: environment(readOnly: true))
        #expect(press(&state, .char("c")) == [])
        #expect(state.latestMessage?.text.contains("Read-only") == true)
    }

    @Test func qQuitsButEscClosesAnOverlayFirst() {
        var state = loaded(mix)
        press(&state, .char("?"))
        #expect(state.overlay == .help)
        press(&state, .escape)
        #expect(state.overlay == .none)
        #expect(press(&state, .char("q")) == [.quit])
    }

    @Test func aSignalDuringACancelLeavesAnUnknownNote() {
        var state = loaded(mix)
        press(&state, .char("c"))
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[0])]))
        press(&state, .char("y"))
        #expect(Reducer.reduce(&state, .signal("SIGHUP")) == [.quit])
        #expect(state.latestMessage?.level == .unknown)
    }
}
