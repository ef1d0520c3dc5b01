/// A colour as a theme names it.
public enum ThemeColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// 0–15: the ANSI colours (8–15 the bright ones).
    case ansi(Int)
    /// 0–255: the xterm 256-colour palette.
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `red`, `bright-blue`, `default`, `208`, `#ff8800`.
    public init?(name raw: String) {
        let text = String(raw.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()).lowercased()
        if text == "default" || text == "none" {
            self = .default
        } else if let i = Self.names.firstIndex(of: text) {
            self = .ansi(i)
        } else if text.hasPrefix("bright-") || text.hasPrefix("bright_"), let i = Self.names.firstIndex(of: String(text.dropFirst(7))) {
            self = .ansi(i + 8)
        } else if let n = Int(text), (0...255).contains(n) {
            self = .indexed(n)
        } else if text.hasPrefix("#"), text.count == 7, let v = UInt32(text.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        } else {
            return nil
        }
    }

    /// The colour as the terminal can show it: an ncurses colour number (an RGB value on a
    /// direct-colour terminal), -1 for the default, or nil when it has no colour at all.
    public func number(for depth: ColorDepth) -> Int32? {
        switch depth {
        case .mono: return nil
        case .direct:
            let (r, g, b) = rgb
            if case .default = self { return -1 }
            return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        case .c256:
            switch self {
            case .default: return -1
            case .ansi(let n), .indexed(let n): return Int32(n)
            case .rgb(let r, let g, let b): return Int32(Self.nearest256(r, g, b))
            }
        case .c16, .c8:
            let limit = depth == .c16 ? 16 : 8
            switch self {
            case .default: return -1
            case .ansi(let n) where n < limit: return Int32(n)
            case .ansi(let n): return Int32(n - 8)
            default:
                let (r, g, b) = rgb
                return Int32(Self.nearestANSI(r, g, b, count: limit))
            }
        }
    }

    /// A grey between black and white (little difference between its channels), given by RGB
    /// or a 256-colour index; the named ANSI colours are what the theme asked for.
    public var isMidGrey: Bool {
        switch self {
        case .default, .ansi: return false
        case .rgb, .indexed:
            let (r, g, b) = rgb
            let hi = max(r, g, b), lo = min(r, g, b)
            return Int(hi) - Int(lo) < 40 && hi > 60 && lo < 200
        }
    }

    /// The colour's RGB value (the xterm palette for numbered colours).
    public var rgb: (UInt8, UInt8, UInt8) {
        switch self {
        case .default: return (0, 0, 0)
        case .rgb(let r, let g, let b): return (r, g, b)
        case .ansi(let n): return Self.ansiRGB[max(0, min(15, n))]
        case .indexed(let n):
            if n < 16 { return Self.ansiRGB[n] }
            if n >= 232 {
                let v = UInt8(8 + (n - 232) * 10)
                return (v, v, v)
            }
            let i = n - 16
            let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        }
    }

    static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr * 3 + dg * dg * 4 + db * db * 2
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        (16...255).min { distance(ThemeColor.indexed($0).rgb, (r, g, b)) < distance(ThemeColor.indexed($1).rgb, (r, g, b)) } ?? 7
    }

    static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> Int {
        (0..<count).min { distance(ansiRGB[$0], (r, g, b)) < distance(ansiRGB[$1], (r, g, b)) } ?? 7
    }
}

/// What the terminal can show, best first.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    case mono = 0, c8 = 8, c16 = 16, c256 = 256, direct = 16_777_216

    /// From ncurses' COLORS (and whether the user or NO_COLOR turned colour off).
    public init(colors: Int, enabled: Bool) {
        guard enabled, colors >= 8 else {
            self = .mono
            return
        }
        self = colors >= 16_777_216 ? .direct : colors >= 256 ? .c256 : colors >= 16 ? .c16 : .c8
    }

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}

/// How one role looks.
public struct Style: Hashable, Sendable {
    public var fg: ThemeColor = .default
    public var bg: ThemeColor = .default
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false
    public var italic = false

    public init(fg: ThemeColor = .default, bg: ThemeColor = .default, bold: Bool = false, dim: Bool = false,
                underline: Bool = false, reverse: Bool = false, italic: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
        self.italic = italic
    }

    /// Without colour, only the attributes remain.
    public var attributesOnly: Style { Style(bold: bold, dim: dim, underline: underline, reverse: reverse, italic: italic) }

    /// The style as a terminal of `depth` can show it, degraded by meaning: on 8 or 16 colours a
    /// grey (a "muted" foreground: dimmed rows, markers, hints) would land on the nearest hue —
    /// yellow, for #8a8a8a — and read as a warning. It becomes bright-black on 16 colours and the
    /// terminal's own colour, dimmed, on 8. Every other colour keeps its nearest match.
    public func at(_ depth: ColorDepth) -> Style {
        guard depth == .c8 || depth == .c16, fg.isMidGrey else { return self }
        var s = self
        if depth == .c16 {
            s.fg = .ansi(8)
        } else {
            s.fg = .default
            s.dim = true
        }
        return s
    }
}

/// A theme: styles by role. An unnamed role falls back to its parent (`status.sent` →
/// `status`), then to the terminal's plain text.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var roles: [String: Style]
    /// Used when colours are off (NO_COLOR, --no-color, a terminal without colour): the theme's
    /// own mono styles where it has them, else its attributes.
    public var mono: [String: Style]

    public init(name: String, roles: [String: Style], mono: [String: Style] = [:]) {
        self.name = name
        self.roles = roles
        self.mono = mono
    }

    public func style(_ role: Role, colors: Bool) -> Style {
        var name = Substring(role.name)
        while true {
            if !colors, let s = mono[String(name)] { return s }
            if let s = roles[String(name)] { return colors ? s : s.attributesOnly }
            guard let dot = name.lastIndex(of: ".") else { return Style() }
            name = name[..<dot]
        }
    }
}
