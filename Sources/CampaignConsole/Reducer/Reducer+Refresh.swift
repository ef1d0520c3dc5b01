import ArselModel
import Foundation

extension Reducer {
    enum RefreshReason { case start, user, timer, afterCancel, filter }


    static func query(_ state: AppState, _ channel: Channel) -> CampaignQuery {
        CampaignQuery(
            channel: channel, status: state.statusFilter?.apiStatus,
            search: state.search.isEmpty ? nil : state.search, limit: state.environment.pageSize)
    }

    /// The first page of every channel in view again. Cheap on purpose: one list call per
    /// channel (the client paces them: with three channels the screen is whole after three
    /// requests); the visible campaigns that can still change and are not on a first page are
    /// re-read when it arrives; Sent, Failed and Cancelled ones never are.
    static func refresh(_ state: inout AppState, reason: RefreshReason) -> [Effect] {
        var effects: [Effect] = []
        for channel in state.scope.channels {
            // Timers never stack requests; a user, a filter or a finished cancel supersedes the
            // one in flight (its answer is then stale and dropped).
            if state.feeds[channel]?.listRequest != nil && (reason == .timer || reason == .start) { continue }
            let request = newRequest(&state)
            state.feeds[channel, default: Feed()].listRequest = request
            effects.append(.list(request: request, query(state, channel), after: nil))
        }
        if !effects.isEmpty { state.refreshSince = state.now }
        if reason == .user && !effects.isEmpty { info(&state, .refreshing) }
        return effects
    }

    /// The filter or scope changed: what is on screen no longer answers the question.
    static func reload(_ state: inout AppState) -> [Effect] {
        state.feeds = [:]
        state.campaigns = []
        state.selectedID = nil
        state.cursorMoved = false
        state.scroll = 0
        return refresh(&state, reason: .filter)
    }

    /// The next page of every channel in view that has more (in all-channels view they are
    /// interleaved by urgency, so the end of the rows is the end of every channel's pages).
    static func loadMore(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for channel in state.scope.channels {
            guard let feed = state.feeds[channel], feed.hasMore, feed.moreRequest == nil, let last = feed.campaigns.last?.id
            else { continue }
            let request = newRequest(&state)
            state.feeds[channel]?.moreRequest = request
            effects.append(.list(request: request, query(state, channel), after: last))
        }
        return effects
    }

    static func tick(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if let due = state.searchDueAt, state.now >= due, let draft = state.searchDraft {
            state.searchDueAt = nil
            effects += setSearch(&state, draft)
        }
        // Paused by the user, and while a dialog asks: the list must not move under a decision.
        // Not while a search is being typed either: its own list is about to replace this one.
        if !state.paused, state.searchDueAt == nil, state.overlay == .none || isPassive(state.overlay), let due = state.nextRefreshAt, state.now >= due,
           state.listRequest == nil
        {
            effects += refresh(&state, reason: .timer)
        }
        return effects
    }

    static func isPassive(_ overlay: Overlay) -> Bool {
        if case .confirm = overlay { return false }
        return true
    }

    /// The channel whose first page (or next page) `request` asked for.
    static func feed(_ state: AppState, request: Int) -> (channel: Channel, more: Bool)? {
        for (channel, feed) in state.feeds {
            if feed.listRequest == request { return (channel, false) }
            if feed.moreRequest == request { return (channel, true) }
        }
        return nil
    }

    static func listLoaded(_ state: inout AppState, request: Int, _ result: Result<CampaignPage, ArselError>) -> [Effect] {
        // Stale (a newer question was asked), or not a channel in view any more: dropped.
        guard let (channel, more) = feed(state, request: request), state.scope.covers(channel) else { return [] }
        if more { return moreLoaded(&state, channel: channel, result) }
        state.feeds[channel]?.listRequest = nil
        // An answer counts only for the channel it was asked about.
        let result = result.map { page in CampaignPage(campaigns: page.campaigns.filter { $0.channel == channel }, hasMore: page.hasMore) }
        switch result {
        case .failure(let error):
            state.refreshFailures += 1
            // Back off: the interval doubled per failure (at most 5 min), and never before retry-after.
            var wait = state.environment.refreshInterval * pow(2, Double(min(state.refreshFailures, 5)))
            if case .api(let f) = error, let after = f.retryAfter {
                wait = max(wait, Double(after.components.seconds))
            }
            wait = min(wait, 300)
            state.nextRefreshAt = state.now.addingTimeInterval(wait)
            state.refreshError = error
            let last = state.lastRefresh.map { Format.age(from: $0, to: state.now, state.environment.catalog) }
            note(&state, .refreshFailed(channel: state.scope == .all ? channel : nil, error, lastRefresh: last, retryIn: Int(wait)), .error)
            return []
        case .success(let page):
            if state.listRequest == nil {
                state.refreshFailures = 0
                state.refreshError = nil
                state.lastRefresh = state.now
                state.nextRefreshAt = state.now.addingTimeInterval(state.environment.refreshInterval)
            }
            let before = visibleStatuses(state)
            merge(&state, channel: channel, firstPage: page)
            announceChanges(&state, before: before)
            return rereadVisible(&state, except: Set(page.campaigns.map(\.ref))) + fillScreen(&state)
        }
    }

    static func moreLoaded(_ state: inout AppState, request: Int, _ result: Result<CampaignPage, ArselError>) -> [Effect] {
        guard let (channel, more) = feed(state, request: request), more else { return [] }
        return moreLoaded(&state, channel: channel, result)
    }

