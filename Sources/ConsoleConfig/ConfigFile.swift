import Foundation
import Yams

/// One profile of config.yaml: an organisation/API and how to treat it.
public struct Profile: Sendable, Equatable {
    public var name: String
    public var baseURL: String?
    /// The name of an environment variable holding the key.
    public var apiKeyEnv: String?
    /// A key file (mode 0600, owned by you).
    public var apiKeyFile: String?
    public var readonly = false
    /// A red badge, and every cancel needs the typed confirmation.
    public var production = false
    public var theme: String?
    public var refresh: Double?
    public var rate: Double?

    public init(name: String) { self.name = name }
}

/// `$XDG_CONFIG_HOME/arsel-campaigns/config.yaml`:
///
/// ```yaml
/// default_profile: staging
/// profiles:
///   production:
///     base_url: https://api.arsel.sa/v1
///     api_key_file: ~/.config/arsel-campaigns/production.key
///     production: true
///   staging:
///     base_url: https://api.arsel.sa/v1
///     api_key_env: ARSEL_STAGING_KEY
///     readonly: true
///     theme: light
///     refresh: 30
/// ```
public struct ConfigFile: Sendable, Equatable {
    public var path: String
    public var defaultProfile: String?
    public var profiles: [String: Profile] = [:]
    public var theme: String?
    /// `en` or `ar` (checked where the language is chosen: a refused one stops the start).
    public var language: String?
    /// `app`, `terminal` or `off`: who does the bidi of Arabic text.
    public var bidi: String?
    /// `arabic` for Arabic-Indic digits (٠–٩) in Arabic; `western` (the default) otherwise.
    public var arabicDigits = false
    /// `hijri` for Umm al-Qura dates; `gregorian` (the default).
    public var hijri = false

    public init(path: String) { self.path = path }

    /// Reads the file; a missing file is an empty configuration, a broken one an error naming
    /// the line.
    public static func load(_ path: String) throws(ConfigProblem) -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) else { return ConfigFile(path: path) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigProblem(file: path, line: nil, "cannot be read")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(ConfigProblem) -> ConfigFile {
        let r = YAMLReader(file: path)
        var config = ConfigFile(path: path)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return config }
        for (key, value, keyNode) in try r.mapping(try r.parse(text), "the configuration") {
            switch key {
            case "default_profile": config.defaultProfile = try r.string(value, "default_profile")
            case "theme": config.theme = try r.string(value, "theme")
            case "language": config.language = try r.string(value, "language")
            case "bidi":
                let mode = try r.string(value, "bidi")
                guard ["app", "terminal", "off"].contains(mode) else { throw r.problem(value, "bidi: \"\(mode)\" is not app, terminal or off") }
                config.bidi = mode
            case "digits":
                let digits = try r.string(value, "digits")
                guard ["western", "arabic"].contains(digits) else { throw r.problem(value, "digits: \"\(digits)\" is not western or arabic") }
                config.arabicDigits = digits == "arabic"
            case "calendar":
                let calendar = try r.string(value, "calendar")
                guard ["gregorian", "hijri"].contains(calendar) else { throw r.problem(value, "calendar: \"\(calendar)\" is not gregorian or hijri") }
                config.hijri = calendar == "hijri"
            case "profiles":
                for (name, body, _) in try r.mapping(value, "profiles") {
                    var p = Profile(name: name)
                    for (field, v, fieldNode) in try r.mapping(body, "profile \(name)") {
                        switch field {
                        case "base_url": p.baseURL = try r.string(v, "\(name).base_url")
                        case "api_key_env": p.apiKeyEnv = try r.string(v, "\(name).api_key_env")
                        case "api_key_file": p.apiKeyFile = Self.expand(try r.string(v, "\(name).api_key_file"))
                        case "readonly": p.readonly = try r.bool(v, "\(name).readonly")
                        case "production": p.production = try r.bool(v, "\(name).production")
                        case "theme": p.theme = try r.string(v, "\(name).theme")
                        case "refresh": p.refresh = try r.number(v, "\(name).refresh")
                        case "rate": p.rate = try r.number(v, "\(name).rate")
                        case "api_key":
                            throw r.problem(fieldNode, "\(name).api_key: the key itself does not belong in this file; use api_key_file (chmod 600) or api_key_env")
                        default:
                            throw r.problem(fieldNode, "\(name): unknown field \"\(field)\" (base_url, api_key_env, api_key_file, readonly, production, theme, refresh, rate)")
                        }
                    }
                    if p.apiKeyEnv != nil && p.apiKeyFile != nil {
                        throw r.problem(body, "profile \(name): give api_key_env or api_key_file, not both")
                    }
                    config.profiles[name] = p
                }
            default:
                throw r.problem(keyNode, "unknown key \"\(key)\" (default_profile, theme, language, bidi, digits, calendar, profiles)")
            }
        }
        if let d = config.defaultProfile, config.profiles[d] == nil {
            throw ConfigProblem(file: path, line: nil, "default_profile \"\(d)\" is not one of the profiles")
        }
        return config
    }

    static func expand(_ path: String) -> String {
        path.hasPrefix("~/") ? NSHomeDirectory() + String(path.dropFirst(1)) : path
    }
}
