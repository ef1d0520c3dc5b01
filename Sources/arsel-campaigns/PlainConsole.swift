import ArgumentParser
import ArselAPI
import ArselModel
import CampaignConsole
import CancelSession
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
    var cat: any Catalog { environment.catalog }
    func out(_ line: LinePhrase) { for text in cat.line(line).split(separator: "\n", omittingEmptySubsequences: false) { out(String(text)) } }

    func run() async -> ExitCode {
        // A signal while a cancel is in flight: said on stderr, audited unknown, exit 2.
        ProcessGuard.exitOnSignals()
        var scope = environment.scope
        var status: String?
        var search: String?
        var campaigns: [Campaign] = []
        var more: [Channel: String] = [:]  // channels with more pages, and their cursor
        var unknown = false
        let badge: Phrase.Badge? = environment.sandbox ? .sandbox : environment.production ? .production : nil
        out(.banner(profile: environment.profile, badge: badge, host: environment.apiHost, readOnly: environment.readOnly))
        out(.typeHelp)
        // Cancels an earlier run left unknown: settled (or said to be still unknown) first.
        for r in await audit.resolve(audit.openCancels(), client: client, background: false) {
            out(.note(cat.resolution(r, clock: Format.clock(r.cancel.at, timeZone: environment.timeZone, cat))))
        }

        /// The first pages of the scope's channels (or, `next`, the following ones), in the
        /// console's order: one channel newest first, all channels by urgency.
        func load(next: Bool = false) async {
            var fresh: [Campaign] = []
            var cursors: [Channel: String] = [:]
            for channel in scope.channels {
                if next && more[channel] == nil { continue }
                let query = CampaignQuery(channel: channel, status: status, search: search, limit: 20)
                do throws(ArselError) {
                    let page = try await client.list(query, after: next ? more[channel] : nil)
                    fresh += page.campaigns.filter { $0.channel == channel }
                    if page.hasMore, let last = page.campaigns.last?.id { cursors[channel] = last }
                } catch {
                    // One channel failing does not hide the others; its rows shown before stay.
                    out(.channelFailed(cat.error(error), channel))
                    if !next { fresh += campaigns.filter { $0.channel == channel } }
                }
            }
            more = cursors
            let ordered = scope == .all ? Urgency.ordered(fresh) : fresh
            if !next {
                let old = Dictionary(campaigns.map { ($0.ref, $0.status) }, uniquingKeysWith: { a, _ in a })
                for c in ordered {
                    if let was = old[c.ref], was != c.status {
                        out(.changed(name: c.name ?? c.id, from: was, to: c.status))
                    }
                }
                campaigns = ordered
            } else {
                campaigns += ordered
            }
            list(from: next ? campaigns.count - ordered.count : 0)
        }

        func list(from start: Int) {
            if start == 0 {
                out(.heading(scope, status: status, search: search, clock: Format.clock(Date(), timeZone: environment.timeZone, seconds: true, cat)))
            }
            if campaigns.isEmpty { out(.none) }
            for (i, c) in campaigns.enumerated().dropFirst(start) {
                let when = Format.when(c, now: Date(), timeZone: environment.timeZone, cat)
                let channel = scope == .all ? "\(cat.channel(c.channel)) — " : ""
                out("\(String(format: "%3d", i + 1)). \(c.status.isCancellable ? cat.line(.cancellableTag) : "")\(channel)\(c.name ?? "—") — \(cat.status(c.status)) — \(when)")
            }
            if !more.isEmpty { out(.moreTypeN) }
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
                out(.help)
            case "r": await load()
            case "n":
                if !more.isEmpty { await load(next: true) } else { out(.noMore) }
            case "t":
                scope = scope.next
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
                    out(.readOnly(profile: environment.profile))
                    continue
                }
                let numbers = (argument ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) }
                let picked = numbers.compactMap { n in (1...max(1, campaigns.count)).contains(n) && n <= campaigns.count ? campaigns[n - 1] : nil }
                guard !picked.isEmpty, picked.count == numbers.count else {
                    out(.giveNumbers)
                    continue
                }
                unknown = await cancel(picked) || unknown
                await load()
            default:
                if let n = Int(command), n >= 1, n <= campaigns.count {
                    out(.channelField(campaigns[n - 1].channel))
                    for (key, value) in campaigns[n - 1].apiFields {
                        out("  \(key): \(Format.text(value))")
                    }
                } else {
                    out(.unknownCommand(command))
                }
            }
        }
        return unknown ? Exit.unknown : Exit.success
    }

    /// Re-reads, asks, cancels one at a time — the cancel session's plan and run, as in the
    /// console and the CLI. Returns true when an outcome is unknown. A cancel goes to the id and
    /// channel the person picked, never to one an answer names.
    func cancel(_ picked: [Campaign]) async -> Bool {
        var plan = CancelPlan(listed: picked, explicit: true)
        var reads: [Result<Campaign, ArselError>] = []
        for ref in plan.asked {
            do throws(ArselError) { reads.append(.success(try await client.get(ref.id, channel: ref.channel))) } catch {
                reads.append(.failure(error))
            }
        }
        plan.check(reads)
        for c in plan.cancellable { out(.willCancel(name: c.name ?? c.id, c.channel, c.status)) }
        for s in plan.skipped { out(.skipped(name: s.name, reason: cat.skip(s.reason))) }
        guard !plan.cancellable.isEmpty else { return false }
        out(.recallWarning(plan.perChannel.map(\.channel)))
        if plan.cancellable.count > 1 {
            let counts = plan.perChannel.map { Phrase.ChannelCount($0.channel, $0.count) }
            out(.planned(counts: counts, total: plan.cancellable.count, seconds: plan.seconds(requestsPerSecond: environment.requestsPerSecond)))
        }
        let needed = plan.answer(production: environment.production)
        FileHandle.standardOutput.write(Data(Sanitizer.sanitize(cat.line(.typeToCancel(answer: needed, count: plan.cancellable.count))).utf8))
        guard readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) == needed else {
            out(.kept)
            return false
        }
        let names = Dictionary(plan.cancellable.map { ($0.ref, $0.name ?? $0.id) }, uniquingKeysWith: { a, _ in a })
        let (audit, client) = (self.audit, self.client)
        let run = await CancelRunner.run(
            plan,
            send: { target, before in await audit.cancel(target.id, channel: target.channel, before: before, client: client) },
            starting: { out(.cancelling(names[$0] ?? $0.id)) },
            each: { report in
                let name = names[CampaignRef(report.campaignID, report.channel)] ?? report.campaignID
                switch report.outcome {
                case .cancelled: out(.outcome(mark: "✓", name: name, cat.outcome(report.outcome)))
                case .unknown: out(.outcome(mark: "?", name: name, cat.outcome(report.outcome)))
                case .failed, .notCancelled: out(.outcome(mark: "✗", name: name, cat.outcome(report.outcome)))
                }
            })
        if run.total > 1 {
            out(cat.notice(.runSummary(cancelled: run.cancelled.count, total: run.total, failed: run.failed.count, unknown: run.unknown.count, retryKey: nil)))
        }
        return !run.unknown.isEmpty
    }
}
