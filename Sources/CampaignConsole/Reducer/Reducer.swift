import ArselModel
import CancelSession
import Foundation
import TerminalUI

/// The console's logic: an action in, the new state and the effects out. No I/O, no clock, no
/// randomness — everything it needs arrives in the action or is in the state.
public enum Reducer {
    /// The effects of a fresh start: load the first pages (the cancels an earlier run left with
    /// an unknown outcome are settled once the first answer is in).
    public static func start(_ state: inout AppState) -> [Effect] {
        state.scope = state.environment.scope
        state.unansweredKeys = state.environment.unansweredKeys
        state.nextRefreshAt = state.now.addingTimeInterval(state.environment.refreshInterval)
        return refresh(&state, reason: .start)
    }

    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            return handleKey(&state, key)
        case .resize(let w, let h):
            state.width = max(0, w)
            state.height = max(0, h)
            keepSelectionVisible(&state)
            return []
        case .tick(let now):
            state.now = now
            return tick(&state)
        case .listLoaded(let request, let result):
            var effects = listLoaded(&state, request: request, result)
            if !state.unknownsAsked {
                state.unknownsAsked = true
                effects.append(.resolveUnknowns)
            }
            return effects
        case .moreLoaded(let request, let result):
            return moreLoaded(&state, request: request, result)
        case .reread(let request, let results):
            guard request == state.rereadRequest else { return [] }
            state.rereadRequest = nil
            let before = visibleStatuses(state)
            // An answer counts only for the id and channel it was asked about (answers come in
            // asking order).
            for (target, result) in zip(state.rereadTargets, results) {
                if case .success(let c) = result, c.ref == target { replace(&state, c) }
            }
            announceChanges(&state, before: before)
            state.rereadTargets = []
            return []
        case .confirmChecked(let request, let results):
            return confirmChecked(&state, request: request, results)
        case .cancelFinished(let report):
            return cancelFinished(&state, report)
        case .serverInfo(let info):
            state.rateRemaining = info.remaining
            state.rateLimit = info.limit
            state.budgetContended = info.contended
            state.serverIsSandbox = info.sandbox
            return []
        case .signal(let name):
            return stop(&state, by: name)
        case .unknownsResolved(let resolutions):
            unknownsResolved(&state, resolutions)
            return []
        }
    }

    /// Stops the console now (a signal, or `q` confirmed while a cancel runs): every cancel in
    /// flight becomes "unknown", and queued ones are never sent.
    static func stop(_ state: inout AppState, by name: String) -> [Effect] {
        state.quitting = true
        state.interruptedBy = name
        for ref in state.inFlight.keys { state.notes[ref.id] = .unknown(recheckKey: nil, interruptedBy: Interruption(name)) }
        if !state.inFlight.isEmpty {
            note(&state, .interruptedInFlight(by: Interruption(name)), .unknown)
        }
        if let notSent = state.bulk?.interrupt().notSent, !notSent.isEmpty {
            for ref in notSent { state.notes[ref.id] = nil }
            note(&state, .queuedNotSent(notSent.count), .info)
        }
        return [.quit]
    }

    /// True while a cancel is sent or queued: quitting then needs a second answer.
    static func cancelRunning(_ state: AppState) -> Bool { !state.inFlight.isEmpty || !(state.bulk?.queue.isEmpty ?? true) }

    // MARK: Keys

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        // Nothing acts that the person cannot see: while the screen is too small to draw the
        // list or a dialog, only quit and help work (a resize brings the screen back).
        if Layout.tooSmall(width: state.width, height: state.height) {
            switch state.overlay {
            case .quitWhileCancelling: return quitKey(&state, key)
            default: break
            }
            guard let command = state.environment.keymap.command(for: key), command == .quit || command == .help else { return [] }
            return run(&state, command)
        }
        if state.searchDraft != nil { return editSearch(&state, key) }
        switch state.overlay {
        case .confirm: return confirmKey(&state, key)
        case .quitWhileCancelling: return quitKey(&state, key)
        case .help, .details, .messages:
            return overlayKey(&state, key)
        case .none:
            break
        }
        if key == .escape {
            if !state.search.isEmpty { return setSearch(&state, "") }
            return []
        }
        guard let command = state.environment.keymap.command(for: key) else { return [] }
        return run(&state, command)
    }

    static func run(_ state: inout AppState, _ command: Command) -> [Effect] {
        let page = Layout.tableRows(height: state.height)
        switch command {
        case .up: return move(&state, by: -1)
        case .down: return move(&state, by: 1)
        case .pageUp: return move(&state, by: -page)
        case .pageDown: return move(&state, by: page)
        case .top: return move(&state, to: 0)
        case .bottom: return move(&state, to: state.campaigns.count - 1)
        case .details:
            if let id = state.selectedID { state.overlay = .details(id) }
            return []
        case .cancel: return beginCancel(&state, targets: nil)
        case .retryFailed:
            guard !state.lastFailed.isEmpty else {
                info(&state, .noFailedCancels)
                return []
            }
            return beginCancel(&state, targets: state.lastFailed)
        case .mark:
            guard let id = state.selectedID else { return [] }
            if state.marks.contains(id) { state.marks.remove(id) } else { state.marks.insert(id) }
            return move(&state, by: 1)
        case .markAll:
            let ids = state.campaigns.filter(\.status.isCancellable).map(\.id)
            state.marks.formUnion(ids)
            info(&state, ids.isEmpty ? .noCancellableToMark : .markedCancellable(ids.count))
            return []
        case .clearMarks:
            state.marks.removeAll()
            return []
        case .search:
            state.searchDraft = state.search
            return []
        case .cycleStatus:
            let order = StatusFilter.cycle
            let i = order.firstIndex { $0 == state.statusFilter } ?? 0
            state.statusFilter = order[(i + 1) % order.count]
            return reload(&state)
        case .stoppable:
            state.statusFilter = state.statusFilter == .stoppable ? nil : .stoppable
            return reload(&state)
        case .sort:
            // The rows are all here: a new order is a local re-sort, no request.
            state.sort = state.sort.next
            let previous = state.selectedIndex
            state.compose()
            settle(&state, previousIndex: previous)
            info(&state, .sorted(state.sort))
            return []
        case .switchChannel:
            state.scope = state.scope.next
            state.marks.removeAll()
            return reload(&state)
        case .refresh:
            return refresh(&state, reason: .user)
        case .pause:
            state.paused.toggle()
            info(&state, .autoRefresh(paused: state.paused, refreshKey: state.environment.keymap.list.label(.refresh)))
            if !state.paused { state.nextRefreshAt = state.now }
            return []
        case .help:
            state.overlay = .help
            return []
        case .messages:
            state.overlay = .messages
            return []
        case .dismiss:
            if let id = state.selectedID { state.notes[id] = nil }
            return []
        case .quit:
            if cancelRunning(state) {
                state.overlay = .quitWhileCancelling
                return []
            }
            state.quitting = true
            return [.quit]
        }
    }

    /// "A cancel is still running — quit anyway?": only the confirm key quits, and then exactly
    /// as a signal does (the outcome is unknown and said so).
    static func quitKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.environment.keymap.dialog.command(for: key) {
        case .confirm:
            state.overlay = .none
            return stop(&state, by: "quit")
        case .keep, .press:
            state.overlay = .none
            // The cancel may have finished while the question was open.
            if !cancelRunning(state) { info(&state, .cancelFinishedQuit(key: state.environment.keymap.list.label(.quit))) }
            return []
        default:
            return []
        }
    }

    /// Help, messages and details: they scroll, and close with their key or the one that opened them.
    static func overlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let opener: Command? = switch state.overlay {
        case .help: .help
        case .messages: .messages
        default: nil
        }
        if let opener, state.environment.keymap.command(for: key) == opener {
            state.overlay = .none
            return []
        }
        let page = max(1, state.height - 6)
        // Clamped first: after a resize or a shorter content, one key back moves at once.
        state.overlayScroll = min(state.overlayScroll, state.overlayMaxScroll)
        switch state.environment.keymap.overlay.command(for: key) {
        case .close?: state.overlay = .none
        case .up?: state.overlayScroll -= 1
        case .down?: state.overlayScroll += 1
        case .pageUp?: state.overlayScroll -= page
        case .pageDown?: state.overlayScroll += page
        case .top?: state.overlayScroll = 0
        case .bottom?: state.overlayScroll = Int.max / 2
        case nil: break
        }
        state.overlayScroll = max(0, min(state.overlayScroll, state.overlayMaxScroll))
        return []
    }

    // MARK: Moving

    static func move(_ state: inout AppState, by delta: Int) -> [Effect] {
        let current = state.selectedIndex ?? (delta > 0 ? -1 : 0)
        return move(&state, to: current + delta)
    }

    static func move(_ state: inout AppState, to index: Int) -> [Effect] {
        guard !state.campaigns.isEmpty else { return [] }
        let i = max(0, min(index, state.campaigns.count - 1))
        state.selectedID = state.campaigns[i].id
        state.cursorMoved = true
        keepSelectionVisible(&state)
        // Scrolling past the loaded rows loads the next page.
        if i >= state.campaigns.count - 1 - Layout.tableRows(height: state.height) / 2 { return loadMore(&state) }
        return []
    }

    static func keepSelectionVisible(_ state: inout AppState) {
        let rows = Layout.tableRows(height: state.height)
        guard let i = state.selectedIndex else {
            state.scroll = 0
            return
        }
        if i < state.scroll { state.scroll = i }
        if i >= state.scroll + rows { state.scroll = i - rows + 1 }
        state.scroll = max(0, min(state.scroll, max(0, state.campaigns.count - rows)))
    }

    // MARK: Search

    static func editSearch(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var draft = state.searchDraft else { return [] }
        switch state.environment.keymap.input.command(for: key) {
        case .clear?:
            state.searchDraft = nil
            state.searchDueAt = nil
            return setSearch(&state, "")
        case .apply?:
            state.searchDraft = nil
            state.searchDueAt = nil
            return setSearch(&state, draft)
        case .erase?:
            if !draft.isEmpty { draft.removeLast() }
        case nil:
            guard case .char(let c) = key else { return [] }
            if draft.count < 100 { draft.append(c) }
        }
        state.searchDraft = draft
        state.searchDueAt = state.now.addingTimeInterval(0.4)  // debounce: one request per pause in typing
        return []
    }

    static func setSearch(_ state: inout AppState, _ text: String) -> [Effect] {
        guard text != state.search else { return [] }
        state.search = text
        return reload(&state)
    }

    // MARK: Messages

    static func note(_ state: inout AppState, _ notice: Notice, _ level: Message.Level) {
        state.messages.append(Message(notice, level: level, at: state.now))
        if state.messages.count > 200 { state.messages.removeFirst(state.messages.count - 200) }
    }

    static func info(_ state: inout AppState, _ notice: Notice) { note(&state, notice, .info) }

    static func newRequest(_ state: inout AppState) -> Int {
        defer { state.nextRequestID += 1 }
        return state.nextRequestID
    }

    static func replace(_ state: inout AppState, _ campaign: Campaign) {
        state.update(campaign)
    }
}
