import ArselContract
import ArselModel
import Foundation
import OpenAPIRuntime

/// The Arsel campaign API, implemented over the store: the server side of the same contract
/// the client is generated from.
struct APIHandlers: APIProtocol {
    let store: CampaignStore
    let options: SandboxOptions

    var org: String {
        get throws {
            guard let org = CurrentRequest.orgID else { throw SandboxError.unauthorized }
            return org
        }
    }

    static let statuses: Set<String> = ["draft", "scheduled", "queued", "sending", "sent", "paused", "failed", "cancelled"]

    func page(
        _ channel: String, limit: Int?, after: String?, before: String?, search: String?, status: String?
    ) async throws -> (records: [CampaignRecord], hasMore: Bool) {
        // An empty cursor is no cursor (an empty status is not a status: 422 below).
        let after = after.flatMap { $0.isEmpty ? nil : $0 }, before = before.flatMap { $0.isEmpty ? nil : $0 }
        let limit = limit ?? 20
        guard (1...100).contains(limit) else { throw SandboxError.validation("limit must be between 1 and 100") }
        if after != nil && before != nil { throw SandboxError.badRequest("Cannot use both after and before") }
        var statusFilter: String?
        if let status {
            let lower = status.lowercased()
            guard Self.statuses.contains(lower) else {
                throw SandboxError.validation("status must be one of the following values: \(Self.statuses.sorted().joined(separator: ", "))")
            }
            statusFilter = lower
        }
        return try await store.list(org: try org, channel: channel, limit: limit, after: after, before: before,
                              search: search, status: statusFilter)
    }

    func cancelBody(_ id: String) -> Components.Schemas.CancelResult {
        options.cancelBody == .id ? .init(id: id) : .init(message: "Campaign cancelled")
    }

    func scheduled(_ body: Components.Schemas.SendInput?) throws -> Double? {
        guard let raw = body?.scheduledAt else { return nil }
        guard let date = parseTime(raw) else { throw SandboxError.badRequest("scheduled_at must be an ISO 8601 date") }
        return date.timeIntervalSince1970
    }

    func parseTime(_ raw: String) -> Date? {
        (try? Date(raw, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(raw, strategy: Date.ISO8601FormatStyle()))
    }

    static func audience(_ lists: [String]?, _ tags: [String]?, _ segments: [String]?) -> Int? {
        if lists == nil && tags == nil && segments == nil { return nil }
        return (lists?.count ?? 0) + (tags?.count ?? 0) + (segments?.count ?? 0)
    }

    /// A create or update body: the common fields and the channel's own, by name.
    func input(_ b: Components.Schemas.CampaignInput, channel: String) throws -> CampaignInput {
        let spec = try CampaignStore.spec(channel)
        var fields: [String: JSONScalar] = [:]
        // Keys the channel does not have are ignored, as the API's validation pipe does; the
        // channel's own must have their documented type (null is "not given").
        for (key, value) in b.additionalProperties.value where spec.fields.contains(key) && !CampaignRecord.common.contains(key) {
            // Objects the sandbox does not model (push action buttons, data payload): accepted
            // and not kept, so they read back as null.
            if FieldKind.of(key) == .unsupported { continue }
            guard let scalar = JSONScalar(value: value), FieldKind.of(key).accepts(scalar) else {
                throw SandboxError.validation("\(key) must be \(FieldKind.of(key).description)")
            }
            if scalar != .null { fields[key] = scalar }
        }
        return CampaignInput(name: b.name, fields: fields, audience: Self.audience(b.listIds, b.tagIds, b.segmentIds))
    }

    // Every route once, over the channel in its path: the channel's differences are data
    // (`Channel.spec`), read by the store.

    func listCampaigns(_ input: Operations.ListCampaigns.Input) async throws -> Operations.ListCampaigns.Output {
        let q = input.query
        let (records, hasMore) = try await page(
            input.path.channel.rawValue, limit: q.limit, after: q.after, before: q.before, search: q.search, status: q.status)
        return .ok(.init(body: .json(.init(object: "list", hasMore: hasMore, data: records.map { $0.contract(options.statusCase) }))))
    }

    func getCampaign(_ input: Operations.GetCampaign.Input) async throws -> Operations.GetCampaign.Output {
        let record = try await store.get(org: try org, channel: input.path.channel.rawValue, id: input.path.id)
        return .ok(.init(body: .json(record.contract(options.statusCase))))
    }

    func createCampaign(_ input: Operations.CreateCampaign.Input) async throws -> Operations.CreateCampaign.Output {
        guard case .json(let b) = input.body else { throw SandboxError.badRequest("Malformed JSON body") }
        let id = try store.create(org: try org, channel: input.path.channel.rawValue, input: try self.input(b, channel: input.path.channel.rawValue))
        return .created(.init(body: .json(.init(id: id))))
    }

    func updateCampaign(_ input: Operations.UpdateCampaign.Input) async throws -> Operations.UpdateCampaign.Output {
        guard case .json(let b) = input.body else { throw SandboxError.badRequest("Malformed JSON body") }
        try store.update(org: try org, channel: input.path.channel.rawValue, id: input.path.id, input: try self.input(b, channel: input.path.channel.rawValue))
        return .ok(.init(body: .json(.init(id: input.path.id))))
    }

    func deleteCampaign(_ input: Operations.DeleteCampaign.Input) async throws -> Operations.DeleteCampaign.Output {
        let channel = input.path.channel.rawValue
        try store.delete(org: try org, channel: channel, id: input.path.id)
        return .ok(.init(body: .json(.init(object: "\(channel)_campaign", id: input.path.id, deleted: true))))
    }

    func sendCampaign(_ input: Operations.SendCampaign.Input) async throws -> Operations.SendCampaign.Output {
        if CurrentRequest.quotaExhausted { throw SandboxError.quotaExceeded }
        var body: Components.Schemas.SendInput?
        if case .json(let b) = input.body { body = b }
        try store.send(org: try org, channel: input.path.channel.rawValue, id: input.path.id, scheduledAt: try scheduled(body))
        return .ok(.init(body: .json(.init(id: input.path.id))))
    }

    func cancelCampaign(_ input: Operations.CancelCampaign.Input) async throws -> Operations.CancelCampaign.Output {
        let c = try await store.cancel(org: try org, channel: input.path.channel.rawValue, id: input.path.id)
        return .ok(.init(body: .json(cancelBody(c.id))))
    }
}

/// The JSON type of a channel field, by its API name (one rule per name, whatever the channel).
enum FieldKind: CustomStringConvertible {
    case text, number, flag, texts, unsupported

    static func of(_ key: String) -> FieldKind {
        switch key {
        case "ttl_seconds", "throttle_minutes", "num_segments": return .number
        case "smart_sending_enabled": return .flag
        case "target_platforms": return .texts
        // Objects the sandbox does not model.
        case "action_buttons", "data_payload": return .unsupported
        default: return .text
        }
    }

    func accepts(_ value: JSONScalar) -> Bool {
        switch (self, value) {
        case (_, .null), (.text, .string), (.number, .number), (.flag, .bool), (.texts, .strings): return true
        default: return false
        }
    }

    var description: String {
        switch self {
        case .text: return "a string"
        case .number: return "a number"
        case .flag: return "a boolean"
        case .texts: return "an array of strings"
        case .unsupported: return "an object"
        }
    }
}
