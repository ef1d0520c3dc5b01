import ArselSandbox
import Foundation
import TerminalUI
import Testing
import TestSupport

/// Issue 14 the way a manager in Riyadh meets it: the real binary against the sandbox in tmux at
/// 80×24, TERM=xterm, `--lang ar`. tmux does no bidi of its own, so what it holds is what the
/// console wrote: each field already in visual order and shaped.
@Suite(.serialized) struct ArabicE2ETests {
    /// A field as the console draws it in Arabic (visual order, presentation forms).
    func drawn(_ text: String, rtl: Bool = false) -> String { Bidi.visual(text, direction: rtl ? .rtl : .auto) }

    func lines(_ tmux: Tmux) -> [String] { ((try? tmux.screen()) ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The cell (from the left) where `glyph` is on `line`, counting display widths.
    func cell(of glyphs: [Character], in line: String) -> Int? {
        var x = 0
        for ch in line {
            if glyphs.contains(ch) { return x }
            x += DisplayWidth.of(ch)
        }
        return nil
    }

    @Test func anArabicConsoleCancelsFromTheArabicDialog() async throws {
        try #require(Tmux.available, "tmux is required (scripts/test installs it)")
        let sandbox = try await Sandbox.startForTests()
        let tmux = try Tmux(width: 80, height: 24)
        defer {
            tmux.kill()
            Task { await sandbox.stop() }
        }
        try tmux.type("TERM=xterm LANG=C.UTF-8 ARSEL_BASE_URL=\(sandbox.baseURL.absoluteString) ARSEL_API_KEY=\(sandbox.demoKey) \(Binary.url.path) --lang ar --channel email --rate 20; echo EX\"\"ITED=$?")
        // Anchored by hand (UAX #9 and the joining rules), not only by the code under test:
        // بريد is ب initial, ر final, ي initial, د final, drawn right to left.
        #expect(drawn("[بريد]") == "[\u{FEAA}\u{FEF3}\u{FEAE}\u{FE91}]")
        let arabicName = drawn("حملة رمضان")
        #expect(await tmux.waitFor(arabicName), "the Arabic-named campaign is listed, shaped and in visual order:\n\((try? tmux.screen()) ?? "")")
        var screen = lines(tmux)
        // The header: the sandbox badge and the email tab, in Arabic, laid out from the right.
        #expect(screen[0].contains(drawn(" بيئة تجريبية ")) && screen[0].contains(drawn("[بريد]")), "\(screen[0])")
        // The hint bar: help and quit, each key first from the right.
        #expect(screen[23].contains(drawn(" ? مساعدة ", rtl: true)) && screen[23].contains(drawn(" q خروج ", rtl: true)), "\(screen[23])")

        // Every row's status glyph in one column, the Arabic-named row's too.
        let statusGlyphs: [Character] = ["◷", "⋯", "⇢", "✓", "✗", "⊘", "✎", "‖", "▣"]
        let rows = screen.dropFirst(3).prefix(18).filter { cell(of: statusGlyphs, in: $0) != nil }
        #expect(rows.count >= 8, "\(screen.joined(separator: "\n"))")
        let columns = Set(rows.compactMap { cell(of: statusGlyphs, in: $0) })
        #expect(columns.count == 1, "status glyphs in one column: \(columns)\n\(rows.joined(separator: "\n"))")
        let arabicRow = try #require(rows.first { $0.contains(arabicName) }, "\(rows.joined(separator: "\n"))")
        #expect(cell(of: statusGlyphs, in: arabicRow) == columns.first)
        #expect(arabicRow.contains(drawn("مجدولة")), "Scheduled, in Arabic: \(arabicRow)")

        // Select it (◀ at its right edge) and cancel from the Arabic dialog.
        var selected = false
        for _ in 0..<20 {
            if lines(tmux).contains(where: { $0.contains(arabicName) && $0.hasSuffix("◀") }) { selected = true; break }
            try tmux.press("j")
            _ = await BackgroundBinary.eventually(timeout: .milliseconds(500)) { false }
        }
        try #require(selected, "the Arabic row can be selected:\n\(lines(tmux).joined(separator: "\n"))")
        try tmux.press("c")
        #expect(await tmux.waitFor(drawn("[> إبقاء <]")), "the dialog focuses Keep (إبقاء):\n\((try? tmux.screen()) ?? "")")
        screen = lines(tmux)
        #expect(screen.contains { $0.contains(drawn("إلغاء الحملة؟")) }, "its title asks in Arabic")
        #expect(screen.contains { $0.contains(drawn("حملة رمضان — المشتركون")) }, "it names the campaign in full, readable")
        #expect(screen.contains { $0.contains(drawn("التي سُلّمت للتوصيل لا يمكن استرجاعها.")) }, "the handed-off warning, in Arabic")
        // Keep on the right of Cancel: RTL order.
        let buttons = try #require(screen.first { $0.contains(drawn("[> إبقاء <]")) })
        let keepAt = try #require(buttons.range(of: drawn("[> إبقاء <]"))).lowerBound
        let cancelAt = try #require(buttons.range(of: drawn("[ إلغاء الحملة ]"))).lowerBound
        #expect(cancelAt < keepAt, "\(buttons)")
        try tmux.press("y")
        #expect(await BackgroundBinary.eventually(timeout: .seconds(15)) {
            self.lines(tmux).contains { $0.contains(arabicName) && $0.contains(self.drawn("ملغاة")) }
        }, "the row says Cancelled (ملغاة):\n\((try? tmux.screen()) ?? "")")
        // Exactly one cancel went out, to the campaign confirmed, and the sandbox has it cancelled.
        let root = sandbox.baseURL.absoluteString.replacingOccurrences(of: "/v1", with: "")
        let log = try JSONSerialization.jsonObject(with: Data(try await RawHTTP.send("GET", root + "/_sandbox/requests").body.utf8)) as? [[String: Any]] ?? []
        let cancels = log.filter { ($0["method"] as? String) == "POST" }.compactMap { $0["path"] as? String }.filter { $0.hasSuffix("/cancel") }
        try #require(cancels.count == 1, "one cancel: \(cancels)")
        let campaign = try JSONSerialization.jsonObject(
            with: Data(try await RawHTTP.send("GET", root + cancels[0].replacingOccurrences(of: "/cancel", with: ""), key: sandbox.demoKey).body.utf8)) as? [String: Any]
        #expect(campaign?["name"] as? String == "حملة رمضان — المشتركون", "\(campaign ?? [:])")
        #expect((campaign?["status"] as? String)?.lowercased() == "cancelled")
        try tmux.press("q")
        #expect(await tmux.waitFor("EXITED=0"))
    }

