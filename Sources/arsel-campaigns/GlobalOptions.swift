import ArgumentParser
import ArselAPI
import ArselModel
import CampaignConsole
import Catalogs
import TerminalUI
import Foundation
import Logging

/// Options every command shares. There is deliberately no option that takes the key itself:
/// argv is visible to every user of the machine (`ps`, /proc) and lands in shell history.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("API base URL (default https://api.arsel.sa/v1; env ARSEL_BASE_URL).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Read the API key from this file (mode 0600, yours). Default: ARSEL_API_KEY.", valueName: "path"))
    var apiKeyFile: String?

    @Option(help: ArgumentHelp("Requests per second this process may send (default 2, the organisation's budget).", valueName: "n"))
    var rate: Double?

    @Option(help: ArgumentHelp("A profile of config.yaml (env ARSEL_PROFILE; default: the file's default_profile).", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("The configuration file (default $XDG_CONFIG_HOME/arsel-campaigns/config.yaml).", valueName: "path"))
    var config: String?

    @Flag(help: "Look only: cancelling is disabled (also `readonly: true` in a profile).")
    var readonly = false

    @Option(help: ArgumentHelp("Overall deadline of one call, retries included, in seconds.", valueName: "s"))
    var timeout: Double = 30

    @Option(help: ArgumentHelp("Connect timeout in seconds.", valueName: "s"))
    var connectTimeout: Double = 10

    @Option(help: ArgumentHelp("Append a log of requests to this file (never the key).", valueName: "path"))
    var logFile: String?

    @Flag(help: "Times in UTC (+00:00) instead of local time (TZ, else the system's zone). --json is always as the API sent it.")
    var utc = false

    @Option(help: ArgumentHelp("Language: en or ar (config language:, else LC_ALL, LC_MESSAGES or LANG).", valueName: "code"))
    var lang: String?

    /// The catalog everything is said in: --lang, the config's language:, else the locale. A
    /// config value that names no language stops the start (exit 3), never a silent English.
    func catalog(_ setup: Setup, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ExitCode) -> any Catalog {
        do {
            let language = try LanguageChoice.resolve(flag: lang, config: setup.config.language, environment: environment)
            return LanguageChoice.catalog(language, arabicDigits: setup.config.arabicDigits, hijri: setup.config.hijri)
        } catch {
            Console.err("arsel-campaigns: " + Sanitizer.sanitize(error.description))
            throw Exit.configuration
        }
    }

    /// The zone every time is printed in: UTC with --utc, else TZ (or the system's zone).
    var timeZone: TimeZone { utc ? .gmt : .current }

    /// Usage errors (exit 64), said before anything is read or sent. A well-formed URL the
    /// policy refuses (http:// to another host) stays a configuration error (3), from a flag as
    /// from ARSEL_BASE_URL.
    func validate() throws {
        if let rate { guard rate > 0, rate <= 100 else { throw ValidationError("--rate must be between 0 and 100") } }
        if let lang {
            do { _ = try LanguageChoice.resolve(flag: lang, config: nil, environment: [:]) } catch { throw ValidationError(error.description) }
        }
        // At most a day: beyond, the milliseconds no longer fit a Duration (inf trapped).
        for (name, value) in [("--timeout", timeout), ("--connect-timeout", connectTimeout)] {
            guard value > 0, value <= 86400 else { throw ValidationError("\(name) must be between 0 and 86400 seconds") }
        }
        if let baseURL {
            guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false
            else { throw ValidationError("--base-url must be an absolute http(s) URL such as https://api.arsel.sa/v1") }
        }
    }

    /// Builds the shared client: flags, then the environment, then the profile.
    func makeClient(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ArselError) -> CampaignsClient {
        try makeClient(resolve(environment: environment))
    }

    /// The setup and its client, for a command that needs both: a problem is said on stderr and
    /// becomes the command's exit code.
    func open() throws(ExitCode) -> (Setup, CampaignsClient) {
        do {
            let setup = try resolve()
            return (setup, try makeClient(setup))
        } catch {
            Console.error(error)
            throw Exit.code(for: error)
        }
    }

    func makeClient(_ setup: Setup) throws(ArselError) -> CampaignsClient {
        var config = ClientConfiguration(baseURL: setup.baseURL, apiKey: setup.key)
        config.requestsPerSecond = setup.rate
        config.callTimeout = .milliseconds(Int64(timeout * 1000))
        config.cancelTimeout = .milliseconds(Int64(timeout * 2000))
        config.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        if let logFile {
            guard let handler = FileLogHandler(path: logFile, label: "arsel.api", key: setup.key) else {
                throw .configuration(.other("cannot open log file \(logFile)"))
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
