/// A screen's worth of cells. Views render into it; the terminal edge draws the difference
/// between two buffers. Every coordinate and width is clamped: nothing here can trap, whatever
/// the window size.
public struct Buffer: Hashable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public internal(set) var cells: [Cell]
    /// Where the hardware cursor goes (screen readers follow it): the selected row, the prompt.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set {
            cursorX = newValue.map { Swift.max(0, Swift.min(mirrored ? width - 1 - $0.x : $0.x, width - 1)) }
            cursorY = newValue.map { Swift.max(0, Swift.min($0.y, height - 1)) } ?? 0
        }
    }
    private var cursorX: Int?
    private var cursorY = 0
    /// The terminal draws ASCII only: every other character written is replaced by visible ASCII
    /// (server text arrives already escaped; this catches the product's own dashes and marks).
    public let ascii: Bool
    /// Who reorders right-to-left text: in `app` mode `put` writes each field in visual order,
    /// shaped; otherwise in logical order, for the terminal (or nobody) to reorder.
    public let bidi: BidiMode
    /// A right-to-left screen: views lay out as always, from the start of a line, and the start
    /// is the right edge. Each field keeps its own text's visual order (`Buffer+Mirror.swift`).
    public let mirrored: Bool

    public init(width: Int, height: Int, ascii: Bool = false, bidi: BidiMode = .app, mirrored: Bool = false) {
        self.ascii = ascii
        self.bidi = bidi
        self.mirrored = mirrored
        self.width = Swift.max(0, width)
        self.height = Swift.max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: Buffer, b: Buffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursorX == b.cursorX && a.cursorY == b.cursorY
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(cells)
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` at (x, y), at most `maxWidth` cells, clipped to the buffer. Returns the
    /// number of cells written. Control characters are never written (they become `?`): the
    /// sanitiser runs before, this is the last line of defence. In `app` bidi mode the text is
    /// one field, written in visual order with `direction` as its paragraph direction.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, role: Role = .plain, maxWidth: Int? = nil, direction: TextDirection = .auto
    ) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        if mirrored { return putMirrored(text, x: x, y: y, role: role, maxWidth: maxWidth, direction: direction) }
        let limit = Swift.min(width, maxWidth.map { x + Swift.max(0, $0) } ?? width)
        let text = bidi == .app ? Self.visual(text, cells: limit - x, direction: direction) : text
        var col = x
        for character in text {
            var safe = Self.capped(character)
            if Self.isControl(character) { safe = "?" }
            if ascii && !safe.isASCII {
                let w = DisplayWidth.of(safe)
                if w == 0 { continue }
                col += put(Sanitizer.asciiFallback(safe, width: w), x: col, y: y, role: role, maxWidth: limit - col)
                if col >= limit { break }
                continue
            }
            let w = DisplayWidth.of(safe)
            if w > 2 {
                // One grapheme the terminal would draw over more than two cells (an emoji with
                // hundreds of modifiers): no cell can hold it, so it is shown as visible escapes,
                // which the width limit cuts like any text. A cell's width never exceeds 2.
                let escaped = safe.unicodeScalars.map { "\\u{" + String($0.value, radix: 16, uppercase: true) + "}" }.joined()
                col += put(escaped, x: col, y: y, role: role, maxWidth: limit - col)
                if col >= limit { break }
                continue
            }
            if w == 0 {
                // A mark without a base of its own joins the previous cell.
                if col > x, col - 1 < limit, col - 1 >= 0 {
                    let i = y * width + col - 1
                    if cells[i].width > 0 { cells[i].text = Self.capped(cells[i].text + String(safe)) }
                }
                continue
            }
            if col + w > limit { break }
            if col >= 0 {
                clearWide(at: col, y: y)
                cells[y * width + col] = Cell(String(safe), role: role, width: UInt8(w))
                if w == 2 {
                    clearWide(at: col + 1, y: y)
                    cells[y * width + col + 1] = Cell("", role: role, width: 0)
                }
            }
            col += w
        }
        return Swift.max(0, col - x)
    }

    /// Never written to a cell: C0 and C1 controls, invisible and reordering characters.
    static func isControl(_ character: Character) -> Bool {
        character.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || Sanitizer.isInvisibleOrReordering($0.value) }
    }

    /// `text` in visual order, at most `cells` wide. The cut is made in logical order before
    /// reordering (cutting the visual end would drop an RTL text's start), and the characters
    /// that become `?` become it first, so an override or isolate cannot reorder what is shown.
    static func visual(_ text: String, cells: Int, direction: TextDirection) -> String {
        guard Bidi.hasRTL(text) else { return text }
        var logical = text
        if text.contains(where: isControl) { logical = String(text.map { isControl($0) ? "?" : $0 }) }
        let line = Bidi.Line(logical, direction: direction)
        if line.width <= cells { return line.visual }
        return Bidi.visual(Bidi.prefix(logical, fitting: Swift.max(0, cells), line: line), direction: direction)
    }

    /// At most this many combining marks stay on one cell: a "Zalgo" name of hundreds of stacked
    /// marks costs no more to draw than a plain one, and stays recognisable.
    public static let maxMarks = 8

    static func capped(_ character: Character) -> Character {
        guard character.unicodeScalars.count > maxMarks + 1 else { return character }
        let kept = capped(String(character))
        // Dropping marks never splits a cluster; if it ever did, the base alone is shown.
        return kept.count == 1 ? kept.first! : Character(character.unicodeScalars.first!)
    }

    static func capped(_ text: String) -> String {
        guard text.unicodeScalars.count > maxMarks + 1 else { return text }
        var kept = String.UnicodeScalarView()
        var marks = 0
        for scalar in text.unicodeScalars {
            if Sanitizer.isCombining(scalar) {
                marks += 1
                if marks > maxMarks { continue }
            }
            kept.append(scalar)
        }
        return String(kept)
    }

    /// Fills a rectangle with blanks of `role`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: Role = .plain) {
        let x = mirrored ? width - x - w : x
        for row in Swift.max(0, y)..<Swift.max(Swift.max(0, y), Swift.min(height, y + h)) {
            // A wide glyph cut by either edge goes whole: its other half would draw over the edge.
            if w > 0 {
                clearWide(at: Swift.max(0, x), y: row)
                clearWide(at: Swift.min(width, x + w) - 1, y: row)
            }
            for col in Swift.max(0, x)..<Swift.max(Swift.max(0, x), Swift.min(width, x + w)) {
                cells[row * width + col] = Cell(" ", role: role)
            }
        }
    }

    /// Sets the role of every cell in a span (for a highlighted row).
    public mutating func paint(x: Int, y: Int, width w: Int, role: Role) {
        guard y >= 0, y < height else { return }
        let x = mirrored ? width - x - w : x
        for col in Swift.max(0, x)..<Swift.max(Swift.max(0, x), Swift.min(width, x + w)) {
            cells[y * width + col].role = role
        }
    }

    /// Overwriting half of a wide character leaves a blank in the other half, never half a glyph.
    mutating func clearWide(at col: Int, y: Int) {
        guard col >= 0, col < width else { return }
        let i = y * width + col
        if cells[i].width == 0, col > 0 { cells[i - 1] = Cell(" ", role: cells[i - 1].role) }
        if cells[i].width == 2, col + 1 < width { cells[i + 1] = Cell(" ", role: cells[i].role) }
    }

    /// The rows as plain text (wide characters once, continuations skipped): for tests and the
    /// golden snapshots.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where self[x, y].width > 0 { line += self[x, y].text }
            return line
        }
    }

    /// The cells that differ from `old`, as runs of consecutive cells on one row with one role.
    public func changes(since old: Buffer?) -> [Run] {
        var runs: [Run] = []
        let full = old == nil || old!.width != width || old!.height != height
        for y in 0..<height {
            var x = 0
            while x < width {
                let i = y * width + x
                if !full && old!.cells[i] == cells[i] {
                    x += 1
                    continue
                }
                let role = cells[i].role
                var text = ""
                var start = x
                if cells[i].width == 0, x > 0 { start = x - 1 }  // redraw a wide glyph whole
                var col = start
                while col < width {
                    let c = cells[y * width + col]
                    if col > x && (c.role != role || (!full && old!.cells[y * width + col] == c && c.width != 0)) { break }
                    if c.width > 0 { text += c.text }
                    col += 1
                }
                runs.append(Run(x: start, y: y, text: text, role: role, cells: col - start))
                x = col
            }
        }
        return runs
    }

    public struct Run: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public var text: String
        public var role: Role
        public var cells: Int
    }
}
