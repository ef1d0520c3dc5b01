import ArselAPI
import TerminalUI
import Foundation

extension Reducer {
    /// `c` (or `R`): re-read what is about to be cancelled, then ask.
    static func beginCancel(_ state: inout AppState, ids requested: [String]?) -> [Effect] {
        if state.environment.readOnly {
            note(&state, "Read-only: cancelling is disabled for profile \(state.environment.profile)", .error)
            return []
        }
        if state.bulk != nil {
            info(&state, "A cancel is already running; wait for it to finish")
            return []
        }
        let ids: [String]
        if let requested {
            ids = requested
        } else if !state.marks.isEmpty {
            ids = state.campaigns.map(\.id).filter { state.marks.contains($0) }
        } else if let selected = state.selected {
            // One campaign that cannot be cancelled: say why, send nothing.
            guard selected.status.isCancellable else {
                note(&state, selected.status.notCancellableReason, .error)
                return []
            }
            ids = [selected.id]
        } else {
            return []
        }
        let known = ids.compactMap { state.campaign($0) }
        let candidates = requested == nil ? known.filter(\.status.isCancellable).map(\.id) : ids
        var confirmation = Confirmation(ids: ids, channel: state.channel, phase: .ready)
        confirmation.skipped = known.filter { !$0.status.isCancellable && requested == nil }
            .map { ($0.id, $0.name ?? "—", $0.status.notCancellableReason) }
        guard !candidates.isEmpty else {
            note(&state, "None of the marked campaigns can be cancelled", .error)
            return []
        }
        let request = newRequest(&state)
        confirmation.phase = .checking(request: request)
        confirmation.asked = candidates
        state.overlay = .confirm(confirmation)
        return [.checkForCancel(request: request, ids: candidates, channel: state.channel)]
    }

    static func confirmChecked(_ state: inout AppState, request: Int, _ results: [Result<Campaign, ArselError>]) -> [Effect] {
        guard case .confirm(var c) = state.overlay, c.phase == .checking(request: request) else { return [] }
        // Answers come in asking order; one counts only for the id it was asked about.
        for (i, id) in c.asked.enumerated() {
            let name = state.campaign(id)?.name ?? id
            guard i < results.count else {
                c.skipped.append((id, name, "no answer from Arsel: not cancelled"))
                continue
            }
            switch results[i] {
            case .success(let campaign) where campaign.id != id:
                c.skipped.append((id, name, "Arsel answered about another campaign (\(campaign.id)): not cancelled"))
            case .success(let campaign):
                replace(&state, campaign)
                if c.cancellable.contains(where: { $0.id == id }) { continue }
                if campaign.status.isCancellable {
                    c.cancellable.append(campaign)
                } else {
                    c.skipped.append((campaign.id, campaign.name ?? "—", "now \(campaign.status.title): cannot be cancelled"))
                }
            case .failure(let error):
                c.skipped.append((id, name, "could not be re-read: \(error.description)"))
            }
        }
        c.phase = .ready
        state.overlay = .confirm(c)
        return []
    }

