import ArselContract

/// Generated contract types → the product's types. Nothing generated leaves this module.
/// Every string taken from the server passes `Redaction.apply` here: a server that reflects the
/// key (in a name, a subject …) must not make any later output print it.
extension Campaign {
    init(_ c: Components.Schemas.EmailCampaign) {
        self.init(
            id: redacted(c.id), channel: .email, name: redacted(c.name), status: CampaignStatus(c.status ?? ""),
            scheduledAt: c.scheduledAt.map(Timestamp.init(raw:)), sentAt: c.sentAt.map(Timestamp.init(raw:)),
            createdAt: c.createdAt.map(Timestamp.init(raw:)), updatedAt: c.updatedAt.map(Timestamp.init(raw:)),
            extra: [
                "subject": .init(c.subject), "preheader": .init(c.preheader), "from_name": .init(c.fromName),
                "from": .init(c.from), "reply_to": .init(c.replyTo), "template_id": .init(c.templateId),
            ])
        statusText = c.status ?? ""
    }

    init(_ c: Components.Schemas.SmsCampaign) {
        self.init(
            id: redacted(c.id), channel: .sms, name: redacted(c.name), status: CampaignStatus(c.status ?? ""),
            scheduledAt: c.scheduledAt.map(Timestamp.init(raw:)), sentAt: c.sentAt.map(Timestamp.init(raw:)),
            createdAt: c.createdAt.map(Timestamp.init(raw:)), updatedAt: c.updatedAt.map(Timestamp.init(raw:)),
            extra: [
                "description": .init(c.description), "content": .init(c.content), "from": .init(c.from),
                "country": .init(c.country), "num_segments": c.numSegments.map(JSONScalar.number) ?? .null,
            ])
        statusText = c.status ?? ""
    }
}

extension JSONScalar {
    init(_ value: String?) { self = value.map { JSONScalar.string(redacted($0)) } ?? .null }
}

func redacted(_ text: String) -> String { Redaction.apply(text) }
func redacted(_ text: String?) -> String? { text.map(Redaction.apply) }

extension APIFailure {
    /// The envelope as sent, with the MCP client's fallbacks: no `name` → "error", no message →
    /// the HTTP status; the HTTP status wins over a disagreeing `status_code`.
    init(_ body: Components.Schemas.ErrorBody, response: ResponseInfo?, status: Int) {
        let retryAfter = response.flatMap { $0.header("retry-after") }.flatMap { RetryAfter.parse($0) }
        self.init(
            statusCode: status,
            name: redacted((body.name?.isEmpty == false ? body.name : nil) ?? "error"),
            message: redacted((body.message?.isEmpty == false ? body.message : nil) ?? "HTTP \(status)"),
            retryAfter: retryAfter,
            requestID: response?.requestID)
    }
}
