import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import Testing
import TestSupport

/// The console as the README's first command opens it: every channel, what goes out next first,
/// and a throttled Sending push cancelled mid-way from it.
@Suite(.serialized) struct AllChannelsE2ETests {
    static let push = "Flash sale — throttled over 4h"

    func client(_ sandbox: Sandbox) throws -> CampaignsClient {
        var c = ClientConfiguration(baseURL: sandbox.baseURL, apiKey: try APIKey(sandbox.demoKey))
        c.requestsPerSecond = 100
        return CampaignsClient(configuration: c)
    }

    @Test func theDefaultViewShowsEveryChannelAndCancelsAThrottledPushMidWay() async throws {
        try #require(Tmux.available, "tmux is required (scripts/test installs it)")
        // The dispatcher runs (every 100 ms): the push is really being handed off while we look.
        let sandbox = try await Sandbox.startForTests { $0.tick = .milliseconds(100) }
        let api = try client(sandbox)
        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("all-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        try tmux.type("XDG_STATE_HOME=\(state.path) ARSEL_BASE_URL=\(sandbox.baseURL.absoluteString) ARSEL_API_KEY=\(sandbox.demoKey) \(Binary.url.path) --rate 50; echo EX\"\"ITED=$?")
        #expect(await tmux.waitFor(Self.push), "the list appears:\n\((try? tmux.screen()) ?? "")")
        let screen = try tmux.screen()
        #expect(screen.contains("[All]"), "the console opens on every channel")
        let row = try #require(tmux.row(named: Self.push), "\(screen)")
        #expect(row.hasPrefix("▶"), "the longest-running Sending campaign comes first and is selected: \(row)")
        #expect(row.contains("Push") && row.contains("⇢ Sending") && row.contains("of 4h"), "\(row)")
        // Other channels' rows are there too, each with its channel.
        // (The three channels' first pages arrive one after the other.)
        #expect(await tmux.waitForRow("Weekend promo", shows: "SMS"), "\((try? tmux.screen()) ?? "")")
        #expect(await tmux.waitForRow("Weekly digest #42", shows: "Email"), "\((try? tmux.screen()) ?? "")")

        let id = try #require(try await api.list(CampaignQuery(channel: .push, search: "Flash sale")).campaigns.first?.id)
        let before = try #require(try await RawHTTP.send("GET", sandbox.root + "/_sandbox/campaigns/\(id)").object?["handed_off"] as? Int)
        try tmux.press("c")
        #expect(await tmux.waitFor("Cancelling stops every notification not yet handed off"), "\((try? tmux.screen()) ?? "")")
        #expect(await tmux.waitFor("[> Keep <]"))
        #expect(try tmux.screen().contains("Sending · sending now · Push") || (try tmux.screen()).contains("· Push"))
        try tmux.press("y")
        #expect(await tmux.waitForRow(Self.push, shows: "⊘ Cancelled", "✓ Campaign cancelled"), "\((try? tmux.screen()) ?? "")")
        let c = try await api.get(id, channel: .push)
        #expect(c.status == .cancelled)
        // Only the push endpoint was asked to cancel, once.
        let posts = try #require(try JSONSerialization.jsonObject(with: Data(try await RawHTTP.send("GET", sandbox.root + "/_sandbox/requests").body.utf8)) as? [[String: Any]])
            .filter { ($0["method"] as? String) == "POST" }.compactMap { $0["path"] as? String }
        #expect(posts == ["/v1/push/campaigns/\(id)/cancel"])
        try await Task.sleep(for: .milliseconds(500))
        let after = try #require(try await RawHTTP.send("GET", sandbox.root + "/_sandbox/campaigns/\(id)").object)
        let handed = try #require(after["handed_off"] as? Int), notSent = try #require(after["not_sent"] as? Int)
        #expect(handed >= before && handed < 48000, "stopped mid-way: \(handed) of 48 000")
        #expect(handed + notSent == 48000)
        #expect(try sandbox.checkInvariants().violations.isEmpty, "nothing handed off after the cancel committed")
        try tmux.press("q")
        #expect(await tmux.waitFor("EXITED=0"))
        await api.shutdown()
        await sandbox.stop()
    }

    @Test func showAndCancelFindTheChannelAndListCarriesIt() async throws {
        let sandbox = try await Sandbox.startForTests()
        let api = try client(sandbox)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("all-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let env = ["ARSEL_API_KEY": sandbox.demoKey, "ARSEL_BASE_URL": sandbox.baseURL.absoluteString, "XDG_STATE_HOME": state.path]
        let id = try #require(try await api.list(CampaignQuery(channel: .push, search: "Lunch push")).campaigns.first?.id)
        let show = try await Binary.run(["show", id, "--rate", "100"], environment: env)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("channel") && show.stdout.contains("push"), "\(show.stdout)")
        #expect(show.stdout.contains("--channel push"), "the hint names the channel it was found on")
        let list = try await Binary.run(["list", "--channel", "all", "--json", "--rate", "100"], environment: env)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(Set(array.compactMap { $0["channel"] as? String }) == ["email", "sms", "push"])
        let firstRest = array.firstIndex { ($0["cancellable"] as? Bool) == false } ?? array.count
        #expect(array[..<firstRest].allSatisfy { ($0["cancellable"] as? Bool) == true }, "what can still be stopped comes first")
        let cancel = try await Binary.run(["cancel", id, "--yes", "--json", "--rate", "100"], environment: env)
        #expect(cancel.status == 0, "\(cancel.stdout)\(cancel.stderr)")
        let out = try #require((try JSONSerialization.jsonObject(with: Data(cancel.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(out["channel"] as? String == "push")
        #expect(try await api.get(id, channel: .push).status == .cancelled)
        // The audit line names the channel, and the intent came first.
        let lines = try String(contentsOf: state.appendingPathComponent("arsel-campaigns/audit.jsonl"), encoding: .utf8).split(separator: "\n")
        let records = lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        #expect(records.map { $0["outcome"] as? String } == ["intent", "cancelled"])
        #expect(records.allSatisfy { $0["channel"] as? String == "push" })
        await api.shutdown()
        await sandbox.stop()
    }
}
