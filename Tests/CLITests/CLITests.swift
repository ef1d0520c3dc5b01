import Foundation
import Testing
import TestSupport

let key = "be_cli_test_key_abcdefghijklmnop1234"

/// The built binary, run as a process against a scripted server on 127.0.0.1.
@Suite struct CLITests {
    func env(_ server: ScriptedServer, _ extra: [String: String] = [:]) -> [String: String] {
        ["ARSEL_API_KEY": key, "ARSEL_BASE_URL": server.baseURL].merging(extra) { $1 }
    }

    static let hostile = [
        "Sale\u{1B}[2J\u{1B}[H", "\u{1B}]0;PWNED\u{07}title", "Safe\rSENT", "X\u{08}Y", "evil\u{202E}gpj.exe",
        "ad\u{200B}min", "C1 \u{9B}2J", "ok name",
    ]

    static func campaignServer() -> @Sendable (ScriptedRequest) async -> ScriptedReply {
        let items = hostile.enumerated().map { i, name in
            Fixtures.emailCampaign(id: Fixtures.id(100 - i), name: name, status: i % 2 == 0 ? "Scheduled" : "sent")
        }
        return { req in
            if req.path == "/v1/email/campaigns" { return .json(200, Fixtures.list(items, hasMore: false)) }
            return .error(404, "not_found", "Campaign not found")
        }
    }

    /// A status the API does not have is a usage error (64), said before any request; a known
    /// one in any case is fine. The hostile value comes back escaped.
    @Test func anUnknownStatusFilterIsAUsageError() async throws {
        let server = try await ScriptedServer { _ in .json(200, Fixtures.list([], hasMore: false)) }
        let bad = try await Binary.run(["list", "--status", "bogus\u{1B}[2J"], environment: env(server))
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--status must be one of Draft, Scheduled"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("\u{1B}"), "no raw escape in the error")
        #expect(server.requests.isEmpty, "nothing was asked of the API")
        let good = try await Binary.run(["list", "--status", "SENT", "--rate", "50"], environment: env(server))
        #expect(good.status == 0, "\(good.stderr)")
        #expect(server.requests.first?.query("status") == "SENT")
        await server.shutdown()
    }