    /// The line mode speaks the locale's language (LANG=ar_SA.UTF-8) in logical order, for a
    /// screen reader or a terminal that does its own bidi.
    @Test func theLineModeSpeaksArabicFromTheLocale() async throws {
        let sandbox = try await Sandbox.startForTests()
        defer { Task { await sandbox.stop() } }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let r = try await Binary.run(
            ["--plain", "--channel", "email", "--rate", "100"],
            environment: [
                "ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString, "XDG_STATE_HOME": state.path,
                "LANG": "ar_SA.UTF-8",
            ],
            input: "?\nq\n", timeout: .seconds(30))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("اكتب ? لعرض الأوامر."), "\(r.stdout)")
        #expect(r.stdout.contains("حملة رمضان — المشتركون — مجدولة"), "logical order, Arabic status: \(r.stdout)")
        #expect(r.stdout.contains("c N [M …]  إلغاء الحملات"), "the help in Arabic")
    }

    /// An explicit language that is not one of ours is refused: a usage error for the flag, a
    /// configuration error for the file — never a silent English.
    @Test func anUnknownLanguageIsRefused() async throws {
        let flag = try await Binary.run(["list", "--lang", "fr"], environment: ["ARSEL_API_KEY": "be_x"])
        #expect(flag.status == 64, "\(flag.stderr)")
        #expect(flag.stderr.contains("--lang \"fr\" is not a language"), "\(flag.stderr)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("config.yaml")
        try "language: arabic\n".write(to: config, atomically: true, encoding: .utf8)
        let file = try await Binary.run(["--plain", "--config", config.path], environment: ["ARSEL_API_KEY": "be_test_key_1234567890"], input: "q\n")
        #expect(file.status == 3, "\(file.stdout)\(file.stderr)")
        #expect(file.stderr.contains("language: \"arabic\" is not a language"), "\(file.stderr)")
    }

    /// `--bidi app` (the default) switches the terminal's own bidi off while the console draws
    /// (BDSM: `CSI 8 l` after the screen opens, `CSI 8 h` when it is given back); `terminal`
    /// leaves the terminal's bidi alone. The bytes as a real pty carried them (`script`).
    @Test(arguments: ["app", "terminal"])
    func theTerminalsOwnBidiIsOffWhileTheConsoleDraws(mode: String) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script (util-linux) records the pty")
        let sandbox = try await Sandbox.startForTests()
        defer { Task { await sandbox.stop() } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bdsm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let typescript = dir.appendingPathComponent("typescript").path
        let command = "TERM=xterm LANG=C.UTF-8 XDG_STATE_HOME=\(dir.path) ARSEL_BASE_URL=\(sandbox.baseURL.absoluteString) "
            + "ARSEL_API_KEY=\(sandbox.demoKey) \(Binary.url.path) --lang ar --channel email --bidi \(mode)"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        // q once the list is up; script gives the console a real pty of its own.
        shell.arguments = ["-c", "(sleep 2; printf q) | /usr/bin/script -qec '\(command)' \(typescript) >/dev/null"]
        try shell.run()
        let done = await BackgroundBinary.eventually(timeout: .seconds(30)) { !shell.isRunning }
        try #require(done, "the console quits on q")
        let bytes = try String(contentsOfFile: typescript, encoding: .utf8)
        let off = bytes.range(of: "\u{1B}[8l"), on = bytes.range(of: "\u{1B}[8h", options: .backwards)
        if mode == "app" {
            let drawn = try #require(bytes.range(of: Bidi.visual("[بريد]")), "the console drew in Arabic")
            let start = try #require(off, "CSI 8 l was sent")
            let end = try #require(on, "CSI 8 h was sent")
            #expect(start.lowerBound < drawn.lowerBound, "explicit mode before the first Arabic field")
            #expect(drawn.lowerBound < end.lowerBound, "implicit mode back after the last frame")
        } else {
            #expect(off == nil && on == nil, "terminal mode leaves the terminal's bidi alone")
        }
    }

    /// Arabic where the locale can show ASCII only (LANG=C) is refused with what to do: a screen
    /// of escapes would not let anyone read the name they confirm.
    @Test func arabicOnAnASCIIOnlyLocaleIsRefused() async throws {
        let r = try await Binary.run(
            ["--plain", "--lang", "ar", "--base-url", "http://127.0.0.1:9/v1"], environment: ["ARSEL_API_KEY": "be_test_key_1234567890", "LANG": "C"],
            input: "q\n")
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("Arabic needs a UTF-8 locale"), "\(r.stderr)")
    }
}
