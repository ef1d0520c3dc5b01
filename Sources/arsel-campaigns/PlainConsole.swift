import ArgumentParser
import ArselAPI
import CampaignConsole
import Foundation
import TerminalUI

/// The line mode: no curses, no alternate screen — numbered lines and prompts, changes announced
/// as text lines. For screen readers, the dumbest link, TERM=dumb, or no terminal at all. The
/// same client, the same rules: cancelling re-reads, asks, and reports only what it saw.
struct PlainConsole {
    let client: CampaignsClient
    let environment: ConsoleEnvironment
    let audit: AuditTrail

    func out(_ text: String) { Console.out(Sanitizer.sanitize(text)) }

    func run() async -> ExitCode {
        var channel = environment.channel
        var status: String?
        var search: String?
        var campaigns: [Campaign] = []
        var hasMore = false
        var unknown = false
        let badge = environment.sandbox ? " [SANDBOX]" : environment.production ? " [PRODUCTION]" : ""
        out("arsel-campaigns — \(environment.profile)\(badge) — \(environment.apiHost)\(environment.readOnly ? " — read-only" : "")")
        out("Type ? for commands.")

        func load(after: String? = nil) async {
            let query = CampaignQuery(channel: channel, status: status, search: search, limit: 20)
            do throws(ArselError) {
                let page = try await client.list(query, after: after)
                let old = Dictionary(campaigns.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
                if after == nil {
                    for c in page.campaigns {
                        if let was = old[c.id], was != c.status {
                            out("changed: \(c.name ?? c.id): \(was.title) → \(c.status.title)")
                        }
                    }
                    campaigns = page.campaigns
                } else {
                    campaigns += page.campaigns
                }
                hasMore = page.hasMore
                list(from: after == nil ? 0 : campaigns.count - page.campaigns.count)
            } catch {
                out("error: \(error.description) — the list shown before is kept")
            }
        }

        func list(from start: Int) {
            let filter = [status.map { "status \($0)" }, search.map { "name contains \"\($0)\"" }].compactMap { $0 }
            if start == 0 {
                out("\(channel.title) campaigns\(filter.isEmpty ? "" : " (\(filter.joined(separator: ", ")))"), newest first, at \(Format.clock(Date(), timeZone: environment.timeZone, seconds: true)):")
            }
            if campaigns.isEmpty { out("  (none)") }
            for (i, c) in campaigns.enumerated().dropFirst(start) {
                let when = Format.when(c, now: Date(), timeZone: environment.timeZone)
                out("\(String(format: "%3d", i + 1)). \(c.status.isCancellable ? "[cancellable] " : "")\(c.name ?? "—") — \(c.status.title) — \(when)")
            }
            if hasMore { out("  … more: type n") }
        }

        await load()
        while true {
            FileHandle.standardOutput.write(Data("> ".utf8))
            guard let line = readLine(strippingNewline: true) else { break }
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
            guard let command = words.first else { continue }
            let argument = words.count > 1 ? words[1] : nil
            switch command {
            case "q", "quit", "exit":
                return unknown ? Exit.unknown : Exit.success
            case "?", "h", "help":
                out("N          details of campaign N")
                out("c N [M …]  cancel campaigns N, M … (asks first)")
                out("r          refresh (changes are announced)")
                out("n          the next page")
                out("s STATUS   only this status (s alone: all)")
                out("/ TEXT     only names containing TEXT (/ alone: all)")
                out("t          switch between email and SMS")
                out("q          quit")
            case "r": await load()
            case "n":
                if hasMore, let last = campaigns.last?.id { await load(after: last) } else { out("no more campaigns") }
            case "t":
                channel = channel.next
                campaigns = []
                await load()
            case "s":
                status = argument
                campaigns = []
                await load()
            case "/":
                search = argument
                campaigns = []
                await load()
            case "c":
                if environment.readOnly {
                    out("read-only: cancelling is disabled for profile \(environment.profile)")
                    continue
                }
                let numbers = (argument ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) }
                let picked = numbers.compactMap { n in (1...max(1, campaigns.count)).contains(n) && n <= campaigns.count ? campaigns[n - 1] : nil }
                guard !picked.isEmpty, picked.count == numbers.count else {
                    out("give the numbers of the campaigns to cancel, e.g. c 3 or c 3 5")
                    continue
                }
                unknown = await cancel(picked, channel: channel) || unknown
                await load()
            default:
                if let n = Int(command), n >= 1, n <= campaigns.count {
                    for (key, value) in campaigns[n - 1].apiFields {
                        let text: String
                        switch value {
                        case .string(let s): text = s
                        case .number(let d): text = String(d)
                        case .bool(let b): text = String(b)
                        case .null: text = "—"
                        }
                        out("  \(key): \(text)")
                    }
                } else {
                    out("unknown command \"\(command)\"; ? lists them")
                }
            }
        }
        return unknown ? Exit.unknown : Exit.success
    }

    /// Re-reads, asks, cancels one at a time. Returns true when an outcome is unknown.
    /// A cancel goes to the id the person picked, never to one an answer names.
    func cancel(_ picked: [Campaign], channel: Channel) async -> Bool {
        var ready: [Campaign] = []
        for c in picked {
            do throws(ArselError) {
                let fresh = try await client.get(c.id, channel: channel)
                if fresh.id != c.id {
                    out("skipped: \(c.name ?? c.id) — the re-read answered about another campaign (\(fresh.id))")
                } else if fresh.status.isCancellable {
                    ready.append(fresh)
                    out("will cancel: \(fresh.name ?? fresh.id) — \(fresh.status.title)")
                } else {
                    out("skipped: \(fresh.name ?? fresh.id) — \(fresh.status.notCancellableReason)")
                }
            } catch {
                out("skipped: \(c.name ?? c.id) — could not be re-read: \(error.description)")
            }
        }
        guard !ready.isEmpty else { return false }
        out("Emails already handed off for delivery cannot be recalled; only those not yet dispatched stop.")
        let needed = ready.count >= 5 || environment.production ? String(ready.count) : "yes"
        FileHandle.standardOutput.write(Data("Type \(needed) to cancel \(ready.count == 1 ? "it" : "these \(ready.count)"): ".utf8))
        guard readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) == needed else {
            out("kept: nothing was cancelled")
            return false
        }
        var unknown = false
        for c in ready {
            out("cancelling: \(c.name ?? c.id)…")
            let report = await audit.cancel(c.id, channel: channel, before: c, client: client)
            switch report.outcome {
            case .cancelled: out("✓ \(c.name ?? c.id): \(report.outcome.summary)")
            case .unknown:
                unknown = true
                out("? \(c.name ?? c.id): \(report.outcome.summary)")
            case .failed, .notCancelled: out("✗ \(c.name ?? c.id): \(report.outcome.summary)")
            }
        }
        return unknown
    }
}