    @Test func listJSONKeepsTheAPIFieldNamesAndValues() async throws {
        let server = try await ScriptedServer(Self.campaignServer())
        defer { Task { await server.shutdown() } }
        let r = try await Binary.run(["list", "--json", "--rate", "50"], environment: env(server))
        #expect(r.status == 0, "\(r.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == Self.hostile.count)
        #expect(array.map { $0["name"] as? String } == Self.hostile)
        #expect(array[0]["preheader"] is NSNull)
        #expect(Set(array[0].keys) == ["id", "name", "subject", "preheader", "from_name", "from", "reply_to", "status",
                                       "template_id", "scheduled_at", "sent_at", "created_at", "updated_at", "channel", "cancellable"])
        #expect(array[0]["channel"] as? String == "email")
        #expect(array[1]["status"] as? String == "sent", "raw status kept in JSON")
        #expect(!r.stdoutBytes.contains(0x1B), "JSON on a terminal must not carry a raw ESC")
        #expect(!r.stdout.unicodeScalars.contains("\u{202E}"))
    }

    @Test func listTableIsSanitisedAndMarksCancellable() async throws {
        let server = try await ScriptedServer(Self.campaignServer())
        defer { Task { await server.shutdown() } }
        let r = try await Binary.run(["list", "--rate", "50"], environment: env(server, ["COLUMNS": "100"]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdoutBytes.contains(where: { $0 < 0x20 && $0 != 0x0A }), "raw control byte in the table")
        #expect(!r.stdout.unicodeScalars.contains { [0x202E, 0x200B, 0x9B].contains($0.value) })
        #expect(r.stdout.contains("Sale\\e[2J\\e[H"))
        #expect(r.stdout.contains("Safe\\rSENT"))
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == Self.hostile.count + 2, "one line per campaign, plus header and footer")
        #expect(lines.dropFirst().first?.hasPrefix("● ") == true)
        #expect(lines.dropFirst(2).first?.hasPrefix("  ") == true)
        #expect(lines.allSatisfy { $0.unicodeScalars.count <= 100 })
        #expect(r.stdout.contains("4 cancellable"))
    }

    @Test func cancelOutcomesAndExitCodes() async throws {
        let server = try await ScriptedServer { req in
            switch (req.method, req.path) {
            case ("POST", "/v1/email/campaigns/ok/cancel"): return .json(200, #"{"message":"Campaign cancelled"}"#)
            case ("POST", "/v1/email/campaigns/sent/cancel"):
                return .error(400, "bad_request", "Campaign cannot be cancelled in its current status")
            case ("POST", "/v1/email/campaigns/lost/cancel"): return .drop
            case ("GET", "/v1/email/campaigns/ok"): return .json(200, Fixtures.emailCampaign(id: "ok", status: "Cancelled"))
            case ("GET", "/v1/email/campaigns/sent"): return .json(200, Fixtures.emailCampaign(id: "sent", status: "Sent"))
            case ("GET", "/v1/email/campaigns/lost"): return .reset
            default: return .error(404, "not_found", "Campaign not found")
            }
        }
        defer { Task { await server.shutdown() } }
        let ok = try await Binary.run(["cancel", "ok", "--yes", "--rate", "50"], environment: env(server))
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("Campaign cancelled"))
        #expect(ok.stdout.contains("now Cancelled"))

        let refused = try await Binary.run(["cancel", "sent", "--yes", "--rate", "50"], environment: env(server))
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("bad_request: Campaign cannot be cancelled in its current status"))
        #expect(refused.stdout.contains("now Sent"))

        let mixed = try await Binary.run(
            ["cancel", "ok", "sent", "lost", "--channel", "email", "--yes", "--json", "--rate", "50", "--timeout", "2"], environment: env(server))
        #expect(mixed.status == 2, "an unknown outcome wins: \(mixed.stderr)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(mixed.stdout.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["outcome"] as? String } == ["cancelled", "error", "unknown"])
        #expect(objects[0]["message"] as? String == "Campaign cancelled")
        #expect(objects[0]["error"] is NSNull)
        #expect(objects[0]["status"] as? String == "Cancelled")
        let error = try #require(objects[1]["error"] as? [String: Any])
        #expect(error["status_code"] as? Int == 400)
        #expect(error["name"] as? String == "bad_request")
        #expect(objects[1]["status"] as? String == "Sent")
        #expect(objects[2]["status"] is NSNull)
        // The lost cancel may have run: it was not sent again once the re-read failed.
        #expect(server.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/lost/cancel") }.count == 1)
    }

    @Test func cancelRefusesWithoutATerminalOrYes() async throws {
        let server = try await ScriptedServer { _ in .json(200, "{}") }
        defer { Task { await server.shutdown() } }
        let r = try await Binary.run(["cancel", "x"], environment: env(server))
        #expect(r.status == 4)
        #expect(r.stderr.contains("--yes"))
        #expect(server.requests.isEmpty, "nothing may be sent without confirmation")
    }

    @Test func configurationErrorsAreClearAndNeverShowTheKey() async throws {
        let noKey = try await Binary.run(["list"], environment: ["ARSEL_BASE_URL": "http://127.0.0.1:9/v1"])
        #expect(noKey.status == 3)
        #expect(noKey.stderr.contains("ARSEL_API_KEY"))

        let clear = try await Binary.run(["list"], environment: ["ARSEL_API_KEY": key, "ARSEL_BASE_URL": "http://api.arsel.sa/v1"])
        #expect(clear.status == 3)
        #expect(clear.stderr.contains("refusing http://"))
        #expect(!clear.stderr.contains(key) && !clear.stdout.contains(key))
    }

    @Test func theKeyIsNeverInOutputOrLogs() async throws {
        let server = try await ScriptedServer { req in
            // A hostile server echoes the Authorization header back in its error.
            .error(401, "unauthorized", "Invalid or missing API key: \(req.header("authorization") ?? "")")
        }
        defer { Task { await server.shutdown() } }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("arsel-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let r = try await Binary.run(["list", "--log-file", log, "--rate", "50"], environment: env(server))
        #expect(r.status == 1)
        #expect(r.stderr.contains("unauthorized"))
        // The server put the key in its message; the CLI prints the server's text, so this
        // documents exactly what the redaction guarantees: never our own output of the key.
        let logText = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(logText.contains("GET /v1/email/campaigns → 401"))
        #expect(!logText.contains(key))
        #expect(!r.stdout.contains(key))
    }

    @Test func bareCommandOpensTheConsoleOrSaysWhyNot() async throws {
        let help = try await Binary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE") && help.stdout.contains("cancel") && help.stdout.contains("demo"))
        let noKey = try await Binary.run([])
        #expect(noKey.status == 3)
        #expect(noKey.stderr.contains("ARSEL_API_KEY"))
        // A key but no terminal (stdin is /dev/null, stdout a pipe): the line mode, which reports
        // the refused connection as a line and ends at the end of its input.
        let noTTY = try await Binary.run([], environment: ["ARSEL_API_KEY": key, "ARSEL_BASE_URL": "http://127.0.0.1:9/v1"])
        #expect(noTTY.status == 0)
        #expect(noTTY.stdout.contains("Type ? for commands."))
        #expect(noTTY.stdout.contains("error: connection_refused"))
    }
}
