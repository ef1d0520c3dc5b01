import CampaignConsole
import Foundation
import TerminalUI
import Yams

/// `keys.yaml`: rebinds or unbinds commands, one keymap per context.
///
/// ```yaml
/// cancel: [ctrl-x]     # only ctrl-x cancels
/// mark: [space, x]
/// pause: []            # unbound
/// dialog:
///   confirm: [Y]       # the cancel dialog confirms on capital Y only
/// overlay:
///   close: [esc, q]
/// input:
///   apply: [enter]
/// ```
public enum KeymapFile {
    public static func load(_ path: String, base: Keymap = .defaults) throws(ConfigProblem) -> Keymap {
        guard FileManager.default.fileExists(atPath: path) else { return base }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ConfigProblem(file: path, line: nil, "cannot be read") }
        return try parse(text, file: path, base: base)
    }

    static let sections = ["dialog", "overlay", "input"]

    public static func parse(_ text: String, file: String, base: Keymap = .defaults) throws(ConfigProblem) -> Keymap {
        let r = YAMLReader(file: file)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return base }
        var keymap = base
        var listEntries: [(String, Node, Node)] = []
        var dialogNode: Node?
        for (name, value, keyNode) in try r.mapping(try r.parse(text), "the keymap") {
            switch name {
            case "dialog":
                dialogNode = value
                keymap.dialog = try section(r, try r.mapping(value, "dialog"), base: base.dialog, context: "dialog")
            case "overlay": keymap.overlay = try section(r, try r.mapping(value, "overlay"), base: base.overlay, context: "overlay")
            case "input": keymap.input = try section(r, try r.mapping(value, "input"), base: base.input, context: "input")
            default: listEntries.append((name, value, keyNode))
            }
        }
        keymap.list = try section(r, listEntries, base: base.list, context: nil)
        // A key that opens a cancel must not also confirm one: `cancel: [y]` would make `y y`
        // open and confirm it.
        for write in Command.allCases where write.isWrite {
            for key in keymap.list.keys(for: write) where keymap.dialog.command(for: key) == .confirm {
                throw r.problem(listEntries.first { $0.0 == write.rawValue }?.1 ?? dialogNode, "\(write.rawValue) cannot be bound to \(key.description): \(key.description) confirms the cancel dialog, so \(key.description) \(key.description) would open and confirm one")
            }
        }
        return keymap
    }

    /// One context's bindings: the named commands get exactly the keys given; a key taken from
    /// another command of the same context is an error at its line, never a silent move.
    static func section<C: KeyCommand>(
        _ r: YAMLReader, _ entries: [(key: String, value: Node, keyNode: Node)], base: Bindings<C>, context: String?
    ) throws(ConfigProblem) -> Bindings<C> {
        let prefix = context.map { "\($0): " } ?? ""
        var parsed: [(command: C, keys: [Key], node: Node)] = []
        for (name, value, keyNode) in entries {
            guard let command = C(rawValue: name) else {
                let known = C.allCases.map(\.rawValue) + (context == nil ? sections.map { "\($0): {…}" } : [])
                throw r.problem(keyNode, "\(prefix)unknown command \"\(name)\" (\(known.joined(separator: ", ")))")
            }
            var keys: [Key] = []
            let items = value.sequence.map(Array.init) ?? (value.null != nil ? [] : [value])
            for item in items {
                let keyName = try r.string(item, "a key of \(name)")
                guard let key = parseKey(keyName) else { throw r.problem(item, "\(prefix)\(name): unknown key \"\(keyName)\"") }
                // What the terminal sends for these is another key: such a binding never fires.
                if case .ctrl(let c) = key, let arrives = Self.arrivesAs[c] {
                    throw r.problem(item, "\(prefix)\(name): \(keyName) reaches the console as \(arrives), so it can never fire")
                }
                // In a dialog the digits are the typed count.
                if context == "dialog", case .char(let c) = key, c.isNumber {
                    throw r.problem(item, "\(prefix)\(name): \(keyName) is typed as the count to confirm, so it cannot be bound here")
                }
                // A slow link can split an arrow key into Esc, `[`, `B`: the tail of such a
                // sequence must never open or confirm a cancel.
                if command.isWrite || context == "dialog" && name == DialogCommand.press.rawValue, Keymap.endsSplitSequence(key) {
                    throw r.problem(item, "\(prefix)\(name): \(keyName) also arrives alone when a slow link splits an arrow key (esc [ B), so it cannot \(context == "dialog" ? "confirm a cancel" : "open a cancel")")
                }
                if !keys.contains(key) { keys.append(key) }
            }
            // A destructive command never on a bare Enter (it already means "press the focused
            // button" and "details", and is too easy to hit).
            if command.isWrite, keys.contains(.enter) {
                throw r.problem(value, "\(prefix)\(name) cannot be bound to a bare enter")
            }
            parsed.append((command, keys, value))
        }
        let rebound = Set(parsed.map(\.command))
        var bindings = base.bindings.filter { !rebound.contains($0.command) }
        for entry in parsed {
            for key in entry.keys {
                if let other = bindings.first(where: { $0.key == key }) {
                    throw r.problem(entry.node, "\(prefix)\(entry.command.rawValue): \(key.description) is already the key of \(other.command.rawValue); give \(other.command.rawValue) other keys in this file first")
                }
                bindings.append((key, entry.command))
            }
        }
        return Bindings(bindings)
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
