/// Strings a hostile or broken server could send, for names, messages and headers: every class
/// the reliability notes list (C0/C1, OSC title and clipboard, CSI clear, overwrites with CR/BS/
/// LF, CRLF, bidi overrides and isolates, zero-width, BOM, combining marks, very long).
public enum HostileCorpus {
    public static let strings: [String] = [
        "Sale\u{1B}[2J\u{1B}[H",                   // clear screen, cursor home
        "\u{1B}]0;PWNED\u{07}title",                // OSC 0: window title (BEL)
        "\u{1B}]0;PWNED\u{1B}\\title-st",           // OSC 0 with ST
        "\u{1B}]52;c;cHduZWQ=\u{07}clip",           // OSC 52: clipboard
        "\u{1B}]8;;https://evil.example\u{07}link\u{1B}]8;;\u{07}",  // OSC 8 hyperlink
        "\u{1B}[31mred\u{1B}[0m",                   // SGR
        "\u{1B}[6n query",                          // cursor position report request
        "\u{1B}[21t title report",                  // title report request
        "\u{1B}P+q544e\u{1B}\\ dcs",                // DCS
        "\u{1B}7\u{1B}8 save restore",
        "\u{1B}c reset",                            // full reset
        "Safe\rSENT",                               // CR overwrite
        "X\u{08}\u{08}Y",                           // BS overwrite
        "A\nB",                                     // LF
        "A\r\nB",                                   // CRLF (one Swift Character)
        "tab\there",
        "bell\u{07}",
        "nul\u{0}byte",
        "form\u{0C}feed",
        "vt\u{0B}tab",
        "del\u{7F}",
        "C1 csi \u{9B}2J",                          // 8-bit CSI
        "C1 osc \u{9D}0;x\u{9C}",                   // 8-bit OSC and ST
        "C1 nel \u{85}next",
        "C1 ind \u{84}",
        "evil\u{202E}gpj.exe",                      // RLO
        "\u{202D}lro",
        "\u{202A}lre\u{202C}pdf",
        "\u{2066}lri\u{2069}",
        "\u{2067}rli\u{2069}",
        "\u{2068}fsi\u{2069}",
        "\u{200E}lrm\u{200F}rlm",
        "\u{061C}alm",
        "ad\u{200B}min",                            // zero-width space
        "zw\u{200C}nj\u{200D}j",
        "word\u{2060}joiner",
        "\u{FEFF}bom",
        "line\u{2028}sep\u{2029}para",
        "tag\u{E0041}\u{E007F}",                    // tag characters
        "\u{0301}leading combining",
        "e\u{0301}\u{0302}\u{0303}\u{0304} stacked",
        "Zalgo Z\u{0351}\u{0355}\u{0322}a\u{0362}l\u{0340}g\u{0351}o",
        "soft\u{00AD}hyphen",
        "hangul\u{3164}filler",
        String(repeating: "Long name ", count: 400),
        "حملة\u{202E} رمضان",
        "春のセール\u{1B}[2J",
        "🎉\u{200D}\u{1F525}",
    ]

    /// Scalars that must never reach a terminal raw from server text.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x80...0x9F).contains(v) || (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v)
            || (0x2060...0x2069).contains(v) || v == 0xFEFF || v == 0x061C || (0xE0000...0xE007F).contains(v)
    }
}