    static func confirmKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .confirm(var c) = state.overlay else { return [] }
        let typing = c.needsTyping(production: state.environment.production)
        switch key {
        case .escape, .char("n"), .char("q"):
            state.overlay = .none
            info(&state, "Kept: nothing was cancelled")
            return []
        case .tab, .backTab, .left, .right:
            c.focus = c.focus == .keep ? .cancel : .keep
        case .enter:
            // Once the typed count is right, Enter confirms; a wrong count never does.
            if typing && !c.typed.isEmpty {
                if c.typedCountIsRight(production: state.environment.production) { return confirm(&state, c) }
                c.error = "Type \(c.cancellable.count) to confirm"
                break
            }
            if c.focus == .keep {
                state.overlay = .none
                info(&state, "Kept: nothing was cancelled")
                return []
            }
            return confirm(&state, c)
        case .char("y"):
            return confirm(&state, c)
        case .backspace, .delete:
            if typing, !c.typed.isEmpty { c.typed.removeLast() }
            c.focus = typing && c.typedCountIsRight(production: state.environment.production) ? .cancel : .keep
        case .char(let ch) where typing && ch.isNumber:
            if c.typed.count < 6 { c.typed.append(ch) }
            c.error = nil
            c.focus = c.typedCountIsRight(production: state.environment.production) ? .cancel : .keep
        default:
            break
        }
        state.overlay = .confirm(c)
        return []
    }

    /// Runs the confirmed cancel: one request at a time, under the client's pacing.
    static func confirm(_ state: inout AppState, _ confirmation: Confirmation) -> [Effect] {
        var c = confirmation
        guard c.phase == .ready, !c.cancellable.isEmpty else { return [] }
        if !c.typedCountIsRight(production: state.environment.production) {
            c.error = "Type \(c.cancellable.count) to confirm"
            state.overlay = .confirm(c)
            return []
        }
        state.overlay = .none
        let ids = c.cancellable.map(\.id)
        state.marks.subtract(ids)
        for id in ids { state.notes[id] = .queued }
        state.bulk = BulkRun(channel: c.channel, queue: ids, total: ids.count)
        return next(&state)
    }

    static func next(_ state: inout AppState) -> [Effect] {
        guard var bulk = state.bulk else { return [] }
        guard !bulk.queue.isEmpty else {
            state.bulk = nil
            if bulk.total > 1 {
                var summary = "\(bulk.cancelled)/\(bulk.total) cancelled"
                if !bulk.failed.isEmpty { summary += ", \(bulk.failed.count) failed" }
                if !bulk.unknown.isEmpty { summary += ", \(bulk.unknown.count) unknown" }
                if !(bulk.failed + bulk.unknown).isEmpty { summary += " — R retries the failed" }
                note(&state, summary, bulk.failed.isEmpty && bulk.unknown.isEmpty ? .ok : .error)
            }
            state.lastFailed = bulk.failed + bulk.unknown
            return refresh(&state, reason: .afterCancel)
        }
        let id = bulk.queue.removeFirst()
        bulk.current = id
        state.bulk = bulk
        state.notes[id] = .cancelling
        let key = "\(state.environment.session)-\(state.nextIntent)"
        state.nextIntent += 1
        state.inFlight[id] = key
        return [.cancel(id: id, channel: bulk.channel, idempotencyKey: key)]
    }

    static func cancelFinished(_ state: inout AppState, _ report: CancelReport) -> [Effect] {
        state.inFlight[report.campaignID] = nil
        let name = state.campaign(report.campaignID)?.name ?? report.campaignID
        // The read-back counts only if it is about the campaign that was cancelled.
        if let reread = report.reread, reread.id == report.campaignID { replace(&state, reread) }
        switch report.outcome {
        case .cancelled(let message, let confirmed):
            state.notes[report.campaignID] = .cancelled(message)
            state.bulk?.cancelled += 1
            note(&state, "✓ \(message)\(confirmed ? " (confirmed by re-reading)" : "") — \(name)", .ok)
            if var c = state.campaign(report.campaignID) {
                c.status = .cancelled
                replace(&state, c)
            }
        case .failed(let error), .notCancelled(_, let error):
            var text = error.description
            if case .notCancelled(let status, _) = report.outcome { text = "not cancelled, now \(status.title) (\(error.name))" }
            state.notes[report.campaignID] = .failed(text)
            state.bulk?.failed.append(report.campaignID)
            note(&state, "✗ \(text) — \(name)", .error)
        case .unknown(let error):
            state.notes[report.campaignID] = .unknown("outcome unknown — press r to re-check")
            state.bulk?.unknown.append(report.campaignID)
            note(&state, "? outcome unknown (\(error.description)) — \(name); press r to re-check before retrying", .unknown)
        }
        return next(&state)
    }
}
