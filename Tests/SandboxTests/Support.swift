import ArselAPI
import ArselModel
import ArselSandbox
import Foundation
import TestSupport

/// A sandbox on 127.0.0.1 port 0 with an in-memory database, and the shared client on it.
struct Running {
    let sandbox: Sandbox
    let client: CampaignsClient

    var url: String { sandbox.baseURL.absoluteString }
    var key: String { sandbox.demoKey }
    var root: String { url.replacingOccurrences(of: "/v1", with: "") }

    /// Raw HTTP on the API, authenticated with the demo key unless `key` says otherwise.
    func raw(_ method: String, _ path: String, key: String? = nil, headers: [(String, String)] = [], body: String? = nil)
        async throws -> RawHTTP.Answer
    {
        try await RawHTTP.send(method, url + path, key: key ?? self.key, headers: headers, body: body)
    }

    func inspect(_ id: String) async throws -> [String: Any] {
        try await RawHTTP.send("GET", root + "/_sandbox/campaigns/\(id)").object ?? [:]
    }

    func force(_ id: String, _ status: String, extra: String = "") async throws {
        _ = try await RawHTTP.send("POST", root + "/_sandbox/campaigns/\(id)/status", body: "{\"status\":\"\(status)\"\(extra)}")
    }

    func faults(_ json: String) async throws {
        _ = try await RawHTTP.send("PUT", root + "/_sandbox/faults", body: json)
    }

    /// A Draft email campaign with every field send needs (400 recipients per list).
    func draft(_ name: String = "Test campaign", lists: Int = 1, channel: Channel = .email) async throws -> String {
        try await client.create(channel, name: name, fields: Self.sendable(lists: lists, channel: channel))
    }

    /// Every channel's send-required fields: each channel keeps its own and ignores the rest.
    static func sendable(lists: Int, channel: Channel) -> [String: JSONScalar] {
        var fields: [String: JSONScalar] = [
            "subject": "Hi", "from": "news@acme.sa", "template_id": "0192a1b2-c3d4-7e5f-9000-0000000000a1",
            "content": "Hello", "title": "Hi", "body": "Hello",
            "list_ids": .string((0..<lists).map { "l\($0)" }.joined(separator: ",")),
        ]
        if channel == .sms { fields["from"] = "AcmeStore" }
        return fields
    }
}

func withSandbox<T>(
    rate: Double = 1000, seed: SandboxOptions.Seed = .none, configure: (inout SandboxOptions) -> Void = { _ in },
    clientRate: Double = 1000,
    _ body: (Running) async throws -> T
) async throws -> T {
    var options = SandboxOptions()
    options.port = 0
    options.rate = rate
    options.seed = seed
    options.tick = .seconds(3600)  // tests step the dispatcher themselves unless they say otherwise
    configure(&options)
    let sandbox = try Sandbox(options: options)
    try await sandbox.start()
    var config = ClientConfiguration(baseURL: sandbox.baseURL, apiKey: try APIKey(sandbox.demoKey))
    config.requestsPerSecond = clientRate
    // A paced client keeps the real margin; fast ones (most tests) need none.
    if clientRate >= 100 { config.pacingMargin = .zero }
    config.retryBaseDelay = .milliseconds(20)
    config.retryMaxDelay = .milliseconds(200)
    config.callTimeout = .seconds(10)
    let client = CampaignsClient(configuration: config)
    let running = Running(sandbox: sandbox, client: client)
    do {
        let value = try await body(running)
        await client.shutdown()
        await sandbox.stop()
        return value
    } catch {
        await client.shutdown()
        await sandbox.stop()
        throw error
    }
}
