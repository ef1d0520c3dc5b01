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
        var bindings = base.bindings
        for (name, value, keyNode) in try r.mapping(try r.parse(text), "the keymap") {
            guard let command = Command(rawValue: name) else {
                throw r.problem(keyNode, "unknown command \"\(name)\" (\(Command.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var keys: [Key] = []
            if let list = value.sequence {
                for item in list {
                    let keyName = try r.string(item, "a key of \(name)")
                    guard let key = parseKey(keyName) else { throw r.problem(item, "\(name): unknown key \"\(keyName)\"") }
                    keys.append(key)
                }
            } else if value.null != nil {
                keys = []
            } else {
                let keyName = try r.string(value, "the key of \(name)")
                guard let key = parseKey(keyName) else { throw r.problem(value, "\(name): unknown key \"\(keyName)\"") }
                keys = [key]
            }
            // A destructive command never on a bare Enter: Enter already means "press the
            // focused button" and "details", and is too easy to hit.
            if command.isWrite, keys.contains(.enter) {
                throw r.problem(value, "\(name) cannot be bound to a bare enter")
            }
            bindings.removeAll { $0.command == command }
            for key in keys {
                if let clash = bindings.first(where: { $0.key == key }) {
                    bindings.removeAll { $0.key == key }
                    _ = clash
                }
                bindings.append((key, command))
            }
        }
        return Keymap(bindings: bindings)
    }

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
