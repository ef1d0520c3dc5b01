import ArgumentParser
import ArselAPI
import ArselModel
import CampaignConsole
import Catalogs
import CancelSession
import ConsoleConfig
import TerminalUI

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel Scheduled, Queued or Sending campaigns.",
        discussion: """
            What was already handed off for delivery is not recalled; cancelling stops only what \
            is not yet dispatched. On a terminal, re-reads the campaigns and asks (typing the \
            count for 5 or more, or on a production profile, as the console does) unless --yes; \
            refuses without a terminal and without --yes. Each cancel carries its own \
            Idempotency-Key and is never sent twice unless the first provably did not reach the \
            server. Without --channel, each id is looked for on email, SMS and push in turn.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "One or more campaign ids.")
    var ids: [String]

    @Option(help: "email, sms or push; without it (or with all), each id's channel is found (one request per channel at most).")
    var channel: ChannelScope?

    @Flag(name: .shortAndLong, help: "Do not ask for confirmation.")
    var yes = false

    @Flag(help: "One JSON object per campaign: id, channel, outcome, message, error, status.")
    var json = false

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one campaign id") }
        if ids.contains("") { throw ValidationError("a campaign id is empty") }
    }

    /// The CLI speaks English (its output is what scripts read); the console and line mode
    /// speak the chosen language.
    private var english: English { English() }

    func run() async throws {
        let setup: Setup
        do { setup = try global.resolve() } catch {
            Console.error(error)
            throw Exit.code(for: error)
        }
        if setup.readonly {
            Console.err("arsel-campaigns: refusing to cancel: profile \(setup.profileName) is read-only\(global.readonly ? " (--readonly)" : "")")
            throw Exit.readOnly
        }
        if !yes && !Console.stdinIsTerminal {
            Console.err("arsel-campaigns: refusing to cancel without confirmation: no terminal to ask on; pass --yes to confirm")
            throw Exit.notConfirmed
        }
        let (ids, scope, yes, json) = (self.ids, self.channel ?? .all, self.yes, self.json)
        let audit = AuditTrail(setup, source: "cli")
        let production = setup.production
        let code: ExitCode = try await withClient(global) { client in
            // Each campaign is read first, --yes or not: where it lives (the channel given, or
            // found: one GET per channel at most), and its name and status, which the audit
            // records as what this command saw before cancelling.
            var refs: [CampaignRef] = []
            var reads: [Result<Campaign, ArselError>] = []
            var worst = Exit.success
            for id in ids {
                let found = await locate(id, in: scope.channels, client: client)
                switch found {
                case .success(let c):
                    refs.append(c.ref)
                    reads.append(found)
                case .failure(let error):
                    // --yes on a given channel: the cancel is sent all the same (the API answers
                    // for it, as scripts expect), recorded as sent without a prior read.
                    if case .one(let c) = scope, yes {
                        refs.append(CampaignRef(id, c))
                        continue
                    }
                    Console.err("arsel-campaigns: campaign \(Sanitizer.sanitize(id)): \(Sanitizer.sanitize(english.error(error)))")
                    worst = Exit.failed
                }
            }
            // The one cancel session: the same plan, rules and outcomes as the console's.
            // With --yes there is no question: every id is sent, and the API says what cannot be
            // cancelled (400 bad_request), as scripts expect.
            var plan = CancelPlan(refs: refs)
            if !yes {
                plan.check(reads)
                let counts = plan.perChannel.map { Phrase.ChannelCount($0.channel, $0.count) }
                Console.err("About to cancel \(english.phrase(.campaignCounts(counts, total: plan.cancellable.count))):")
                for c in plan.cancellable {
                    Console.err("  \(Sanitizer.sanitize(c.name ?? "—")) [\(Sanitizer.sanitize(c.id))] \(english.channel(c.channel)) \(c.status.title)")
                }
                for s in plan.skipped {
                    Console.err("  skipped: \(Sanitizer.sanitize(s.name)) [\(Sanitizer.sanitize(s.ref.id))] — \(Sanitizer.sanitize(english.skip(s.reason)))")
                }
                guard !plan.cancellable.isEmpty else {
                    Console.err("Nothing to cancel.")
                    return worst == Exit.success ? Exit.failed : worst
                }
                Console.err(english.line(.recallWarning(plan.perChannel.map(\.channel))))
                let answer = plan.answer(production: production)
                let question = answer == "yes"
                    ? "Cancel \(plan.cancellable.count == 1 ? "it" : "these \(plan.cancellable.count)")?"
                    : "Type \(answer) to cancel \(plan.cancellable.count == 1 ? "it" : "these \(plan.cancellable.count)"):"
                guard Console.confirm(question, answer: answer) else {
                    Console.err("Nothing cancelled.")
                    return Exit.notConfirmed
                }
            }
            let targets = yes ? refs : plan.targets
            let before = Dictionary((yes ? reads.compactMap { try? $0.get() } : plan.cancellable).map { ($0.ref, $0) }, uniquingKeysWith: { a, _ in a })
            var objects: [String] = []
            ProcessGuard.exitOnSignals()
            var run = CancelRun(targets)
            while let target = run.next() {
                // The intent is in the audit trail before the request leaves, or nothing leaves.
                let report = await audit.cancel(target.id, channel: target.channel, before: before[target], client: client)
                run.record(report)
                // The status after: what the cancel's own re-read saw, else a fresh read.
                var after: Campaign? = report.reread
                if after == nil || report.outcome.kind != "cancelled" || after?.status != .cancelled {
                    after = try? await client.get(target.id, channel: target.channel)
                }
                if json {
                    let message: String
                    if case .cancelled(let m, _) = report.outcome { message = english.cancelledMessage(m) } else { message = english.outcome(report.outcome) }
                    objects.append(JSONText.object([
                        ("id", JSONText.string(target.id)),
                        ("channel", JSONText.string(target.channel.rawValue)),
                        ("outcome", JSONText.string(report.outcome.kind)),
                        ("message", JSONText.string(message)),
                        ("error", JSONText.error(report.outcome.error, indent: "    ")),
                        ("status", after.map { JSONText.string($0.statusText) } ?? "null"),
                        ("idempotency_key", JSONText.string(report.idempotencyKey)),
                        ("attempts", String(report.attempts)),
                    ], indent: "  "))
                } else {
                    let mark: String
                    switch report.outcome {
                    case .cancelled: mark = "✓"
                    case .unknown: mark = "?"
                    case .failed, .notCancelled: mark = "✗"
                    }
                    let status = after.map { "now \($0.status.title)" } ?? "status could not be read back"
                    let who = after.flatMap(\.name).map { "\(Sanitizer.sanitize($0)) [\(Sanitizer.sanitize(target.id))]" } ?? Sanitizer.sanitize(target.id)
                    let request = (report.requestID ?? report.outcome.error?.requestID).map { " [request \(Sanitizer.sanitize($0))]" } ?? ""
                    Console.out("\(mark) \(who): \(Sanitizer.sanitize(english.outcome(report.outcome))) — \(Sanitizer.sanitize(status))\(request)")
                }
            }
            if json { Console.out(JSONText.array(objects)) }
            let status = ExitCode(run.exitStatus)
            if status == Exit.unknown || worst == Exit.success { return status }
            return worst
        }
        if code != Exit.success { throw code }
    }
}
