import ArselModel
import Foundation
import Testing
import TerminalUI
@testable import CampaignConsole

/// Fixed states rendered into golden text files. `RECORD_GOLDEN=1 swift test` re-records them.
@Suite struct ViewTests {
    static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let buffer = Screen.render(state)
        var text = buffer.lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
        if let cursor = buffer.cursor { text += "\n-- cursor \(cursor.x),\(cursor.y)" }
        text += "\n" + Self.roles(buffer)
        let file = Self.goldenDir.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        #expect(text == golden, "\(name) differs from its golden file; RECORD_GOLDEN=1 re-records", sourceLocation: sourceLocation)
        // Whatever the state: no control character ever reaches a cell.
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                #expect(!buffer[x, y].text.unicodeScalars.contains { $0.value < 0x20 || Sanitizer.isUnsafe($0) && $0 != "\\" },
                        sourceLocation: sourceLocation)
            }
        }
    }

    /// Each cell's role, one letter per cell (the legend names them): a golden keeps what a
    /// cell means, not only its text — a row that loses its warning colour fails here.
    static func roles(_ buffer: Buffer) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var code: [String: Character] = [Role.plain.name: "."]
        for (i, name) in Roles.all.filter({ $0 != Role.plain.name }).enumerated() { code[name] = letters[i % letters.count] }
        var used = Set<String>()
        var rows: [String] = []
        for y in 0..<buffer.height {
            var row = ""
            for x in 0..<buffer.width {
                let name = buffer[x, y].role.name
                used.insert(name)
                row.append(code[name] ?? "?")
            }
            rows.append(String(row.reversed().drop(while: { $0 == "." }).reversed()))
        }
        let legend = used.sorted().map { "\(code[$0] ?? "?")=\($0)" }.joined(separator: " ")
        return "-- roles (\(legend))\n" + rows.joined(separator: "\n") + "\n"
    }

    /// The screens a manager meets, at the sizes SSH sessions have, in UTF-8 and in ASCII.
    @Test(arguments: [(80, 24), (40, 10), (120, 30), (200, 60)], [true, false])
    func everySize(size: (Int, Int), unicode: Bool) throws {
        var env = environment()
        env.unicode = unicode
        let (w, h) = size
        let suffix = "\(w)x\(h)-\(unicode ? "utf8" : "ascii")"
        try check(withNotes(loaded(mix, width: w, height: h, env: env)), "size/list-\(suffix)")
        var help = loaded(mix, width: w, height: h, env: env)
        press(&help, .char("?"))
        try check(help, "size/help-\(suffix)")
        let many = (1...12).map { campaign($0, .scheduled, "Spring sale wave \($0) — KSA", scheduledIn: 3600 * Double($0)) }
        var prodEnv = environment(production: true)
        prodEnv.unicode = unicode
        var bulk = loaded(many, width: w, height: h, env: prodEnv)
        press(&bulk, .char("a"), .char("c"))
        _ = Reducer.reduce(&bulk, .confirmChecked(request: 2, many.map { .success($0) }))
        try check(bulk, "size/bulk-\(suffix)")
    }

    func withNotes(_ s: AppState) -> AppState {
        var state = s
        state.notes["c7"] = .cancelled(message: "Campaign cancelled", confirmed: false)
        state.notes["c5"] = .failed(badRequestError, now: nil)
        state.notes["c3"] = .cancelling
        state.notes["c4"] = .unknown(recheckKey: "r", interruptedBy: nil)
        state.marks = ["c2"]
        state.messages.append(Message(.cancelled(message: "Campaign cancelled", confirmed: false, name: "Winter clearance"), level: .ok, at: t0))
        state.rateRemaining = 1
        state.rateLimit = 2
        state.now = t0.addingTimeInterval(4)
        return state
    }

    /// Quiet when idle: the header's budget does not move with every request (only when someone
    /// else uses it up), ages under a minute read "just now", and a quick refresh draws nothing.
    @Test func anIdleScreenDoesNotChangeWithEveryRequestOrSecond() {
        var state = withNotes(loaded(mix))
        let frame = Screen.render(state)
        state.rateRemaining = 0
        state.now = state.now.addingTimeInterval(40)
        _ = Reducer.reduce(&state, .key(.char("r")))
        state.messages.removeAll()
        var quiet = withNotes(loaded(mix))
        quiet.rateRemaining = 0
        quiet.now = state.now
        quiet.messages = []
        var base = withNotes(loaded(mix))
        base.messages = []
        #expect(Screen.render(base).lines[0] == Screen.render(quiet).lines[0], "remaining 1 → 0, 40 s later: the same header")
        #expect(frame.lines[0] == Screen.render(state).lines[0], "a refresh under way for less than 2 s is not drawn")
        state.now = state.now.addingTimeInterval(2.1)
        #expect(Screen.render(state).lines[0].contains("refreshing…"), "a slow one is")
        state.budgetContended = true
        #expect(Screen.render(state).lines[0].contains("budget 0/2"), "someone else is using the budget")
    }

    /// Status-line messages expire (10 s; a minute for errors and unknowns); `m` keeps them.
    @Test func statusLineMessagesExpireAndStayInTheHistory() {
        var state = loaded(mix)
        state.messages = [Message(.runSummary(cancelled: 5, total: 5, failed: 0, unknown: 0, retryKey: nil), level: .ok, at: t0)]
        func statusLine() -> String { Screen.render(state).lines[state.height - 2] }
        state.now = t0.addingTimeInterval(9)
        #expect(statusLine().contains("5/5 cancelled"))
        state.now = t0.addingTimeInterval(11)
        #expect(!statusLine().contains("5/5 cancelled"), "ten seconds later it is gone from the status line")
        state.messages.append(Message(.refreshFailed(channel: nil, .transport(TransportFailure(.timeout, "timeout")), lastRefresh: nil, retryIn: 5), level: .error, at: state.now))
        state.now = state.now.addingTimeInterval(50)
        #expect(statusLine().contains("Refresh failed"), "an error stays a minute")
        state.now = state.now.addingTimeInterval(11)
        #expect(!statusLine().contains("Refresh failed"))
        _ = Reducer.reduce(&state, .key(.char("m")))
        let history = Screen.render(state).lines.joined(separator: "\n")
        #expect(history.contains("5/5 cancelled") && history.contains("Refresh failed"), "m keeps both:\n\(history)")
    }

    /// The first outcome does not reflow the table: the note column is there from the start.
    /// The frame says where the selection is and how many are marked.
    @Test func theTableKeepsItsColumnsAndSaysWhereTheSelectionIs() {
        var state = loaded(mix)
        let before = Screen.render(state).lines
        state.notes["c1"] = .cancelled(message: "Campaign cancelled", confirmed: false)
        let after = Screen.render(state).lines
        #expect(before[2] == after[2], "the column header is unchanged:\n\(before[2])\n\(after[2])")
        #expect(before[1].contains("1/\(mix.count)"))
        press(&state, .char(" "), .char(" "))
        #expect(Screen.render(state).lines[1].contains("3/\(mix.count) · 2 marked"), "\(Screen.render(state).lines[1])")
    }

    /// The hint bar always keeps `? help` and `q quit`, dropping the least needed hints first.
    @Test(arguments: [40, 50, 80, 120])
    func theHintBarKeepsHelpAndQuit(width: Int) {
        let state = loaded(mix, width: width, height: 24)
        let hints = Screen.render(state).lines[23]
        #expect(hints.contains("? help") && hints.contains("q quit"), "\(width): \(hints)")
        #expect(!hints.contains("…"), "nothing cut in the middle: \(hints)")
    }

    /// Help says what the header's budget means, where there is room under the keys.
    @Test func helpExplainsTheBudget() {
        var state = loaded(mix, width: 80, height: 40)
        state.rateLimit = 2
        press(&state, .char("?"))
        // At the end of help (it scrolls).
        press(&state, .char("G"))
        let text = Screen.render(state).lines.joined(separator: "\n")
        #expect(text.contains("budget 2/s: your organisation's 2 requests a second"), "\(text)")
        #expect(text.contains("0/2 while someone else uses them up"))
    }

    @Test func list80x24() throws {
        try check(withNotes(loaded(mix)), "list-80x24")
    }

    @Test func list40x12() throws {
        try check(withNotes(loaded(mix, width: 40, height: 12)), "list-40x12")
    }

    @Test func list120x30Sandbox() throws {
        var env = environment()
        env.sandbox = true
        env.profile = "demo"
        try check(withNotes(loaded(mix, width: 120, height: 30, env: env)), "list-120x30-sandbox")
    }

    @Test func confirmSingle() throws {
        var state = loaded(mix)
        press(&state, .char("c"))
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[0])]))
        try check(state, "confirm-80x24")
        state.width = 40
        state.height = 12
        try check(state, "confirm-40x12")
    }

    @Test func confirmBulkOnProduction() throws {
        let many = (1...6).map { campaign($0, .scheduled, "Spring \($0)", scheduledIn: 3600 * Double($0)) } + [campaign(7, .sent)]
        var state = loaded(many, env: environment(production: true))
        press(&state, .char("a"), .char("G"), .char(" "), .char("c"))
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, many.prefix(6).map { .success($0) }))
        press(&state, .char("6"))
        try check(state, "confirm-bulk-production-80x24")
    }

    @Test func help() throws {
        var state = loaded(mix)
        press(&state, .char("?"))
        try check(state, "help-80x24")
    }

    @Test func tooSmall() throws {
        try check(loaded(mix, width: 30, height: 8), "too-small-30x8")
    }

    @Test func tinyAndHugeNeverTrap() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (39, 9), (40, 10), (41, 11), (300, 100)] {
            var state = withNotes(loaded(mix, width: w, height: h))
            _ = Screen.render(state)
            press(&state, .char("c"))
            _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[0])]))
            _ = Screen.render(state)
        }
    }
}

@Suite struct ReadOnlyViewTests {
    @Test func helpGreysTheWriteCommandsAndHintsDropThem() {
        var state = loaded(mix, env: environment(readOnly: true))
        press(&state, .char("?"))
        let screen = Screen.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("disabled (read-only): cancel the selected"))
        #expect(screen.contains("READ-ONLY"))
        press(&state, .escape)
        let hints = Screen.render(state).lines.last ?? ""
        #expect(!hints.contains("c cancel"))
    }
}
