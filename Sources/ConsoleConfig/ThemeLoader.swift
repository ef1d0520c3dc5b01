import CampaignConsole
import Foundation
import TerminalUI
import Yams

/// Themes from YAML: a palette, then styles by role, then optional mono styles.
public enum ThemeLoader {
    public static let attributes: Set<String> = ["bold", "dim", "underline", "reverse", "italic"]

    /// Parses a theme; every problem names the file and the line.
    public static func parse(_ text: String, file: String) throws(ConfigProblem) -> Theme {
        let r = YAMLReader(file: file)
        let root = try r.parse(text)
        var name = (file as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
        var palette: [String: ThemeColor] = [:]
        var rolesNode: Node?
        var monoNode: Node?
        for (key, value, keyNode) in try r.mapping(root, "a theme") {
            switch key {
            case "name": name = try r.string(value, "name")
            case "description": _ = try r.string(value, "description")
            case "palette":
                for (colorName, colorValue, _) in try r.mapping(value, "palette") {
                    let text = try r.string(colorValue, "palette colour \(colorName)")
                    guard let color = ThemeColor(name: text) else {
                        throw r.problem(colorValue, "palette colour \(colorName): \"\(text)\" is not a colour (a name, 0-255 or #rrggbb)")
                    }
                    palette[colorName] = color
                }
            case "roles": rolesNode = value
            case "mono": monoNode = value
            default: throw r.problem(keyNode, "unknown key \"\(key)\" (expected name, description, palette, roles, mono)")
            }
        }
        guard let rolesNode else { throw ConfigProblem(file: file, line: nil, "a theme needs `roles:`") }
        let roles = try styles(rolesNode, palette: palette, reader: r)
        let mono = try monoNode.map { node throws(ConfigProblem) in try styles(node, palette: palette, reader: r, colours: false) } ?? [:]
        return Theme(name: name, roles: roles, mono: mono)
    }

    static func styles(_ node: Node, palette: [String: ThemeColor], reader r: YAMLReader, colours: Bool = true)
        throws(ConfigProblem) -> [String: Style]
    {
        var out: [String: Style] = [:]
        let known = Set(Roles.all)
        for (role, value, keyNode) in try r.mapping(node, "roles") {
            guard known.contains(role) else {
                throw r.problem(keyNode, "unknown role \"\(role)\" (known: \(Roles.all.joined(separator: ", ")))")
            }
            var style = Style()
            for (field, v, fieldNode) in try r.mapping(value, "the style of \(role)") {
                switch field {
                case "fg", "bg":
                    guard colours else { throw r.problem(fieldNode, "mono styles take attrs only, not \(field)") }
                    let text = try r.string(v, "\(role).\(field)")
                    guard let color = palette[text] ?? ThemeColor(name: text) else {
                        throw r.problem(v, "\(role).\(field): \"\(text)\" is not a colour or a palette name")
                    }
                    if field == "fg" { style.fg = color } else { style.bg = color }
                case "attrs":
                    guard let list = v.sequence else { throw r.problem(v, "\(role).attrs must be a list, e.g. [bold, underline]") }
                    for item in list {
                        let a = try r.string(item, "\(role).attrs")
                        guard attributes.contains(a) else {
                            throw r.problem(item, "\(role).attrs: unknown attribute \"\(a)\" (bold, dim, underline, reverse, italic)")
                        }
                        switch a {
                        case "bold": style.bold = true
                        case "dim": style.dim = true
                        case "underline": style.underline = true
                        case "reverse": style.reverse = true
                        default: style.italic = true
                        }
                    }
                default:
                    throw r.problem(fieldNode, "\(role): unknown field \"\(field)\" (fg, bg, attrs)")
                }
            }
            out[role] = style
        }
        return out
    }

    /// The theme called `name`: the user's directory first, then the shipped `themes/`, then the
    /// compiled-in default. A broken file is reported and the default is used.
    public static func load(name: String, paths: Paths) -> (Theme, ConfigProblem?) {
        for dir in paths.themeDirectories {
            let file = dir + "/" + name + ".yaml"
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            do {
                return (try parse(text, file: file), nil)
            } catch {
                return (builtIn, error)
            }
        }
        if name == "default" { return (builtIn, nil) }
        return (builtIn, ConfigProblem(file: name, line: nil, "no theme \"\(name)\" in \(paths.themeDirectories.joined(separator: ", "))"))
    }

    /// The default theme, compiled in so the binary runs without the `themes/` folder.
    public static let builtIn: Theme = {
        do { return try parse(DefaultThemeText.yaml, file: "built-in default") } catch { return Theme(name: "default", roles: [:]) }
    }()
}
