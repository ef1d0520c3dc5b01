import ArgumentParser
import ArselSandbox
import Dispatch
import Foundation

extension SandboxOptions.StatusCase: ExpressibleByArgument {}
extension SandboxOptions.CancelBody: ExpressibleByArgument {}
extension SandboxOptions.ResetForm: ExpressibleByArgument {}

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local stand-in of the Arsel campaign API (real HTTP, SQLite, a live dispatcher).",
        discussion: """
            Prints the URL and the demo organisation's API key, then serves until interrupted. \
            It is not Arsel's service: nothing is ever sent. Binds loopback unless --host says \
            otherwise. Set ARSEL_SANDBOX_KEY to choose the demo key. Inspection and fault \
            control live under /_sandbox/ (see the README).
            """)

    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port (0 = any free port).") var port = 8080
    @Option(help: ArgumentHelp("SQLite database file, or :memory:.", valueName: "path")) var db = ":memory:"
    @Option(help: ArgumentHelp("demo (about 60 campaigns), none, or a number of generated campaigns.", valueName: "demo|none|N"))
    var seed = "demo"
    @Option(help: "Requests per second per organisation (no burst).") var rate: Double = 2
    @Option(help: "Statuses as the docs write them (title: Sent) or as Arsel's OpenAPI does (lower: sent).")
    var statusCase: SandboxOptions.StatusCase = .title
    @Option(help: "Cancel's success body: the docs' {\"message\"} or the OpenAPI's {\"id\"}.")
    var cancelBody: SandboxOptions.CancelBody = .message
    @Option(help: "ratelimit-reset as the docs say (epoch: a Unix timestamp) or as the OpenAPI does (seconds: until the reset).")
    var ratelimitReset: SandboxOptions.ResetForm = .epoch
    @Option(help: "Dispatcher speed factor (2 = twice as fast).") var speed: Double = 1
    @Option(help: "Emails handed off per batch.") var batchSize = 50
    @Option(help: ArgumentHelp("Write {\"url\", \"key\"} to this file once serving (mode 0600).", valueName: "path"))
    var readyFile: String?

    func validate() throws {
        guard rate > 0, rate.isFinite, speed > 0, speed.isFinite, batchSize > 0 else {
            throw ValidationError("--rate, --speed and --batch-size must be positive numbers")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must name an address, such as 127.0.0.1") }
        guard seed == "demo" || seed == "none" || Int(seed).map({ $0 >= 0 }) == true else {
            throw ValidationError("--seed must be demo, none or a number")
        }
    }

    func run() async throws {
        var options = SandboxOptions()
        options.host = host
        options.port = port
        options.database = db
        options.seed = seed == "demo" ? .demo : seed == "none" ? .none : .count(Int(seed) ?? 0)
        options.rate = rate
        options.statusCase = statusCase
        options.cancelBody = cancelBody
        options.resetForm = ratelimitReset
        options.speed = speed
        options.batchSize = batchSize
        options.demoKey = ProcessInfo.processInfo.environment["ARSEL_SANDBOX_KEY"].flatMap { $0.isEmpty ? nil : $0 }

        let started = ContinuousClock.now
        let sandbox: Sandbox
        do {
            sandbox = try Sandbox(options: options)
            try await sandbox.start()
        } catch {
            Console.err("arsel-campaigns: the sandbox could not start: \(error)")
            throw Exit.failed
        }
        let url = sandbox.baseURL.absoluteString
        let took = ContinuousClock.now - started
        Console.out("""
            arsel-campaigns sandbox — a local stand-in for the Arsel campaign API (nothing is ever sent)
              URL      \(url)
              API key  \(sandbox.demoKey)   (demo organisation; a sandbox key, not a real one)
              ready in \(took.formatted(.units(allowed: [.milliseconds])))
              try      ARSEL_BASE_URL=\(url) ARSEL_API_KEY=\(sandbox.demoKey) arsel-campaigns list
            Ctrl-C stops it.
            """)
        if host != "127.0.0.1" && host != "localhost" && host != "::1" {
            Console.err("warning: bound to \(host): anyone who can reach it can use /_sandbox/ to inject faults")
        }
        if let readyFile {
            let text = "{\"url\":\"\(url)\",\"key\":\"\(sandbox.demoKey)\"}\n"
            _ = FileManager.default.createFile(atPath: readyFile, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        }
        await waitForTermination()
        await sandbox.stop()
    }
}

/// Suspends until SIGINT, SIGTERM or SIGHUP.
func waitForTermination() async {
    let signals = [SIGINT, SIGTERM, SIGHUP]
    for s in signals { signal(s, SIG_IGN) }
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let sources = SignalSources(signals.map { DispatchSource.makeSignalSource(signal: $0, queue: .main) })
        sources.onFirst { continuation.resume() }
    }
}

/// Signal sources that resume once. Dispatch sources are thread-safe objects; the flag that
/// makes the first signal win is behind a mutex.
final class SignalSources: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let fired = Mutex(false)
    private static let alive = Mutex<[SignalSources]>([])

    init(_ sources: [any DispatchSourceSignal]) {
        self.sources = sources
        Self.alive.withLock { $0.append(self) }
    }

    func onFirst(_ action: @escaping @Sendable () -> Void) {
        for source in sources {
            source.setEventHandler { [self] in
                guard fired.withLock({ f in let was = f; f = true; return !was }) else { return }
                for s in sources { s.cancel() }
                action()
            }
            source.resume()
        }
    }
}

import Synchronization
