import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// The console the way its users meet it: the real binary behind a real `sshd` (its own, on
/// 127.0.0.1), reached with `ssh -tt` from a shell in tmux — a real local pty and a real remote
/// pty, TERM from the pty request, the locale through SendEnv, the API key in a 0600 file.
@Suite(.serialized, .enabled(if: SSHServer.usable, "sshd cannot run on this machine: the reason is printed above"))
struct SSHTests {
    /// One sshd, one sandbox, and the remote user's files: state (the audit trail), config, key.
    final class Link: Sendable {
        let sshd: SSHServer
        let sandbox: Sandbox
        let home: URL
        var audit: URL { home.appendingPathComponent("state/arsel-campaigns/audit.jsonl") }
        var root: String { sandbox.root }

        init(seed: SandboxOptions.Seed = .none) async throws {
            sshd = try SSHServer()
            sandbox = try await Sandbox.startForTests(seed: seed)
            home = FileManager.default.temporaryDirectory.appendingPathComponent("ssh-home-\(UUID().uuidString.prefix(8))")
            for dir in ["state", "config"] {
                try FileManager.default.createDirectory(at: home.appendingPathComponent(dir), withIntermediateDirectories: true)
            }
            let key = home.appendingPathComponent("key")
            try #require(FileManager.default.createFile(atPath: key.path, contents: Data(sandbox.demoKey.utf8), attributes: [.posixPermissions: 0o600]))
        }

        func stop() async {
            sshd.stop()
            await sandbox.stop()
            try? FileManager.default.removeItem(at: home)
        }

        /// What the client sends: TERM (the pty request), the locale, the remote user's
        /// directories and the API: a key file, never the key.
        func environment(term: String, lang: String = "C.UTF-8", _ extra: [String: String] = [:]) -> [String: String] {
            var env = [
                "TERM": term, "LANG": lang, "LC_ALL": lang, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                "XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString,
                "ARSEL_API_KEY_FILE": home.appendingPathComponent("key").path,
            ]
            env.merge(extra) { $1 }
            return env
        }

        /// The console on email campaigns, then its exit status (`EXITED=…`).
        static let console = "\(Binary.url.path) --channel email --rate 50"
        static let consoleThenStatus = console + "; echo EX\"\"ITED=$?"

        /// Opens an SSH session in `tmux` running `remote` (a shell command on the server).
        func open(_ tmux: Tmux, _ remote: String, _ environment: [String: String]) throws {
            try tmux.type(sshd.command(remote, environment: environment))
        }

        /// An interactive remote shell (prompt `remote$ `), no rc files.
        func openShell(_ tmux: Tmux, _ environment: [String: String]) async throws {
            try open(tmux, "PS1='remote$ ' exec /bin/bash --norc --noprofile -i", environment)
            #expect(await tmux.waitFor("remote$ "), "the remote shell: \((try? tmux.screen()) ?? "")\n\(sshd.log)")
        }

        /// The shared client on the sandbox, unpaced.
        func client() throws -> CampaignsClient {
            var c = ClientConfiguration(baseURL: sandbox.baseURL, apiKey: try APIKey(sandbox.demoKey))
            c.requestsPerSecond = 1000
            return CampaignsClient(configuration: c)
        }

        func id(named name: String) async throws -> String {
            let client = try client()
            let id = try await client.list(CampaignQuery(search: name)).campaigns.first?.id
            await client.shutdown()
            return try #require(id, "no campaign named \(name)")
        }

        /// Email campaigns scheduled in order, an hour and more from now; their ids by name.
        func schedule(_ names: [String]) async throws -> [String: String] {
            let client = try client()
            var ids: [String: String] = [:]
            for (i, name) in names.enumerated() {
                let id = try await client.create(.email, name: name, fields: [
                    "subject": "Hi", "from": "news@acme.sa", "template_id": "0192a1b2-c3d4-7e5f-9000-0000000000a1", "list_ids": "l1",
                ])
                try await client.send(id, channel: .email, scheduledAt: Date().addingTimeInterval(3600 + Double(i) * 60))
                ids[name] = id
            }
            await client.shutdown()
            return ids
        }

