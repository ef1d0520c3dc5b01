import ArgumentParser
import ArselAPI
import ArselModel
import ArselSandbox
import CampaignConsole
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The console on a sandbox started in-process with demo data: try everything, nothing is ever sent.")

    @OptionGroup var console: ConsoleOptions
    @OptionGroup var global: GlobalOptions

    @Option(help: "Dispatcher speed factor for the demo data.") var speed: Double = 1

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number") }
    }

    func run() async throws {
        // The configuration first, reported like every command's (file:line: problem, exit 3),
        // before anything that needs shutting down exists. The demo takes from it only where
        // files live and how things look: never a profile's key, URL, read-only or production flag.
        var setup: Setup
        do { setup = try global.resolve(needKey: false) } catch {
            Console.error(error)
            throw Exit.code(for: error)
        }
        let catalog = try global.catalog(setup)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arsel-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = SandboxOptions()
        options.port = 0
        options.database = dir.appendingPathComponent("sandbox.db").path
        options.speed = speed
        let sandbox = try Sandbox(options: options)
        try await sandbox.start()
        let client: CampaignsClient
        do {
            var config = ClientConfiguration(baseURL: sandbox.baseURL, apiKey: try APIKey(sandbox.demoKey))
            config.callTimeout = .seconds(10)
            client = CampaignsClient(configuration: config)
        } catch {
            await sandbox.stop()
            throw error
        }
        setup.profileName = "demo"
        setup.baseURL = sandbox.baseURL
        setup.readonly = false
        setup.production = false
        let environment = ConsoleEnvironment(
            profile: "demo", apiHost: "sandbox 127.0.0.1:\(sandbox.port)", sandbox: true, readOnly: false,
            refreshInterval: console.refresh ?? 15, timeZone: global.timeZone, catalog: catalog)
        let code = await runConsole(client: client, environment: environment, options: console, setup: setup)
        await client.shutdown()
        await sandbox.stop()
        if code != Exit.success { throw code }
    }
}
