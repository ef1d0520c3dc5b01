import Testing
@testable import TerminalUI

/// Right-to-left fields laid out by the console (GNU FriBidi). The expected strings are written
/// as presentation-form scalars, worked out from the UBA (UAX #9) and Arabic joining rules:
/// a letter joined on both sides takes its medial form, at the start of a word its initial
/// form, after a letter it joins its final form; alef, reh, teh marbuta never join the next.
@Suite struct BidiTests {
    // حملة: hah (initial FEA3), meem (medial FEE4), lam (medial FEE0), teh marbuta (final FE94).
    static let hamla = "\u{062D}\u{0645}\u{0644}\u{0629}"
    static let hamlaVisual = "\u{FE94}\u{FEE0}\u{FEE4}\u{FEA3}"
    // تخفيض: teh (initial FE97), khah (medial FEA8), feh (medial FED4), yeh (medial FEF4), dad (final FEBE).
    static let takhfid = "\u{062A}\u{062E}\u{0641}\u{064A}\u{0636}"
    static let takhfidVisual = "\u{FEBE}\u{FEF4}\u{FED4}\u{FEA8}\u{FE97}"
    // سلام: seen (initial FEB3), lam + alef as one final ligature (FEFC), meem alone (FEE1).
    static let salam = "\u{0633}\u{0644}\u{0627}\u{0645}"

    @Test func aPureArabicWordIsShapedAndReversed() {
        #expect(Bidi.visual(Self.hamla) == Self.hamlaVisual)
        #expect(Bidi.shaped(Self.hamla) == "\u{FEA3}\u{FEE4}\u{FEE0}\u{FE94}", "shaped keeps the logical order")
    }

    /// RTL paragraph (the first strong letter is Arabic): "Ramadan 2026" is one LTR run at level
    /// 2 (the digits follow the L before them, W7), so it reads left to right, left of the name.
    @Test func arabicThenLatinAndDigits() {
        #expect(Bidi.visual(Self.hamla + " Ramadan 2026") == "Ramadan 2026 " + Self.hamlaVisual)
    }

    /// LTR paragraph: after Arabic, 50 is an Arabic number (W2) at level 2, the space between
    /// them goes with the Arabic (N1), the % with the paragraph (N2): "Sale 50 <word>%".
    @Test func latinThenArabicAndPercent() {
        #expect(Bidi.visual("Sale " + Self.takhfid + " 50%") == "Sale 50 " + Self.takhfidVisual + "%")
    }

    /// Digits inside RTL text keep their order: خصم 50% reads %50 at the left of the word.
    @Test func digitsStayLeftToRightInsideRTL() {
        // khah (initial FEA7), sad (medial FEBC), meem (final FEE2).
        #expect(Bidi.visual("\u{062E}\u{0635}\u{0645} 50%") == "%50 \u{FEE2}\u{FEBC}\u{FEA7}")
    }

    @Test func theParagraphDirectionCanBeGiven() {
        let text = "Sale " + Self.takhfid
        #expect(Bidi.visual(text, direction: .ltr) == "Sale " + Self.takhfidVisual)
        #expect(Bidi.visual(text, direction: .auto) == "Sale " + Self.takhfidVisual, "auto: the first strong letter is L")
        #expect(Bidi.visual(text, direction: .rtl) == Self.takhfidVisual + " Sale")
    }

    @Test func aLamAlefLigatureIsOneCell() {
        #expect(Bidi.visual(Self.salam) == "\u{FEE1}\u{FEFC}\u{FEB3}")
        #expect(Bidi.shaped(Self.salam) == "\u{FEB3}\u{FEFC}\u{FEE1}", "no FriBidi fill (U+FEFF) is left")
        #expect(DisplayWidth.of(Self.salam) == 4)
        #expect(TextLayout.cells(Self.salam) == 3)
        #expect(TextLayout.truncate(Self.salam, to: 3) == Self.salam, "three cells hold it once shaped")
        #expect(TextLayout.fit(Self.salam, to: 5) == Self.salam + "  ")
        #expect(TextLayout.wrap(Self.salam + " " + Self.salam, width: 7) == [Self.salam + " " + Self.salam])
    }

    /// Only the slots a ligature emptied go: a U+FEFF of the text itself stays (the sanitiser and
    /// `put` deal with it).
    @Test func onlyFillCharactersAreDropped() {
        #expect(Bidi.shaped("\u{FEFF}\u{0644}\u{0627}") == "\u{FEFF}\u{FEFB}")
    }

    @Test func bracketsAreMirroredInRTL() {
        // Reversed, "(" and ")" would swap sides; mirrored, the name is still in parentheses.
        #expect(Bidi.visual("(" + Self.hamla + ")") == "(" + Self.hamlaVisual + ")")
    }