        func status(of id: String) async throws -> String {
            let object = try await RawHTTP.send("GET", root + "/v1/email/campaigns/\(id)", key: sandbox.demoKey).object
            return ((object?["status"] as? String) ?? "?").lowercased()
        }

        /// The cancel requests the sandbox has seen.
        func cancelRequests() async throws -> Int {
            let body = try await RawHTTP.send("GET", root + "/_sandbox/requests").body
            let all = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? []
            return all.filter { ($0["method"] as? String) == "POST" && (($0["path"] as? String) ?? "").hasSuffix("/cancel") }.count
        }

        func auditRecords() -> [[String: Any]] {
            let text = (try? String(contentsOf: audit, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        }
    }

    /// Runs `body` with a link, stopping it however `body` ends.
    func withLink(seed: SandboxOptions.Seed = .none, _ body: (Link) async throws -> Void) async throws {
        let link = try await Link(seed: seed)
        do {
            try await body(link)
        } catch {
            await link.stop()
            throw error
        }
        await link.stop()
    }

    static func screen(_ tmux: Tmux) -> String { (try? tmux.screen()) ?? "" }

    static let sttyModes = "stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | sed 's/^/STTY:/'; echo AL\"\"IVE"

    // MARK: a. The console over SSH

    @Test func listDetailsCancelResizeAndQuitToTheRemoteShell() async throws {
        try await withLink(seed: .demo) { link in
            let tmux = try Tmux(width: 120, height: 35)
            defer { tmux.kill() }
            try await link.openShell(tmux, link.environment(term: "xterm-256color"))
            try tmux.type(Link.consoleThenStatus)
            let name = "Ramadan offers — KSA list"
            #expect(await tmux.waitFor(name), "the list over SSH:\n\(Self.screen(tmux))")
            #expect(Self.screen(tmux).contains("SANDBOX"))
            #expect(tmux.row(named: name)?.contains("● \(name)") == true, "cancellable rows are marked")

            // Details, and back.
            #expect(try await tmux.select("Ramadan offers"))
            try tmux.press("Enter")
            #expect(await tmux.waitFor("cancellable: press c after closing"), "details: \(Self.screen(tmux))")
            try tmux.press("Escape")
            #expect(await BackgroundBinary.eventually { !Self.screen(tmux).contains("press c after closing") && tmux.row(named: name) != nil })

            // Cancel with c, y: the row acted on, and the sandbox.
            let id = try await link.id(named: name)
            #expect(try await link.status(of: id) == "scheduled")
            try tmux.press("c")
            #expect(await tmux.waitFor("[> Keep <]"), "the dialog asks: \(Self.screen(tmux))")
            try tmux.press("y")
            #expect(await tmux.waitForRow(name, shows: "⊘ Cancelled", "✓ Campaign cancelled"), "\(Self.screen(tmux))")
            #expect(try await link.status(of: id) == "cancelled")

            // Resizes: the screen is redrawn at each size (the hint bar is on the last line, the
            // header on the first), down to "terminal too small" and back.
            for (w, h) in [(80, 24), (40, 10), (30, 8), (120, 35)] {
                try tmux.resize(width: w, height: h)
                let redrawn = await BackgroundBinary.eventually {
                    let lines = Self.screen(tmux).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    guard let first = lines.first, first.count <= w else { return false }
                    if (w, h) == (30, 8) { return lines.contains { $0.contains("terminal too small") } }
                    return first.contains("SANDBOX") && lines.count >= h && lines[h - 1].contains("q quit")
                }
                #expect(redrawn, "\(w)×\(h):\n\(Self.screen(tmux))")
            }

            try tmux.press("q")
            #expect(await tmux.waitFor("EXITED=0"), "\(Self.screen(tmux))")
            try tmux.type(Self.sttyModes)
            #expect(await tmux.waitFor("ALIVE"))
            let after = Self.screen(tmux)
            #expect(after.contains("STTY:icanon") && !after.contains("STTY:-icanon"), "the remote pty is canonical again: \(after)")
            #expect(after.contains("STTY:echo") && !after.contains("STTY:-echo"), "and echoes")
            let last = after.split(separator: "\n").last.map(String.init) ?? ""
            #expect(last.hasPrefix("remote$"), "the remote shell's prompt is back: \(after)")
            try tmux.type("exit")
            #expect(await tmux.waitFor("SSH_EXIT=0"))
        }
    }

    // MARK: b. TERM × LANG over SSH

    struct Case: CustomStringConvertible {
        let term: String, lang: String, noColor: Bool
        /// Documented: TERM dumb, and a TERM curses cannot open, get the line mode.
        var lineMode: Bool { term == "dumb" || term == "nosuchterm" }
        var description: String { "TERM=\(term) LANG=\(lang)\(noColor ? " NO_COLOR=1" : "")" }
    }

    static let matrix: [Case] =
        ["xterm-256color", "xterm", "screen-256color", "tmux-256color", "vt100", "linux", "dumb", "nosuchterm"].flatMap { term in
            ["C.UTF-8", "C"].map { Case(term: term, lang: $0, noColor: false) }
        } + [Case(term: "xterm-256color", lang: "C.UTF-8", noColor: true)]

    /// Escape sequences a terminal did not understand show up as text: none may.
    static func rawEscapes(_ text: String) -> [String] {
        ["\u{1b}", "[?1049", "[?25", "[0m", "[H", "^["].filter { text.contains($0) }
    }

    /// Whether `bytes` set a foreground or background colour (SGR 30–37, 40–47, 90–97, 38;5 / 48;5).
    static func setsColour(_ bytes: String) -> Bool {
        bytes.contains(/\x{1b}\[[0-9;]*([349][0-7]|[34]8;5;[0-9]+)m/)
    }

    @Test func everyTermAndLocaleStartsCancelsOnceAndExitsCleanly() async throws {
        try await withLink { link in
            let names = Self.matrix.indices.map { String(format: "Case %02d", $0 + 1) }
            let ids = try await link.schedule(names)
            for (c, name) in zip(Self.matrix, names) {
                let id = try #require(ids[name])
                let tmux = try Tmux(width: 120, height: 35)
                defer { tmux.kill() }
                let raw = link.home.appendingPathComponent("pane-\(name.suffix(2)).raw")
                try link.open(tmux, Link.consoleThenStatus, link.environment(term: c.term, lang: c.lang, c.noColor ? ["NO_COLOR": "1"] : [:]))
                // What the remote side writes, byte for byte (the local shell's bracketed-paste
                // toggles aside): the line mode writes no escape at all.
                try tmux.run(["pipe-pane", "-t", tmux.session, "cat >> \(raw.path)"])
                if c.lineMode {
                    #expect(await tmux.waitFor("Type ? for commands."), "\(c): the line mode\n\(Self.screen(tmux))")
                    #expect(await tmux.waitFor(name), "\(c): the list\n\(Self.screen(tmux))")
                    if c.term == "nosuchterm" {
                        #expect(Self.screen(tmux).contains("unknown terminal type \"nosuchterm\""), "\(c): said why")
                    }
                    let number = try #require(Self.screen(tmux).split(separator: "\n").first { $0.contains(name) }.flatMap { line in
                        line.split(separator: ".").first.map { $0.trimmingCharacters(in: .whitespaces) }
                    }, "\(c): \(name) is listed")
                    try tmux.type("c \(number)")
                    #expect(await tmux.waitFor("Type yes to cancel it"), "\(c): asks\n\(Self.screen(tmux))")
                    try tmux.type("yes")
                    #expect(await tmux.waitFor("\(name): Campaign cancelled"), "\(c): cancelled\n\(Self.screen(tmux))")
                    try tmux.type("q")
                } else {
                    let marker = c.lang == "C" ? ">" : "▶"
                    #expect(await tmux.waitFor(name), "\(c): the console\n\(Self.screen(tmux))")
                    #expect(try await tmux.select(name, marker: marker), "\(c): \(Self.screen(tmux))")
                    try tmux.press("c")
                    #expect(await tmux.waitFor("[> Keep <]"), "\(c): the dialog\n\(Self.screen(tmux))")
                    try tmux.press("y")
                    #expect(await tmux.waitForRow(name, shows: "Cancelled", "Campaign cancelled"), "\(c): \(Self.screen(tmux))")
                    #expect(Self.rawEscapes(Self.screen(tmux)).isEmpty, "\(c): escapes shown as text: \(Self.screen(tmux))")
                    try tmux.press("q")
                }
                #expect(await tmux.waitFor("SSH_EXIT="), "\(c): \(Self.screen(tmux))")
                let end = Self.screen(tmux)
                #expect(end.contains("EXITED=0") && end.contains("SSH_EXIT=0"), "\(c): a clean exit\n\(end)")
                #expect(Self.rawEscapes(end).isEmpty, "\(c): escapes shown as text: \(end)")
                #expect(try await link.status(of: id) == "cancelled", "\(c): the sandbox has it cancelled")
                // Colour where the terminal has it, none under NO_COLOR.
                if c.term == "xterm-256color" && c.lang == "C.UTF-8" {
                    let coloured = Self.setsColour((try? String(contentsOf: raw, encoding: .utf8)) ?? "")
                    #expect(coloured != c.noColor, "\(c): colours \(c.noColor ? "sent" : "missing")")
                }
                if c.lineMode {
                    let bytes = (try? String(contentsOf: raw, encoding: .utf8)) ?? ""
                    let remote = bytes.replacingOccurrences(of: "\u{1b}[?2004h", with: "").replacingOccurrences(of: "\u{1b}[?2004l", with: "")
                    #expect(!remote.contains("\u{1b}"), "\(c): the line mode wrote an escape: \(remote.debugDescription)")
                }
            }
        }
    }

