import ArselContract
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

    // MARK: Email

    func listEmailCampaigns(_ input: Operations.ListEmailCampaigns.Input) async throws -> Operations.ListEmailCampaigns.Output {
        let q = input.query
        let (records, hasMore) = try await page("email", limit: q.limit, after: q.after, before: q.before, search: q.search, status: q.status)
        return .ok(.init(body: .json(.init(object: "list", hasMore: hasMore, data: records.map { $0.email(options.statusCase) }))))
    }

    func getEmailCampaign(_ input: Operations.GetEmailCampaign.Input) async throws -> Operations.GetEmailCampaign.Output {
        .ok(.init(body: .json(try await store.get(org: try org, channel: "email", id: input.path.id).email(options.statusCase))))
    }

    func createEmailCampaign(_ input: Operations.CreateEmailCampaign.Input) async throws -> Operations.CreateEmailCampaign.Output {
        guard case .json(let b) = input.body else { throw SandboxError.badRequest("Malformed JSON body") }
        let id = try store.create(org: try org, channel: "email", input: CampaignInput(
            name: b.name, subject: b.subject, preheader: b.preheader, fromName: b.fromName, fromAddr: b.from,
            replyTo: b.replyTo, templateID: b.templateId, audience: Self.audience(b.listIds, b.tagIds, b.segmentIds)))
        return .created(.init(body: .json(.init(id: id))))
    }

    func updateEmailCampaign(_ input: Operations.UpdateEmailCampaign.Input) async throws -> Operations.UpdateEmailCampaign.Output {
        guard case .json(let b) = input.body else { throw SandboxError.badRequest("Malformed JSON body") }
        try store.update(org: try org, channel: "email", id: input.path.id, input: CampaignInput(
            name: b.name, subject: b.subject, preheader: b.preheader, fromName: b.fromName, fromAddr: b.from,
            replyTo: b.replyTo, templateID: b.templateId, audience: Self.audience(b.listIds, b.tagIds, b.segmentIds)))
        return .ok(.init(body: .json(.init(id: input.path.id))))
    }

    func deleteEmailCampaign(_ input: Operations.DeleteEmailCampaign.Input) async throws -> Operations.DeleteEmailCampaign.Output {
        try store.delete(org: try org, channel: "email", id: input.path.id)
        return .ok(.init(body: .json(.init(object: "email_campaign", id: input.path.id, deleted: true))))
    }

    func sendEmailCampaign(_ input: Operations.SendEmailCampaign.Input) async throws -> Operations.SendEmailCampaign.Output {
        if CurrentRequest.quotaExhausted { throw SandboxError.quotaExceeded }
        var body: Components.Schemas.SendInput?
        if case .json(let b) = input.body { body = b }
        try store.send(org: try org, channel: "email", id: input.path.id, scheduledAt: try scheduled(body))
        return .ok(.init(body: .json(.init(id: input.path.id))))
    }

    func cancelEmailCampaign(_ input: Operations.CancelEmailCampaign.Input) async throws -> Operations.CancelEmailCampaign.Output {
        let c = try await store.cancel(org: try org, channel: "email", id: input.path.id)
        return .ok(.init(body: .json(cancelBody(c.id))))
    }

    // MARK: SMS

    func listSmsCampaigns(_ input: Operations.ListSmsCampaigns.Input) async throws -> Operations.ListSmsCampaigns.Output {
        let q = input.query
        let (records, hasMore) = try await page("sms", limit: q.limit, after: q.after, before: q.before, search: q.search, status: q.status)
        return .ok(.init(body: .json(.init(object: "list", hasMore: hasMore, data: records.map { $0.sms(options.statusCase) }))))
    }

    func getSmsCampaign(_ input: Operations.GetSmsCampaign.Input) async throws -> Operations.GetSmsCampaign.Output {
        .ok(.init(body: .json(try await store.get(org: try org, channel: "sms", id: input.path.id).sms(options.statusCase))))
    }

    func createSmsCampaign(_ input: Operations.CreateSmsCampaign.Input) async throws -> Operations.CreateSmsCampaign.Output {
        guard case .json(let b) = input.body else { throw SandboxError.badRequest("Malformed JSON body") }
        let id = try store.create(org: try org, channel: "sms", input: CampaignInput(
            name: b.name, fromAddr: b.from, description: b.description, content: b.content,
            audience: Self.audience(b.listIds, b.tagIds, b.segmentIds)))
        return .created(.init(body: .json(.init(id: id))))
    }

    func updateSmsCampaign(_ input: Operations.UpdateSmsCampaign.Input) async throws -> Operations.UpdateSmsCampaign.Output {
        guard case .json(let b) = input.body else { throw SandboxError.badRequest("Malformed JSON body") }
        try store.update(org: try org, channel: "sms", id: input.path.id, input: CampaignInput(
            name: b.name, fromAddr: b.from, description: b.description, content: b.content,
            audience: Self.audience(b.listIds, b.tagIds, b.segmentIds)))
        return .ok(.init(body: .json(.init(id: input.path.id))))
    }

    func deleteSmsCampaign(_ input: Operations.DeleteSmsCampaign.Input) async throws -> Operations.DeleteSmsCampaign.Output {
        try store.delete(org: try org, channel: "sms", id: input.path.id)
        return .ok(.init(body: .json(.init(object: "sms_campaign", id: input.path.id, deleted: true))))
    }

    func sendSmsCampaign(_ input: Operations.SendSmsCampaign.Input) async throws -> Operations.SendSmsCampaign.Output {
        if CurrentRequest.quotaExhausted { throw SandboxError.quotaExceeded }
        var body: Components.Schemas.SendInput?
        if case .json(let b) = input.body { body = b }
        try store.send(org: try org, channel: "sms", id: input.path.id, scheduledAt: try scheduled(body))
        return .ok(.init(body: .json(.init(id: input.path.id))))
    }

    func cancelSmsCampaign(_ input: Operations.CancelSmsCampaign.Input) async throws -> Operations.CancelSmsCampaign.Output {
        let c = try await store.cancel(org: try org, channel: "sms", id: input.path.id)
        return .ok(.init(body: .json(cancelBody(c.id))))
    }
}
