import ArselContract
import Foundation
import GRDB

/// One campaign row.
struct CampaignRecord: Sendable, Equatable {
    var seq: Int64
    var id: String
    var orgID: String
    var channel: String
    var name: String?
    var subject: String?
    var preheader: String?
    var fromName: String?
    var fromAddr: String?
    var replyTo: String?
    var templateID: String?
    var description: String?
    var content: String?
    var country: String?
    var numSegments: Int?
    var audience: Int
    var status: String
    var scheduledAt: Double?
    var sentAt: Double?
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
        subject = row["subject"]
        preheader = row["preheader"]
        fromName = row["from_name"]
        fromAddr = row["from_addr"]
        replyTo = row["reply_to"]
        templateID = row["template_id"]
        description = row["description"]
        content = row["content"]
        country = row["country"]
        numSegments = row["num_segments"]
        audience = row["audience"]
        status = row["status"]
        scheduledAt = row["scheduled_at"]
        sentAt = row["sent_at"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        deletedAt = row["deleted_at"]
        recipients = row["recipients"]
        handedOff = row["handed_off"]
        notSent = row["not_sent"]
    }

    static let cancellable: Set<String> = ["scheduled", "queued", "sending"]

    func statusText(_ statusCase: SandboxOptions.StatusCase) -> String {
        statusCase == .lower ? status : status.prefix(1).uppercased() + status.dropFirst()
    }

    /// As the contract's types. Nil fields become `null` keys on the wire (`NullKeysMiddleware`).
    func email(_ statusCase: SandboxOptions.StatusCase) -> Components.Schemas.EmailCampaign {
        .init(
            id: id, name: name ?? "", subject: subject, preheader: preheader, fromName: fromName, from: fromAddr,
            replyTo: replyTo, status: statusText(statusCase), templateId: templateID,
            scheduledAt: scheduledAt.map(isoTime), sentAt: sentAt.map(isoTime),
            createdAt: isoTime(createdAt), updatedAt: isoTime(updatedAt))
    }

    func sms(_ statusCase: SandboxOptions.StatusCase) -> Components.Schemas.SmsCampaign {
        .init(
            id: id, name: name ?? "", description: description, content: content, from: fromAddr, country: country,
            status: statusText(statusCase), numSegments: Double(numSegments ?? 1),
            scheduledAt: scheduledAt.map(isoTime), sentAt: sentAt.map(isoTime),
            createdAt: isoTime(createdAt), updatedAt: isoTime(updatedAt))
    }
}

/// `2026-04-27T12:00:00.000Z`, the API's format.
func isoTime(_ seconds: Double) -> String {
    Date(timeIntervalSince1970: seconds).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
}
