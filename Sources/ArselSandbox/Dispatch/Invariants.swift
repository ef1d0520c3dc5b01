import GRDB

/// The guarantees the sandbox makes about every campaign, checked over the whole database:
/// - every materialised email is exactly one of handed off, not sent, or (while the campaign is
///   still going) queued — and no email of a finished campaign is still queued;
/// - no email was ever handed off twice;
/// - no email of a cancelled campaign was handed off after its cancel committed (by commit
///   order, not by clock);
/// - the campaign's counters agree with its emails.
public struct InvariantReport: Sendable, Codable, Equatable {
    public var campaignsChecked: Int
    public var emailsChecked: Int
    public var violations: [String]
}

enum Invariants {
    static func check(_ db: Database) throws -> InvariantReport {
        var violations: [String] = []
        let doubles = try Row.fetchAll(db, sql: """
            SELECT campaign_seq, n, COUNT(*) AS c FROM handoffs GROUP BY campaign_seq, n HAVING c > 1 LIMIT 20
            """)
        for r in doubles {
            violations.append("campaign #\(r["campaign_seq"] as Int64) email \(r["n"] as Int) handed off \(r["c"] as Int) times")
        }
        // Batch ids are taken in commit order (one writer), and a cancel records the last one:
        // a hand-off in a later batch would have committed after the cancel.
        let late = try Row.fetchAll(db, sql: """
            SELECT c.id, h.n FROM handoffs h JOIN campaigns c ON c.seq = h.campaign_seq
            WHERE c.cancel_mark IS NOT NULL AND h.batch > c.cancel_mark LIMIT 20
            """)
        for r in late {
            violations.append("campaign \(r["id"] as String) email \(r["n"] as Int) handed off after the cancel committed")
        }
        let leftovers = try Row.fetchAll(db, sql: """
            SELECT c.id, c.status, COUNT(*) AS q FROM emails e JOIN campaigns c ON c.seq = e.campaign_seq
            WHERE e.state = 'queued' AND c.status IN ('sent', 'failed', 'cancelled') GROUP BY c.seq LIMIT 20
            """)
        for r in leftovers {
            violations.append("campaign \(r["id"] as String) is \(r["status"] as String) with \(r["q"] as Int) emails still queued")
        }
        let counters = try Row.fetchAll(db, sql: """
            SELECT c.id, c.status, c.recipients, c.handed_off, c.not_sent,
                   SUM(e.state = 'handed_off') AS h, SUM(e.state = 'not_sent') AS ns, SUM(e.state = 'queued') AS q,
                   COUNT(e.n) AS total
            FROM campaigns c JOIN emails e ON e.campaign_seq = c.seq GROUP BY c.seq
            """)
        var emails = 0
        for r in counters {
            let total: Int = r["total"], h: Int = r["h"], ns: Int = r["ns"], q: Int = r["q"]
            emails += total
            let id: String = r["id"]
            if total != r["recipients"] as Int { violations.append("campaign \(id): \(total) email rows for \(r["recipients"] as Int) recipients") }
            if h != r["handed_off"] as Int { violations.append("campaign \(id): counter says \(r["handed_off"] as Int) handed off, emails say \(h)") }
            if h + ns + q != total { violations.append("campaign \(id): \(total - h - ns - q) emails in no state") }
            let status: String = r["status"]
            if ["cancelled", "failed"].contains(status), ns != r["not_sent"] as Int {
                violations.append("campaign \(id): counter says \(r["not_sent"] as Int) not sent, emails say \(ns)")
            }
        }
        let campaigns = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM campaigns") ?? 0
        return InvariantReport(campaignsChecked: campaigns, emailsChecked: emails, violations: violations)
    }
}
