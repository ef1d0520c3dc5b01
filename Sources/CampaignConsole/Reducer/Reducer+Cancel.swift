import ArselModel
import CancelSession
import TerminalUI
import Foundation

extension Reducer {
    /// `c` (or `t`, retry the failed): re-read what is about to be cancelled, then ask. The plan (what is asked
    /// about, what is skipped and why) is the cancel session's, as in line mode and the CLI.
    static func beginCancel(_ state: inout AppState, targets requested: [CampaignRef]?) -> [Effect] {
        if state.environment.readOnly {
            note(&state, .readOnly(profile: state.environment.profile), .error)
            return []
        }
        if state.bulk != nil {
            info(&state, .cancelAlreadyRunning)
            return []
        }
        let plan: CancelPlan
        if let requested {
            let names = Dictionary(requested.compactMap { r in state.campaign(r.id).map { (r, $0.name ?? "—") } }, uniquingKeysWith: { a, _ in a })
            plan = CancelPlan(refs: requested, names: names)
        } else if !state.marks.isEmpty {
            plan = CancelPlan(listed: state.campaigns.filter { state.marks.contains($0.id) })
        } else if let selected = state.selected {
            // One campaign that cannot be cancelled: say why, send nothing.
            guard selected.status.isCancellable else {
                note(&state, .notCancellable(selected.status), .error)
                return []
            }
            plan = CancelPlan(listed: [selected])
        } else {
            info(&state, state.refreshing ? .nothingToCancelYet : .nothingToCancel)
            return []
        }
        guard !plan.asked.isEmpty else {
            note(&state, .noMarkedCancellable, .error)
            return []
        }
        let request = newRequest(&state)
        state.overlay = .confirm(Confirmation(plan: plan, phase: .checking(request: request)))
        return [.checkForCancel(request: request, targets: plan.asked)]
    }

    static func confirmChecked(_ state: inout AppState, request: Int, _ results: [Result<Campaign, ArselError>]) -> [Effect] {
        guard case .confirm(var c) = state.overlay, c.phase == .checking(request: request) else { return [] }
        c.plan.check(results)
        // What Arsel just said about a campaign asked about updates its row.
        for (ref, result) in zip(c.plan.asked, results) {
            if case .success(let campaign) = result, campaign.ref == ref { replace(&state, campaign) }
        }
        c.phase = .ready
        // Whatever was pressed while it checked, the dialog opens as it is drawn: Keep focused,
        // nothing typed.
        c.focus = .keep
        c.typed = ""
        state.overlay = .confirm(c)
        return []
    }

