import Foundation
import Testing
import TestSupport
@testable import TerminalUI

@Suite struct WidthTests {
    @Test(arguments: [
        ("abc", 3), ("春のセール", 10), ("🎉", 2), ("e\u{301}", 1), ("حملة", 4), ("", 0), ("ｱ", 1), ("Ａ", 2),
        ("한국어", 6), ("\u{200B}", 0),
    ])
    func widths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func truncationNeverSplitsACharacter() {
        #expect(TextLayout.truncate("春のセール", to: 5) == "春の…")
        #expect(TextLayout.truncate("春のセール", to: 6) == "春の…")
        #expect(TextLayout.truncate("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…")
        #expect(TextLayout.truncate("🎉🎉🎉", to: 4) == "🎉…")
        #expect(TextLayout.truncate("short", to: 10) == "short")
    }

    @Test func tinyAndNegativeWidthsNeverTrap() {
        for w in [-5, 0, 1, 2] {
            let t = TextLayout.truncate("春のセール", to: w)
            #expect(DisplayWidth.of(t) <= max(0, w))
            #expect(DisplayWidth.of(TextLayout.fit("春のセール", to: w)) == max(0, w))
        }
    }

    @Test func fitPadsToExactWidth() {
        #expect(TextLayout.fit("ab", to: 5) == "ab   ")
        #expect(TextLayout.fit("ab", to: 5, alignRight: true) == "   ab")
        #expect(DisplayWidth.of(TextLayout.fit("春のセール", to: 7)) == 7)
    }
}

/// A grapheme wider than any cell (here one emoji with 300 skin-tone modifiers, which summed
/// to 602 cells and trapped in `UInt8(width)`): shown as visible escapes, never a trap.
@Suite struct WideGraphemeTests {
    @Test func aGraphemeWiderThanTwoCellsBecomesVisibleEscapes() throws {
        let huge = "👍" + String(repeating: "\u{1F3FB}", count: 300)
        #expect(huge.count == 1, "one grapheme")
        var buffer = Buffer(width: 300, height: 2)
        let written = buffer.put("A" + huge + "B", x: 0, y: 0)
        #expect(written == 300, "the escapes fill the row and are cut at its end")
        let cells = (0..<300).map { buffer[$0, 0] }
        #expect(cells.allSatisfy { $0.width <= 2 })
        #expect(cells.prefix(11).map(\.text).joined() == "A\\u{1F44D}\\", "the grapheme's scalars are spelled out")
    }

    @Test func aClusterOfCombiningMarksIsCapped() throws {
        let zalgo = "e" + String(repeating: "\u{0301}", count: 500)
        #expect(zalgo.count == 1, "one grapheme")
        var buffer = Buffer(width: 10, height: 1)
        #expect(buffer.put(zalgo + "x", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].text.unicodeScalars.count == 1 + Buffer.maxMarks, "the base and 8 marks")
        #expect(buffer[1, 0].text == "x")
    }
}

/// The buffer's widths are the terminal's: ncurses and tmux count cells with the C library's
/// `wcwidth`, so every scalar the sanitiser lets through raw must have exactly that width here.
@Suite struct WcwidthAgreementTests {
    @Test func everyScalarDrawnRawHasTheCLibrarysWidth() throws {
        var checked = 0
        var disagreements: [String] = []
        try CLibraryWidth.measuring { wcwidth in
            for v in UInt32(0x20)...UInt32(0x3FFFF) {
                guard let scalar = Unicode.Scalar(v), !Sanitizer.isUnsafe(scalar) else { continue }
                switch scalar.properties.generalCategory {
                case .unassigned, .privateUse, .surrogate: continue
                default: break
                }
                checked += 1
                if DisplayWidth.of(scalar) != wcwidth(scalar) {
                    disagreements.append(String(v, radix: 16, uppercase: true) + ":\(DisplayWidth.of(scalar))/\(wcwidth(scalar))")
                }
            }
        }
        print("wcwidth agreement: \(checked - disagreements.count) of \(checked) scalars drawn raw")
        #expect(disagreements.isEmpty, "ours/wcwidth: \(disagreements.prefix(40).joined(separator: " "))")
    }

    @Test(arguments: ["🇸🇦", "🇸", "\u{0600}١٢", "🫨", "\u{1ACF}"])
    func charactersWithoutAnAgreedWidthAreEscaped(_ text: String) {
        #expect(Sanitizer.sanitize(text).contains("\\u{"), "\(text) → \(Sanitizer.sanitize(text))")
    }
}

@Suite struct WrapTests {
    @Test func wrapsAtSpacesByDisplayWidth() {
        #expect(TextLayout.wrap("budget 2/s: your organisation's two requests", width: 16) == ["budget 2/s: your", "organisation's", "two requests"])
        #expect(TextLayout.wrap("حملة رمضان 春のセール", width: 10) == ["حملة رمضان", "春のセール"], "CJK is two cells each")
        #expect(TextLayout.wrap("averyveryverylongword x", width: 8) == ["averyver", "yverylon", "gword x"], "a word wider than the line (an id) is broken, never cut")
        #expect(TextLayout.wrap("id 019a1b2c-春", width: 4) == ["id", "019a", "1b2c", "-春"])
        #expect(TextLayout.wrap("anything", width: 0).isEmpty)
    }
}
