import TerminalUI

/// What a key does in the list. The keymap binds keys to these; `?` help and the README's key
/// table are generated from the same data.
public enum Command: String, Sendable, CaseIterable, Hashable {
    case up, down, pageUp = "page-up", pageDown = "page-down", top, bottom
    case details, cancel, mark, markAll = "mark-all", clearMarks = "clear-marks"
    case search, cycleStatus = "cycle-status", switchChannel = "switch-channel"
    case refresh, pause, help, messages, retryFailed = "retry-failed", dismiss, quit

    public var help: String {
        switch self {
        case .up: return "move up"
        case .down: return "move down"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        case .top: return "first campaign"
        case .bottom: return "last loaded campaign"
        case .details: return "details of the campaign"
        case .cancel: return "cancel the selected (or the marked) campaigns"
        case .mark: return "mark and move down"
        case .markAll: return "mark every visible cancellable campaign"
        case .clearMarks: return "clear marks"
        case .search: return "filter by name (esc clears)"
        case .cycleStatus: return "cycle the status filter"
        case .switchChannel: return "switch channel (email → SMS → push → all)"
        case .refresh: return "refresh now"
        case .pause: return "pause or resume auto-refresh"
        case .help: return "this help"
        case .messages: return "message history"
        case .retryFailed: return "retry the failed cancels"
        case .dismiss: return "dismiss the selected row's note"
        case .quit: return "quit (esc closes an overlay first)"
        }
    }

    /// Commands that change something at Arsel (greyed and refused in read-only mode).
    public var isWrite: Bool { self == .cancel || self == .retryFailed }
}

public struct Keymap: Sendable, Equatable {
    public var bindings: [(key: Key, command: Command)]

    public static func == (a: Keymap, b: Keymap) -> Bool {
        a.bindings.map { "\($0.key)=\($0.command)" } == b.bindings.map { "\($0.key)=\($0.command)" }
    }

    public init(bindings: [(key: Key, command: Command)]) {
        self.bindings = bindings
    }

    public static let defaults = Keymap(bindings: [
        (.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down),
        (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .top), (.char("g"), .top), (.end, .bottom), (.char("G"), .bottom),
        (.enter, .details), (.char("c"), .cancel), (.char(" "), .mark), (.char("a"), .markAll), (.char("u"), .clearMarks),
        (.char("/"), .search), (.char("s"), .cycleStatus), (.tab, .switchChannel), (.char("r"), .refresh),
        (.char("p"), .pause), (.char("?"), .help), (.char("m"), .messages), (.char("R"), .retryFailed),
        (.char("x"), .dismiss), (.char("q"), .quit),
    ])

    public func command(for key: Key) -> Command? { bindings.first { $0.key == key }?.command }

    public func keys(for command: Command) -> [Key] { bindings.filter { $0.command == command }.map(\.key) }

    /// The README's key table (a test fails when the README's copy is stale).
    public var markdownTable: String {
        var lines = ["| Keys | What it does |", "|---|---|"]
        for row in helpRows {
            lines.append("| \(row.keys.replacingOccurrences(of: "|", with: "\\|")) | \(row.command.help) |")
        }
        return lines.joined(separator: "\n")
    }

    /// One line per command: keys, then what it does — the help screen and the README table.
    public var helpRows: [(keys: String, command: Command)] {
        Command.allCases.compactMap { command in
            let keys = self.keys(for: command)
            return keys.isEmpty ? nil : (keys.map(\.description).joined(separator: " "), command)
        }
    }
}
