import ArselContract
import ArselModel
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import OpenAPIRuntime

/// The one shared client of the Arsel campaign API. The console and every CLI command go
/// through it; it paces itself to the organisation's budget, retries reads, never repeats a
/// cancel that may have run, and speaks only the product's own types.
public final class CampaignsClient: Sendable {
    public let configuration: ClientConfiguration
    let http: HTTPClient
    let api: Client
    let pacer: Pacer

    public init(configuration: ClientConfiguration) {
        self.configuration = configuration
        var httpConfig = HTTPClient.Configuration(
            // A redirect is an error: following it could carry the key to another host.
            redirectConfiguration: .disallow,
            timeout: .init(connect: .init(configuration.connectTimeout), read: .init(configuration.callTimeout)))
        httpConfig.httpVersion = .automatic
        // Only a proxy on this machine (the tests'): through another one, a plain-http base URL
        // would carry the key in clear text to it.
        precondition(configuration.proxy.map { ClientConfiguration.isLoopback($0.host) } ?? true, "a proxy must be on loopback")
        httpConfig.proxy = configuration.proxy.map { .server(host: $0.host, port: $0.port) }
        // Retries live in one layer, ours, where they are bounded by the call's deadline and
        // where a refused connection is seen as such (AsyncHTTPClient would otherwise keep
        // reconnecting until the connect timeout and report only that).
        httpConfig.connectionPool.retryConnectionEstablishment = false
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfig)
        pacer = Pacer(
            requestsPerSecond: configuration.requestsPerSecond, margin: configuration.pacingMargin,
            maxHold: configuration.maxRetryAfter)
        api = Client(
            serverURL: ClientConfiguration.connectionURL(configuration.baseURL),
            transport: WireTransport(client: http, timeout: configuration.callTimeout, maxBytes: configuration.maxResponseBytes),
            middlewares: [
                PacingMiddleware(pacer: pacer),
                AuthMiddleware(key: configuration.apiKey, userAgent: configuration.userAgent),
                RecordingMiddleware(maxBytes: configuration.maxResponseBytes, logger: configuration.logger),
            ])
    }

    @TaskLocal static var isBackground = false

    /// Runs `body` as background work: its requests yield the budget to a person's requests.
    public static func inBackground<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        try await $isBackground.withValue(true) { try await body() }
    }

    /// Must be awaited before the process exits.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// `ratelimit-remaining` / `ratelimit-limit` as last seen, and whether the server is the sandbox.
    public func serverInfo() async -> ServerInfo { await pacer.snapshot }

    // MARK: Reads

    /// One page, newest first. `after` is the exclusive cursor (the last id of the previous page).
    public func list(_ query: CampaignQuery, after: String? = nil, before: String? = nil) async throws(ArselError) -> CampaignPage {
        let channel = query.channel, segment = try channel.segment
        return try await read { api in
            let output = try await api.listCampaigns(
                path: .init(channel: segment),
                query: .init(limit: query.limit, after: after, before: before, search: query.search, status: query.status))
            switch output {
            case .ok(let ok):
                let body = try ok.body.json
                return try Self.page(body.data.map { Campaign($0, channel: channel) }, hasMore: body.hasMore ?? false)
            case .default(let status, let error): throw ErrorAnswer(status, error)
            }
        }
    }

    /// A page as the product sees it: an entry without an id makes the whole page an error
    /// (nothing could be attributed to it); a repeated id keeps its first entry only, so the
    /// console and the CLI never show one campaign twice.
    static func page(_ campaigns: [Campaign], hasMore: Bool) throws(ArselError) -> CampaignPage {
        if campaigns.contains(where: { $0.id.isEmpty }) {
            throw .unexpectedResponse(status: 200, .listEntryWithoutID)
        }
        var seen = Set<String>()
        return CampaignPage(campaigns: campaigns.filter { seen.insert($0.id).inserted }, hasMore: hasMore)
    }

    /// Every campaign matching `query`, page by page (100 per page unless the query says
    /// otherwise), each exactly once.
    public func pages(_ query: CampaignQuery) -> CampaignPages {
        var q = query
        if q.limit == nil { q.limit = 100 }
        return CampaignPages(client: self, query: q)
    }

    public func get(_ id: String, channel: ArselModel.Channel) async throws(ArselError) -> Campaign {
        try await read { api in try await Self.sendGet(api, id: id, channel: channel) }
    }

    // MARK: Writes the sandbox and the tests use

    /// Creates a Draft campaign; returns its id. `fields` are the channel's own (`subject`,
    /// `content`, `throttle_minutes` …); `list_ids` is a comma-separated list.
    public func create(_ channel: ArselModel.Channel, name: String, fields: [String: JSONScalar] = [:]) async throws(ArselError) -> String {
        let segment = try channel.segment
        var own = fields
        let lists = own.removeValue(forKey: "list_ids").flatMap { value -> [String]? in
            if case .string(let s) = value { return s.split(separator: ",").map(String.init) }
            if case .strings(let list) = value { return list }
            return nil
        }
        let extra: OpenAPIObjectContainer
        do { extra = try OpenAPIObjectContainer(unvalidatedValue: own.mapValues(\.value)) } catch {
            throw .configuration(.fieldsNotJSON(reason: String(describing: error)))
        }
        return try await write { api in
            let output = try await api.createCampaign(
                path: .init(channel: segment), body: .json(.init(name: name, listIds: lists, additionalProperties: extra)))
            switch output {
            case .created(let created): return try created.body.json.id ?? ""
            case .default(let status, let error): throw ErrorAnswer(status, error)
            }
        }
    }

    /// Sends now (→ Queued) or schedules (→ Scheduled).
    public func send(_ id: String, channel: ArselModel.Channel, scheduledAt: Date? = nil, idempotencyKey: String? = nil) async throws(ArselError) {
        let body = Components.Schemas.SendInput(scheduledAt: scheduledAt.map(Timestamp.format))
        let segment = try channel.segment
        _ = try await write { api in
            let output = try await api.sendCampaign(
                path: .init(channel: segment, id: id), headers: .init(idempotencyKey: idempotencyKey), body: .json(body))
            switch output {
            case .ok: return true
            case .default(let status, let error): throw ErrorAnswer(status, error)
            }
        }
    }
}

