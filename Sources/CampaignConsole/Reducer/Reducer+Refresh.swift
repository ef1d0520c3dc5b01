import ArselAPI
import Foundation

extension Reducer {
    enum RefreshReason { case start, user, timer, afterCancel, filter }


    static func query(_ state: AppState) -> CampaignQuery {
        CampaignQuery(
            channel: state.channel, status: state.statusFilter?.rawValue,
            search: state.search.isEmpty ? nil : state.search, limit: state.environment.pageSize)
    }

    /// The first page again. Cheap on purpose: one list call; the visible campaigns that can
    /// still change and are not on it are re-read when it arrives; Sent, Failed and Cancelled
    /// ones never are.
    static func refresh(_ state: inout AppState, reason: RefreshReason) -> [Effect] {
        // Timers never stack requests; a user, a filter or a finished cancel supersedes the one in
        // flight (its answer is then stale and dropped).
        if state.listRequest != nil && (reason == .timer || reason == .start) { return [] }
        let request = newRequest(&state)
        state.listRequest = request
        state.refreshing = true
        if reason == .user { info(&state, "Refreshing…") }
        return [.list(request: request, query(state), after: nil)]
    }

    /// The filter or channel changed: what is on screen no longer answers the question.
    static func reload(_ state: inout AppState) -> [Effect] {
        state.campaigns = []
        state.selectedID = nil
        state.scroll = 0
        state.hasMore = false
        state.moreRequest = nil
        state.loadingMore = false
        return refresh(&state, reason: .filter)
    }

    static func loadMore(_ state: inout AppState) -> [Effect] {
        guard state.hasMore, state.moreRequest == nil, let last = state.campaigns.last?.id else { return [] }
        let request = newRequest(&state)
        state.moreRequest = request
        state.loadingMore = true
        return [.list(request: request, query(state), after: last)]
    }

    static func tick(_ state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        if let due = state.searchDueAt, state.now >= due, let draft = state.searchDraft {
            state.searchDueAt = nil
            effects += setSearch(&state, draft)
        }
        // Paused by the user, and while a dialog asks: the list must not move under a decision.
        if !state.paused, state.overlay == .none || isPassive(state.overlay), let due = state.nextRefreshAt, state.now >= due,
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

    static func listLoaded(_ state: inout AppState, request: Int, _ result: Result<CampaignPage, ArselError>) -> [Effect] {
        if request == state.moreRequest { return moreLoaded(&state, request: request, result) }
        guard request == state.listRequest else { return [] }  // stale: a newer question was asked
        state.listRequest = nil
        state.refreshing = false
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
            state.refreshError = error.description
            note(&state, "Refresh failed: \(error.description) — showing data from \(ageText(state)); retrying in \(Int(wait)) s", .error)
            return []
        case .success(let page):
            state.refreshFailures = 0
            state.refreshError = nil
            state.lastRefresh = state.now
            state.nextRefreshAt = state.now.addingTimeInterval(state.environment.refreshInterval)
            merge(&state, firstPage: page)
            return rereadVisible(&state, except: Set(page.campaigns.map(\.id)))
        }
    }

    static func moreLoaded(_ state: inout AppState, request: Int, _ result: Result<CampaignPage, ArselError>) -> [Effect] {
        guard request == state.moreRequest else { return [] }
        state.moreRequest = nil
        state.loadingMore = false
        switch result {
        case .failure(let error):
            note(&state, "Loading more failed: \(error.description)", .error)
        case .success(let page):
            // One row per id, across pages and within one: a later copy is dropped.
            var known = Set(state.campaigns.map(\.id))
            state.campaigns += page.campaigns.filter { known.insert($0.id).inserted }
            state.hasMore = page.hasMore && !page.campaigns.isEmpty
        }
        return []
    }

    /// The new first page replaces the top of the list; loaded pages below it stay (updated
    /// where the first page has newer data). The cursor and the marks follow ids.
    static func merge(_ state: inout AppState, firstPage received: CampaignPage) {
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
        var tail: [Campaign] = []
        if page.hasMore {
            if let last = page.campaigns.last?.id, let i = state.indexByID[last] {
                tail = Array(state.campaigns[(i + 1)...]).filter { !pageIDs.contains($0.id) }
            } else {
                tail = state.campaigns.filter { !pageIDs.contains($0.id) }
            }
        }
        let previousIndex = state.selectedIndex
        // Without a tail the page's own storage is used as is: no second copy of a large list.
        state.campaigns = tail.isEmpty ? page.campaigns : page.campaigns + tail
        state.hasMore = tail.isEmpty ? page.hasMore : (state.hasMore || page.hasMore)
        let ids = Set(state.campaigns.map(\.id))
        state.marks.formIntersection(ids)
        if state.selectedID == nil || !ids.contains(state.selectedID!) {
            // The selected campaign is gone: stay at the same place in the list.
            let i = min(previousIndex ?? 0, state.campaigns.count - 1)
            state.selectedID = i >= 0 ? state.campaigns[i].id : nil
        }
        keepSelectionVisible(&state)
    }

    /// Re-reads of the visible campaigns that can still change and were not on the first page.
    static func rereadVisible(_ state: inout AppState, except fresh: Set<String>) -> [Effect] {
        let rows = Layout.tableRows(height: state.height)
        let visible = state.campaigns.dropFirst(state.scroll).prefix(rows)
        let ids = visible.filter { !$0.status.isFinal && !fresh.contains($0.id) }.map(\.id)
        guard !ids.isEmpty, state.rereadRequest == nil else { return [] }
        let request = newRequest(&state)
        state.rereadRequest = request
        state.rereadIDs = ids
        return [.reread(request: request, ids: ids, channel: state.channel)]
    }

    static func ageText(_ state: AppState) -> String {
        guard let last = state.lastRefresh else { return "never" }
        return Format.age(from: last, to: state.now) + " ago"
    }
}
