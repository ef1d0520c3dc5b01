import Catalogs
import Testing
@testable import CampaignConsole

/// Which language: --lang, then the config, then the locale as POSIX reads it. Foundation on
/// Linux does not do this (`Locale.current` ignores LANG there), so it is ours, and tested.
@Suite struct LanguageChoiceTests {
    func pick(flag: String? = nil, config: String? = nil, _ env: [String: String] = [:]) throws -> Language {
        try LanguageChoice.resolve(flag: flag, config: config, environment: env)
    }

    @Test func theLocaleDecidesWhenNothingIsSet() throws {
        #expect(try pick(["LANG": "ar_SA.UTF-8"]) == .ar)
        #expect(try pick(["LANG": "en_US.UTF-8"]) == .en)
        #expect(try pick(["LANG": "C"]) == .en, "C is English")
        #expect(try pick(["LANG": "arn_CL.UTF-8"]) == .en, "Mapudungun is not Arabic")
        #expect(try pick(["LANG": "ar_EG.UTF-8@latin"]) == .ar)
        #expect(try pick(["LANG": "fr_FR.UTF-8"]) == .en, "a locale without a catalog is English")
        #expect(try pick([:]) == .en)
        // LC_ALL over LC_MESSAGES over LANG; an empty one does not count.
        #expect(try pick(["LANG": "en_US.UTF-8", "LC_MESSAGES": "ar_SA.UTF-8"]) == .ar)
        #expect(try pick(["LANG": "ar_SA.UTF-8", "LC_ALL": "en_GB.UTF-8"]) == .en)
        #expect(try pick(["LANG": "ar_SA.UTF-8", "LC_ALL": ""]) == .ar)
    }

    @Test func theFlagThenTheConfigWin() throws {
        #expect(try pick(flag: "ar", config: "en", ["LANG": "en_US.UTF-8"]) == .ar)
        #expect(try pick(config: "ar", ["LC_ALL": "en_US.UTF-8"]) == .ar)
        #expect(try pick(flag: "en", ["LANG": "ar_SA.UTF-8"]) == .en)
        #expect(try pick(flag: "ar_SA") == .ar)
    }

    /// An explicit setting that names no language we have is an error, never a silent English.
    @Test func anExplicitUnknownLanguageIsRefused() {
        #expect(throws: LanguageChoice.Refused.self) { try pick(flag: "fr") }
        #expect(throws: LanguageChoice.Refused.self) { try pick(config: "arabic") }
        #expect((try? pick(flag: "xx")) == nil)
    }

    /// Arabic-Indic digits only when asked for; the ids they sit beside never change.
    @Test func digitsAreWesternUnlessAskedFor() {
        #expect(Arabic().number(2026) == "2026")
        let indic = Arabic(arabicDigits: true)
        #expect(indic.number(2026) == "٢٠٢٦")
        #expect(indic.phrase(.campaignID("c123")) == "المعرّف c123", "an id is never converted")
    }

    /// Umm al-Qura dates when asked for: 2026-11-21 is 11 Jumada al-Akhirah 1448.
    @Test func hijriDatesWhenAskedFor() {
        let date = t0.addingTimeInterval(86400 * 3)
        let text = Format.when(date, now: t0, timeZone: utc, Arabic(hijri: true))
        #expect(text == "11 جمادى الآخرة 11:06", "\(text)")
        #expect(Format.when(date, now: t0, timeZone: utc, Arabic()) == "21 نوفمبر 11:06")
        #expect(Format.when(date, now: t0, timeZone: utc, English()) == "Nov 21 11:06")
    }
}