/// Walks every page of a list with the `after` cursor. Stops with an error, instead of looping,
/// when a server claims more pages but sends none or repeats a cursor.
public struct CampaignPages: AsyncSequence, Sendable {
    public typealias Element = CampaignPage
    public typealias Failure = ArselError
    let client: CampaignsClient
    let query: CampaignQuery

    public struct AsyncIterator: AsyncIteratorProtocol {
        let client: CampaignsClient
        let query: CampaignQuery
        var cursor: String?
        var done = false
        var seen = Set<String>()
        var cursors = Set<String>()
        var pages = 0

        public mutating func next() async throws(ArselError) -> CampaignPage? {
            if done { return nil }
            pages += 1
            if pages > client.configuration.maxPages {
                throw .unexpectedResponse(status: 200, .morePagesThanLimit(client.configuration.maxPages))
            }
            let page = try await client.list(query, after: cursor)
            let fresh = page.campaigns.filter { seen.insert($0.id).inserted }
            guard let last = page.campaigns.last?.id else {
                if page.hasMore {
                    throw .unexpectedResponse(status: 200, .emptyPageClaimingMore)
                }
                done = true
                return CampaignPage(campaigns: [], hasMore: false)
            }
            if page.hasMore && (!cursors.insert(last).inserted || fresh.isEmpty) {
                throw .unexpectedResponse(status: 200, .repeatedCursor(last))
            }
            cursor = last
            done = !page.hasMore
            return CampaignPage(campaigns: fresh, hasMore: page.hasMore)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(client: client, query: query)
    }

    /// Every campaign, in order, each once.
    public func all() async throws(ArselError) -> [Campaign] {
        var out: [Campaign] = []
        var iterator = makeAsyncIterator()
        while let page = try await iterator.next() { out += page.campaigns }
        return out
    }
}

extension CampaignsClient: CampaignService {
    public func list(_ query: CampaignQuery, after: String?) async throws(ArselError) -> CampaignPage {
        try await list(query, after: after, before: nil)
    }

    public func inBackground<T: Sendable>(_ body: () async -> T) async -> T {
        await Self.$isBackground.withValue(true) { await body() }
    }
}
