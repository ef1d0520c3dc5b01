/// Fitting text into a number of cells. Every width is clamped, so no layout computation can
/// trap on a tiny window (a trap over SSH leaves the terminal in raw mode).
public enum TextLayout {
    /// `text` cut to at most `width` cells, ending in `…` when something was cut. Never splits a
    /// `Character` (a base and its marks, a CJK ideograph, an emoji) across the cut.
    /// Right-to-left text is measured shaped (a lam-alef pair is one cell) and cut in logical
    /// order: the ellipsis goes at its logical end (the visual left of an RTL name once reordered)
    /// and its first letters stay.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        let width = max(0, width)
        if Bidi.hasRTL(text) { return truncateShaped(text, to: width, ellipsis: ellipsis) }
        if DisplayWidth.of(text) <= width { return text }
        if width == 0 { return "" }
        let budget = width - DisplayWidth.of(ellipsis)
        var used = 0
        var out = ""
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > budget { break }
            out.append(character)
            used += w
        }
        if budget < 0 { return String(repeating: ".", count: width) }
        out.append(ellipsis)
        return out
    }

    static func truncateShaped(_ text: String, to width: Int, ellipsis: Character) -> String {
        let line = Bidi.Line(text, direction: .auto)
        if line.width <= width { return text }
        if width == 0 { return "" }
        let budget = width - DisplayWidth.of(ellipsis)
        if budget < 0 { return String(repeating: ".", count: width) }
        return Bidi.prefix(text, fitting: budget, line: line) + String(ellipsis)
    }

    /// The cells `text` takes once drawn: right-to-left text shaped first.
    public static func cells(_ text: String) -> Int {
        Bidi.hasRTL(text) ? Bidi.width(text) : DisplayWidth.of(text)
    }

    /// `text` truncated to `width` and padded with spaces to exactly `width` cells.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let width = max(0, width)
        let cut = truncate(text, to: width)
        let pad = String(repeating: " ", count: max(0, width - cells(cut)))
        return alignRight ? pad + cut : cut + pad
    }

    /// `text` in lines of at most `width` cells, broken at spaces; a word wider than a line (an
    /// id) is broken across lines, never cut. Empty for a width of 0.
    /// Right-to-left lines are measured shaped; each line is reordered on its own when drawn.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let rtl = Bidi.hasRTL(text)
        func measure(_ s: String) -> Int { rtl ? Bidi.width(s) : DisplayWidth.of(s) }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if measure(candidate) <= width {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                line = ""
                for character in word {
                    // Widths add up per scalar, so this is the sum of the two for unshaped text.
                    if measure(line + String(character)) > width {
                        if !line.isEmpty { lines.append(line) }
                        line = ""
                    }
                    line.append(character)
                }
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
