/// What the console's runtime needs of Arsel: the shared client implements it; tests drive the
/// runtime with a scripted one. Nothing here knows about HTTP.
public protocol CampaignService: Sendable {
    func list(_ query: CampaignQuery, after: String?) async throws(ArselError) -> CampaignPage
    func get(_ id: String, channel: Channel) async throws(ArselError) -> Campaign
    func cancel(_ id: String, channel: Channel, idempotencyKey: String) async -> CancelReport
    /// What the last answers said about the budget and the server.
    func serverInfo() async -> ServerInfo
    /// Runs `body` as work nobody waits for: its requests yield the budget to a person's.
    func inBackground<T: Sendable>(_ body: () async -> T) async -> T
}

extension CampaignService {
    public func inBackground<T: Sendable>(_ body: () async -> T) async -> T { await body() }
}
