import Foundation

/// Campaign JSON in the shapes the sources document, for scripted answers.
public enum Fixtures {
    /// The docs' shape: Title-case status.
    public static func emailCampaign(
        id: String, name: String = "Campaign", status: String = "Scheduled",
        scheduledAt: String? = "2026-12-01T09:00:00.000Z"
    ) -> String {
        let scheduled = scheduledAt.map { "\"\($0)\"" } ?? "null"
        return """
            {"id":"\(id)","name":\(jsonString(name)),"subject":"Hi","preheader":null,"from_name":"Acme","from":"news@acme.sa",\
            "reply_to":null,"status":"\(status)","template_id":null,"scheduled_at":\(scheduled),"sent_at":null,\
            "created_at":"2026-11-01T10:00:00.000Z","updated_at":"2026-11-02T10:00:00.000Z"}
            """
    }

    public static func list(_ items: [String], hasMore: Bool) -> String {
        #"{"object":"list","has_more":\#(hasMore),"data":[\#(items.joined(separator: ","))]}"#
    }

    /// A JSON string literal (the encoder escapes what JSON requires).
    public static func jsonString(_ s: String) -> String {
        let data = try! JSONEncoder().encode(s)
        return String(decoding: data, as: UTF8.self)
    }

    /// A time-ordered id, so "newest first" is "id descending".
    public static func id(_ n: Int) -> String {
        String(format: "0192a1b2-c3d4-7e5f-9000-%012d", n)
    }
}
