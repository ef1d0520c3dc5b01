/// The one sanitiser. Every string that came from a server passes through here before it reaches
/// any output meant for a person: console cells, CLI tables, error lines, log lines.
///
/// It works on Unicode scalars, never on `Character`s, because Swift groups "\r\n" into one
/// `Character` and a check on characters would miss the CR. Hostile input is made *visible*
/// (`\e[2J`, `\u{202E}`), not deleted, so an operator notices that something is odd; a literal
/// backslash is doubled so that the text `\e` can never be confused with a real ESC.
public enum Sanitizer {
    /// Returns `text` as a single line that is safe to write to a terminal.
    /// - Parameter maxScalars: input beyond this many scalars is dropped and marked with `…`,
    ///   so a hostile megabyte-long name cannot stall rendering.
    /// - Parameter ascii: the terminal cannot draw anything but ASCII (`LANG=C`): every other
    ///   scalar is shown as a visible `\u{…}` escape, so no name is ever blank.
    public static func sanitize(_ text: String, maxScalars: Int = 4096, ascii: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        var previousWasEscape = true  // a combining mark at the very start has no base either
        for scalar in text.unicodeScalars {
            if count == maxScalars {
                out.append("…")
                break
            }
            count += 1
            if let escaped = escape(scalar) ?? (ascii && !scalar.isASCII ? asciiSpelling(scalar) : nil) {
                out.append(contentsOf: escaped.unicodeScalars)
                previousWasEscape = true
                continue
            }
            if previousWasEscape, isCombining(scalar) {
                // A mark with no base of its own would fuse with whatever precedes it on screen.
                out.append("\u{25CC}")
            }
            out.append(scalar)
            previousWasEscape = false
        }
        return spellOutWideGraphemes(String(out))
    }

    /// A grapheme the terminal would draw over more than two cells (a skin-tone sequence, a run
    /// of Hangul jamo: ncurses and tmux give each of its scalars cells of its own) is spelled out
    /// as escapes here, before any layout, so truncation and columns count what will be drawn.
    static func spellOutWideGraphemes(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x300 }) else { return text }
        guard text.contains(where: { DisplayWidth.of($0) > 2 }) else { return text }
        var out = ""
        for character in text {
            if DisplayWidth.of(character) > 2 {
                out += character.unicodeScalars.map { "\\u{" + hex($0.value, digits: 4) + "}" }.joined()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A scalar an ASCII-only terminal cannot draw: the usual ASCII stand-in for punctuation
    /// (dashes, ellipsis, quotes, the product's marks), else the visible `\u{…}` escape.
    public static func asciiSpelling(_ scalar: Unicode.Scalar) -> String {
        asciiStandIn(scalar) ?? "\\u{" + hex(scalar.value, digits: 4) + "}"
    }

    /// What an ASCII-only terminal shows for a character of the product's own text: its stand-in,
    /// or one `?` per cell it would have taken — never a blank.
    public static func asciiFallback(_ character: Character, width: Int) -> String {
        if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first, let standIn = asciiStandIn(scalar) {
            return String(standIn.prefix(max(1, width)))  // the cells the layout gave it, no more
        }
        return String(repeating: "?", count: max(1, width))
    }

    static func asciiStandIn(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "—", "–", "─", "━": return "-"
        case "…": return "..."
        case "·", "•": return "."
        case "│", "┃": return "|"
        case "┌", "┐", "└", "┘": return "+"
        case "‘", "’": return "'"
        case "“", "”": return "\""
        case "✓", "✔": return "v"
        case "✗", "✘", "×": return "x"
        case "▶", "→": return ">"
        case "←": return "<"
        // Arrow keys in hints and help.
        case "↑": return "^"
        case "↓": return "v"
        case "≈": return "~"
        default: return nil
        }
    }

    /// True when `scalar` is never written raw to a terminal.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        escape(scalar) != nil && scalar != "\\"
    }

    /// The visible escape for an unsafe scalar, or nil when it may be written as is.
    static func escape(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x5C: return "\\\\"
        case 0x1B: return "\\e"
        case 0x0D: return "\\r"
        case 0x0A: return "\\n"
        case 0x09: return "\\t"
        case 0x08: return "\\b"
        case 0x07: return "\\a"
        case 0x00: return "\\0"
        case 0x01...0x1F, 0x7F: return "\\x" + hex(v, digits: 2)
        case 0x80...0x9F: return "\\u{" + hex(v, digits: 2) + "}"
        default: break
        }
        if isInvisibleOrReordering(v) || (v >= 0x300 && isUndrawable(scalar)) { return "\\u{" + hex(v, digits: 4) + "}" }
        return nil
    }

    /// Characters whose width the terminal and this program cannot agree on, so drawing them raw
    /// would misalign columns or leave stale glyphs: ncurses and tmux count cells with the C
    /// library's `wcwidth`, whose tables stop at the Unicode version of the C library (14.0 in
    /// glibc 2.35–2.39: anything newer is -1 there), count a regional indicator as one cell where
    /// a flag is drawn as two, and give prepended concatenation marks (U+0600…) a cell of their own
    /// while Swift joins them to the next character. These are shown as escapes instead.
    static func isUndrawable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x1F1E6...0x1F1FF,  // regional indicators (flags)
             0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:  // prepended concatenation marks
            return true
        case 0xE000...0xF8FF, 0xF0000...0x10FFFF:  // private use: no Unicode age, drawn by the font
            return false
        default:
            guard let age = scalar.properties.age else { return true }  // unassigned
            return age.major > 14
        }
    }

    /// Bidi controls, zero-width and invisible characters, separators and tags: characters that
    /// reorder or hide text (Trojan Source, CVE-2021-42574) rather than draw it.
    static func isInvisibleOrReordering(_ v: UInt32) -> Bool {
        switch v {
        case 0x00AD,  // soft hyphen
             0x034F,  // combining grapheme joiner
             0x061C,  // Arabic letter mark
             0x115F, 0x1160, 0x3164, 0xFFA0,  // Hangul fillers
             0x17B4, 0x17B5, 0x180E,
             0x200B...0x200F,  // zero-width space/non-joiner/joiner, LRM, RLM
             0x2028...0x202E,  // line/paragraph separators, embeddings and overrides
             0x2060...0x206F,  // word joiner, invisible operators, isolates, deprecated formats
             0xFEFF,  // BOM / zero-width no-break space
             0xFFF9...0xFFFB,  // interlinear annotations
             0xFFFE, 0xFFFF,
             0x1D173...0x1D17A,  // musical formatting
             0xE0000...0xE007F:  // tag characters ("ASCII smuggling")
            return true
        default:
            return false
        }
    }

    static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    static func hex(_ v: UInt32, digits: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }
}
