import CampaignConsole
import Foundation
import TerminalUI
import Yams

/// `keys.yaml`: rebinds or unbinds commands.
///
/// ```yaml
/// cancel: [C]          # only capital C cancels
/// mark: [space, x]
/// pause: []            # unbound
/// ```
public enum KeymapFile {
    public static func load(_ path: String, base: Keymap = .defaults) throws(ConfigProblem) -> Keymap {
        guard FileManager.default.fileExists(atPath: path) else { return base }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ConfigProblem(file: path, line: nil, "cannot be read") }
        return try parse(text, file: path, base: base)
    }

    public static func parse(_ text: String, file: String, base: Keymap = .defaults) throws(ConfigProblem) -> Keymap {
        let r = YAMLReader(file: file)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return base }
        var entries: [(command: Command, keys: [Key], node: Node)] = []
        for (name, value, keyNode) in try r.mapping(try r.parse(text), "the keymap") {
            guard let command = Command(rawValue: name) else {
                throw r.problem(keyNode, "unknown command \"\(name)\" (\(Command.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var keys: [Key] = []
            let items = value.sequence.map(Array.init) ?? (value.null != nil ? [] : [value])
            for item in items {
                let keyName = try r.string(item, "a key of \(name)")
                guard let key = parseKey(keyName) else { throw r.problem(item, "\(name): unknown key \"\(keyName)\"") }
                // What the terminal sends for these is another key: such a binding never fires.
                if case .ctrl(let c) = key, let arrives = Self.arrivesAs[c] {
                    throw r.problem(item, "\(name): \(keyName) reaches the console as \(arrives), so it can never fire")
                }
                if !keys.contains(key) { keys.append(key) }
            }
            // A destructive command never on a bare Enter (it already means "press the focused
            // button" and "details", and is too easy to hit), nor on the dialog's own confirm key:
            // `cancel: [y]` would make `y y` open and confirm a cancel.
            if command.isWrite, keys.contains(.enter) {
                throw r.problem(value, "\(name) cannot be bound to a bare enter")
            }
            if command.isWrite, keys.contains(.char("y")) {
                throw r.problem(value, "\(name) cannot be bound to y: y confirms the cancel dialog, so y y would open and confirm one")
            }
            entries.append((command, keys, value))
        }
        // A key taken from another command is an error at its line, never a silent move: the
        // other command would lose its key without a word.
        let rebound = Set(entries.map(\.command))
        var bindings = base.bindings.filter { !rebound.contains($0.command) }
        for entry in entries {
            for key in entry.keys {
                if let other = bindings.first(where: { $0.key == key }) {
                    throw r.problem(entry.node, "\(entry.command.rawValue): \(key.description) is already the key of \(other.command.rawValue); give \(other.command.rawValue) other keys in this file first")
                }
                bindings.append((key, entry.command))
            }
        }
        return Keymap(bindings: bindings)
    }

    /// Control keys a terminal sends as another key (ASCII BS, TAB, LF, CR).
    static let arrivesAs: [Character: String] = ["h": "backspace", "i": "tab", "j": "enter", "m": "enter"]

    public static func parseKey(_ raw: String) -> Key? {
        let name = raw.trimmingCharacters(in: .whitespaces)
        let lower = name.lowercased()
        switch lower {
        case "space": return .char(" ")
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "pageup": return .pageUp
        case "pgdn", "pagedown": return .pageDown
        case "home": return .home
        case "end": return .end
        case "enter", "return": return .enter
        case "esc", "escape": return .escape
        case "tab": return .tab
        case "shift-tab", "backtab": return .backTab
        case "backspace": return .backspace
        case "delete", "del": return .delete
        default: break
        }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter { return .ctrl(c) }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
        if name.count == 1, let c = name.first, !c.isWhitespace { return .char(c) }
        return nil
    }
}
