import ArselAPI
import ArselModel
import Foundation
import TestSupport

let testKey = "be_test_0123456789abcdefghijklmnopqrstuv"

/// A client on a scripted server, fast by default (tests of pacing set the real rate).
/// A client of a port that refuses every connection.
func makeClient(refusing port: RefusingPort) throws -> CampaignsClient {
    var config = ClientConfiguration(baseURL: URL(string: port.baseURL)!, apiKey: try APIKey(testKey))
    config.pacingMargin = .zero
    config.requestsPerSecond = 200
    config.retryBaseDelay = .milliseconds(20)
    config.retryMaxDelay = .milliseconds(100)
    return CampaignsClient(configuration: config)
}

func makeClient(
    _ server: ScriptedServer, rate: Double = 200, timeout: Duration = .seconds(15),
    configure: (inout ClientConfiguration) -> Void = { _ in }
) throws -> CampaignsClient {
    var config = ClientConfiguration(baseURL: URL(string: server.baseURL)!, apiKey: try APIKey(testKey))
    config.requestsPerSecond = rate
    config.pacingMargin = .zero
    config.callTimeout = timeout
    config.cancelTimeout = timeout * 2
    config.retryBaseDelay = .milliseconds(20)
    config.retryMaxDelay = .milliseconds(100)
    configure(&config)
    return CampaignsClient(configuration: config)
}

/// Runs `body` with a scripted server and a client on it, shutting both down afterwards.
func withScripted<T>(
    rate: Double = 200, timeout: Duration = .seconds(15),
    configure: (inout ClientConfiguration) -> Void = { _ in },
    _ handler: @escaping @Sendable (ScriptedRequest) async -> ScriptedReply,
    _ body: (CampaignsClient, ScriptedServer) async throws -> T
) async throws -> T {
    let server = try await ScriptedServer(handler)
    let client = try makeClient(server, rate: rate, timeout: timeout, configure: configure)
    do {
        let value = try await body(client, server)
        await client.shutdown()
        await server.shutdown()
        return value
    } catch {
        await client.shutdown()
        await server.shutdown()
        throw error
    }
}

/// A counter shared with a server script.
final class Counter: Sendable {
    private let value = Locked(0)
    func next() -> Int { value.withLock { v in v += 1; return v } }
    var current: Int { value.value }
}
