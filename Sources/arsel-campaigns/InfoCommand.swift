import ArgumentParser
import ArselAPI
import ArselModel
import ConsoleConfig
import Foundation

struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print every path in use, the profile, and where the key comes from (masked).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let paths = global.paths(env)
        func exists(_ p: String) -> String { FileManager.default.fileExists(atPath: p) ? p : "\(p) (not there)" }
        Console.out("config file     \(exists(paths.configFile))")
        Console.out("keymap file     \(exists(paths.keymapFile))")
        Console.out("user themes     \(exists(paths.userThemes))")
        Console.out("shipped themes  \(paths.shippedThemes ?? "(not found; the built-in default is used)")")
        Console.out("audit trail     \(exists(paths.auditFile))")
        Console.out("log file        \(global.logFile ?? "(none: --log-file PATH)")")
        Console.out("core dumps      \(ProcessGuard.coreDumpsOff ? "off (not dumpable, RLIMIT_CORE 0)" : "ON: a crash could write the key to disk")")
        do {
            let setup = try global.resolve(environment: env)
            Console.out("profile         \(setup.profileName)\(setup.production ? " (production)" : "")\(setup.readonly ? " (read-only)" : "")")
            Console.out("API             \(setup.baseURL.absoluteString)")
            Console.out("key             \(setup.key.masked) from \(said(setup.keySource))")
            Console.out("rate            \(setup.rate) requests/s")
            Console.out("theme           \(setup.themeName)")
        } catch {
            Console.out("profile         (unresolved)")
            Console.error(error)
            throw Exit.code(for: error)
        }
    }
}

/// Where the key came from, as `info` says it.
private func said(_ source: APIKey.Source) -> String {
    switch source {
    case .environment(let name): return "environment variable \(name)"
    case .file(let path): return "key file \(path)"
    case .literal: return "in-process"
    }
}
