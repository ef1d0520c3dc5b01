import ArselSandbox
import Foundation
import Testing
import TestSupport

/// Issue 9's console rules, met as a person meets them: the real binary in tmux against the
/// sandbox. Nothing acts that cannot be seen; `q` never hides a cancel's outcome; nothing is sent
/// that the audit trail could not record.
@Suite(.serialized) struct ConsoleSafetyTests {
    static let name = "Ramadan offers — KSA list"  // the first row: selected when the console opens

    struct Console {
        let sandbox: Sandbox
        let tmux: Tmux
        let state: URL
        /// The shell line that starts the console (again, for a restart: same state, same sandbox).
        let command: String
        var audit: URL { state.appendingPathComponent("arsel-campaigns/audit.jsonl") }

        func start() throws { try tmux.type(command) }

        /// Cancels the selected row while the server applies `fault` to the cancel, presses `q`
        /// while it is in flight, is asked, and quits anyway: the console exits 2.
        func quitDuringACancel(fault: String) async throws {
            _ = try await RawHTTP.send("PUT", sandbox.root + "/_sandbox/faults", body: #"{"POST /v1/email/campaigns/:id/cancel": \#(fault)}"#)
            try tmux.press("c")
            #expect(await tmux.waitFor("[> Keep <]"))
            try tmux.press("y")
            #expect(await tmux.waitForRow(ConsoleSafetyTests.name, shows: "cancelling…"))
            try tmux.press("q")
            #expect(await tmux.waitFor("A cancel is still running — quit anyway?"), "q asks first:\n\((try? tmux.screen()) ?? "")")
            #expect(!(try tmux.screen()).contains("EXITED="))
            try tmux.press("y")
            #expect(await tmux.waitFor("EXITED=2"), "quitting with an unknown outcome exits 2:\n\((try? tmux.screen()) ?? "")")
        }

        /// The idempotency keys of the cancels the sandbox received, in order.
        func cancelKeys() async throws -> [String] {
            let body = try await RawHTTP.send("GET", sandbox.root + "/_sandbox/requests").body
            let all = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? []
            return all.filter { ($0["method"] as? String) == "POST" && (($0["path"] as? String) ?? "").hasSuffix("/cancel") }
                .map { ($0["idempotency_key"] as? String) ?? "" }
        }

        func posts() async throws -> Int {
            let body = try await RawHTTP.send("GET", sandbox.root + "/_sandbox/requests").body
            let all = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? []
            return all.filter { ($0["method"] as? String) == "POST" && (($0["path"] as? String) ?? "").hasSuffix("/cancel") }.count
        }

        /// The first campaign's id and status, as the sandbox has them.
        func first() async throws -> (id: String, status: String) {
            let body = try await RawHTTP.send("GET", sandbox.root + "/v1/email/campaigns?limit=1", key: sandbox.demoKey).body
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            let entry = try #require((object?["data"] as? [[String: Any]])?.first, "\(body)")
            return (try #require(entry["id"] as? String), ((entry["status"] as? String) ?? "?").lowercased())
        }

        func auditRecords() throws -> [[String: Any]] {
            try String(contentsOf: audit, encoding: .utf8).split(separator: "\n")
                .compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        }
    }

    func withConsole(
        environment: String = "", appears: String = Self.name, prepare: (URL) throws -> Void = { _ in },
        _ body: (Console) async throws -> Void
    ) async throws {
        try #require(Tmux.available, "tmux is required (scripts/test installs it)")
        let sandbox = try await Sandbox.startForTests()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state.appendingPathComponent("arsel-campaigns"), withIntermediateDirectories: true)
        try prepare(state)
        let tmux = try Tmux(width: 120, height: 30)
        defer {
            tmux.kill()
            try? FileManager.default.removeItem(at: state)
        }
        let console = Console(
            sandbox: sandbox, tmux: tmux, state: state,
            command: "clear; \(environment) XDG_STATE_HOME=\(state.path) ARSEL_BASE_URL=\(sandbox.baseURL.absoluteString) ARSEL_API_KEY=\(sandbox.demoKey) \(Binary.url.path) --channel email --rate 50 2>>\(state.path)/stderr; echo EX\"\"ITED=$?")
        try console.start()
        #expect(await tmux.waitFor(appears), "the list appears:\n\((try? tmux.screen()) ?? "")")
        do { try await body(console) } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    @Test func keysCannotCancelWhileTheTerminalIsTooSmall() async throws {
        try await withConsole { c in
            let (id, status) = try await c.first()
            #expect(status == "scheduled")
            try c.tmux.resize(width: 30, height: 8)
            #expect(await c.tmux.waitFor("terminal too small"))
            try c.tmux.press("c")
            try c.tmux.press("y")
            try c.tmux.press("Tab")
            try c.tmux.press("Enter")
            try c.tmux.resize(width: 120, height: 30)
            #expect(await c.tmux.waitFor(Self.name))
            let screen = try c.tmux.screen()
            #expect(!screen.contains("Cancel campaign?"), "no dialog was opened behind the small screen:\n\(screen)")
            #expect(try await c.posts() == 0, "no cancel was sent")
            #expect(try await c.first() == (id, "scheduled"))
            try c.tmux.press("q")
            #expect(await c.tmux.waitFor("EXITED=0"))
        }
    }

    @Test func qDuringACancelAsksThenQuitsWithTheOutcomeUnknown() async throws {
        try await withConsole { c in
            let (id, _) = try await c.first()
            // The cancel takes 5 s at the server: `q` lands while it is in flight.
            try await c.quitDuringACancel(fault: #"{"hold_ms": 5000}"#)
            let stderr = try String(contentsOf: c.state.appendingPathComponent("stderr"), encoding: .utf8)
            #expect(stderr.contains("campaign \(id): interrupted by quit"), "stderr names the campaign: \(stderr)")
            let records = try c.auditRecords().filter { $0["campaign_id"] as? String == id }
            #expect(records.map { $0["outcome"] as? String } == ["intent", "unknown"], "\(records)")
        }
    }

    /// A cancel whose outcome was unknown (the console quit while it hung, unhandled) is re-read
    /// when the console starts again: it says the campaign is still Scheduled, records that, and
    /// the person's next cancel of it is sent with the same idempotency key.
    @Test func anUnknownCancelIsReCheckedAtTheNextStartAndResentWithItsKey() async throws {
        try await withConsole { c in
            let (id, _) = try await c.first()
            // The cancel hangs, unhandled: it never reaches the campaign.
            try await c.quitDuringACancel(fault: #"{"hang": true}"#)
            _ = try await RawHTTP.send("PUT", c.sandbox.root + "/_sandbox/faults", body: "{}")
            #expect(try await c.first() == (id, "scheduled"), "the hung cancel was never handled")
            let intent = try #require(c.auditRecords().first { $0["outcome"] as? String == "intent" })
            let key = try #require(intent["idempotency_key"] as? String)

            try c.start()
            #expect(await c.tmux.waitFor("Earlier cancel re-checked: \"\(Self.name)\" (email, "), "\((try? c.tmux.screen()) ?? "")")
            #expect(await c.tmux.waitFor("is still Scheduled — not cancelled"), "\((try? c.tmux.screen()) ?? "")")
            let resolved = try c.auditRecords().filter { $0["outcome"] as? String == "resolved" }
            #expect(resolved.count == 1)
            #expect(resolved.first?["idempotency_key"] as? String == key)
            #expect(resolved.first?["status_after"] as? String == "Scheduled")

            try c.tmux.press("c")
            #expect(await c.tmux.waitFor("[> Keep <]"), "\((try? c.tmux.screen()) ?? "")")
            try c.tmux.press("y")
            #expect(await c.tmux.waitForRow(Self.name, shows: "⊘ Cancelled"), "\((try? c.tmux.screen()) ?? "")")
            #expect(try await c.cancelKeys().last == key, "the cancel is resent with the unanswered key")
            let outcomes = try c.auditRecords().filter { $0["idempotency_key"] as? String == key }.map { $0["outcome"] as? String ?? "" }
            #expect(outcomes == ["intent", "unknown", "resolved", "intent", "cancelled"])
            try c.tmux.press("q")
            #expect(await c.tmux.waitFor("EXITED=0"))
        }
    }

    @Test func aConsoleCancelWhoseIntentCannotBeRecordedIsNotSent() async throws {
        // The audit file's path is a directory: no intent line can be written.
        try await withConsole(prepare: { state in
            try FileManager.default.createDirectory(at: state.appendingPathComponent("arsel-campaigns/audit.jsonl"), withIntermediateDirectories: true)
        }) { c in
            try c.tmux.press("c")
            #expect(await c.tmux.waitFor("[> Keep <]"))
            try c.tmux.press("y")
            #expect(await c.tmux.waitFor("not sent: the audit trail could not record it"), "\((try? c.tmux.screen()) ?? "")")
            #expect(try await c.posts() == 0)
            #expect(try await c.first().status == "scheduled")
            try c.tmux.press("q")
            #expect(await c.tmux.waitFor("EXITED="))
        }
    }

    /// The console's own process id (the child of the pane's shell).
    func consolePID(_ tmux: Tmux) throws -> String {
        let pgrep = Process()
        pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        pgrep.arguments = ["-P", try tmux.display("#{pane_pid}"), "-f", "arsel-campaigns"]
        let out = Pipe()
        pgrep.standardOutput = out
        try pgrep.run()
        pgrep.waitUntilExit()
        let pid = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").first
        return String(try #require(pid, "the console is running"))
    }

    enum Death: String, CaseIterable { case fatalError, sigsegv }

    /// A death Swift cannot catch, while a cancel is in flight: the terminal is restored (main
    /// screen, canonical mode, echo) and the audit trail says "unknown" for the cancel.
    @Test(arguments: Death.allCases)
    func aFatalDeathRestoresTheTerminalAndRecordsTheCancelAsUnknown(_ death: Death) async throws {
        let crash = death == .fatalError ? "ARSEL_TEST_CRASH=during-cancel" : ""
        try await withConsole(environment: crash) { c in
            let (id, _) = try await c.first()
            let pid = try consolePID(c.tmux)
            let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
            let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
            #expect(core.split(separator: " ").suffix(3).prefix(2) == ["0", "0"], "RLIMIT_CORE is 0: \(core)")
            #expect(try c.tmux.display("#{alternate_on}") == "1", "the console is on the alternate screen")
            _ = try await RawHTTP.send("PUT", c.sandbox.root + "/_sandbox/faults", body: #"{"POST /v1/email/campaigns/:id/cancel": {"hold_ms": 5000}}"#)
            try c.tmux.press("c")
            #expect(await c.tmux.waitFor("[> Keep <]"))
            try c.tmux.press("y")
            if death == .sigsegv {
                #expect(await c.tmux.waitForRow(Self.name, shows: "cancelling…"))
                let kill = Process()
                kill.executableURL = URL(fileURLWithPath: "/bin/kill")
                kill.arguments = ["-SEGV", pid]
                try kill.run()
                kill.waitUntilExit()
            }
            #expect(await c.tmux.waitFor("EXITED="), "\((try? c.tmux.screen()) ?? "")")
            let screen = try c.tmux.screen()
            let status = screen.split(separator: "\n").first { $0.hasPrefix("EXITED=") }.map { String($0.dropFirst(7)) } ?? ""
            #expect((Int(status) ?? 0) > 128, "died by a signal: \(status)")
            #expect(try c.tmux.display("#{alternate_on}") == "0", "back on the main screen")
            #expect(try c.tmux.display("#{cursor_flag}") == "1", "the cursor is visible")
            try c.tmux.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | sed 's/^/STTY:/'; echo AL\"\"IVE")
            #expect(await c.tmux.waitFor("ALIVE"))
            let after = try c.tmux.screen()
            #expect(after.contains("STTY:icanon") && !after.contains("STTY:-icanon"), "canonical mode is back:\n\(after)")
            #expect(after.contains("STTY:echo") && !after.contains("STTY:-echo"), "echo is back")
            let stderr = try String(contentsOf: c.state.appendingPathComponent("stderr"), encoding: .utf8)
            #expect(stderr.contains("stopped by fatal signal"), "it says what happened: \(stderr)")
            let records = try c.auditRecords().filter { $0["campaign_id"] as? String == id }
            #expect(records.map { $0["outcome"] as? String } == ["intent", "unknown"], "\(records)")
        }
    }

    /// `LANG=C`: the terminal can draw ASCII only. Arabic, CJK and emoji names are visible
    /// escapes in the table and in the dialog, never blank.
    @Test func namesTheTerminalCannotDrawAreVisibleEscapes() async throws {
        try await withConsole(environment: "LANG=C LC_ALL=C", appears: "Ramadan offers - KSA list") { c in
            let arabic = #"\u{062D}\u{0645}\u{0644}\u{0629}"#  // حملة
            #expect(await c.tmux.waitFor(arabic), "the Arabic name is escaped:\n\((try? c.tmux.screen()) ?? "")")
            let screen = try c.tmux.screen()
            #expect(!screen.contains { !$0.isASCII }, "nothing but ASCII reaches an ASCII terminal")
            let row = try #require(ScreenRows.row(screen, named: arabic))
            #expect(row.contains("Scheduled"), "the escaped name is on its own row: \(row)")
            // Select it (the selected row starts with ">" in ASCII mode).
            #expect(try await c.tmux.select(arabic, marker: ">"))
            try c.tmux.press("c")
            #expect(await c.tmux.waitFor("[> Keep <]"))
            let dialog = try c.tmux.screen().split(separator: "\n").filter { $0.contains("|") }
            #expect(dialog.contains { $0.contains(arabic) }, "the dialog names it:\n\(dialog.joined(separator: "\n"))")
            try c.tmux.press("Escape")
            try c.tmux.press("q")
            #expect(await c.tmux.waitFor("EXITED=0"))
        }
    }
}
