import ArselModel
import CampaignConsole
import CancelSession
import Foundation

/// English: the console's and the CLI's words, and the text of JSON output's messages.
public struct English: Catalog {
    public let language = Language.en
    public var arabicDigits = false
    public var hijri = false

    public init(hijri: Bool = false) { self.hijri = hijri }

    public func phrase(_ p: Phrase) -> String {
        switch p {
        case .terminalTooSmall: return "terminal too small"
        case .sizeNeeded(let w, let h, let mw, let mh, let unicode):
            let by = unicode ? "×" : "x"
            return "\(w)\(by)\(h), need \(mw)\(by)\(mh)"
        case .keyQuits(let key): return "\(key) quits"
        case .cancelStillRunning: return "cancel still running"
        case .quitAnywayQuestion: return "quit anyway?"
        case .quitOrStay(let q, let s): return "\(q) quit, \(s) stay"
        case .position(let first, let last, let total): return " \(first)–\(last) of \(total) "
        case .badge(.sandbox, let short): return short ? " SBX " : " SANDBOX "
        case .badge(.production, let short): return short ? " PROD " : " PRODUCTION "
        case .badge(.readOnly, let short): return short ? " RO " : " READ-ONLY "
        case .allChannels: return "All"
        case .budget(let limit, let remaining): return "budget " + phrase(.budgetShort(limit: limit, remaining: remaining))
        case .budgetShort(let limit, let remaining): return remaining.map { "\($0)/\(limit)" } ?? "\(limit)/s"
        case .paused: return "paused"
        case .refreshingHeader: return "refreshing…"
        case .loadingHeader: return "loading…"
        case .updated(let age): return "updated \(age)"
        case .staleAge(let age): return "\(age) (stale)"
        case .stale: return "stale"
        case .justNow: return "just now"
        case .ago(let age): return age + " ago"
        case .never: return "never"
        case .span(let span): return Self.span(span)
        case .statusCount(let s, let n): return "\(status(s)) \(n)"
        case .otherCount(let n): return "other \(n)"
        case .loadingCampaigns: return "loading campaigns…"
        case .noCampaigns: return "no campaigns"
        case .loaded(let parts): return "loaded: " + parts.map { "\($0.channel.rawValue) \($0.count)\($0.more ? "+" : "")" }.joined(separator: ", ")
        case .moreBelow: return "(more below)"
        case .markedCount(let n): return "\(n) marked"
        case .filterLabel: return "filter: "
        case .stoppableFilter: return "stoppable"
        case .sortedBy(let order): return "by \(order.rawValue)"
        case .nothing: return "—"
        case .column(let c):
            switch c {
            case .channel: return "CHAN"
            case .name: return "NAME"
            case .status: return "STATUS"
            case .when: return "WHEN"
            case .updated: return "UPDATED"
            case .note: return "NOTE"
            }
        case .loadingCampaignsTable: return "Loading campaigns…"
        case .couldNotLoad(let e): return "Could not load campaigns: \(e)"
        case .noCampaignMatches: return "No campaigns match."
        case .loadingMore: return "loading more…"
        case .waiting: return "waiting…"
        case .cancellingNote: return "cancelling…"
        case .rowFailed(let e, let now): return now.map { "not cancelled, now \(status($0)) (\(e.name))" } ?? error(e)
        case .rowUnknown(let key, let by):
            if let by { return "interrupted by \(interruption(by)) while cancelling — check before retrying" }
            return "outcome unknown — " + (key.map { "press \($0) to re-check" } ?? "re-check")
        case .soon: return "soon"
        case .inMinutes(let m, let clock): return "in \(m) min (\(clock))"
        case .justNowAt(let clock): return "just now (\(clock))"
        case .todayAt(let clock): return "today \(clock)"
        case .tomorrowAt(let clock): return "tomorrow \(clock)"
        case .yesterdayAt(let clock): return "yesterday \(clock)"
        case .dayAt(let month, let day, let clock): return "\(self.month(month)) \(day) \(clock)"
        case .dateAt(let y, let m, let d, let clock):
            if hijri { return "\(d) \(month(m)) \(y) AH \(clock)" }
            return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d) \(clock)"
        case .inCountdown(let countdown, let clock): return "in \(countdown) (\(clock))"
        case .sendingNow: return "sending now"
        case .sendingOver(let total): return "sending · over \(total)"
        case .sendingProgress(let elapsed, let total): return "sending · ~\(elapsed) of \(total)"
        case .queued: return "queued"
        case .queuedDue(let when): return "queued \u{B7} due \(when)"
        case .applySearch: return "apply"
        case .clearSearch: return "clear"
        case .cancelTitle(let n): return n == 1 ? "Cancel campaign?" : "Cancel \(n) campaigns?"
        case .productionTitle(let t): return "PRODUCTION — " + t
        case .checkingWithArsel(let n): return "Checking with Arsel that \(n == 1 ? "it" : "they") can still be cancelled…"
        case .cannotCancelTitle: return "Cannot cancel"
        case .noLongerCancellable: return "No longer cancellable:"
        case .sends(let when): return "sends \(when)"
        case .campaignID(let id): return "id \(id)"
        case .plannedCancels(let counts, let total, let seconds, let separator):
            return "\(phrase(.campaignCounts(counts, total: total))) \(separator) \(total) cancels ≈ \(seconds) s"
        case .campaignCounts(let counts, let total):
            return counts.count <= 1
                ? "\(total) \(counts.first.map { channel($0.channel) } ?? "") campaign\(total == 1 ? "" : "s")"
                : counts.map { "\($0.count) \(channel($0.channel))" }.joined(separator: ", ") + " campaigns"
        case .skipped(let name, let reason): return "Skipped: \(name) — \(reason)"
        case .stopsWhatIsNotHandedOff(let channels):
            return "Cancelling stops every \(channels.map { sends($0, plural: false) }.joined(separator: " or ")) not yet handed off for delivery."
        case .handedOffCannotBeRecalled(let channels):
            let many = channels.map { sends($0, plural: true) }.joined(separator: " or ")
            return "\(many.prefix(1).uppercased() + many.dropFirst()) already handed off cannot be recalled."
        case .typeCountPrompt(let n): return "Type \(n) to confirm: "
        case .typeCountToConfirm(let n): return "Type \(n) to confirm"
        case .cancelButton(let n, let short):
            return n == 1 ? (short ? "Cancel" : "Cancel campaign") : (short ? "Cancel \(n)" : "Cancel \(n) campaigns")
        case .keepButton: return "Keep"
        case .quitTitle: return "Quit?"
        case .quitQuestion: return "A cancel is still running — quit anyway?"
        case .quitConsequence: return "(the outcome will be unknown)"
        case .keysTitle: return "Keys"
        case .keyTableHeader: return "| Keys | What it does |"
        case .section(.dialog): return "In the cancel dialog"
        case .section(.overlay): return "In help, messages and details"
        case .section(.input): return "At the search prompt"
        case .disabledReadOnly: return "disabled (read-only): "
        case .budgetLegend(let limit):
            return "budget \(limit)/s: your organisation's \(limit) requests a second, shared by every key and person; "
                + "0/\(limit) while someone else uses them up (your requests wait)"
        case .campaignTitle: return "Campaign"
        case .field(.channel): return "channel"
        case .field(.timesIn): return "times in"
        case .cancellableAfterClosing(let key): return "cancellable: press \(key) after closing"
        case .notCancellableBecause(let reason): return "not cancellable: \(reason)"
        case .messagesTitle: return "Messages"
        case .noMessagesYet: return "No messages yet."
        case .hint(let h): return Self.hint(h)
        }
    }

    static func hint(_ h: Phrase.Hint) -> String {
        switch h {
        case .cancel: return "cancel"
        case .mark: return "mark"
        case .search: return "search"
        case .stoppable: return "stoppable"
        case .status: return "status"
        case .sort: return "sort"
        case .channel: return "channel"
        case .refresh: return "refresh"
        case .details: return "details"
        case .help: return "help"
        case .quit: return "quit"
        case .waits: return "waits"
        case .closes: return "closes"
        case .keeps: return "keeps"
        case .asksForCount: return "asks for the count"
        case .wrongCount: return "wrong count"
        case .cancels: return "cancels"
        case .keep: return "keep"
        case .close: return "close"
        case .move: return "move"
        case .more: return "more"
        case .quitAnyway: return "quit anyway"
        case .stay: return "stay"
        case .down: return "down"
        case .up: return "up"
        case .page: return "page"
        }
    }

    static func span(_ span: Phrase.Span) -> String {
        switch span {
        case .now: return "now"
        case .underAMinute: return "<1m"
        case .parts(let d, let h, let m, let s):
            let parts = [(d, "d"), (h, "h"), (m, "m"), (s, "s")].filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }
            return parts.isEmpty ? "0s" : parts.joined(separator: " ")
        }
    }

    public func notice(_ n: Notice) -> String {
        switch n {
        case .readOnly(let profile): return "Read-only: cancelling is disabled for profile \(profile)"
        case .cancelAlreadyRunning: return "A cancel is already running; wait for it to finish"
        case .notCancellable(let s): return notCancellable(s)
        case .nothingToCancelYet: return "Nothing to cancel yet: the list is still loading"
        case .nothingToCancel: return "Nothing to cancel: no campaign is listed"
        case .noMarkedCancellable: return "None of the marked campaigns can be cancelled"
        case .kept: return "Kept: nothing was cancelled"
        case .cancelled(let message, let confirmed, let name): return "✓ \(cancelledMessage(message))\(confirmed ? " (confirmed by re-reading)" : "") — \(name)"
        case .cancelFailed(let e, let name): return "✗ \(error(e)) — \(name)"
        case .notCancelledNow(let s, let errorName, let name): return "✗ not cancelled, now \(status(s)) (\(errorName)) — \(name)"
        case .outcomeUnknown(let e, let name, let key):
            return "? outcome unknown (\(error(e))) — \(name)" + (key.map { "; press \($0) to re-check before retrying" } ?? "; re-check before retrying")
        case .runSummary(let cancelled, let total, let failed, let unknown, let retryKey):
            var text = "\(cancelled)/\(total) cancelled"
            if failed > 0 { text += ", \(failed) failed" }
            if unknown > 0 { text += ", \(unknown) unknown" }
            if let retryKey { text += " — \(retryKey) retries the failed" }
            return text
        case .interruptedInFlight(let by): return "\(interruption(by)) while a cancel was in flight: its outcome is unknown — check before retrying"
        case .queuedNotSent(let n): return "\(n) queued cancel(s) were not sent"
        case .noFailedCancels: return "No failed cancels to retry"
        case .noCancellableToMark: return "No cancellable campaign to mark"
        case .markedCancellable(let n): return "Marked \(n) cancellable campaign(s)"
        case .sorted(let order): return order == .listed ? "Sorted as listed" : "Sorted by \(order.rawValue)"
        case .autoRefresh(let paused, let key): return paused ? "Auto-refresh paused" + (key.map { " (\($0) still refreshes)" } ?? "") : "Auto-refresh resumed"
        case .cancelFinishedQuit(let key): return "The cancel has finished" + (key.map { "; \($0) quits" } ?? "")
        case .refreshing: return "Refreshing…"
        case .refreshFailed(let channel, let e, let last, let wait):
            let which = channel.map { " (\(self.channel($0)))" } ?? ""
            return "Refresh failed\(which): \(error(e)) — showing data from \(last.map { $0 + " ago" } ?? "never"); retrying in \(wait) s"
        case .loadingMoreFailed(let e): return "Loading more failed: \(error(e))"
        case .changed(let changes):
            let each = changes.map { "\"\($0.name)\" (\(channel($0.channel))) is now \(status($0.status))" }
            return each.count == 1 ? each[0] : "\(each.count) campaigns changed: " + each.joined(separator: "; ")
        case .resolved(let r, let clock): return resolution(r, clock: clock)
        }
    }

    func interruption(_ i: Interruption) -> String {
        switch i {
        case .quit: return "quit"
        case .signal(let name): return name
        }
    }

    public func status(_ s: CampaignStatus) -> String { s.title }

    public func channel(_ c: Channel) -> String {
        switch c {
        case .email: return "Email"
        case .sms: return "SMS"
        case .push: return "Push"
        }
    }

    public func sends(_ c: Channel, plural: Bool) -> String {
        switch c {
        case .email: return plural ? "emails" : "email"
        case .sms: return plural ? "messages" : "message"
        case .push: return plural ? "notifications" : "notification"
        }
    }

    public func notCancellable(_ s: CampaignStatus) -> String {
        switch s {
        case .sent, .failed, .cancelled: return "\(s.title) campaigns cannot be cancelled"
        case .draft: return "Draft campaigns have not been sent; there is nothing to cancel"
        case .paused: return "Paused campaigns cannot be cancelled through the API"
        case .archived: return "Archived campaigns cannot be cancelled"
        case .unknown(let raw): return "Status \"\(raw)\" is not one the API lets you cancel"
        case .scheduled, .queued, .sending: return ""
        }
    }

    public func outcome(_ o: CancelOutcome) -> String {
        switch o {
        case .cancelled(let message, let confirmed):
            let said = cancelledMessage(message)
            return confirmed ? "\(said) (confirmed by re-reading the campaign)" : said
        case .failed(let e):
            return error(e)
        case .notCancelled(let s, let e):
            return "not cancelled: the campaign is \(status(s)) (after \(error(e)))"
        case .unknown(let e):
            return "outcome unknown: \(error(e)); the campaign could not be re-read — check it before retrying"
        }
    }

    public func skip(_ r: CancelPlan.SkipReason) -> String {
        switch r {
        case .status(let s): return notCancellable(s)
        case .noAnswer: return "no answer from Arsel: not cancelled"
        case .answeredAboutAnother(let ref): return "Arsel answered about another campaign (\(ref)): not cancelled"
        case .nowNotCancellable(let s): return "now \(status(s)): cannot be cancelled"
        case .rereadFailed(let e): return "could not be re-read: \(error(e))"
        }
    }

    public func resolution(_ r: UnknownResolution, clock: String) -> String {
        let what = "\"\(r.cancel.name ?? r.cancel.ref.id)\" (\(r.cancel.ref.channel.rawValue), \(clock))"
        switch r.verdict {
        case .cancelled:
            return "Earlier cancel re-checked: \(what) is Cancelled"
        case .stillCancellable(let s):
            return "Earlier cancel re-checked: \(what) is still \(status(s)) — not cancelled; cancelling it again resends the same idempotency key"
        case .notStopped(let s):
            return "Earlier cancel re-checked: \(what) is \(status(s)) — it was not stopped"
        case .gone:
            return "Earlier cancel re-checked: \(what) no longer exists"
        case .stillUnknown(let e):
            return "Earlier cancel still unknown: \(what) — re-reading it failed (\(error(e))); checked again at the next start, or with audit --resolve"
        }
    }

    public func month(_ m: Int) -> String {
        let names = hijri
            ? ["Muharram", "Safar", "Rabi I", "Rabi II", "Jumada I", "Jumada II", "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah"]
            : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return (1...12).contains(m) ? names[m - 1] : String(m)
    }
}
