import ArselContract
import ArselModel
import OpenAPIRuntime

/// Generated contract types → the product's types. Nothing generated leaves this module.
/// Every string taken from the server passes `Redaction.apply` here: a server that reflects the
/// key (in a name, a subject …) must not make any later output print it.
extension Campaign {
    /// The fields every channel's campaign has; the rest are the channel's own.
    static let commonFields: Set<String> = ["id", "name", "status", "scheduled_at", "sent_at", "created_at", "updated_at"]

    /// A campaign from an answer about `channel`: it carries that channel, and the channel's own
    /// fields (and only those) from the answer's additional properties.
    init(_ c: Components.Schemas.Campaign, channel: Channel) {
        var extra: [String: JSONScalar] = [:]
        let raw = c.additionalProperties.value
        for key in channel.spec.fields where !Self.commonFields.contains(key) {
            extra[key] = JSONScalar(any: raw[key] ?? nil)
        }
        self.init(
            id: redacted(c.id), channel: channel, name: redacted(c.name), status: CampaignStatus(c.status ?? ""),
            scheduledAt: c.scheduledAt.map(Timestamp.init(raw:)), sentAt: c.sentAt.map(Timestamp.init(raw:)),
            createdAt: c.createdAt.map(Timestamp.init(raw:)), updatedAt: c.updatedAt.map(Timestamp.init(raw:)),
            extra: extra)
        statusText = c.status ?? ""
    }
}

extension JSONScalar {
    /// A decoded JSON value as a scalar: strings redacted, numbers as numbers, arrays of strings
    /// as such; anything else (an object, a mixed array) as its compact text, never dropped.
    init(any value: (any Sendable)?) {
        if let scalar = JSONScalar(value: value) {
            self = scalar.mapStrings(redacted)
        } else {
            self = .string(redacted(String(describing: value!)))
        }
    }
}

extension Channel {
    /// The contract's path segment for this channel.
    var segment: Components.Schemas.Channel {
        get throws(ArselError) {
            guard let s = Components.Schemas.Channel(rawValue: rawValue) else {
                throw .configuration(.channelNotInContract(rawValue))
            }
            return s
        }
    }
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
