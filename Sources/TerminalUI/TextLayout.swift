/// Fitting text into a number of cells. Every width is clamped, so no layout computation can
/// trap on a tiny window (a trap over SSH leaves the terminal in raw mode).
public enum TextLayout {
    /// `text` cut to at most `width` cells, ending in `…` when something was cut. Never splits a
    /// `Character` (a base and its marks, a CJK ideograph, an emoji) across the cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        let width = max(0, width)
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

    /// `text` truncated to `width` and padded with spaces to exactly `width` cells.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let width = max(0, width)
        let cut = truncate(text, to: width)
        let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        return alignRight ? pad + cut : cut + pad
    }

    /// `text` in lines of at most `width` cells, broken at spaces; a word wider than a line (an
    /// id) is broken across lines, never cut. Empty for a width of 0.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(candidate) <= width {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                line = ""
                for character in word {
                    if DisplayWidth.of(line) + DisplayWidth.of(character) > width {
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