    @Test func aGraphemeClusterStaysWhole() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        #expect(Bidi.visual(Self.hamla + " " + family) == family + " " + Self.hamlaVisual)
    }

    @Test func textWithoutRTLIsUnchanged() {
        for text in ["Spring (sale) 2026", "e\u{301} [x] 👍🏽", "", "会员专享优惠"] {
            for direction in [TextDirection.auto, .ltr, .rtl] { #expect(Bidi.visual(text, direction: direction) == text) }
            #expect(!Bidi.hasRTL(text))
        }
        #expect(Bidi.hasRTL(Self.hamla))
        #expect(Bidi.hasRTL("\u{05E9}\u{05DC}\u{05D5}\u{05DD}"), "Hebrew, class R")
        #expect(Bidi.hasRTL("N \u{0661}\u{0662}"), "Arabic-Indic digits, class AN")
        #expect(!Bidi.hasRTL("\u{064E}"), "a harakah alone is NSM")
    }

    @Test func arabicWidths() {
        #expect(DisplayWidth.of(Self.hamlaVisual) == 4, "presentation forms: one cell each")
        #expect(DisplayWidth.of("\u{FEFC}") == 1)
        for harakah in ["\u{064B}", "\u{064E}", "\u{0651}", "\u{0652}", "\u{065F}", "\u{0670}"] {
            #expect(DisplayWidth.of(harakah) == 0, "\(harakah.unicodeScalars.first!.value)")
        }
    }

    /// A long name cut in logical order: its first letters stay (hah, meem, and a lam that is now
    /// final), the ellipsis is at its logical end, the visual left.
    @Test func truncationKeepsTheStartOfAnArabicName() {
        let name = Self.hamla + " \u{0631}\u{0645}\u{0636}\u{0627}\u{0646}"  // حملة رمضان, 10 cells
        let cut = TextLayout.truncate(name, to: 4)
        #expect(cut == "\u{062D}\u{0645}\u{0644}…")
        #expect(Bidi.visual(cut) == "…\u{FEDE}\u{FEE4}\u{FEA3}")
        #expect(TextLayout.truncate(name, to: 10) == name)
        // Seen, then a lam whose alef is cut off: a cell of its own again, so it goes too.
        #expect(TextLayout.truncate(Self.salam, to: 2) == "\u{0633}…")
    }

    @Test func anArabicNameInABufferRow() {
        let name = Self.hamla + " \u{0631}\u{0645}\u{0636}\u{0627}\u{0646}"
        var buffer = Buffer(width: 8, height: 2)
        #expect(buffer.put(TextLayout.truncate(name, to: 6), x: 1, y: 0, maxWidth: 6) == 6)
        #expect(buffer.lines[0] == " … " + Self.hamlaVisual + " ")
        // Too wide and not truncated by the caller: cut in logical order, so the start stays.
        #expect(buffer.put(name, x: 0, y: 1, maxWidth: 4) == 4)
        #expect(buffer.lines[1] == Self.hamlaVisual + "    ")
    }

    @Test func aHarakahStaysOnItsBasesCell() {
        // بَاب: beh (initial FE91) with fatha, alef (final FE8E), beh alone (FE8F).
        var buffer = Buffer(width: 5, height: 1)
        #expect(buffer.put("\u{0628}\u{064E}\u{0627}\u{0628}", x: 0, y: 0) == 3)
        #expect(buffer[0, 0].text == "\u{FE8F}")
        #expect(buffer[1, 0].text == "\u{FE8E}")
        #expect(buffer[2, 0].text == "\u{FE91}\u{064E}")
        #expect(buffer.lines[0] == "\u{FE8F}\u{FE8E}\u{FE91}\u{064E}  ")
    }

    @Test(arguments: [BidiMode.terminal, .off])
    func otherModesWriteLogicalOrder(mode: BidiMode) {
        var buffer = Buffer(width: 12, height: 1, bidi: mode)
        buffer.put("Sale " + Self.hamla, x: 0, y: 0)
        #expect(buffer.lines[0] == "Sale " + Self.hamla + "   ")
    }

    @Test func latinIsTheSameInEveryMode() {
        let text = "Spring (sale) 2026 — e\u{301}"
        let buffers = BidiMode.allCases.map { mode -> Buffer in
            var b = Buffer(width: 30, height: 1, bidi: mode)
            b.put(text, x: 1, y: 0, maxWidth: 25, direction: .rtl)
            return b
        }
        #expect(buffers.allSatisfy { $0 == buffers[0] })
        #expect(buffers[0].lines[0] == " " + text + String(repeating: " ", count: 30 - 1 - DisplayWidth.of(text)))
    }

    /// An override in the text is a `?` before the algorithm runs: it cannot reorder what is shown.
    @Test func controlsBecomeQuestionMarksBeforeReordering() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("\u{202E}" + Self.hamla, x: 0, y: 0)
        #expect(buffer.lines[0] == Self.hamlaVisual + "? ")
    }
}
