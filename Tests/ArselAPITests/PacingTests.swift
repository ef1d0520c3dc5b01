import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// The pacing against the real sandbox over HTTP: its strict sliding window (2 in any second,
/// per organisation) and its `ratelimit-reset` in the docs' epoch form, as production documents.
@Suite struct PacingTests {
    /// What the sandbox logged: arrival times and statuses, in order.
    static func log(_ sandbox: Sandbox) async throws -> [(at: Double, status: Int)] {
        let body = try await RawHTTP.send("GET", sandbox.root + "/_sandbox/requests").body
        let all = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? []
        return all.map { (($0["at"] as? Double) ?? 0, ($0["status"] as? Int) ?? 0) }
    }

    func client(_ sandbox: Sandbox, proxy: ConnectProxy? = nil) throws -> CampaignsClient {
        var config = ClientConfiguration(baseURL: sandbox.baseURL, apiKey: try APIKey(sandbox.demoKey))
        config.proxy = proxy.map { ("127.0.0.1", $0.port) }
        config.requestsPerSecond = 2
        // The sandbox shares two busy cores with every other suite: its clock sees scheduling
        // jitter a network would not add. The margin absorbs that; the rule is what is tested.
        config.pacingMargin = .milliseconds(100)
        return CampaignsClient(configuration: config)
    }

    /// A page walk and a burst of concurrent reads from one client, every answer 150 ms late (a
    /// far network): the server never counts three in a second, and never answers 429.
    @Test(arguments: [SandboxOptions.ResetForm.epoch, .seconds])
    func atTheLimitFromFarAwayWithout429s(reset: SandboxOptions.ResetForm) async throws {
        let sandbox = try await Sandbox.startForTests(seed: .emails(450), rate: 2) {
            $0.resetForm = reset
            $0.faults = ["*": Fault(answerDelayMs: 150)]
        }
        let api = try client(sandbox)
        // The sandbox's window starts empty (its seed made no requests).
        async let walked = api.pages(CampaignQuery()).all()
        let ids = (0..<4).map { Fixtures.id($0) }
        let reads = await withTaskGroup(of: Bool.self) { group in
            for id in ids { group.addTask { (try? await api.get(id, channel: .email)) == nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        let all = try await walked
        // (How fast is the benchmark's figure, P4: speed is not asserted here.)
        await api.shutdown()
        let log = try await Self.log(sandbox)
        await sandbox.stop()

        #expect(all.count == 450)
        #expect(reads == ids.count, "the ids are not the sandbox's: each read is a 404, counted all the same")
        #expect(log.count == 5 + ids.count)
        #expect(!log.contains { $0.status == 429 })
        let times = log.map(\.at)
        for start in times {
            #expect(times.filter { $0 >= start && $0 < start + 1 }.count <= 2)
        }
    }

    /// What the earlier rule (one interval after each answer) protected against: the first
    /// request held up by its connection's setup (here a CONNECT tunnel that takes 450 ms; a far
    /// TLS handshake does the same). The requests asked for with it wait until it has really left,
    /// so it cannot land at the server right before the next two.
    @Test func aFirstRequestHeldUpByItsConnectionDelaysTheNextNeverThreeInOneSecond() async throws {
        let sandbox = try await Sandbox.startForTests(seed: .emails(10), rate: 2)
        let proxy = try ConnectProxy(delayFirst: .milliseconds(450))
        let api = try client(sandbox, proxy: proxy)
        let ids = (0..<4).map { Fixtures.id($0) }
        await withTaskGroup(of: Void.self) { group in
            for id in ids { group.addTask { _ = try? await api.get(id, channel: .email) } }
        }
        await api.shutdown()
        let log = try await Self.log(sandbox)
        await sandbox.stop()
        proxy.stop()

        #expect(proxy.tunnels >= 1)
        #expect(log.count == ids.count, "\(log)")
        #expect(!log.contains { $0.status == 429 })
        let times = log.map(\.at).sorted()
        for start in times {
            #expect(times.filter { $0 >= start && $0 < start + 1 }.count <= 2, "arrivals \(times.map { $0 - times[0] })")
        }
    }
}
