import CampaignConsole

/// Which language to speak, decided once at start: `--lang`, else the config's `language:`, else
/// the locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first one set, as POSIX reads
/// them). Foundation on Linux does not do this (`Locale.current` ignores `LANG` there).
public enum LanguageChoice {
    public struct Refused: Error, CustomStringConvertible {
        public var setting: String
        public var value: String
        public var description: String {
            "\(setting) \"\(value)\" is not a language this tool speaks (\(Language.allCases.map(\.rawValue).joined(separator: ", ")))"
        }
    }

    /// An explicit setting that names no language we have is an error, never a silent fallback;
    /// a locale we have no catalog for (fr_FR.UTF-8, C) is English.
    public static func resolve(flag: String?, config: String?, environment: [String: String]) throws(Refused) -> Language {
        if let flag { return try explicit(flag, setting: "--lang") }
        if let config { return try explicit(config, setting: "language:") }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("ar") ? .ar : .en
        }
        return .en
    }

    static func explicit(_ value: String, setting: String) throws(Refused) -> Language {
        let code = value.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).first.map(String.init) ?? ""
        guard let language = Language(rawValue: code) else { throw Refused(setting: setting, value: value) }
        return language
    }

    /// The catalog of a language, with the number and calendar conventions asked for.
    public static func catalog(_ language: Language, arabicDigits: Bool = false, hijri: Bool = false) -> any Catalog {
        switch language {
        case .en: return English(hijri: hijri)
        case .ar: return Arabic(arabicDigits: arabicDigits, hijri: hijri)
        }
    }
}
