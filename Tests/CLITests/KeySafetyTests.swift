import Foundation
import Testing
import TestSupport

/// Never the key (issue 9): a refused explicit key source is an error, never a switch to another
/// key; clear-text http only to loopback without DNS; a key file that is a FIFO cannot hang; a
/// server that reflects the key never gets it printed, logged or audited.
@Suite struct KeySafetyTests {
    static let profileKey = "be_profile_key_must_not_travel_0000wxyz"
    static let explicitKey = "be_explicit_key_abcdefghijklmnop5678"

    func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)-\(name)")
    }

    /// A config whose default profile points at `server` with a key of its own.
    func config(_ server: ScriptedServer) throws -> URL {
        let file = temporary("config.yaml")
        try """
            default_profile: staging
            profiles:
              staging:
                base_url: \(server.baseURL)
                api_key_env: PROFILE_KEY
            """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    enum Refused: String, CaseIterable {
        case missingFlagFile, looseEnvFile, badEnvKey
    }

    @Test(arguments: Refused.allCases)
    func aRefusedExplicitKeySourceNeverFallsBackToTheProfilesKey(_ refused: Refused) async throws {
        let server = try await ScriptedServer { _ in .json(200, Fixtures.list([], hasMore: false)) }
        defer { Task { await server.shutdown() } }
        let config = try config(server)
        defer { try? FileManager.default.removeItem(at: config) }
        let loose = temporary("loose.key")
        try Self.explicitKey.write(to: loose, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: loose.path)
        defer { try? FileManager.default.removeItem(at: loose) }
        var args = ["list", "--config", config.path]
        var env = ["PROFILE_KEY": Self.profileKey]
        switch refused {
        case .missingFlagFile: args += ["--api-key-file", temporary("missing.key").path]
        case .looseEnvFile: env["ARSEL_API_KEY_FILE"] = loose.path
        case .badEnvKey: env["ARSEL_API_KEY"] = "be_has a space"
        }
        let r = try await Binary.run(args, environment: env)
        #expect(r.status == 3, "\(refused): \(r.stderr)")
        #expect(server.requests.isEmpty, "\(refused): no request with any key — the profile's key did not stand in")
        #expect(!r.stderr.contains(Self.profileKey) && !r.stderr.contains(Self.explicitKey))
    }

    @Test(arguments: [
        "http://127.0.0.1.:9/v1", "http://127.0.0.08:9/v1", "http://anything.localhost:9/v1", "http://0x7f.0.0.1:9/v1",
        "http://2130706433:9/v1", "http://127.1:9/v1", "http://localhost.:9/v1",
    ])
    func clearTextToAHostThatOnlyLooksLoopbackIsRefused(url: String) async throws {
        let r = try await Binary.run(["list"], environment: ["ARSEL_API_KEY": Self.explicitKey, "ARSEL_BASE_URL": url])
        #expect(r.status == 3, "\(url): \(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("refusing http://"), "\(url): \(r.stderr)")
    }

    @Test func localhostIsLoopbackWithoutAskingDNS() async throws {
        let server = try await ScriptedServer { _ in .json(200, Fixtures.list([], hasMore: false)) }
        defer { Task { await server.shutdown() } }
        let url = "http://localhost:\(server.port)/v1"
        // No resolver can answer: a DNS lookup for "localhost" would fail or go elsewhere.
        let r = try await Binary.run(
            ["list"], environment: ["ARSEL_API_KEY": Self.explicitKey, "ARSEL_BASE_URL": url, "RES_OPTIONS": "attempts:1 timeout:1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(server.requests.count == 1, "the request reached 127.0.0.1")
    }

    @Test func aKeyFileThatIsAFIFOIsRefusedAtOnce() async throws {
        let fifo = temporary("fifo.key")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        defer { try? FileManager.default.removeItem(at: fifo) }
        // Opening a FIFO without a writer blocks forever: exiting on its own with the refusal
        // (before Binary.run's timeout kills it) is the proof it never waited. No wall-clock bound:
        // under CI load the launch alone took over 5 s once.
        let r = try await Binary.run(["list", "--api-key-file", fifo.path], environment: ["ARSEL_BASE_URL": "http://127.0.0.1:9/v1"],
                                     timeout: .seconds(30))
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("regular file"), "\(r.stderr)")
    }

    @Test func aServerThatReflectsTheKeyNeverGetsItPrintedLoggedOrAudited() async throws {
        // Every text the server controls carries the Authorization header back.
        let server = try await ScriptedServer { req in
            let echo = req.header("authorization") ?? ""
            if req.method == "POST" {
                return .json(400, #"{"status_code":400,"name":"bad_\#(echo)","message":"Campaign cannot be cancelled: \#(echo)"}"#,
                             headers: [("x-request-id", "req \(echo)")])
            }
            let item = Fixtures.emailCampaign(id: Fixtures.id(1), name: "Name \(echo)")
            if req.path.hasSuffix(Fixtures.id(1)) { return .json(200, item, headers: [("x-request-id", "req \(echo)")]) }
            return .json(200, Fixtures.list([item], hasMore: false), headers: [("x-request-id", "req \(echo)")])
        }
        defer { Task { await server.shutdown() } }
        let state = temporary("state")
        defer { try? FileManager.default.removeItem(at: state) }
        let log = temporary("log")
        defer { try? FileManager.default.removeItem(at: log) }
        let env = ["ARSEL_API_KEY": Self.explicitKey, "ARSEL_BASE_URL": server.baseURL, "XDG_STATE_HOME": state.path]
        var outputs: [String] = []
        for args in [["list"], ["list", "--json"], ["show", Fixtures.id(1)], ["show", Fixtures.id(1), "--json"],
                     ["cancel", Fixtures.id(1), "--yes"], ["cancel", Fixtures.id(1), "--yes", "--json"]] {
            let r = try await Binary.run(args + ["--log-file", log.path, "--rate", "50"], environment: env)
            outputs.append("\(args): \(r.stdout)\n\(r.stderr)")
        }
        let audit = (try? String(contentsOf: state.appendingPathComponent("arsel-campaigns/audit.jsonl"), encoding: .utf8)) ?? ""
        let logText = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(audit.contains("be_…5678"), "the audit has the masked form: \(audit)")
        for text in outputs + [audit, logText] {
            #expect(!text.contains(Self.explicitKey), "the key in clear: \(text)")
            #expect(!text.contains("abcdefghijklmnop"), "part of the key: \(text)")
        }
        #expect(outputs.contains { $0.contains("be_…5678") }, "the server's text is shown, masked")
    }
}
