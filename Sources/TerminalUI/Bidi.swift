import CFriBidi

/// A field's paragraph direction. `auto`: the first strong character decides, LTR when there is none.
public enum TextDirection: Sendable, Hashable { case auto, ltr, rtl }

/// Who puts right-to-left text in visual order: the console (`app`, with GNU FriBidi, the
/// terminal's own bidi switched off), the terminal (`terminal`: cells are written in logical
/// order for it to reorder), or nobody (`off`).
public enum BidiMode: String, Sendable, Hashable, CaseIterable { case app, terminal, off }

/// The Unicode Bidirectional Algorithm and Arabic shaping, by GNU FriBidi, one field at a time:
/// a terminal cell holds one character, so a field must arrive in visual order, already shaped
/// (presentation forms), or an Arabic name reads backwards and unjoined.
public enum Bidi {
    /// `text` (logical order) shaped (Arabic joining forms / presentation forms, lam-alef
    /// ligatures; no FriBidi fill characters left in the output) and in visual order, left to
    /// right as cells are written. Text without any RTL character comes back unchanged (fast
    /// path, no C call).
    public static func visual(_ text: String, direction: TextDirection = .auto) -> String {
        guard hasRTL(text) else { return text }
        return Line(text, direction: direction).visual
    }

    /// Shaped but still in logical order (for measuring widths).
    public static func shaped(_ text: String) -> String {
        guard hasRTL(text) else { return text }
        return Line(text, direction: .auto).clusters.joined()
    }

    /// True when the text holds a character of bidi class R, AL or AN (cheap scalar check first).
    public static func hasRTL(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where scalar.value >= 0x590 && mayBeRTL(scalar.value) {
            if cfb_is_rtl_class(scalar.value) != 0 { return true }
        }
        return false
    }

    /// The cells `text` takes once drawn: its shaped form's width (a lam-alef pair is one cell).
    public static func width(_ text: String) -> Int { hasRTL(text) ? Line(text, direction: .auto).width : DisplayWidth.of(text) }

    /// The longest start of `text` (whole characters, logical order) whose shaped form takes at
    /// most `width` cells: what survives a cut, so an RTL name keeps its first letters.
    public static func prefix(_ text: String, fitting width: Int) -> String {
        prefix(text, fitting: width, line: Line(text, direction: .auto))
    }

    /// `prefix(_:fitting:)` of the text `line` was made from.
    static func prefix(_ text: String, fitting width: Int, line: Line) -> String {
        let widths = line.widths
        var count = 0
        var used = 0
        while count < widths.count, used + widths[count] <= width {
            used += widths[count]
            count += 1
        }
        // A cut that parts a lam-alef ligature leaves the lam (whose slot is empty: the ligature
        // sits in the alef's) a letter of its own again, as wide as the ligature that did not fit.
        while count > 0, line.clusters[count - 1].isEmpty { count -= 1 }
        return String(text.prefix(count))
    }

    /// Where R, AL and AN characters live (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan,
    /// Mandaic, their presentation forms, the RTL mark, the historic RTL scripts).
    static func mayBeRTL(_ v: UInt32) -> Bool {
        switch v {
        case 0x0590...0x08FF, 0x200F, 0xFB1D...0xFDFF, 0xFE70...0xFEFE, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }

    /// One line run through FriBidi: each `Character` of the text shaped, and the order in which
    /// they appear on screen. Work is on UTF-32 scalars; a character's scalars stay together (a
    /// base with its harakat, an emoji sequence) in logical order, placed where its first scalar
    /// lands visually.
    struct Line {
        /// Each character of the text, shaped; empty for a letter a ligature took in.
        var clusters: [String]
        /// Indices into `clusters`, left to right on screen.
        var order: [Int]

        var visual: String { order.map { clusters[$0] }.joined() }
        /// The cells each character takes, shaped.
        var widths: [Int] = []
        var width: Int { widths.reduce(0, +) }

        init(_ text: String, direction: TextDirection) {
            clusters = text.map(String.init)
            order = Array(clusters.indices)
            defer { widths = clusters.map { DisplayWidth.of($0) } }
            // Nothing to reorder or shape (and no C call): each character as it is.
            guard Bidi.hasRTL(text) else { return }
            var chars: [FriBidiChar] = []
            var owner: [Int] = []
            var characters = 0
            for character in text {
                for scalar in character.unicodeScalars {
                    chars.append(scalar.value)
                    owner.append(characters)
                }
                characters += 1
            }
            let n = FriBidiStrIndex(chars.count)
            guard n > 0 else { return }

            var types = [FriBidiCharType](repeating: FriBidiCharType(0), count: chars.count)
            fribidi_get_bidi_types(chars, n, &types)
            var brackets = [FriBidiBracketType](repeating: 0, count: chars.count)
            fribidi_get_bracket_types(chars, n, types, &brackets)
            var base: FriBidiParType
            switch direction {
            case .auto: base = cfb_par_on
            case .ltr: base = cfb_par_ltr
            case .rtl: base = cfb_par_rtl
            }
            var levels = [FriBidiLevel](repeating: 0, count: chars.count)
            // 0 is FriBidi's failure (out of memory): the text stays as it is.
            guard fribidi_get_par_embedding_levels_ex(types, brackets, n, &base, &levels) > 0 else { return }

            var joining = [FriBidiArabicProp](repeating: 0, count: chars.count)
            fribidi_get_joining_types(chars, n, &joining)
            fribidi_join_arabic(types, n, levels, &joining)
            var shaped = chars
            fribidi_shape(cfb_shape_flags, levels, n, &joining, &shaped)

            var map = (0..<n).map { $0 }
            var scratch = shaped
            guard fribidi_reorder_line(cfb_reorder_flags, types, n, 0, base, &levels, &scratch, &map) > 0 else { return }

            var views = Array(repeating: String.UnicodeScalarView(), count: characters)
            for i in chars.indices {
                // The slot a ligature emptied goes; a FEFF that was in the text stays.
                if shaped[i] == cfb_fill && chars[i] != cfb_fill { continue }
                views[owner[i]].append(Unicode.Scalar(shaped[i]) ?? Unicode.Scalar(chars[i])!)
            }
            clusters = views.map(String.init)
            var placed = Array(repeating: false, count: characters)
            order = []
            for logical in map {
                let c = owner[Int(logical)]
                if !placed[c] {
                    placed[c] = true
                    order.append(c)
                }
            }
        }
    }
}
