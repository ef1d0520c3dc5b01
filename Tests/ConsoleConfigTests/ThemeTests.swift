import CampaignConsole
import Foundation
import Testing
import TerminalUI
@testable import ConsoleConfig

@Suite struct ThemeTests {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    static let shipped = ["default", "light", "high-contrast", "monochrome", "colorblind"]

    @Test(arguments: shipped)
    func everyShippedThemeLoads(name: String) throws {
        let file = Self.themesDir.appendingPathComponent("\(name).yaml")
        let theme = try ThemeLoader.parse(try String(contentsOf: file, encoding: .utf8), file: file.path)
        #expect(theme.name == name)
        // Every status is told apart by glyph and word anyway; the theme must at least style the
        // selection and the dialog's danger line so they stand out without colour too.
        #expect(theme.style("row.selected", colors: false) != Style())
        #expect(theme.style("button.focused", colors: false) != Style())
        for role in Roles.all { _ = theme.style(Role(role), colors: true) }
    }

    /// Every shipped theme at 8, 16, 256 and direct colour: the roles that mean "not for you
    /// right now" (dimmed rows, markers, hints, drafts) never come out as a hue that means
    /// something else — yellow (a warning), red (an error), green (done).
    @Test(arguments: shipped)
    func dimRolesNeverBecomeAWarningColour(name: String) throws {
        let file = Self.themesDir.appendingPathComponent("\(name).yaml")
        let theme = try ThemeLoader.parse(try String(contentsOf: file, encoding: .utf8), file: file.path)
        let dimRoles = ["row.dimmed", "marker", "hints", "dialog.dim", "status.draft", "status.archived", "help.disabled"]
        for depth in [ColorDepth.c8, .c16, .c256, .direct] {
            for role in dimRoles {
                let style = theme.style(Role(role), colors: true).at(depth)
                guard let n = style.fg.number(for: depth), n >= 0 else { continue }
                let rgb = depth == .direct ? (UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)) : ThemeColor.indexed(Int(n)).rgb
                let (r, g, b) = (Int(rgb.0), Int(rgb.1), Int(rgb.2))
                let hue = r > b + 60 && g > b + 60 ? "yellow" : r > g + 60 && r > b + 60 ? "red" : g > r + 60 && g > b + 60 ? "green" : nil
                #expect(hue == nil, "\(name) at \(depth): \(role) comes out \(hue ?? "") (colour \(n))")
            }
        }
        // The case the issue met: the default theme's muted grey on plain `TERM=xterm`.
        if name == "default" {
            let dimmed = theme.style("row.dimmed", colors: true)
            #expect(dimmed.fg.number(for: .c8) == 3, "undegraded, #8a8a8a is nearest to yellow")
            #expect(dimmed.at(.c8).fg == .default && dimmed.at(.c8).dim)
            #expect(dimmed.at(.c16).fg == .ansi(8))
        }
    }

    @Test func theColourBlindThemeHasNoRedGreenPair() throws {
        let file = Self.themesDir.appendingPathComponent("colorblind.yaml")
        let theme = try ThemeLoader.parse(try String(contentsOf: file, encoding: .utf8), file: file.path)
        func hue(_ c: ThemeColor) -> String {
            let (r8, g8, b8) = c.rgb
            let (r, g, b) = (Int(r8), Int(g8), Int(b8))
            if g > r + 40 && g > b + 40 { return "green" }
            if r > g + 80 && r > b + 80 && g < 90 { return "red" }
            return "other"
        }
        for role in Roles.all {
            let fg = theme.style(Role(role), colors: true).fg
            if case .default = fg { continue }
            #expect(!["green", "red"].contains(hue(fg)), "\(role) uses pure \(hue(fg))")
        }
    }

    @Test func theBuiltInDefaultIsThemesDefaultYaml() throws {
        let text = try String(contentsOf: Self.themesDir.appendingPathComponent("default.yaml"), encoding: .utf8)
        #expect(text == DefaultThemeText.yaml, "Sources/ConsoleConfig/DefaultThemeText.swift is stale")
        #expect(ThemeLoader.builtIn.name == "default")
        #expect(!ThemeLoader.builtIn.roles.isEmpty)
    }

    @Test(arguments: [
        ("roles:\n  status.sent: {fg: grene}\n", 2, "not a colour"),
        ("roles:\n  header: {fg: white}\n  status.sennt: {fg: green}\n", 3, "unknown role \"status.sennt\""),
        ("roles:\n  header: {attrs: [blink]}\n", 2, "unknown attribute \"blink\""),
        ("roles:\n  header: {fg: white\n", 3, "not valid YAML"),
        ("palette:\n  x: \"#12345\"\nroles: {}\n", 2, "is not a colour"),
        ("colours: {}\nroles: {}\n", 1, "unknown key \"colours\""),
    ])
    func aBrokenThemeNamesFileLineAndProblem(text: String, line: Int, problem: String) {
        let error = #expect(throws: ConfigProblem.self) { try ThemeLoader.parse(text, file: "mine.yaml") }
        #expect(error?.file == "mine.yaml")
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.problem.contains(problem) == true, "\(String(describing: error))")
    }

    @Test func aBrokenUserThemeFallsBackToTheDefaultAndSaysWhy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("arsel-campaigns/themes"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "roles:\n  header: {fg: nope}\n".write(to: dir.appendingPathComponent("arsel-campaigns/themes/mine.yaml"), atomically: true, encoding: .utf8)
        let paths = Paths(environment: ["HOME": dir.path, "XDG_CONFIG_HOME": dir.path])
        let (theme, problem) = ThemeLoader.load(name: "mine", paths: paths)
        #expect(theme == ThemeLoader.builtIn)
        #expect(problem?.description.contains("mine.yaml:2:") == true, "\(String(describing: problem))")
        let (_, missing) = ThemeLoader.load(name: "nonexistent", paths: paths)
        #expect(missing != nil)
    }

    @Test func coloursDegradeToWhatTheTerminalHas() {
        let orange = ThemeColor(name: "#ff8700")!
        #expect(orange.number(for: .direct) == 0xFF8700)
        #expect(orange.number(for: .c256) == 208)
        #expect(orange.number(for: .c16) == 11 || orange.number(for: .c16) == 9 || orange.number(for: .c16) == 3)
        #expect((0..<8).contains(Int(orange.number(for: .c8)!)))
        #expect(orange.number(for: .mono) == nil)
        #expect(ThemeColor.ansi(12).number(for: .c8) == 4, "bright blue on an 8-colour terminal is blue")
        #expect(ThemeColor.default.number(for: .c256) == -1)
        #expect(ThemeColor(name: "bright-red") == .ansi(9))
        #expect(ThemeColor(name: "208") == .indexed(208))
        #expect(ThemeColor(name: "#zzzzzz") == nil)
        #expect(ColorDepth(colors: 256, enabled: false) == .mono, "NO_COLOR / --no-color")
        #expect(ColorDepth(colors: 16_777_216, enabled: true) == .direct)
        #expect(ColorDepth(colors: 88, enabled: true) == .c16)
        #expect(ColorDepth(colors: 2, enabled: true) == .mono)
    }

    @Test func rolesFallBackToTheirParentAndMonoKeepsAttributes() throws {
        let theme = try ThemeLoader.parse("roles:\n  status: {fg: cyan, attrs: [bold]}\n  row.selected: {fg: red, attrs: [reverse]}\nmono:\n  header: {attrs: [reverse]}\n", file: "t")
        #expect(theme.style("status.sent", colors: true) == Style(fg: .ansi(6), bold: true))
        #expect(theme.style("row.selected", colors: false) == Style(reverse: true))
        #expect(theme.style("header", colors: false) == Style(reverse: true))
        #expect(theme.style("nothing", colors: true) == Style())
    }
}
