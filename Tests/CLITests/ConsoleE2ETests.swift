import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// The real binary in a real terminal (tmux), against the sandbox on 127.0.0.1 port 0.
@Suite(.serialized) struct ConsoleE2ETests {
    struct Env {
        let sandbox: Sandbox
        let tmux: Tmux
        var root: String { sandbox.baseURL.absoluteString.replacingOccurrences(of: "/v1", with: "") }

        func requests() async throws -> [[String: Any]] {
            let body = try await RawHTTP.send("GET", root + "/_sandbox/requests").body
            return (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? []
        }

        func id(named name: String) async throws -> String {
            let client = CampaignsClient(configuration: {
                var c = ClientConfiguration(baseURL: sandbox.baseURL, apiKey: try! APIKey(sandbox.demoKey))
                c.requestsPerSecond = 100
                return c
            }())
            defer { Task { await client.shutdown() } }
            return try await client.list(CampaignQuery(search: name)).campaigns[0].id
        }

        /// The campaign's status as the sandbox has it, lower case.
        func status(of id: String) async throws -> String {
            let body = try await RawHTTP.send("GET", root + "/v1/email/campaigns/\(id)", key: sandbox.demoKey).body
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            return ((object?["status"] as? String) ?? "?").lowercased()
        }

        /// Moves the selection (▶) to the row containing `name`.
        func select(_ name: String) async throws -> Bool { try await tmux.select(name) }
    }

    func withConsole(_ body: (Env) async throws -> Void) async throws {
        try #require(Tmux.available, "tmux is required (scripts/test installs it)")
        let sandbox = try await Sandbox.startForTests()
        let tmux = try Tmux(width: 120, height: 30)
        let env = Env(sandbox: sandbox, tmux: tmux)
        do {
            try tmux.type("ARSEL_BASE_URL=\(sandbox.baseURL.absoluteString) ARSEL_API_KEY=\(sandbox.demoKey) \(Binary.url.path) --channel email --rate 20; echo EX\"\"ITED=$?")
            #expect(await tmux.waitFor("Ramadan offers — KSA list"), "the list appears:\n\((try? tmux.screen()) ?? "")")
            try await body(env)
        } catch {
            tmux.kill()
            await sandbox.stop()
            throw error
        }
        tmux.kill()
        await sandbox.stop()
    }

