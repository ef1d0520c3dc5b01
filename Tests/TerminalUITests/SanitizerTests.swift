import Testing
import TestSupport
@testable import TerminalUI

@Suite struct SanitizerTests {
    @Test(arguments: [
        ("Sale\u{1B}[2J\u{1B}[H", "Sale\\e[2J\\e[H"),
        ("\u{1B}]0;PWNED\u{07}", "\\e]0;PWNED\\a"),
        ("\u{1B}]52;c;cHduZWQ=\u{07}", "\\e]52;c;cHduZWQ=\\a"),
        ("Safe\rSENT", "Safe\\rSENT"),
        ("X\u{08}Y", "X\\bY"),
        ("A\nB", "A\\nB"),
        ("A\r\nB", "A\\r\\nB"),
        ("tab\there", "tab\\there"),
        ("\u{9B}2J", "\\u{9B}2J"),
        ("\u{85}next", "\\u{85}next"),
        ("evil\u{202E}gpj.exe", "evil\\u{202E}gpj.exe"),
        ("ad\u{200B}min", "ad\\u{200B}min"),
        ("\u{2066}iso\u{2069}", "\\u{2066}iso\\u{2069}"),
        ("\u{FEFF}bom", "\\u{FEFF}bom"),
        ("del\u{7F}", "del\\x7F"),
        ("nul\u{0}", "nul\\0"),
        ("ff\u{0C}", "ff\\x0C"),
        ("tag\u{E0041}", "tag\\u{E0041}"),
        ("C:\\dir", "C:\\\\dir"),
    ])
    func hostileTextBecomesVisibleEscapes(input: String, expected: String) {
        #expect(Sanitizer.sanitize(input) == expected)
    }

    @Test func literalCaretNotationAndRealEscapeDiffer() {
        #expect(Sanitizer.sanitize("^[[2J") != Sanitizer.sanitize("\u{1B}[2J"))
        #expect(Sanitizer.sanitize("\\e[2J") != Sanitizer.sanitize("\u{1B}[2J"))
    }

    @Test(arguments: ["Ramadan offers — KSA list", "حملة رمضان", "春のセール", "Product launch 🎉", "Café"])
    func ordinaryTextIsUntouched(text: String) {
        #expect(Sanitizer.sanitize(text) == text)
    }

    @Test func leadingCombiningMarkGetsABase() {
        #expect(Sanitizer.sanitize("\u{301}x") == "\u{25CC}\u{301}x")
        #expect(Sanitizer.sanitize("e\u{301}") == "e\u{301}")
    }

    @Test func hugeInputIsBounded() {
        let s = Sanitizer.sanitize(String(repeating: "a", count: 100_000), maxScalars: 100)
        #expect(s.unicodeScalars.count == 101)
        #expect(s.hasSuffix("…"))
    }

    /// Property: for random strings drawn from every dangerous class, the output contains no
    /// unsafe scalar, and its width is what the layout code will measure.
    @Test func propertyNoUnsafeScalarSurvives() {
        var rng = SeededRandom(seed: 0xA5E1)
        let pools: [ClosedRange<UInt32>] = [
            0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF...0xFEFF,
            0x0300...0x036F, 0x4E00...0x4E20, 0x1F600...0x1F64F, 0x0600...0x06FF, 0x20...0x7E, 0xE0000...0xE007F,
        ]
        var failures: [String] = []
        for _ in 0..<3000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 24) {
                let pool = pools[Int(rng.next() % UInt64(pools.count))]
                let v = pool.lowerBound + UInt32(rng.next() % UInt64(pool.count))
                if let s = Unicode.Scalar(v) { scalars.append(s) }
            }
            let out = Sanitizer.sanitize(String(scalars))
            let cut = TextLayout.truncate(out, to: 10)
            if out.unicodeScalars.contains(where: { Sanitizer.isUnsafe($0) || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
                || cut.unicodeScalars.contains(where: Sanitizer.isUnsafe) || DisplayWidth.of(cut) > 10
            {
                failures.append(String(scalars).unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(failures.isEmpty, "inputs whose output kept an unsafe scalar: \(failures.prefix(5))")
    }
}
