import ArselSandbox
import Foundation
import Testing
import TestSupport

/// Issue 12 the way a manager meets it: the real binary against the sandbox, in tmux at 80×24
/// with plain `TERM=xterm` (8 colours), then at 40×10.
@Suite(.serialized) struct LayoutE2ETests {
    /// The table's rows: between the column header and the status line.
    func tableRows(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Array(lines.dropFirst(3).prefix(max(0, lines.count - 5)))
    }

    @Test func at80x24OnXtermThenAt40x10() async throws {
        try #require(Tmux.available, "tmux is required (scripts/test installs it)")
        let sandbox = try await Sandbox.startForTests()
        let tmux = try Tmux(width: 80, height: 24)
        defer {
            tmux.kill()
            Task { await sandbox.stop() }
        }
        try tmux.type("TERM=xterm ARSEL_BASE_URL=\(sandbox.baseURL.absoluteString) ARSEL_API_KEY=\(sandbox.demoKey) \(Binary.url.path) --channel email --rate 20; echo EX\"\"ITED=$?")
        #expect(await tmux.waitFor("Ramadan offers"), "the list appears:\n\((try? tmux.screen()) ?? "")")
        var screen = try tmux.screen()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].contains("SANDBOX") && lines[0].contains("[Email]"), "\(lines[0])")
        #expect(lines[23].contains("? help") && lines[23].contains("q quit"), "\(lines[23])")

        // Stoppable: one key, and every row shown can still be stopped.
        try tmux.press("S")
        #expect(await tmux.waitFor("filter: stoppable"))
        #expect(await BackgroundBinary.eventually(timeout: .seconds(10)) {
            let rows = self.tableRows((try? tmux.screen()) ?? "").filter { $0.hasPrefix("▶") || $0.hasPrefix("  ") }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            return !rows.isEmpty && rows.allSatisfy { $0.contains("Scheduled") || $0.contains("Queued") || $0.contains("Sending") }
        }, "\((try? tmux.screen()) ?? "")")
        try tmux.press("S")
        #expect(await tmux.waitFor("Winter clearance"), "all again")

        // Sort, locally.
        try tmux.press("o")
        #expect(await tmux.waitFor("by when"))

        // Help scrolls, with its position; esc closes.
        try tmux.press("?")
        #expect(await tmux.waitFor(" of "), "help says where it is:\n\((try? tmux.screen()) ?? "")")
        try tmux.press("G")
        #expect(await tmux.waitFor("At the search prompt"))
        try tmux.press("Escape")
        #expect(await BackgroundBinary.eventually(timeout: .seconds(5)) { !((try? tmux.screen()) ?? "").contains("At the search prompt") })

        // 40×10: the dialog keeps its buttons inside its box, and the hint bar its keys.
        try tmux.resize(width: 40, height: 10)
        #expect(await BackgroundBinary.eventually(timeout: .seconds(5)) { ((try? tmux.display("#{window_width}")) ?? "") == "40" })
        try tmux.press("g")
        try tmux.press("c")
        #expect(await tmux.waitFor("[> Keep <]"), "\((try? tmux.screen()) ?? "")")
        screen = try tmux.screen()
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let buttons = try #require(rows.firstIndex { $0.contains("[> Keep <]") })
        let bottom = try #require(rows.lastIndex { $0.contains("└") })
        let top = try #require(rows.firstIndex { $0.contains("┌") })
        #expect(top < buttons && buttons < bottom, "buttons inside the box:\n\(screen)")
        #expect(rows[9].contains("keep"), "the hint bar says what the keys do: \(rows[9])")
        try tmux.press("n")
        #expect(await BackgroundBinary.eventually(timeout: .seconds(5)) { !((try? tmux.screen()) ?? "").contains("[> Keep <]") })
        try tmux.press("q")
        #expect(await tmux.waitFor("EXITED=0"))
    }
}