    static func confirmKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .confirm(var c) = state.overlay else { return [] }
        let typing = c.needsTyping(production: state.environment.production)
        // Nothing but keep acts before the buttons are drawn (while it checks, or with nothing
        // to cancel): focus cannot move to a Cancel the person has not seen.
        let ready = c.phase == .ready && !c.cancellable.isEmpty
        // The scroll is clamped first: after a resize, one key back moves at once.
        state.overlayScroll = min(state.overlayScroll, state.overlayMaxScroll)
        // The typed count comes first: digits are never bound in a dialog.
        if typing, ready, case .char(let ch) = key, let digit = Self.asciiDigit(ch) {
            if c.typed.count < 6 { c.typed.append(digit) }
            c.error = nil
            c.focus = c.typedCountIsRight(production: state.environment.production) ? .cancel : .keep
            state.overlay = .confirm(c)
            return []
        }
        if typing, ready, key == .backspace || key == .delete {
            if !c.typed.isEmpty { c.typed.removeLast() }
            c.focus = c.typedCountIsRight(production: state.environment.production) ? .cancel : .keep
            state.overlay = .confirm(c)
            return []
        }
        switch state.environment.keymap.dialog.command(for: key) {
        case .keep?:
            state.overlay = .none
            info(&state, .kept)
            return []
        case .moveFocus?:
            if ready { c.focus = c.focus == .keep ? .cancel : .keep }
        case .up?, .down?, .pageUp?, .pageDown?, .top?, .bottom?:
            let page = max(1, state.height - 8)
            let step = [DialogCommand.up: -1, .down: 1, .pageUp: -page, .pageDown: page, .top: -Int.max / 2, .bottom: Int.max / 2]
            let command = state.environment.keymap.dialog.command(for: key) ?? .down
            state.overlayScroll = max(0, min(state.overlayScroll + (step[command] ?? 0), state.overlayMaxScroll))
        case .press?:
            // Enter presses the focused button, as drawn; a wrong count never confirms.
            switch c.enterAction(production: state.environment.production) {
            case .wait: return []
            case .close, .keep:
                state.overlay = .none
                info(&state, .kept)
                return []
            case .wrongCount:
                c.error = .typeCountToConfirm(c.cancellable.count)
            case .confirm:
                return confirm(&state, c)
            }
        case .confirm?:
            return confirm(&state, c)
        case nil:
            break
        }
        state.overlay = .confirm(c)
        return []
    }

    /// A digit typed as the count: 0–9, or Arabic-Indic (٠–٩, ۰–۹, as an Arabic keyboard types
    /// them), kept as 0–9 so it compares with the count whatever digits the prompt shows.
    static func asciiDigit(_ ch: Character) -> Character? {
        guard ch.unicodeScalars.count == 1, let v = ch.unicodeScalars.first?.value else { return nil }
        switch v {
        case 0x30...0x39: return ch
        case 0x660...0x669: return Character(Unicode.Scalar(v - 0x660 + 0x30)!)
        case 0x6F0...0x6F9: return Character(Unicode.Scalar(v - 0x6F0 + 0x30)!)
        default: return nil
        }
    }

    /// Runs the confirmed cancel: one request at a time, under the client's pacing.
    static func confirm(_ state: inout AppState, _ confirmation: Confirmation) -> [Effect] {
        var c = confirmation
        guard c.phase == .ready, !c.cancellable.isEmpty else { return [] }
        if !c.typedCountIsRight(production: state.environment.production) {
            c.error = .typeCountToConfirm(c.cancellable.count)
            state.overlay = .confirm(c)
            return []
        }
        state.overlay = .none
        let targets = c.plan.targets
        state.marks.subtract(targets.map(\.id))
        for t in targets { state.notes[t.id] = .queued }
        state.bulk = CancelRun(c.plan)
        return next(&state)
    }

    static func next(_ state: inout AppState) -> [Effect] {
        guard var run = state.bulk else { return [] }
        guard let target = run.next() else {
            guard run.isFinished else { return [] }
            state.bulk = nil
            if run.total > 1 {
                let retry = run.unresolved.isEmpty ? nil : state.environment.keymap.list.label(.retryFailed)
                let summary = Notice.runSummary(
                    cancelled: run.cancelled.count, total: run.total, failed: run.failed.count, unknown: run.unknown.count, retryKey: retry)
                note(&state, summary, run.unresolved.isEmpty ? .ok : .error)
            }
            state.lastFailed = run.unresolved
            return refresh(&state, reason: .afterCancel)
        }
        state.bulk = run
        state.notes[target.id] = .cancelling
        let key = state.unansweredKeys[target] ?? "\(state.environment.session)-\(state.nextIntent)"
        if state.unansweredKeys[target] == nil { state.nextIntent += 1 }
        state.inFlight[target] = key
        return [.cancel(target, idempotencyKey: key)]
    }

    static func cancelFinished(_ state: inout AppState, _ report: CancelReport) -> [Effect] {
        let ref = CampaignRef(report.campaignID, report.channel)
        state.inFlight[ref] = nil
        guard state.bulk?.record(report) == true else { return [] }
        if case .unknown = report.outcome { state.unansweredKeys[ref] = report.idempotencyKey } else { state.unansweredKeys[ref] = nil }
        let name = state.campaign(report.campaignID)?.name ?? report.campaignID
        // The read-back counts only if it is about the campaign that was cancelled.
        if let reread = report.reread, reread.ref == ref { replace(&state, reread) }
        switch report.outcome {
        case .cancelled(let message, let confirmed):
            // The row's note holds text (the table draws it as is): the catalog's default now.
            state.notes[report.campaignID] = .cancelled(message: state.environment.catalog.cancelledMessage(message), confirmed: confirmed)
            note(&state, .cancelled(message: message, confirmed: confirmed, name: name), .ok)
            if var c = state.campaign(report.campaignID), c.channel == report.channel {
                c.status = .cancelled
                replace(&state, c)
            }
        case .failed(let error), .notCancelled(_, let error):
            if case .notCancelled(let status, _) = report.outcome {
                state.notes[report.campaignID] = .failed(error, now: status)
                note(&state, .notCancelledNow(status, errorName: error.name, name: name), .error)
            } else {
                state.notes[report.campaignID] = .failed(error, now: nil)
                note(&state, .cancelFailed(error, name: name), .error)
            }
        case .unknown(let error):
            let key = state.environment.keymap.list.label(.refresh)
            state.notes[report.campaignID] = .unknown(recheckKey: key, interruptedBy: nil)
            note(&state, .outcomeUnknown(error, name: name, recheckKey: key), .unknown)
        }
        return next(&state)
    }
}
