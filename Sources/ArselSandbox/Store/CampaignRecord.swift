import ArselContract
import ArselModel
import Foundation
import GRDB
import OpenAPIRuntime

/// One campaign row: the columns every channel has, and the channel's own fields (`subject`,
/// `content`, `throttle_minutes` …) as one JSON object, read and written by name as
/// `Channel.spec` lists them, so no code here is written per channel.
struct CampaignRecord: Sendable, Equatable {
    var seq: Int64
    var id: String
    var orgID: String
    var channel: String
    var name: String?
    var fields: [String: JSONScalar]
    var audience: Int
    var status: String
    var scheduledAt: Double?
    var sentAt: Double?
    var startedAt: Double?
    var createdAt: Double
    var updatedAt: Double
    var deletedAt: Double?
    var recipients: Int
    var handedOff: Int
    var notSent: Int

    init(row: Row) {
        seq = row["seq"]
        id = row["id"]
        orgID = row["org_id"]
        channel = row["channel"]
        name = row["name"]
        fields = FieldsColumn.decode(row["fields"])
        audience = row["audience"]
        status = row["status"]
        scheduledAt = row["scheduled_at"]
        sentAt = row["sent_at"]
        startedAt = row["started_at"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        deletedAt = row["deleted_at"]
        recipients = row["recipients"]
        handedOff = row["handed_off"]
        notSent = row["not_sent"]
    }

    static let cancellable: Set<String> = ["scheduled", "queued", "sending"]

    var spec: ChannelSpec? { Channel(rawValue: channel)?.spec }

    /// A field as text ("" when absent).
    func text(_ key: String) -> String {
        if case .string(let s) = fields[key] { return s }
        return ""
    }

    /// A numeric field, when it is one.
    func number(_ key: String) -> Double? {
        if case .number(let n) = fields[key] { return n }
        return nil
    }

    func statusText(_ statusCase: SandboxOptions.StatusCase) -> String {
        statusCase == .lower ? status : status.prefix(1).uppercased() + status.dropFirst()
    }

    /// As the contract's type: the common fields, and the channel's own as additional
    /// properties. Absent ones become `null` keys on the wire (`NullKeysMiddleware`).
    func contract(_ statusCase: SandboxOptions.StatusCase) -> Components.Schemas.Campaign {
        var own: [String: (any Sendable)?] = [:]
        for key in spec?.fields ?? [] where !CampaignRecord.common.contains(key) {
            if let value = fields[key] { own[key] = value.value }
        }
        return .init(
            id: id, name: name ?? "", status: statusText(statusCase),
            scheduledAt: scheduledAt.map(isoTime), sentAt: sentAt.map(isoTime),
            createdAt: isoTime(createdAt), updatedAt: isoTime(updatedAt),
            additionalProperties: (try? OpenAPIObjectContainer(unvalidatedValue: own)) ?? .init())
    }

    static let common: Set<String> = ["id", "name", "status", "scheduled_at", "sent_at", "created_at", "updated_at"]
}

/// A JSON value of a channel field, decoded strictly (a number is never a boolean).
struct FieldValue: Codable {
    var scalar: JSONScalar

    init(_ scalar: JSONScalar) { self.scalar = scalar }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { scalar = .null }
        else if let b = try? c.decode(Bool.self) { scalar = .bool(b) }
        else if let n = try? c.decode(Double.self) { scalar = .number(n) }
        else if let s = try? c.decode(String.self) { scalar = .string(s) }
        else if let list = try? c.decode([String].self) { scalar = .strings(list) }
        else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a field value") }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch scalar {
        case .string(let s): try c.encode(s)
        case .number(let n): try c.encode(n)
        case .bool(let b): try c.encode(b)
        case .strings(let list): try c.encode(list)
        case .null: try c.encodeNil()
        }
    }
}

/// The `fields` column: a JSON object of the channel's own fields.
enum FieldsColumn {
    static func decode(_ text: String?) -> [String: JSONScalar] {
        guard let data = text?.data(using: .utf8),
              let object = try? JSONDecoder().decode([String: FieldValue].self, from: data)
        else { return [:] }
        return object.mapValues(\.scalar).filter { $0.value != .null }
    }

    static func encode(_ fields: [String: JSONScalar]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(fields.filter { $0.value != .null }.mapValues(FieldValue.init)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// `2026-04-27T12:00:00.000Z`, the API's format.
func isoTime(_ seconds: Double) -> String {
    Date(timeIntervalSince1970: seconds).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
}
