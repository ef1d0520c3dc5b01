import ArselAPI
import ArselModel
import Foundation
import Testing
import TerminalUI
import TestSupport

/// The hostile corpus through names, error messages and headers, in the CLI and in the console
/// in a real pty: not one raw control byte, escape sequence or reordering character from the
/// server reaches the terminal.
@Suite struct HostileTextTests {
    static func server() async throws -> ScriptedServer {
        let names = HostileCorpus.strings
        let list = Fixtures.list(names.enumerated().map { i, name in
            Fixtures.emailCampaign(id: Fixtures.id(1000 - i), name: name, status: i % 3 == 0 ? "Scheduled" : "Sent")
        }, hasMore: false)
        return try await ScriptedServer { req in
            if req.method == "GET", req.path == "/v1/email/campaigns" { return .json(200, list) }
            if req.method == "GET", let i = names.indices.first(where: { req.path.hasSuffix(Fixtures.id(1000 - $0)) }) {
                return .json(200, Fixtures.emailCampaign(id: Fixtures.id(1000 - i), name: names[i], status: "Scheduled"),
                             headers: [("x-request-id", "req\u{202E}\u{200B}-\(i)")])
            }
            // Every refusal carries a hostile message.
            let i = abs(req.path.hashValue) % names.count
            return .json(400, #"{"status_code":400,"name":"bad_\u001b]0;x\u0007request","message":\#(Fixtures.jsonString(names[i]))}"#,
                         headers: [("x-request-id", "r\u{202E}id\u{FEFF}")])
        }
    }

    func assertClean(_ bytes: [UInt8], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A }, "\(what): a raw control byte", sourceLocation: sourceLocation)
        #expect(!bytes.contains(0x7F), "\(what): raw DEL", sourceLocation: sourceLocation)
        #expect(!text.unicodeScalars.contains(where: HostileCorpus.isForbidden), "\(what): a C1, bidi or invisible character", sourceLocation: sourceLocation)
    }

    @Test func theCorpusIsBigEnough() {
        #expect(HostileCorpus.strings.count >= 40)
    }

    @Test func cliTableShowAndErrors() async throws {
        let server = try await Self.server()
        defer { Task { await server.shutdown() } }
        let env = ["ARSEL_API_KEY": "be_hostile_test_key_123456", "ARSEL_BASE_URL": server.baseURL, "COLUMNS": "200"]
        let table = try await Binary.run(["list", "--limit", "100", "--rate", "100"], environment: env)
        #expect(table.status == 0)
        assertClean(table.stdoutBytes, "list")
        assertClean(Array(table.stderr.utf8), "list stderr")
        let show = try await Binary.run(["show", Fixtures.id(1000), "--rate", "100"], environment: env)
        assertClean(show.stdoutBytes, "show")
        for id in [Fixtures.id(1000), Fixtures.id(997)] {
            let cancel = try await Binary.run(["cancel", id, "--yes", "--rate", "100"], environment: env.merging(["XDG_STATE_HOME": NSTemporaryDirectory() + "h-\(UUID().uuidString)"]) { $1 })
            #expect(cancel.status == 1)
            assertClean(cancel.stdoutBytes, "cancel")
            assertClean(Array(cancel.stderr.utf8), "cancel stderr")
            #expect(cancel.stdout.contains("bad_\\e]0;x\\arequest"), "the hostile error name is shown, escaped")
            #expect(cancel.stdout.contains("request r\\u{202E}id\\u{FEFF}"), "the hostile request id is shown, escaped")
        }
        let json = try await Binary.run(["list", "--json", "--limit", "100", "--rate", "100"], environment: env)
        assertClean(json.stdoutBytes, "list --json")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [[String: Any]]
        #expect(parsed?.compactMap { $0["name"] as? String } == HostileCorpus.strings, "JSON keeps the exact values")
    }

    @Test func invalidUTF8InsideTheJSONIsAnErrorNotGarbage() async throws {
        var body = Array(#"{"object":"list","has_more":false,"data":[{"id":"x","name":"bad "#.utf8)
        body += [0xFF, 0xFE, 0x1B, 0x5B, 0x32, 0x4A]
        body += Array(#"","status":"Sent"}]}"#.utf8)
        let bytes = body
        let server = try await ScriptedServer { _ in .respond(status: 200, headers: [("content-type", "application/json")], body: bytes) }
        defer { Task { await server.shutdown() } }
        let r = try await Binary.run(["list", "--rate", "100"], environment: ["ARSEL_API_KEY": "be_hostile_test_key_123456", "ARSEL_BASE_URL": server.baseURL])
        assertClean(r.stdoutBytes, "list")
        assertClean(Array(r.stderr.utf8), "stderr")
        // Either refused as undecodable or shown with U+FFFD: never the raw bytes.
        #expect(r.status == 0 || r.stderr.contains("undecodable"))
    }

    /// The console in a pty: its own escape sequences are curses', never the server's.
    @Test func theConsoleInAPty() async throws {
        let server = try await Self.server()
        defer { Task { await server.shutdown() } }
        let tmux = try Tmux(width: 200, height: 60)
        defer { tmux.kill() }
        let log = NSTemporaryDirectory() + "pty-\(UUID().uuidString).log"
        defer { unlink(log) }
        try tmux.run(["pipe-pane", "-t", tmux.session, "-o", "cat >> \(log)"])
        try tmux.type("ARSEL_BASE_URL=\(server.baseURL) ARSEL_API_KEY=be_hostile_test_key_123456 \(Binary.url.path) --channel email --rate 50; echo EX\"\"ITED=$?")
        #expect(await tmux.waitFor("Sale\\e[2J\\e[H"), "\((try? tmux.screen()) ?? "")")
        // Walk over every row and try to cancel a refused one: error messages render too.
        for _ in 0..<HostileCorpus.strings.count { try tmux.press("j") }
        try tmux.press("g", "c")
        #expect(await tmux.waitFor("[> Keep <]"), "the dialog asks")
        try tmux.press("y")
        #expect(await tmux.waitFor("bad_"), "the refusal is shown")
        try tmux.press("q")
        #expect(await tmux.waitFor("EXITED="), "the console quits")
        // The pane's output reaches the log through tmux's pipe: wait for the exit marker in it.
        let logged = await BackgroundBinary.eventually(timeout: .seconds(5)) {
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: log))) ?? Data(), as: UTF8.self).contains("EXITED=")
        }
        #expect(logged, "the pane's output up to the exit was captured")
        let bytes = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: log))) ?? Data())
        #expect(bytes.count > 1000, "the pane's output was captured")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("\u{1B}]0;"), "no OSC title sequence")
        #expect(!text.contains("\u{1B}]52;"), "no OSC 52 clipboard write")
        #expect(!text.contains("\u{1B}]8;"), "no OSC 8 hyperlink")
        #expect(!text.contains("\u{1B}[6n") && !text.contains("\u{1B}[21t"), "no terminal queries")
        #expect(!text.contains("\u{1B}P"), "no DCS")
        #expect(!text.contains("\u{1B}c"), "no full reset")
        #expect(!text.unicodeScalars.contains(where: HostileCorpus.isForbidden), "no C1, bidi or invisible character")
        #expect(!bytes.contains(0x07), "no BEL")
        // curses clears the screen once when it starts; a name must never do it again.
        let clears = text.components(separatedBy: "\u{1B}[2J").count - 1
        #expect(clears <= 2, "\(clears) clear-screen sequences")
        #expect(try tmux.display("#{pane_title}").contains("PWNED") == false)
    }
}
