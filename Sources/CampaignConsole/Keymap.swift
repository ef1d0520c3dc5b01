import TerminalUI

/// A command of one context (the list, a dialog, an overlay, the search prompt): what the keymap
/// binds keys to. Hints, `?` help and the README's key table are generated from the same data.
public protocol KeyCommand: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    /// Changes something at Arsel, or confirms that it should.
    var isWrite: Bool { get }
}

/// What a key does in the list.
public enum Command: String, KeyCommand {
    case up, down, pageUp = "page-up", pageDown = "page-down", top, bottom
    case details, cancel, mark, markAll = "mark-all", clearMarks = "clear-marks"
    case search, cycleStatus = "cycle-status", stoppable, sort, switchChannel = "switch-channel"
    case refresh, pause, help, messages, retryFailed = "retry-failed", dismiss, quit

    /// Commands that change something at Arsel (greyed and refused in read-only mode).
    public var isWrite: Bool { self == .cancel || self == .retryFailed }
}

/// What a key does in the cancel and quit dialogs. Digits are never bound here: they are the
/// typed count.
public enum DialogCommand: String, KeyCommand {
    case confirm, keep, press, moveFocus = "move-focus", up, down, pageUp = "page-up", pageDown = "page-down", top, bottom

    public var isWrite: Bool { self == .confirm }
}

/// What a key does in help, messages and details.
public enum OverlayCommand: String, KeyCommand {
    case close, up, down, pageUp = "page-up", pageDown = "page-down", top, bottom

    public var isWrite: Bool { false }
}

/// What a key does at the search prompt (every other printable key is typed).
public enum InputCommand: String, KeyCommand {
    case apply, clear, erase

    public var isWrite: Bool { false }
}

/// The keys of one context, in order (the first key of a command is the one its hint shows).
public struct Bindings<C: KeyCommand>: Sendable, Equatable {
    public var bindings: [(key: Key, command: C)]

    public init(_ bindings: [(key: Key, command: C)]) { self.bindings = bindings }

    public static func == (a: Self, b: Self) -> Bool {
        a.bindings.map { "\($0.key)=\($0.command)" } == b.bindings.map { "\($0.key)=\($0.command)" }
    }

    public func command(for key: Key) -> C? { bindings.first { $0.key == key }?.command }

    public func keys(for command: C) -> [Key] { bindings.filter { $0.command == command }.map(\.key) }

    /// "esc" or "y", for a hint: the command's first key.
    public func label(_ command: C) -> String? { keys(for: command).first?.description }

    /// One line per bound command: its keys, then what it does.
    public var helpRows: [(keys: String, command: C)] {
        C.allCases.compactMap { command in
            let keys = self.keys(for: command)
            return keys.isEmpty ? nil : (keys.map(\.description).joined(separator: " "), command)
        }
    }
}

/// One keymap per context. `keys.yaml` rebinds the list's commands at its top level and the
/// others under `dialog:`, `overlay:` and `input:`.
public struct Keymap: Sendable, Equatable {
    public var list: Bindings<Command>
    public var dialog: Bindings<DialogCommand>
    public var overlay: Bindings<OverlayCommand>
    public var input: Bindings<InputCommand>

    public var bindings: [(key: Key, command: Command)] { list.bindings }

    public init(
        bindings: [(key: Key, command: Command)], dialog: Bindings<DialogCommand> = Keymap.defaultDialog,
        overlay: Bindings<OverlayCommand> = Keymap.defaultOverlay, input: Bindings<InputCommand> = Keymap.defaultInput
    ) {
        list = Bindings(bindings)
        self.dialog = dialog
        self.overlay = overlay
        self.input = input
    }

    public static let defaults = Keymap(bindings: [
        (.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down),
        (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .top), (.char("g"), .top), (.end, .bottom), (.char("G"), .bottom),
        (.enter, .details), (.char("c"), .cancel), (.char(" "), .mark), (.char("a"), .markAll), (.char("u"), .clearMarks),
        (.char("/"), .search), (.char("s"), .cycleStatus), (.char("S"), .stoppable), (.char("o"), .sort), (.tab, .switchChannel),
        (.char("r"), .refresh), (.char("p"), .pause), (.char("?"), .help), (.char("m"), .messages), (.char("t"), .retryFailed),
        (.char("x"), .dismiss), (.char("q"), .quit),
    ])

    public static let defaultDialog = Bindings<DialogCommand>([
        (.char("y"), .confirm), (.char("n"), .keep), (.escape, .keep), (.char("q"), .keep), (.enter, .press),
        (.tab, .moveFocus), (.backTab, .moveFocus), (.left, .moveFocus), (.right, .moveFocus),
        (.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down), (.pageUp, .pageUp), (.pageDown, .pageDown),
        (.home, .top), (.char("g"), .top), (.end, .bottom), (.char("G"), .bottom),
    ])

    public static let defaultOverlay = Bindings<OverlayCommand>([
        (.escape, .close), (.char("q"), .close), (.enter, .close), (.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down),
        (.pageUp, .pageUp), (.pageDown, .pageDown), (.char(" "), .pageDown), (.home, .top), (.char("g"), .top), (.end, .bottom),
        (.char("G"), .bottom),
    ])

    public static let defaultInput = Bindings<InputCommand>([
        (.enter, .apply), (.escape, .clear), (.backspace, .erase), (.delete, .erase),
    ])

    /// Keys that are also the tail of an escape sequence — `[` and `O` (CSI, SS3), `A`–`D` (the
    /// arrows), digits (parameters) — and reach the console on their own when a slow link splits
    /// an arrow key's bytes beyond the escape delay (Esc, then `[`, then `B`). Nothing that opens
    /// or confirms a cancel may be bound to them: by default nothing is, and keys.yaml refuses it.
    public static func endsSplitSequence(_ key: Key) -> Bool {
        guard case .char(let c) = key else { return false }
        // Arrows end in A–D, Home/End in H/F, shift-tab in Z, F1–F4 in P–S, the rest in ~ after
        // digits and ;.
        return "[O~;PQRSHFZ".contains(c) || ("A"..."D").contains(c) || ("0"..."9").contains(c)
    }

    public func command(for key: Key) -> Command? { list.command(for: key) }

    public func keys(for command: Command) -> [Key] { list.keys(for: command) }

    /// The README's key table (a test fails when the README's copy is stale): every context.
    public func markdownTable(_ catalog: any Catalog) -> String {
        var lines = [catalog.phrase(.keyTableHeader), "|---|---|"]
        func add<C: KeyCommand>(_ context: String?, _ b: Bindings<C>) {
            if let context { lines.append("| | **\(context)** |") }
            for row in b.helpRows {
                lines.append("| \(row.keys.replacingOccurrences(of: "|", with: "\\|")) | \(row.command.help(in: catalog, keys: self)) |")
            }
        }
        add(nil, list)
        add(catalog.phrase(.section(.dialog)), dialog)
        add(catalog.phrase(.section(.overlay)), overlay)
        add(catalog.phrase(.section(.input)), input)
        return lines.joined(separator: "\n")
    }

    /// The list's commands: the first part of help.
    public var helpRows: [(keys: String, command: Command)] { list.helpRows }
}
