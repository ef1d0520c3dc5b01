import Foundation
import Testing
import TestSupport

/// Usage errors exit 64 (EX_USAGE) in every subcommand, with ArgumentParser's `Error: …` and
/// the usage on stderr, before anything is read, sent or started.
@Suite struct UsageErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let says: String
        init(_ arguments: [String], _ says: String) {
            self.arguments = arguments
            self.says = says
        }
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        // console (also the default subcommand)
        Case(["console", "--channel", "fax"], "'fax' is invalid for '--channel"),
        Case(["console", "--refresh", "1"], "--refresh must be between 5 and 86400"),
        Case(["console", "--refresh", "inf"], "--refresh must be between 5 and 86400"),
        Case(["--bogus"], "Unknown option '--bogus'"),
        Case(["bogus"], "Unexpected argument 'bogus'"),
        // demo
        Case(["demo", "--speed", "0"], "--speed must be a positive number"),
        Case(["demo", "--channel", "fax"], "'fax' is invalid for '--channel"),
        // list
        Case(["list", "--status", "bogus"], "--status must be one of Draft, Scheduled"),
        Case(["list", "--channel", "fax"], "'fax' is invalid for '--channel"),
        Case(["list", "--limit", "0"], "--limit must be between 1 and 100"),
        Case(["list", "--limit", "ten"], "'ten' is invalid for '--limit"),
        Case(["list", "--timeout", "inf"], "--timeout must be between 0 and 86400"),
        Case(["list", "--connect-timeout", "0"], "--connect-timeout must be between 0 and 86400"),
        Case(["list", "--rate", "0"], "--rate must be between 0 and 100"),
        Case(["list", "--base-url", "api.arsel.sa/v1"], "--base-url must be an absolute http(s) URL"),
        Case(["list", "--sort"], "Unknown option '--sort'"),
        Case(["list", "--search"], "Missing value for '--search"),
        // show
        Case(["show"], "Missing expected argument '<id>'"),
        Case(["show", ""], "the campaign id is empty"),
        Case(["show", "x", "--channel", "all"], "'all' is invalid for '--channel"),
        Case(["show", "x", "y"], "Unexpected argument 'y'"),
        // cancel
        Case(["cancel"], "Missing expected argument '<ids>"),
        Case(["cancel", "x", ""], "a campaign id is empty"),
        Case(["cancel", "x", "--channel", "fax", "--yes"], "'fax' is invalid for '--channel"),
        Case(["cancel", "x", "--yes", "--timeout=-1"], "--timeout must be between 0 and 86400"),
        // sandbox
        Case(["sandbox", "--port", "70000"], "--port must be between 0 and 65535"),
        Case(["sandbox", "--seed", "lots"], "--seed must be demo, none or a number"),
        Case(["sandbox", "--status-case", "upper"], "'upper' is invalid for '--status-case"),
        Case(["sandbox", "--rate", "nan"], "--rate, --speed and --batch-size must be positive"),
        Case(["sandbox", "--host", ""], "--host must name an address"),
        // audit
        Case(["audit", "--since", "yesterday"], "--since: \"yesterday\" is neither a date nor an age"),
        Case(["audit", "--since", "12x"], "is neither a date nor an age"),
        Case(["audit", "--json", "extra"], "Unexpected argument 'extra'"),
        // info
        Case(["info", "--rate=-1"], "--rate must be between 0 and 100"),
        Case(["info", "extra"], "Unexpected argument 'extra'"),
    ]

    @Test(arguments: cases)
    func aUsageErrorExits64WithTheReasonOnStderr(_ c: Case) async throws {
        let server = try await ScriptedServer { _ in .json(200, Fixtures.list([], hasMore: false)) }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("usage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        // Everything a command could use is there and valid: only the command line is wrong.
        let env = ["ARSEL_API_KEY": key, "ARSEL_BASE_URL": server.baseURL, "XDG_STATE_HOME": state.path, "XDG_CONFIG_HOME": state.path]
        let r = try await Binary.run(c.arguments, environment: env, timeout: .seconds(30))
        await server.shutdown()
        #expect(r.status == 64, "exit \(r.status): \(r.stdout)\(r.stderr)")
        #expect(r.stderr.hasPrefix("Error: "), "\(r.stderr)")
        #expect(r.stderr.contains(c.says), "\(r.stderr)")
        #expect(r.stderr.contains("Usage: arsel-campaigns"), "the usage follows the reason: \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(r.stdout)")
        #expect(server.requests.isEmpty, "nothing was asked of the API")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("arsel-campaigns").path), "no file written")
    }

    /// The table covers every subcommand `--help` lists: a new one without cases fails here.
    @Test func theTableCoversEverySubcommand() async throws {
        let help = try await Binary.run(["--help"])
        #expect(help.status == 0)
        let section = try #require(help.stdout.components(separatedBy: "SUBCOMMANDS:").last)
        let listed = Set(section.split(separator: "\n").compactMap { line -> String? in
            let word = line.split(separator: " ").first.map(String.init)
            return line.hasPrefix("  ") && !line.hasPrefix("   ") ? word : nil
        }.filter { !$0.hasPrefix("See") && !$0.isEmpty })
        #expect(listed == ["console", "demo", "list", "show", "cancel", "sandbox", "audit", "info"], "\(listed)")
        let covered = Set(Self.cases.compactMap(\.arguments.first)).union(["console"])
        #expect(listed.isSubset(of: covered), "subcommands without a usage case: \(listed.subtracting(covered))")
    }
}
