import ArgumentParser
import ArselAPI
import Foundation
import Logging

/// Options every command shares. There is deliberately no option that takes the key itself:
/// argv is visible to every user of the machine (`ps`, /proc) and lands in shell history.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("API base URL (default https://api.arsel.sa/v1; env ARSEL_BASE_URL).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Read the API key from this file (mode 0600, yours). Default: ARSEL_API_KEY.", valueName: "path"))
    var apiKeyFile: String?

    @Option(help: ArgumentHelp("Requests per second this process may send (the organisation's budget is 2).", valueName: "n"))
    var rate: Double = 2

    @Option(help: ArgumentHelp("Overall deadline of one call, retries included, in seconds.", valueName: "s"))
    var timeout: Double = 30

    @Option(help: ArgumentHelp("Connect timeout in seconds.", valueName: "s"))
    var connectTimeout: Double = 10

    @Option(help: ArgumentHelp("Append a log of requests to this file (never the key).", valueName: "path"))
    var logFile: String?

    func validate() throws {
        guard rate > 0, rate <= 100 else { throw ValidationError("--rate must be between 0 and 100") }
        guard timeout > 0, connectTimeout > 0 else { throw ValidationError("timeouts must be positive") }
    }

    /// Builds the shared client from flags, then the environment.
    func makeClient(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ArselError) -> CampaignsClient {
        let url = try ClientConfiguration.validate(
            baseURL: baseURL ?? environment["ARSEL_BASE_URL"] ?? ClientConfiguration.defaultBaseURL.absoluteString)
        let (key, _) = try APIKey.resolve(keyFile: apiKeyFile, environment: environment)
        var config = ClientConfiguration(baseURL: url, apiKey: key)
        config.requestsPerSecond = rate
        config.callTimeout = .milliseconds(Int64(timeout * 1000))
        config.cancelTimeout = .milliseconds(Int64(timeout * 2000))
        config.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        if let logFile {
            guard let handler = FileLogHandler(path: logFile, label: "arsel.api", key: key) else {
                throw .configuration("cannot open log file \(logFile)")
            }
            var logger = Logger(label: "arsel.api", factory: { _ in handler })
            logger.logLevel = .info
            config.logger = logger
        }
        return CampaignsClient(configuration: config)
    }
}

/// Runs `body` with a client and always shuts the client down, whatever happens.
func withClient<T>(
    _ options: GlobalOptions, _ body: (CampaignsClient) async throws -> T
) async throws -> T {
    let client: CampaignsClient
    do {
        client = try options.makeClient()
    } catch {
        Console.error(error)
        throw Exit.code(for: error)
    }
    do {
        let value = try await body(client)
        await client.shutdown()
        return value
    } catch {
        await client.shutdown()
        throw error
    }
}