    // MARK: c. The connection drops while a cancel is in flight

    @Test func aDroppedConnectionMidCancelIsAuditedAndReportedAtTheNextStart() async throws {
        try await withLink { link in
            let name = "Dropped link"
            let id = try #require(try await link.schedule([name])[name])
            // The cancel is done at once, its answer takes 4 s to come back: it is in flight
            // when the link goes.
            _ = try await RawHTTP.send("PUT", link.root + "/_sandbox/faults", body: #"{"POST /v1/email/campaigns/:id/cancel": {"answer_delay_ms": 4000}}"#)
            let tmux = try Tmux(width: 120, height: 35)
            defer { tmux.kill() }
            // `--refresh 777` marks this console among the machine's processes.
            let marked = Link.console + " --refresh 777"
            try link.open(tmux, marked, link.environment(term: "xterm-256color"))
            #expect(await tmux.waitFor(name), "\(Self.screen(tmux))")
            try tmux.press("c")
            #expect(await tmux.waitFor("[> Keep <]"))
            try tmux.press("y")
            #expect(await tmux.waitFor("cancelling…"), "\(Self.screen(tmux))")
            // The link drops: the local client dies without a goodbye, sshd closes the remote
            // pty, the console gets SIGHUP.
            let pane = try tmux.display("#{pane_pid}")
            #expect(try CleanSpawn.run("/usr/bin/pkill", ["-KILL", "-P", pane, "-x", "ssh"]).status == 0, "the ssh client was killed")
            #expect(await tmux.waitFor("SSH_EXIT=137"), "\(Self.screen(tmux))")
            let gone = await BackgroundBinary.eventually(timeout: .seconds(10)) {
                (try? CleanSpawn.run("/usr/bin/pgrep", ["-f", "arsel-campaigns --channel email --rate 50 --refresh 777"]).status) == 1
            }
            #expect(gone, "the remote console ended on SIGHUP, before the answer came")
            let outcomes = link.auditRecords().filter { $0["campaign_id"] as? String == id && $0["outcome"] as? String != "intent" }
            let outcome = try #require(outcomes.last?["outcome"] as? String, "the cancel is in the audit trail: \(link.auditRecords())")
            #expect(["cancelled", "unknown"].contains(outcome), "\(outcome)")

            // A new session, the console again: it says what became of that cancel.
            _ = try await RawHTTP.send("DELETE", link.root + "/_sandbox/faults")
            try link.open(tmux, Link.consoleThenStatus, link.environment(term: "xterm-256color"))
            if outcome == "unknown" {
                #expect(await tmux.waitFor("Earlier cancel re-checked: \"\(name)\" (email, "), "\(Self.screen(tmux))")
                #expect(Self.screen(tmux).contains("is Cancelled"), "\(Self.screen(tmux))")
                let resolved = link.auditRecords().filter { $0["campaign_id"] as? String == id }.last
                #expect(resolved?["outcome"] as? String == "resolved", "the re-check is recorded: \(String(describing: resolved))")
            }
            #expect(await tmux.waitForRow(name, shows: "Cancelled"), "\(Self.screen(tmux))")
            #expect(try await link.status(of: id) == "cancelled")
            try tmux.press("q")
            #expect(await tmux.waitFor("EXITED=0"), "\(Self.screen(tmux))")
        }
    }

    // MARK: d. Keys split by a slow link

    /// Writes a ↓ whose bytes a slow link spread out into the pty: Esc, then `gap` later the
    /// introducer (`O`, as a terminal in keypad mode sends it, or `[`), then (`tail` apart, or in
    /// the same write) `B`. ncurses waits the escape delay for the whole sequence, not per byte.
    /// Returns at most how far apart the first and last bytes were written.
    @discardableResult
    static func splitDown(_ tmux: Tmux, csi: Bool = false, gap: Duration, tail: Duration? = nil) async throws -> Duration {
        let introducer = csi ? "5b" : "4f"
        let started = ContinuousClock.now
        try tmux.run(["send-keys", "-t", tmux.session, "-H", "1b"])
        try await Task.sleep(for: gap)
        if let tail {
            try tmux.run(["send-keys", "-t", tmux.session, "-H", introducer])
            try await Task.sleep(for: tail)
            try tmux.run(["send-keys", "-t", tmux.session, "-H", "42"])
        } else {
            try tmux.run(["send-keys", "-t", tmux.session, "-H", introducer, "42"])
        }
        return ContinuousClock.now - started
    }

    /// Both split ↓s beyond the delay: Esc, `[`, `B` and Esc, `O`, `B`, 150 ms apart.
    static func splitDownsBeyondTheDelay(_ tmux: Tmux) async throws {
        for csi in [true, false] { try await splitDown(tmux, csi: csi, gap: .milliseconds(150), tail: .milliseconds(150)) }
    }

    /// The line index of the selected row.
    static func selection(_ tmux: Tmux) -> Int { ScreenRows.selected(screen(tmux)).index }

    /// Opens help and closes it: every key sent before has been handled once help shows.
    static func settle(_ tmux: Tmux) async throws -> Bool {
        try tmux.press("?")
        guard await tmux.waitFor("this help") else { return false }
        try tmux.press("q")
        return await BackgroundBinary.eventually { !screen(tmux).contains("this help") }
    }

    @Test func splitEscapeSequencesNeverCancel() async throws {
        try await withLink { link in
            let ids = try await link.schedule(["Split one", "Split two", "Split three", "Split four", "Split five"])
            let tmux = try Tmux(width: 120, height: 35)
            defer { tmux.kill() }
            try link.open(tmux, Link.consoleThenStatus, link.environment(term: "xterm-256color"))
            #expect(await tmux.waitFor("Split five"), "\(Self.screen(tmux))")
            let start = Self.selection(tmux)

            // In the list. Beyond the delay (150 ms apart): Esc, `[` or `O`, `B` — each does nothing.
            try await Self.splitDownsBeyondTheDelay(tmux)
            #expect(try await Self.settle(tmux))
            #expect(Self.selection(tmux) == start, "the split keys did nothing: \(Self.screen(tmux))")
            // Within the delay over SSH (`OB` 60 ms after Esc, 100 ms allowed): one ↓. Tried again
            // when a busy machine took longer than 95 ms to write the bytes.
            var moved = false
            for _ in 0..<3 {
                let before = Self.selection(tmux)
                guard try await Self.splitDown(tmux, gap: .milliseconds(60)) < .milliseconds(95) else {
                    #expect(try await Self.settle(tmux))
                    continue
                }
                moved = await BackgroundBinary.eventually { Self.selection(tmux) == before + 1 }
                break
            }
            #expect(moved, "60 ms late is still ↓ over SSH: \(Self.screen(tmux))")

            // In the cancel dialog: Esc keeps (closes it), the rest does nothing.
            try tmux.press("c")
            #expect(await tmux.waitFor("[> Keep <]"))
            try await Self.splitDown(tmux, csi: true, gap: .milliseconds(150), tail: .milliseconds(150))
            #expect(await BackgroundBinary.eventually { !Self.screen(tmux).contains("Keep <]") }, "Esc closed the dialog: \(Self.screen(tmux))")
            #expect(try await Self.settle(tmux))
            // And a ↓ within the delay scrolls the dialog, which stays open.
            try tmux.press("c")
            #expect(await tmux.waitFor("[> Keep <]"))
            try await Self.splitDown(tmux, gap: .milliseconds(60))
            try tmux.press("n")
            #expect(await BackgroundBinary.eventually { !Self.screen(tmux).contains("Keep <]") }, "n keeps: \(Self.screen(tmux))")
            #expect(try await Self.settle(tmux))

            #expect(try await link.cancelRequests() == 0, "no cancel was sent")
            for id in ids.values { #expect(try await link.status(of: id) == "scheduled") }
            #expect(!FileManager.default.fileExists(atPath: link.audit.path), "nothing cancelled, nothing audited")
            try tmux.press("q")
            #expect(await tmux.waitFor("EXITED=0"), "\(Self.screen(tmux))")

            // ARSEL_ESCAPE_DELAY_MS sets the delay: at 25 ms, `OB` 60 ms after Esc is Esc, `O`, `B`.
            try link.open(tmux, Link.consoleThenStatus, link.environment(term: "xterm-256color", ["ARSEL_ESCAPE_DELAY_MS": "25"]))
            #expect(await tmux.waitFor("Split five"), "\(Self.screen(tmux))")
            let first = Self.selection(tmux)
            try await Self.splitDown(tmux, gap: .milliseconds(60))
            #expect(try await Self.settle(tmux))
            #expect(Self.selection(tmux) == first, "at 25 ms the split ↓ is three keys: \(Self.screen(tmux))")
            try tmux.press("q")
            #expect(await BackgroundBinary.eventually { Self.screen(tmux).components(separatedBy: "EXITED=0").count == 3 }, "\(Self.screen(tmux))")
        }
    }

    // MARK: e. A terminal without an alternate screen

    @Test func vt100QuitsToACleanScreen() async throws {
        try await withLink { link in
            _ = try await link.schedule(["No alternate screen"])
            let tmux = try Tmux(width: 80, height: 24)
            defer { tmux.kill() }
            try link.open(tmux, Link.consoleThenStatus, link.environment(term: "vt100"))
            #expect(await tmux.waitFor("No alternate screen"), "\(Self.screen(tmux))")
            try tmux.press("q")
            #expect(await tmux.waitFor("SSH_EXIT=0"), "\(Self.screen(tmux))")
            let lines = Self.screen(tmux).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            #expect(lines == ["EXITED=0", "SSH_EXIT=0", "$"], "only the exit and the prompt, on a cleared screen: \(lines)")
        }
    }
}
