import ArgumentParser
import ArselAPI
import ConsoleConfig
import TerminalUI

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel Scheduled, Queued or Sending campaigns.",
        discussion: """
            Emails already handed off for delivery are not recalled; cancelling stops only those \
            not yet dispatched. Asks for confirmation on a terminal unless --yes; refuses without \
            a terminal and without --yes. Each cancel carries its own Idempotency-Key and is never \
            sent twice unless the first provably did not reach the server.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "One or more campaign ids.")
    var ids: [String]

    @Option(help: "email or sms.")
    var channel: Channel = .email

    @Flag(name: .shortAndLong, help: "Do not ask for confirmation.")
    var yes = false

    @Flag(help: "One JSON object per campaign: id, outcome, message, error, status.")
    var json = false

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one campaign id") }
    }

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
        let (ids, channel, yes, json) = (self.ids, self.channel, self.yes, self.json)
        let audit = AuditTrail(setup, source: "cli")
        let code: ExitCode = try await withClient(global) { client in
            var before: [String: Campaign] = [:]
            if !yes {
                Console.err("About to cancel \(ids.count) \(channel.title) campaign(s):")
                for id in ids {
                    do {
                        let c = try await client.get(id, channel: channel)
                        before[id] = c
                        let note = c.status.isCancellable ? "" : " — \(c.status.notCancellableReason); the API will refuse"
                        Console.err("  \(Sanitizer.sanitize(c.name ?? "—")) [\(Sanitizer.sanitize(c.id))] \(c.status.title)\(Sanitizer.sanitize(note))")
                    } catch let error as ArselError {
                        Console.err("  [\(Sanitizer.sanitize(id))] cannot be read: \(Sanitizer.sanitize(error.description))")
                    }
                }
                Console.err("Emails already handed off for delivery cannot be recalled; only those not yet dispatched stop.")
                guard Console.confirm("Cancel \(ids.count == 1 ? "it" : "these \(ids.count)")?") else {
                    Console.err("Nothing cancelled.")
                    return Exit.notConfirmed
                }
            }
            var worst = Exit.success
            var objects: [String] = []
            for id in ids {
                // The intent is in the audit trail before the request leaves, or nothing leaves.
                let report = await audit.cancel(id, channel: channel, before: before[id], client: client)
                // The status after: what the cancel's own re-read saw, else a fresh read.
                var after: Campaign? = report.reread
                if after == nil || report.outcome.kind != "cancelled" || after?.status != .cancelled {
                    after = try? await client.get(id, channel: channel)
                }
                switch report.outcome {
                case .cancelled: break
                case .unknown: worst = Exit.unknown
                case .failed, .notCancelled: if worst == Exit.success { worst = Exit.failed }
                }
                if json {
                    let message: String
                    if case .cancelled(let m, _) = report.outcome { message = m } else { message = report.outcome.summary }
                    objects.append(JSONText.object([
                        ("id", JSONText.string(id)),
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
                    let who = after.flatMap(\.name).map { "\(Sanitizer.sanitize($0)) [\(Sanitizer.sanitize(id))]" } ?? Sanitizer.sanitize(id)
                    let request = (report.requestID ?? report.outcome.error?.requestID).map { " [request \(Sanitizer.sanitize($0))]" } ?? ""
                    Console.out("\(mark) \(who): \(Sanitizer.sanitize(report.outcome.summary)) — \(Sanitizer.sanitize(status))\(request)")
                }
            }
            if json { Console.out(JSONText.array(objects)) }
            return worst
        }
        if code != Exit.success { throw code }
    }
}
