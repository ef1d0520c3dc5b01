extension Buffer {
    /// `put` on a mirrored (right-to-left) screen. `x` counts from the right edge: the field
    /// takes the cells from `width - x - n` to `width - x`, where `n` is the cells its text
    /// takes, so a field hugs the start (right) of its column. Inside, the text is written as on
    /// any screen — in its own visual order, cut in logical order to the room it has — so an
    /// Arabic name reads right to left and an id, a URL, a time, a Latin name still left to right.
    mutating func putMirrored(
        _ text: String, x: Int, y: Int, role: Role, maxWidth: Int?, direction: TextDirection
    ) -> Int {
        // No view puts a field before the line's start; one that did would be drawn from its
        // own start at the right edge (a left-to-right `put` keeps its tail instead).
        let start = Swift.max(0, x)
        let limit = Swift.min(width, maxWidth.map { x + Swift.max(0, $0) } ?? width)
        let room = limit - start
        guard room > 0 else { return 0 }
        // The field drawn on a row of its own, left to right: every rule of `put` applies.
        var row = Buffer(width: room, height: 1, ascii: ascii, bidi: bidi)
        let n = row.put(text, x: 0, y: 0, role: role, maxWidth: room, direction: direction)
        guard n > 0 else { return 0 }
        let left = width - start - n
        for i in 0..<n { clearWide(at: left + i, y: y) }
        for i in 0..<n { cells[y * width + left + i] = row.cells[i] }
        // A wide glyph cut in two at the field's left edge by what was there before.
        if left > 0, cells[y * width + left - 1].width == 2 { cells[y * width + left - 1] = Cell(" ", role: cells[y * width + left - 1].role) }
        return n
    }
}
