import ArselAPI
import ArselModel
import ArselSandbox
import CampaignConsole
import Catalogs
import ConsoleRuntime
import Foundation
import TerminalUI
import Testing
import TestSupport

/// The whole app — runtime, reducer, views — on a test backend, with the real client talking to
/// an in-process sandbox over HTTP on 127.0.0.1.
@Suite struct AppTests {
    final class App: Sendable {
        let sandbox: Sandbox
        let client: CampaignsClient
        let backend = TestBackend(width: 120, height: 30)
        let keys: AsyncStream<InputEvent>.Continuation
        let input: AsyncStream<InputEvent>
        let finished = Locked<AppState?>(nil)

        init(clientRate: Double = 50, _ configure: (inout SandboxOptions) -> Void = { _ in }) async throws {
            var options = SandboxOptions()
            options.port = 0
            options.rate = 1000
            options.tick = .seconds(3600)
            configure(&options)
            sandbox = try Sandbox(options: options)
            try await sandbox.start()
            var config = ClientConfiguration(baseURL: sandbox.baseURL, apiKey: try APIKey(sandbox.demoKey))
            config.requestsPerSecond = clientRate
            config.callTimeout = .seconds(3)
            client = CampaignsClient(configuration: config)
            (input, keys) = AsyncStream.makeStream(of: InputEvent.self)
        }

        func start() -> Task<Void, Never> {
            let runtime = ConsoleRuntime(client: client, backend: backend)
            let env = ConsoleEnvironment(profile: "demo", apiHost: "sandbox", sandbox: true, session: "test", refreshInterval: 15, catalog: English())
            return Task { [input, finished] in
                let state = await runtime.run(environment: env, input: input, tick: .milliseconds(50))
                finished.withLock { $0 = state }
            }
        }

        func press(_ keys: Key...) { for key in keys { self.keys.yield(.key(key)) } }

        /// Waits until the screen shows `text` (or `timeout` passes).
        func waitFor(_ text: String, timeout: Duration = .seconds(10)) async -> Bool {
            await BackgroundBinary.eventually(timeout: timeout) { backend.screen.contains(text) }
        }

        /// The row of `name` (the one line holding it), or nil.
        func row(named name: String) -> String? { ScreenRows.row(backend.screen, named: name) }

        /// Waits until the row of `name` shows every one of `texts`.
        func waitForRow(_ name: String, shows texts: String..., timeout: Duration = .seconds(10)) async -> Bool {
            await BackgroundBinary.eventually(timeout: timeout) { ScreenRows.row(backend.screen, named: name, shows: texts) }
        }

        /// Moves the selection to the row holding `name` (see `ScreenRows.select`).
        func selectRow(named name: String) async -> Bool {
            await ScreenRows.select(name, screen: { backend.screen }, down: { press(.down) })
        }

        /// How many first-page list requests the sandbox has received.
        func lists() async throws -> Int {
            let body = try await RawHTTP.send("GET", sandbox.root + "/_sandbox/requests").body
            let all = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? []
            return all.filter { $0["method"] as? String == "GET" && $0["path"] as? String == "/v1/email/campaigns" }.count
        }

        func stop() async {
            keys.yield(.key(.char("q")))
            _ = await BackgroundBinary.eventually { finished.value != nil }
            await client.shutdown()
            await sandbox.stop()
        }
    }

    @Test func browseCancelAndSeeTheResultInline() async throws {
        let app = try await App()
        _ = app.start()
        #expect(await app.waitFor("Ramadan offers — KSA list"), "the list appears:\n\(app.backend.screen)")
        #expect(app.backend.screen.contains("● Ramadan offers"), "cancellable rows are marked")
        #expect(app.backend.screen.contains("SANDBOX"))

        let name = "Ramadan offers — KSA list"
        let id = try await app.client.list(CampaignQuery(search: name)).campaigns[0].id
        #expect(app.row(named: name)?.contains("◷ Scheduled") == true, "the row starts Scheduled: \(app.row(named: name) ?? "no row")")
        #expect(await app.selectRow(named: "Ramadan offers"))
        app.press(.char("c"))
        #expect(await app.waitFor("Cancel campaign?"))
        #expect(await app.waitFor("[> Keep <]"), "Keep is focused")
        #expect(app.backend.screen.contains("Emails already handed off cannot be recalled."))
        app.press(.char("y"))
        // The row acted on, not the screen: a seeded row already shows "⊘ Cancelled".
        #expect(await app.waitForRow(name, shows: "⊘ Cancelled", "✓ Campaign cancelled"), "\(app.backend.screen)")
        #expect(try await app.client.get(id, channel: .email).status == .cancelled, "the sandbox has it cancelled")
        await app.stop()
    }

