import ArgumentParser
import ArselAPI
import CampaignConsole
import ConsoleRuntime
import CursesBackend
import Dispatch
import Foundation
import Logging
import TerminalUI

struct ConsoleOptions: ParsableArguments {
    @Option(help: "The channel to open on: email or sms.")
    var channel: Channel = .email

    @Option(help: ArgumentHelp("Seconds between automatic refreshes (at least 5).", valueName: "s"))
    var refresh: Double = 15

    @Flag(help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        guard refresh >= 5 else { throw ValidationError("--refresh must be at least 5 seconds") }
    }
}

struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The interactive console (the default): browse campaigns, see what is cancellable, cancel.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var console: ConsoleOptions

    func run() async throws {
        let client: CampaignsClient
        do { client = try global.makeClient() } catch {
            Console.error(error)
            throw Exit.code(for: error)
        }
        let url = client.configuration.baseURL
        let host = (url.host ?? "?") + (url.port.map { ":\($0)" } ?? "")
        let environment = ConsoleEnvironment(profile: "default", apiHost: host, refreshInterval: console.refresh)
        let code = await runConsole(client: client, environment: environment, options: console)
        await client.shutdown()
        if code != Exit.success { throw code }
    }
}

/// Opens the terminal, runs the console until `q` or a signal, and always restores the terminal.
func runConsole(client: CampaignsClient, environment base: ConsoleEnvironment, options: ConsoleOptions) async -> ExitCode {
    let signals = SignalStream([SIGINT, SIGTERM, SIGHUP])
    let noColor = options.noColor || !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    let terminal: CursesTerminal
    do {
        terminal = try CursesTerminal(palette: .dark, colors: !noColor)
    } catch {
        Console.err("arsel-campaigns: cannot open the console: \(error). `arsel-campaigns list` and `cancel` work without a terminal.")
        return Exit.configuration
    }
    var environment = base
    environment.channel = options.channel
    environment.unicode = terminal.unicode
    environment.session = String(UUID().uuidString.prefix(8)).lowercased()
    let runtime = ConsoleRuntime(client: client, backend: terminal)
    let state = await runtime.run(environment: environment, input: terminal.events, signals: signals.stream)
    terminal.close()
    // What the screen said last about outcomes nobody could confirm stays visible after exit.
    for (id, note) in state.notes {
        if case .unknown(let text) = note {
            Console.err("arsel-campaigns: campaign \(Sanitizer.sanitize(id)): \(Sanitizer.sanitize(text))")
        }
    }
    return state.notes.values.contains { if case .unknown = $0 { return true } else { return false } } ? Exit.unknown : Exit.success
}

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
