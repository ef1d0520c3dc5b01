import TerminalUI

/// How a role looks on a terminal: a colour pair (foreground, background; -1 = the terminal's
/// default) and attributes. The default palettes are compiled in; the themes issue loads them
/// from YAML.
public struct Look: Sendable, Hashable {
    public var fg: Int16 = -1
    public var bg: Int16 = -1
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false

    public init(fg: Int16 = -1, bg: Int16 = -1, bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }
}

public struct Palette: Sendable {
    public var looks: [Role: Look]
    public var fallback = Look()

    public init(_ looks: [Role: Look]) { self.looks = looks }

    public func look(_ role: Role) -> Look {
        if let l = looks[role] { return l }
        // `status.sent` falls back to `status`, then to the default.
        if let dot = role.name.lastIndex(of: "."), let l = looks[Role(String(role.name[..<dot]))] { return l }
        return fallback
    }

    // ncurses colour numbers
    static let black: Int16 = 0, red: Int16 = 1, green: Int16 = 2, yellow: Int16 = 3, blue: Int16 = 4
    static let magenta: Int16 = 5, cyan: Int16 = 6, white: Int16 = 7

    /// The default dark theme: status by word and glyph first, colour as a second cue.
    public static let dark = Palette([
        "header": Look(fg: white, bg: blue), "header.active": Look(fg: yellow, bg: blue, bold: true),
        "badge.sandbox": Look(fg: black, bg: yellow, bold: true), "badge.production": Look(fg: white, bg: red, bold: true),
        "badge.readonly": Look(fg: black, bg: cyan, bold: true),
        "counts": Look(dim: false), "column.header": Look(bold: true, underline: true),
        "row.cancellable": Look(bold: true), "row.dimmed": Look(dim: true), "row.selected": Look(reverse: true),
        "marker": Look(dim: true), "marker.cancellable": Look(fg: green, bold: true),
        "status.scheduled": Look(fg: cyan), "status.queued": Look(fg: cyan), "status.sending": Look(fg: yellow, bold: true),
        "status.sent": Look(fg: green), "status.failed": Look(fg: red), "status.cancelled": Look(fg: magenta),
        "status.draft": Look(dim: true), "status.paused": Look(fg: yellow), "status.archived": Look(dim: true),
        "flash.ok": Look(fg: green, bold: true), "flash.error": Look(fg: red, bold: true),
        "flash.unknown": Look(fg: yellow, bold: true), "flash.info": Look(),
        "dialog": Look(), "dialog.danger": Look(fg: red, bold: true), "dialog.strong": Look(bold: true), "dialog.dim": Look(dim: true),
        "button": Look(), "button.focused": Look(bold: true, reverse: true), "button.focused.danger": Look(fg: white, bg: red, bold: true),
        "help.key": Look(fg: cyan, bold: true), "help.text": Look(), "help.disabled": Look(dim: true),
        "hints": Look(dim: true), "prompt": Look(bold: true),
    ])

    /// No colour at all (NO_COLOR, or a terminal without colours): attributes carry the cues.
    public static let mono = Palette([
        "header": Look(reverse: true), "header.active": Look(bold: true, reverse: true),
        "badge.sandbox": Look(bold: true, reverse: true), "badge.production": Look(bold: true, reverse: true),
        "badge.readonly": Look(bold: true, reverse: true),
        "column.header": Look(bold: true, underline: true), "row.cancellable": Look(bold: true), "row.dimmed": Look(dim: true),
        "row.selected": Look(reverse: true), "marker": Look(dim: true), "marker.cancellable": Look(bold: true),
        "status.sending": Look(bold: true), "status.draft": Look(dim: true),
        "flash.ok": Look(bold: true), "flash.error": Look(bold: true, underline: true), "flash.unknown": Look(bold: true),
        "dialog.danger": Look(bold: true), "dialog.strong": Look(bold: true), "dialog.dim": Look(dim: true),
        "button.focused": Look(bold: true, reverse: true), "button.focused.danger": Look(bold: true, reverse: true),
        "help.key": Look(bold: true), "help.disabled": Look(dim: true), "hints": Look(dim: true), "prompt": Look(bold: true),
    ])
}