    static func moreLoaded(_ state: inout AppState, channel: Channel, _ result: Result<CampaignPage, ArselError>) -> [Effect] {
        state.feeds[channel]?.moreRequest = nil
        switch result {
        case .failure(let error):
            note(&state, .loadingMoreFailed(error), .error)
        case .success(let page):
            guard var feed = state.feeds[channel] else { return [] }
            // One row per id, across pages and within one: a later copy is dropped.
            var known = Set(feed.campaigns.map(\.id))
            feed.campaigns += page.campaigns.filter { $0.channel == channel && known.insert($0.id).inserted }
            feed.hasMore = page.hasMore && !page.campaigns.isEmpty
            state.feeds[channel] = feed
            let previous = state.selectedIndex
            state.compose()
            settle(&state, previousIndex: previous)
            return fillScreen(&state)
        }
        return []
    }

    /// A filter Arsel cannot apply (stoppable) shows fewer rows than were loaded: more pages
    /// load until the screen is full or there are none (the scroll then loads the rest, as ever).
    static func fillScreen(_ state: inout AppState) -> [Effect] {
        guard let filter = state.statusFilter, filter.apiStatus == nil, state.campaigns.count < Layout.tableRows(height: state.height)
        else { return [] }
        return loadMore(&state)
    }

    /// The new first page replaces the top of its channel's list; loaded pages below it stay
    /// (updated where the first page has newer data). The cursor and the marks follow ids.
    static func merge(_ state: inout AppState, channel: Channel, firstPage received: CampaignPage) {
        var page = received
        var pageIDs = Set<String>()
        pageIDs.reserveCapacity(page.campaigns.count)
        // One row per id: a page that repeats an id keeps its first copy (the client refuses
        // such pages already; the list's own invariant does not depend on it).
        if !page.campaigns.allSatisfy({ pageIDs.insert($0.id).inserted }) {
            var seen = Set<String>()
            page.campaigns = page.campaigns.filter { seen.insert($0.id).inserted }
            pageIDs = seen
        }
        var feed = state.feeds[channel] ?? Feed()
        var tail: [Campaign] = []
        if page.hasMore {
            if let last = page.campaigns.last?.id, let i = feed.campaigns.firstIndex(where: { $0.id == last }) {
                tail = Array(feed.campaigns[(i + 1)...]).filter { !pageIDs.contains($0.id) }
            } else {
                tail = feed.campaigns.filter { !pageIDs.contains($0.id) }
            }
        }
        // Without a tail the page's own storage is used as is: no second copy of a large list.
        feed.hasMore = tail.isEmpty ? page.hasMore : (feed.hasMore || page.hasMore)
        feed.campaigns = tail.isEmpty ? page.campaigns : page.campaigns + tail
        feed.loaded = true
        state.feeds[channel] = feed
        let previousIndex = state.selectedIndex
        state.compose()
        settle(&state, previousIndex: previousIndex)
    }

    /// After the rows changed: marks only on rows still shown, the cursor on its campaign, or at
    /// the same place when that is gone.
    static func settle(_ state: inout AppState, previousIndex: Int?) {
        let ids = Set(state.campaigns.map(\.id))
        state.marks.formIntersection(ids)
        // Until the person moves it, the cursor stays on the first row: with several channels
        // loading, the most urgent row can arrive after the first answer.
        if !state.cursorMoved, let first = state.campaigns.first {
            state.selectedID = first.id
        } else if state.selectedID == nil || !ids.contains(state.selectedID!) {
            let i = min(previousIndex ?? 0, state.campaigns.count - 1)
            state.selectedID = i >= 0 ? state.campaigns[i].id : nil
        }
        keepSelectionVisible(&state)
    }

    /// Re-reads of the visible campaigns that can still change and were not on the first page.
    static func rereadVisible(_ state: inout AppState, except fresh: Set<CampaignRef>) -> [Effect] {
        let rows = Layout.tableRows(height: state.height)
        let visible = state.campaigns.dropFirst(state.scroll).prefix(rows)
        // Each with the channel of the campaign itself: rows of several channels re-read each
        // on its own.
        let targets = visible.filter { !$0.status.isFinal && !fresh.contains($0.ref) }.map(\.ref)
        guard !targets.isEmpty, state.rereadRequest == nil else { return [] }
        let request = newRequest(&state)
        state.rereadRequest = request
        state.rereadTargets = targets
        return [.reread(request: request, targets: targets)]
    }

    /// The statuses of the rows on screen, in screen order.
    static func visibleStatuses(_ state: AppState) -> [(CampaignRef, CampaignStatus)] {
        state.campaigns.dropFirst(state.scroll).prefix(Layout.tableRows(height: state.height)).map { ($0.ref, $0.status) }
    }

    /// Changes the server made to rows the person could see (it went out, it failed, someone
    /// else cancelled it) are said in the status line and `m`, as the line mode announces them.
    /// The person's own cancels say their outcome already.
    static func announceChanges(_ state: inout AppState, before: [(CampaignRef, CampaignStatus)]) {
        var changes: [Notice.Change] = []
        for (ref, old) in before {
            guard let now = state.campaign(ref.id), now.channel == ref.channel, now.status != old, state.inFlight[ref] == nil else { continue }
            if now.status == .cancelled, case .cancelled? = state.notes[ref.id] { continue }
            changes.append(Notice.Change(name: now.name ?? "—", channel: ref.channel, status: now.status))
        }
        guard !changes.isEmpty else { return }
        note(&state, .changed(changes), .info)
    }
}
