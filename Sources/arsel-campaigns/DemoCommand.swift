import ArgumentParser
import ArselAPI
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

    func run() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("arsel-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = SandboxOptions()
        options.port = 0
        options.database = dir.appendingPathComponent("sandbox.db").path
        options.speed = speed
        let sandbox = try Sandbox(options: options)
        try await sandbox.start()
        var config = ClientConfiguration(baseURL: sandbox.baseURL, apiKey: try APIKey(sandbox.demoKey))
        config.callTimeout = .seconds(10)
        let client = CampaignsClient(configuration: config)
        var setup = try global.resolve(needKey: false)
        setup.profileName = "demo"
        setup.baseURL = sandbox.baseURL
        let environment = ConsoleEnvironment(
            profile: "demo", apiHost: "sandbox 127.0.0.1:\(sandbox.port)", sandbox: true, readOnly: setup.readonly,
            refreshInterval: console.refresh ?? 15)
        let code = await runConsole(client: client, environment: environment, options: console, setup: setup)
        await client.shutdown()
        await sandbox.stop()
        if code != Exit.success { throw code }
    }
}
