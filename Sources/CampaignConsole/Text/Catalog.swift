import ArselModel
import CancelSession
import Foundation

/// The languages the console and the CLI speak. Catalogs are compiled in (the release is one
/// file); which one is used is decided once, at start (`Language.resolve` in Catalogs).
public enum Language: String, Sendable, Hashable, CaseIterable {
    case en, ar

    /// Arabic reads right to left: the screen is mirrored and fields default to RTL.
    public var isRTL: Bool { self == .ar }
}

/// One language's words for everything the core says. The core builds typed values (`Phrase`,
/// `Notice`, statuses, errors, outcomes) and never a sentence; a catalog turns them into text.
/// Every requirement is an exhaustive switch in each catalog: a value one catalog lacks does
/// not compile.
public protocol Catalog: Sendable {
    var language: Language { get }
    /// Arabic-Indic digits (٠–٩) for numbers and times, when the config asks for them.
    var arabicDigits: Bool { get }
    /// Dates as Umm al-Qura (Hijri) dates, when the config asks for them.
    var hijri: Bool { get }

    func phrase(_ phrase: Phrase) -> String
    func lineText(_ phrase: LinePhrase) -> String
    func notice(_ notice: Notice) -> String
    /// A status as the person reads it (the API's own spelling for unknown ones).
    func status(_ status: CampaignStatus) -> String
    func channel(_ channel: Channel) -> String
    /// "email"/"emails", "message"/"messages": what a channel sends.
    func sends(_ channel: Channel, plural: Bool) -> String
    /// Why a campaign in this status cannot be cancelled.
    func notCancellable(_ status: CampaignStatus) -> String
    /// An error's readable message, without its name: ours in this language, the API's own
    /// message as sent. Contains raw server text: sanitise before display.
    func message(_ error: ArselError) -> String
    /// What a successful cancel says: the API's message as sent, else this language's own.
    func cancelledMessage(_ apiMessage: String?) -> String
    /// One line for a person: the API's message, the error, or what is known.
    func outcome(_ outcome: CancelOutcome) -> String
    func skip(_ reason: CancelPlan.SkipReason) -> String
    func resolution(_ resolution: UnknownResolution, clock: String) -> String
    /// What a command does; a key named in it is the keymap's (`keys`).
    func help(_ command: Command, keys: Keymap) -> String
    func help(_ command: DialogCommand, keys: Keymap) -> String
    func help(_ command: OverlayCommand, keys: Keymap) -> String
    func help(_ command: InputCommand, keys: Keymap) -> String
    /// A month's short name (1–12) in the calendar the catalog uses.
    func month(_ month: Int) -> String
}

extension Catalog {
    /// Numbers and times in this catalog's digits.
    public func digits(_ text: String) -> String {
        guard arabicDigits else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            (48...57).contains(s.value) ? Unicode.Scalar(0x0660 + s.value - 48)! : s
        }))
    }

    public func number(_ n: Int) -> String { digits(String(n)) }

    /// The calendar dates are shown in.
    public var calendar: Calendar { Calendar(identifier: hijri ? .islamicUmmAlQura : .gregorian) }

    public var isRTL: Bool { language.isRTL }

    /// `name: readable message`: the API's `name` (or ours) as sent, then `message(_:)`.
    public func error(_ error: ArselError) -> String { "\(error.name): \(message(error))" }

    /// The identity of a catalog's settings (environments compare by it).
    public var settings: String { "\(language.rawValue) \(arabicDigits) \(hijri)" }
}

extension KeyCommand {
    /// What the command does, in the catalog's words (help, the README's key table).
    public func help(in catalog: any Catalog, keys: Keymap) -> String {
        switch self {
        case let c as Command: return catalog.help(c, keys: keys)
        case let c as DialogCommand: return catalog.help(c, keys: keys)
        case let c as OverlayCommand: return catalog.help(c, keys: keys)
        case let c as InputCommand: return catalog.help(c, keys: keys)
        default: return rawValue
        }
    }
}
