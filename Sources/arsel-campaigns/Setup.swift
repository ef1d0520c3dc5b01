import ArselAPI
import ArselModel
import ConsoleConfig
import Foundation

/// Everything a command needs to know about where it talks and how, resolved once with the
/// documented precedence: flags, then the environment, then the profile in config.yaml.
struct Setup {
    var paths: Paths
    var config: ConfigFile
    var profile: Profile?
    var profileName: String
    var baseURL: URL
    var key: APIKey
    var keySource: APIKey.Source
    var rate: Double
    var readonly: Bool
    var production: Bool
    var themeName: String
    var refresh: Double?

    var apiHost: String { (baseURL.host ?? "?") + (baseURL.port.map { ":\($0)" } ?? "") }
}

extension GlobalOptions {
    func paths(_ environment: [String: String]) -> Paths {
        Paths(environment: environment, configFile: config ?? environment["ARSEL_CONFIG"])
    }

    /// Reads config.yaml and picks the profile; flags and the environment win over it.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment, needKey: Bool = true)
        throws(ArselError) -> Setup
    {
        let paths = self.paths(environment)
        let file: ConfigFile
        do { file = try ConfigFile.load(paths.configFile) } catch { throw .configuration(.other(error.description)) }
        let name = profile ?? environment["ARSEL_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? file.defaultProfile
        var chosen: Profile?
        if let name {
            guard let p = file.profiles[name] else {
                let known = file.profiles.keys.sorted().joined(separator: ", ")
                throw .configuration(.other("no profile \"\(name)\" in \(paths.configFile)\(known.isEmpty ? "" : " (profiles: \(known))")"))
            }
            chosen = p
        }
        let url = try ClientConfiguration.validate(
            baseURL: baseURL ?? environment["ARSEL_BASE_URL"] ?? chosen?.baseURL ?? ClientConfiguration.defaultBaseURL.absoluteString)
        var key: APIKey
        var source: APIKey.Source
        // A refused explicit source (flag or environment) is an error here, never a switch to
        // the profile's key: with --base-url elsewhere that would send that key there.
        if !needKey {
            // A command that talks to no API (the demo's own sandbox) takes no key from anywhere.
            key = try APIKey("be_none_given")
            source = .literal
        } else if let found = try APIKey.explicit(keyFile: apiKeyFile, environment: environment) {
            (key, source) = found
        } else {
            // Nothing from flags or the environment: the profile's key source.
            if let file = chosen?.apiKeyFile {
                key = try APIKey.read(file: file)
                source = .file(file)
            } else if let variable = chosen?.apiKeyEnv {
                guard let value = environment[variable], !value.isEmpty else {
                    throw .configuration(.other("profile \(name ?? "?") takes its key from \(variable), which is not set"))
                }
                key = try APIKey(value)
                source = .environment(variable)
            } else {
                throw .configuration(.noKey)
            }
        }
        return Setup(
            paths: paths, config: file, profile: chosen, profileName: name ?? "default", baseURL: url, key: key,
            keySource: source, rate: rate ?? chosen?.rate ?? 2, readonly: readonly || chosen?.readonly == true,
            production: chosen?.production == true,
            themeName: environment["ARSEL_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? chosen?.theme ?? file.theme ?? "default",
            refresh: chosen?.refresh)
    }
}