    @Test func listCancelAndQuitToAWorkingShell() async throws {
        try await withConsole { e in
            let screen = try e.tmux.screen()
            #expect(screen.contains("● Ramadan offers — KSA list"), "cancellable rows are marked")
            #expect(screen.contains("· Winter clearance"), "the others are not")
            #expect(screen.contains("SANDBOX"))
            // The hardware cursor sits on the selected row.
            let row = screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("▶") }
            let cursor = try e.tmux.display("#{cursor_x},#{cursor_y}")
            #expect(cursor == row.map { "0,\($0)" }, "cursor at \(cursor), selected row \(String(describing: row))")

            let name = "Ramadan offers — KSA list"
            let id = try await e.id(named: name)
            #expect(e.tmux.row(named: name)?.contains("◷ Scheduled") == true, "the row starts Scheduled")
            #expect(try await e.select("Ramadan offers"))
            try e.tmux.press("c")
            #expect(await e.tmux.waitFor("Cancel campaign?"))
            #expect(await e.tmux.waitFor("[> Keep <]"), "the re-read is back and the dialog asks")
            try e.tmux.press("y")
            // The row acted on, not the screen: a seeded row already shows "⊘ Cancelled".
            #expect(await e.tmux.waitForRow(name, shows: "⊘ Cancelled", "✓ Campaign cancelled"), "\((try? e.tmux.screen()) ?? "")")
            #expect(try await e.status(of: id) == "cancelled", "the sandbox has it cancelled")

            try e.tmux.press("q")
            #expect(await e.tmux.waitFor("EXITED=0"))
            try e.tmux.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | sed 's/^/STTY:/'; echo AL\"\"IVE")
            #expect(await e.tmux.waitFor("ALIVE"))
            let after = try e.tmux.screen()
            #expect(after.contains("STTY:icanon") && !after.contains("STTY:-icanon"), "the terminal is back in canonical mode")
            #expect(after.contains("STTY:echo") && !after.contains("STTY:-echo"), "echo is back on")
        }
    }

    @Test func aCampaignSentAfterTheDialogOpenedShowsBadRequestInline() async throws {
        try await withConsole { e in
            let id = try await e.id(named: "Lunch offer")
            #expect(try await e.select("Lunch offer"))
            try e.tmux.press("c")
            #expect(await e.tmux.waitFor("[> Keep <]"))
            _ = try await RawHTTP.send("POST", e.root + "/_sandbox/campaigns/\(id)/status", body: #"{"status":"sent"}"#)
            try e.tmux.press("y")
            #expect(await e.tmux.waitFor("bad_request: Campaign cannot be cancelled in its current status"), "\((try? e.tmux.screen()) ?? "")")
            #expect(await e.tmux.waitFor("✓ Sent"))
            try e.tmux.press("q")
        }
    }

    @Test func cOnASentCampaignSendsNoRequest() async throws {
        try await withConsole { e in
            #expect(try await e.select("Nightly report"))
            let before = try await e.requests().count
            try e.tmux.press("c")
            #expect(await e.tmux.waitFor("Sent campaigns cannot be cancelled"))
            try await Task.sleep(for: .milliseconds(300))
            let posts = try await e.requests().dropFirst(before).filter { ($0["method"] as? String) == "POST" }
            #expect(posts.isEmpty, "no request for a campaign that cannot be cancelled")
            try e.tmux.press("q")
        }
    }

    @Test func hostileNamesNeitherClearNorRetitleAndResizeSurvives() async throws {
        try await withConsole { e in
            let title = try e.tmux.display("#{pane_title}")
            try e.tmux.press("End")
            try await Task.sleep(for: .milliseconds(300))
            try e.tmux.press("Home")
            #expect(await e.tmux.waitFor("Nightly report \\e[2J\\e[H"))
            let screen = try e.tmux.screen()
            #expect(screen.contains("arsel-campaigns"), "the header survived: the screen was not cleared")
            #expect(screen.contains("\\e]0;PWNED\\aTitle grab"))
            #expect(try e.tmux.display("#{pane_title}") == title, "the window title did not change")
            #expect(!(try e.tmux.display("#{pane_title}")).contains("PWNED"))

            try e.tmux.resize(width: 30, height: 8)
            #expect(await e.tmux.waitFor("terminal too small"))
            try e.tmux.resize(width: 120, height: 30)
            #expect(await e.tmux.waitFor("Ramadan offers"), "\((try? e.tmux.screen()) ?? "")")
            try e.tmux.resize(width: 40, height: 10)
            #expect(await e.tmux.waitFor("NAME"))
            try e.tmux.resize(width: 120, height: 30)
            try e.tmux.press("q")
            #expect(await e.tmux.waitFor("EXITED=0"))
        }
    }

    @Test func sigtermRestoresTheTerminal() async throws {
        try await withConsole { e in
            let pid = try e.tmux.display("#{pane_pid}")
            // The console is the shell's child; signal it, not the shell.
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            p.arguments = ["-TERM", "-P", pid, "-f", "arsel-campaigns"]
            try p.run()
            p.waitUntilExit()
            #expect(await e.tmux.waitFor("EXITED="))
            try e.tmux.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon | sed 's/^/STTY:/'; echo AL\"\"IVE")
            #expect(await e.tmux.waitFor("ALIVE"))
            let after = try e.tmux.screen()
            #expect(after.contains("STTY:icanon") && !after.contains("STTY:-icanon"), "restored after SIGTERM")
        }
    }
}
