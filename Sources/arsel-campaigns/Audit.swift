import ArgumentParser
import ArselAPI
import ArselModel
import Catalogs
import CampaignConsole
import ConsoleConfig
import Foundation
import TerminalUI

/// Where a front-end's cancels are recorded, and as whom: one per run of a command or console.
struct AuditTrail: Sendable {
    let log: AuditLog
    let profile: String
    let apiHost: String
    let source: String

    init(_ setup: Setup, source: String) {
        self.init(log: AuditLog(path: setup.paths.auditFile), profile: setup.profileName, apiHost: setup.apiHost, source: source)
    }

    init(log: AuditLog, profile: String, apiHost: String, source: String) {
        self.log = log
        self.profile = profile
        self.apiHost = apiHost
        self.source = source
    }

    /// Records that a cancel is about to be sent: called before its first request, so a process
    /// killed mid-cancel leaves a trace. When it throws, the cancel must not be sent.
    func intent(id: String, channel: Channel, idempotencyKey: String, before: Campaign?) throws {
        try log.append(AuditRecord(
            profile: profile, apiHost: apiHost, source: source, campaignID: id, campaignName: before?.name,
            channel: channel.rawValue, statusBefore: before?.statusText, idempotencyKey: idempotencyKey,
            outcome: "intent", httpStatus: nil, errorName: nil, errorMessage: nil, requestID: nil, attempts: 0))
    }

    /// Appends the outcome of one cancel; a failure to write is said on stderr, never silently
    /// dropped (the cancel has happened, or not, whatever the file says).
    func outcome(_ report: CancelReport, before: Campaign?) {
        let error = report.outcome.error
        let entry = AuditRecord(
            profile: profile, apiHost: apiHost, source: source, campaignID: report.campaignID,
            campaignName: before?.name ?? report.reread?.name, channel: report.channel.rawValue,
            statusBefore: before?.statusText, idempotencyKey: report.idempotencyKey, outcome: report.outcome.kind,
            httpStatus: report.lastHTTPStatus, errorName: error?.name, errorMessage: error.map(English().message),
            requestID: report.requestID ?? error?.requestID, attempts: report.attempts)
        defer { ProcessGuard.settle(report.idempotencyKey) }
        do { try log.append(entry) } catch {
            Console.err("arsel-campaigns: could not write the audit trail \(log.path): " + Sanitizer.sanitize("\(error)"))
        }
    }

    /// Records the intent, then cancels: nothing is sent that the audit trail could not record.
    /// The report of a refused intent says why, with outcome failed and no attempt made.
    func cancel(
        _ id: String, channel: Channel, idempotencyKey given: String? = nil, before: Campaign?, client: CampaignsClient
    ) async -> CancelReport {
        // No key given: one an earlier attempt left unanswered is reused (see `key(for:)`).
        let key = given ?? self.key(for: CampaignRef(id, channel))
        do {
            try intent(id: id, channel: channel, idempotencyKey: key, before: before)
        } catch {
            return CancelReport(
                campaignID: id, channel: channel,
                outcome: .failed(.configuration(.other("not sent: the audit trail could not record it: \(error)"))),
                idempotencyKey: key, attempts: 0)
        }
        // Ready in advance: if the process dies before the answer, this line says "unknown".
        ProcessGuard.pending(
            AuditRecord(
                profile: profile, apiHost: apiHost, source: source, campaignID: id, campaignName: before?.name,
                channel: channel.rawValue, statusBefore: before?.statusText, idempotencyKey: key, outcome: "unknown",
                httpStatus: nil, errorName: "process_died", errorMessage: "the process died before the answer: check before retrying",
                requestID: nil, attempts: 1),
            path: log.path)
        #if DEBUG
        ProcessGuard.crashIfAsked()
        #endif
        let report = await client.cancel(id, channel: channel, idempotencyKey: key)
        outcome(report, before: before)
        return report
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit trail: every cancel attempt, who, from where, and what happened.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only since this time: an ISO 8601 date, or an age such as 30m, 12h, 7d.", valueName: "when"))
    var since: String?

    @Flag(help: "JSON lines, as stored.")
    var json = false

    @Flag(help: ArgumentHelp(
        "Re-read every cancel of the last 24 h whose outcome is unknown (one GET each, paced), record what was found, and say it. "
            + "Nothing is resent. Exit 2 if any is still unknown."))
    var resolve = false

    func validate() throws {
        if let since, Self.parseSince(since) == nil {
            throw ValidationError("--since: \"\(Sanitizer.sanitize(since))\" is neither a date nor an age like 12h")
        }
    }

    func run() async throws {
        if resolve { return try await resolveUnknowns() }
        let paths = global.paths(ProcessInfo.processInfo.environment)
        let log = AuditLog(path: paths.auditFile)
        let cutoff = since.flatMap(Self.parseSince)
        let (records, problems) = try log.read()
        for p in problems { Console.err("arsel-campaigns: \(p)") }
        let shown = records.filter { r in cutoff.map { (r.date ?? .distantPast) >= $0 } ?? true }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for r in shown { Console.out(JSONText.safe(String(decoding: try encoder.encode(r), as: UTF8.self))) }
            return
        }
        if shown.isEmpty { Console.out("No cancel attempts recorded in \(paths.auditFile)\(since.map { " since \($0)" } ?? "").") }
        for r in shown {
            var line = "\(r.date.map { Format.instant($0, timeZone: global.timeZone) } ?? r.time)  \(r.user)"
            if let ssh = r.sshConnection { line += " (\(ssh.split(separator: " ").first ?? ""))" }
            line += "  \(r.profile)@\(r.apiHost)  \(r.channel) \(r.campaignID) \"\(r.campaignName ?? "—")\""
            line += "  \(r.statusBefore ?? "?") → \(r.outcome)"
            if let found = r.statusAfter { line += ": \(found)" }
            if let name = r.errorName { line += "  \(name): \(r.errorMessage ?? "")" }
            if let status = r.httpStatus { line += "  HTTP \(status)" }
            line += "  key \(r.idempotencyKey)"
            Console.out(Sanitizer.sanitize(line))
        }
    }

    /// `--resolve`: the cancel session's resolution of unknowns, as the console does on start.
    func resolveUnknowns() async throws {
        let (setup, client) = try global.open()
        let trail = AuditTrail(setup, source: "audit")
        let open = trail.openCancels()
        let found = await trail.resolve(open, client: client, background: false)
        await client.shutdown()
        if found.isEmpty { Console.out("No cancel with an unknown outcome in the last 24 h (\(setup.paths.auditFile)).") }
        for r in found {
            Console.out(Sanitizer.sanitize(English().resolution(r, clock: Format.clock(r.cancel.at, timeZone: global.timeZone, English())) + " — \(r.cancel.ref.channel.rawValue) \(r.cancel.ref.id), key \(r.cancel.idempotencyKey)"))
        }
        if found.contains(where: { !$0.isSettled }) { throw Exit.unknown }
    }

    static func parseSince(_ text: String) -> Date? {
        if let d = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return d }
        if let d = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) { return d }
        guard let unit = text.last, let n = Double(text.dropLast()) else { return nil }
        let seconds: Double
        switch unit {
        case "s": seconds = n
        case "m": seconds = n * 60
        case "h": seconds = n * 3600
        case "d": seconds = n * 86400
        default: return nil
        }
        return Date().addingTimeInterval(-seconds)
    }
}
