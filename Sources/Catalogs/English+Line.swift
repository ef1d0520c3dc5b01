import Foundation
import CampaignConsole

/// The line mode's words.
extension English {
    public func lineText(_ p: LinePhrase) -> String {
        switch p {
        case .banner(let profile, let badge, let host, let readOnly):
            let b = badge.map { " [" + phrase(.badge($0, short: false)).trimmingCharacters(in: .whitespaces) + "]" } ?? ""
            return "arsel-campaigns — \(profile)\(b) — \(host)\(readOnly ? " — read-only" : "")"
        case .typeHelp: return "Type ? for commands."
        case .note(let text): return "note: " + text
        case .channelFailed(let error, let channel): return "error: \(error) — \(self.channel(channel)) campaigns could not be loaded; those shown before are kept"
        case .changed(let name, let from, let to): return "changed: \(name): \(status(from)) → \(status(to))"
        case .heading(let scope, let status, let search, let clock):
            let filter = [status.map { "status \($0)" }, search.map { "name contains \"\($0)\"" }].compactMap { $0 }
            let title: String
            switch scope {
            case .one(let c): title = channel(c)
            case .all: title = phrase(.allChannels)
            }
            let order = scope == .all ? "what goes out next first" : "newest first"
            return "\(title) campaigns\(filter.isEmpty ? "" : " (\(filter.joined(separator: ", ")))"), \(order), at \(clock):"
        case .none: return "  (none)"
        case .cancellableTag: return "[cancellable] "
        case .moreTypeN: return "  … more: type n"
        case .help:
            return [
                "N          details of campaign N",
                "c N [M …]  cancel campaigns N, M … (asks first)",
                "r          refresh (changes are announced)",
                "n          the next page",
                "s STATUS   only this status (s alone: all)",
                "/ TEXT     only names containing TEXT (/ alone: all)",
                "t          switch channel: email, SMS, push, all",
                "q          quit",
            ].joined(separator: "\n")
        case .noMore: return "no more campaigns"
        case .giveNumbers: return "give the numbers of the campaigns to cancel, e.g. c 3 or c 3 5"
        case .unknownCommand(let c): return "unknown command \"\(c)\"; ? lists them"
        case .willCancel(let name, let c, let s): return "will cancel: \(name) — \(channel(c)) — \(status(s))"
        case .typeToCancel(let answer, let n): return "Type \(answer) to cancel \(n == 1 ? "it" : "these \(n)"): "
        case .cancelling(let name): return "cancelling: \(name)…"
        case .outcome(let mark, let name, let text): return "\(mark) \(name): \(text)"
        case .skipped(let name, let reason): return "skipped: \(name) — \(reason)"
        case .readOnly(let profile): return "read-only: cancelling is disabled for profile \(profile)"
        case .kept: return "kept: nothing was cancelled"
        case .recallWarning(let channels):
            let what = channels.map { sends($0, plural: true) }
            let list = what.isEmpty ? "messages" : what.count == 1 ? what[0] : what.dropLast().joined(separator: ", ") + " and " + what.last!
            return "Already handed-off \(list) cannot be recalled; only those not yet dispatched stop."
        case .planned(let counts, let total, let seconds):
            return "\(phrase(.campaignCounts(counts, total: total))): \(total) cancels ≈ \(seconds) s"
        case .channelField(let c): return "  channel: \(c.rawValue)"
        }
    }
}
