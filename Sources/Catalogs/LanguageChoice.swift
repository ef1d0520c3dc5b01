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
            return code(value) == "ar" ? .ar : .en
        }
        return .en
    }

    static func explicit(_ value: String, setting: String) throws(Refused) -> Language {
        guard let language = Language(rawValue: code(value)) else { throw Refused(setting: setting, value: value) }
        return language
    }

    /// `ar` of `ar_SA.UTF-8`, `ar-SA`, `ar@latin`; `arn` of `arn_CL` (Mapudungun, not Arabic).
    static func code(_ value: String) -> String {
        value.lowercased().split(whereSeparator: { "_-.@".contains($0) }).first.map(String.init) ?? ""
    }

    /// The catalog of a language, with the number and calendar conventions asked for.
    public static func catalog(_ language: Language, arabicDigits: Bool = false, hijri: Bool = false) -> any Catalog {
        switch language {
        case .en: return English(hijri: hijri)
        case .ar: return Arabic(arabicDigits: arabicDigits, hijri: hijri)
        }
    }
}
