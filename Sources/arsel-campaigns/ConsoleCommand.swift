import ArgumentParser
import ArselAPI
import ArselModel
import CampaignConsole
import Catalogs
import ConsoleRuntime
import ConsoleConfig
import CursesBackend
import Dispatch
import Foundation
import Logging
import TerminalUI

struct ConsoleOptions: ParsableArguments {
    @Option(help: "What to open on: all (every channel, what goes out next first), email, sms or push.")
    var channel: ChannelScope = .all

    @Option(help: ArgumentHelp("Seconds between automatic refreshes (at least 5; default 15).", valueName: "s"))
    var refresh: Double?

    @Flag(help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    @Option(help: ArgumentHelp("Theme: default, light, high-contrast, monochrome, colorblind, or one of yours (env ARSEL_THEME).", valueName: "name"))
    var theme: String?

    @Flag(help: "Line mode: numbered lines and prompts, no curses (chosen automatically without a usable terminal).")
    var plain = false

    @Option(help: ArgumentHelp(
        "Who lays out Arabic text: app (the console, with the terminal's own bidi switched off), terminal, or off (config bidi:).",
        valueName: "mode"))
    var bidi: BidiMode?

    func validate() throws {
        if let refresh { guard refresh >= 5, refresh <= 86400 else { throw ValidationError("--refresh must be between 5 and 86400 seconds") } }
    }
}

struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The interactive console (the default): browse campaigns, see what is cancellable, cancel.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var console: ConsoleOptions

    func run() async throws {
        let (setup, client) = try global.open()
        // A refused language stops the start, with the client shut down (it must never be
        // dropped open: AsyncHTTPClient traps in its deinit).
        let catalog: any Catalog
        do { catalog = try global.catalog(setup) } catch {
            await client.shutdown()
            throw error
        }
        let environment = ConsoleEnvironment(
            profile: setup.profileName, apiHost: setup.apiHost, production: setup.production, readOnly: setup.readonly,
            refreshInterval: console.refresh ?? setup.refresh ?? 15, timeZone: global.timeZone, catalog: catalog)
        let code = await runConsole(client: client, environment: environment, options: console, setup: setup)
        await client.shutdown()
        if code != Exit.success { throw code }
    }
}

/// Opens the terminal, runs the console until `q` or a signal, and always restores the terminal.
/// Who reorders right-to-left text is the environment's `bidi` (the console by default, with the
/// terminal's own bidi off).
func runConsole(client: CampaignsClient, environment base: ConsoleEnvironment, options: ConsoleOptions, setup: Setup) async -> ExitCode {
    var environment = base
    environment.scope = options.channel
    environment.session = String(UUID().uuidString.prefix(8)).lowercased()
    // --bidi, else the config's bidi: (checked when the file was read), else the console does it.
    environment.bidi = options.bidi ?? setup.config.bidi.flatMap(BidiMode.init(rawValue:)) ?? .app
    // A keymap or theme the person wrote and that is refused stops the start, never a silent
    // fallback: with `cancel: [ctrl-x]` refused for a mistake elsewhere in the file, the default keys
    // would make a bare `c` cancel again.
    do {
        environment.keymap = try KeymapFile.load(setup.paths.keymapFile)
    } catch {
        Console.err("arsel-campaigns: " + Sanitizer.sanitize("\(error)") + " (fix it, or move the file away to use the default keys)")
        return Exit.configuration
    }
    // Arabic on a terminal that can show ASCII only would be a screen of \u{…} escapes: nobody
    // could read the name they confirm. Said, never a silent English.
    if environment.catalog.isRTL && !Console.localeIsUTF8() {
        Console.err("arsel-campaigns: Arabic needs a UTF-8 locale (LANG=ar_SA.UTF-8 or C.UTF-8); this one shows ASCII only — set one, or use --lang en")
        return Exit.configuration
    }
    let audit = AuditTrail(setup, source: "console")
    let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
    if options.plain || term.isEmpty || term == "dumb" || isatty(0) != 1 || isatty(1) != 1 {
        return await PlainConsole(client: client, environment: environment, audit: AuditTrail(setup, source: "line")).run()
    }
    let signals = SignalStream([SIGINT, SIGTERM, SIGHUP])
    let noColor = options.noColor || !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    let (theme, problem) = ThemeLoader.load(name: options.theme ?? setup.themeName, paths: setup.paths)
    if let problem {
        Console.err("arsel-campaigns: theme: " + Sanitizer.sanitize(problem.description) + " (fix it, or choose another with --theme)")
        return Exit.configuration
    }
    let terminal: CursesTerminal
    do {
        terminal = try CursesTerminal(
            theme: theme, colors: !noColor, escapeDelay: CursesTerminal.escapeDelay(environment: ProcessInfo.processInfo.environment),
            bidi: environment.bidi)
    } catch {
        // An unknown TERM: the line mode works anywhere.
        Console.err("arsel-campaigns: \(error); using the line mode (--plain)")
        return await PlainConsole(client: client, environment: environment, audit: AuditTrail(setup, source: "line")).run()
    }
    environment.unicode = terminal.unicode
    environment.unansweredKeys = audit.unansweredKeys()
    // The console's cancels go through the same session as the CLI's: intent recorded, then sent.
    // Cancels an earlier run left unknown are re-read once the first pages are in.
    let runtime = ConsoleRuntime(
        client: client, backend: terminal,
        resolveUnknowns: { await audit.resolve(audit.openCancels(), client: client, background: true) }
    ) { target, key, before in
        await audit.cancel(target.id, channel: target.channel, idempotencyKey: key, before: before, client: client)
    }
    let state = await runtime.run(environment: environment, input: terminal.events, signals: signals.stream)
    terminal.close()
    // Cancels still in flight when the console had to stop: their outcome is unknown, and the
    // audit trail says so (the key lets anyone check what the API did with them).
    for (target, key) in state.inFlight {
        let report = CancelReport(
            campaignID: target.id, channel: target.channel,
            outcome: .unknown(cause: .transport(TransportFailure(.other, "interrupted by \(state.interruptedBy ?? "quit") before the answer"))),
            idempotencyKey: key, attempts: 1)
        audit.outcome(report, before: state.campaign(target.id))
    }
    // What the screen said last about outcomes nobody could confirm stays visible after exit.
    for (id, note) in state.notes {
        if case .unknown(let key, let by) = note {
            // In English and logical order: after exit the terminal does its own bidi (or none),
            // and this line must be readable wherever it lands.
            let text = English().phrase(.rowUnknown(recheckKey: key, interruptedBy: by))
            Console.err("arsel-campaigns: campaign \(Sanitizer.sanitize(id)): \(Sanitizer.sanitize(text))")
        }
    }
    return state.notes.values.contains { if case .unknown = $0 { return true } else { return false } } ? Exit.unknown : Exit.success
}

extension BidiMode: ExpressibleByArgument {}

/// SIGINT, SIGTERM and SIGHUP as a stream of names, so the console quits through its own path
/// (and restores the terminal) instead of dying in raw mode.
final class SignalStream: @unchecked Sendable {
    let stream: AsyncStream<String>
    private let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32]) {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        self.stream = stream
        var sources: [any DispatchSourceSignal] = []
        for s in signals {
            signal(s, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
            let name = s == SIGINT ? "SIGINT" : s == SIGTERM ? "SIGTERM" : s == SIGHUP ? "SIGHUP" : "signal \(s)"
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }
}