    @Test func aCampaignThatWentOutAfterTheListWasDrawnIsRefusedInline() async throws {
        let app = try await App()
        _ = app.start()
        #expect(await app.waitFor("Lunch offer"))
        #expect(await app.selectRow(named: "Lunch offer"))
        // No auto-refresh may show the change first: the re-read before the dialog must find it.
        app.press(.char("p"))
        #expect(await app.waitFor("Auto-refresh paused"))
        // Behind the console's back, the campaign goes out.
        let id = try await app.client.list(CampaignQuery(search: "Lunch offer")).campaigns[0].id
        _ = try await RawHTTP.send("POST", app.sandbox.baseURL.absoluteString.replacingOccurrences(of: "/v1", with: "") + "/_sandbox/campaigns/\(id)/status",
                                   body: #"{"status":"sent"}"#)
        app.press(.char("c"))
        // The re-read before the dialog already knows.
        #expect(await app.waitFor("No longer cancellable"), "\(app.backend.screen)")
        app.press(.escape)
        #expect(await app.waitFor("Kept: nothing was cancelled"))
        await app.stop()
    }

    @Test func theConsoleAnswersKeysWhileARequestHangs() async throws {
        let app = try await App()
        _ = app.start()
        #expect(await app.waitFor("Ramadan offers"))
        let set = try await RawHTTP.send("PUT", app.sandbox.baseURL.absoluteString.replacingOccurrences(of: "/v1", with: "") + "/_sandbox/faults",
                                         body: #"{"GET /v1/email/campaigns": {"hang": true}}"#)
        #expect(set.status == 200)
        app.press(.char("r"))
        #expect(await app.waitFor("refreshing…"), "the refresh is under way")
        let started = ContinuousClock.now
        app.press(.char("?"))
        #expect(await app.waitFor("Keys", timeout: .seconds(2)), "help opens while the refresh hangs")
        #expect(ContinuousClock.now - started < .seconds(2))
        app.press(.escape)
        // The hung refresh ends at the client's deadline; the data stays with its age.
        #expect(await app.waitFor("Refresh failed", timeout: .seconds(15)), "\(app.backend.screen)")
        #expect(app.backend.screen.contains("Ramadan offers"))
        await app.stop()
    }

    /// No request for work nobody waits for, at the real budget (2/s): a search typed in `/`
    /// costs one list request, and refreshes that supersede each other while they wait for the
    /// budget are never sent — only the first (already on its way) and the last are.
    @Test func aTypedSearchCostsOneRequestAndSupersededRefreshesAreNotSent() async throws {
        let app = try await App(clientRate: 2)
        _ = app.start()
        #expect(await app.waitFor("Lunch offer"))
        // Let the start-up's pages and re-reads go out.
        try await Task.sleep(for: .seconds(1.5))
        let before = try await app.lists()
        app.press(.char("/"))
        for c in "Ramadan " { app.press(.char(c)) }
        #expect(await BackgroundBinary.eventually { !app.backend.screen.contains("Lunch offer") && app.backend.screen.contains("Ramadan offers") },
                "the search's answer: \(app.backend.screen)")
        app.press(.enter)
        #expect(try await app.lists() - before == 1, "one list request for the whole search")

        let beforeRefreshes = try await app.lists()
        for _ in 0..<4 { app.press(.char("r")) }
        #expect(await app.waitFor("updated just now"))
        try await Task.sleep(for: .seconds(2))  // anything superseded but still sent would be in the log by now
        let sent = try await app.lists() - beforeRefreshes
        #expect(sent >= 1 && sent <= 2, "\(sent) list requests for four refreshes pressed at once")
        await app.stop()
    }
}
