import Foundation
import GRDB

/// The sandbox's sending engine. On every tick: Scheduled campaigns whose time has come become
/// Queued; Queued ones start Sending after the queue delay (their recipients become email rows);
/// every Sending campaign hands one batch off. Each hand-off is one IMMEDIATE transaction that
/// re-reads the campaign's status inside it, exactly like a cancel: with SQLite's single writer,
/// no batch can be handed off after a cancel has committed, and every email ends as exactly one
/// of handed off or not sent.
final class Dispatcher: Sendable {
    let db: any DatabaseWriter
    /// How many cancels wait for the writer right now (shared with the store).
    let cancelsWaiting: (@Sendable () -> Int)?
    let batchSize: Int
    let queueDelay: Double
    /// The sandbox's time scale: a push throttled over 60 minutes takes 30 at speed 2.
    let speed: Double

    init(
        db: any DatabaseWriter, batchSize: Int, queueDelay: Double, speed: Double = 1,
        cancelsWaiting: (@Sendable () -> Int)? = nil
    ) {
        self.db = db
        self.cancelsWaiting = cancelsWaiting
        self.batchSize = batchSize
        self.queueDelay = queueDelay
        self.speed = speed
    }

    /// Runs on a thread of its own until `stop` says so, one tick every `interval`: its
    /// synchronous SQLite work must not occupy Swift's cooperative threads, which serve HTTP.
    func start(interval: Duration, stop: Locked<Bool>) -> Thread {
        let thread = Thread { [self] in
            let micros = UInt32(max(100, min(Double(UInt32.max), interval.seconds * 1e6)))
            while !stop.value {
                do { try tick(now: CampaignStore.now()) } catch {}
                var slept: UInt32 = 0
                while slept < micros && !stop.value {
                    let step = min(micros - slept, 20_000)
                    usleep(step)
                    slept += step
                }
            }
        }
        thread.name = "sandbox-dispatcher"
        thread.start()
        return thread
    }

    /// Marks the emails still queued of stopped campaigns (cancelled, failed) as not sent, at most
    /// `limit` at a time. Returns how many it marked.
    @discardableResult
    static func sweep(_ db: Database, now: Double, limit: Int = 20_000) throws -> Int {
        try db.execute(sql: """
            UPDATE emails SET state = 'not_sent', at = ?
            WHERE (campaign_seq, n) IN (
                SELECT e.campaign_seq, e.n FROM emails e JOIN campaigns c ON c.seq = e.campaign_seq
                WHERE e.state = 'queued' AND c.status IN ('cancelled', 'failed') LIMIT ?)
            """, arguments: [now, limit])
        return db.changesCount
    }

    /// Sweeps until nothing is left (before checking the invariants).
    func sweepAll(now: Double) throws {
        while try db.write({ try Self.sweep($0, now: now) }) > 0 {}
    }

    /// One step of every campaign that can move. Public to tests, which step it by hand.
    func tick(now: Double) throws {
        try db.write { db in _ = try Self.sweep(db, now: now) }
        try db.write { db in
            try db.execute(sql: """
                UPDATE campaigns SET status = 'queued', queued_at = ?, updated_at = ?
                WHERE status = 'scheduled' AND scheduled_at <= ? AND deleted_at IS NULL
                """, arguments: [now, now, now])
        }
        let ready = try db.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT seq FROM campaigns WHERE status = 'queued' AND deleted_at IS NULL AND queued_at <= ?
                """, arguments: [now - queueDelay])
        }
        for seq in ready { try startSending(seq: seq, now: now) }
        let sending = try db.read { db in
            try Int64.fetchAll(db, sql: "SELECT seq FROM campaigns WHERE status = 'sending' AND deleted_at IS NULL")
        }
        for seq in sending {
            yieldToCancels()
            try handOffBatch(seq: seq, now: CampaignStore.now())
        }
    }

    /// Lets waiting cancels take the writer first (at most 50 ms, so sending never starves).
    private func yieldToCancels() {
        guard let cancelsWaiting else { return }
        var waited = 0
        while cancelsWaiting() > 0 && waited < 50_000 {
            usleep(200)
            waited += 200
        }
    }

    /// Queued → Sending: the recipients become queued email rows.
    func startSending(seq: Int64, now: Double) throws {
        try db.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                guard let status = try String.fetchOne(db, sql: "SELECT status FROM campaigns WHERE seq = ?", arguments: [seq]),
                      status == "queued"
                else { return .rollback }
                try Self.materialize(db, seq: seq)
                try db.execute(
                    // `sent_at` says when sending began until Sent sets when it ended: a send
                    // spread over hours shows how far it is.
                    sql: "UPDATE campaigns SET status = 'sending', started_at = ?, sent_at = ?, updated_at = ? WHERE seq = ?",
                    arguments: [now, now, now, seq])
                return .commit
            }
        }
    }

    /// Creates the queued email rows of a campaign once (the emails already handed off at seed
    /// time are created as handed off).
    static func materialize(_ db: Database, seq: Int64) throws {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT recipients, handed_off, materialized FROM campaigns WHERE seq = ?", arguments: [seq]),
            row["materialized"] as Bool == false
        else { return }
        let recipients: Int = row["recipients"]
        let handed: Int = row["handed_off"]
        try db.execute(sql: """
            WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?)
            INSERT INTO emails (campaign_seq, n, state, batch, at)
            SELECT ?, n, CASE WHEN n <= ? THEN 'handed_off' ELSE 'queued' END, CASE WHEN n <= ? THEN 0 END, NULL FROM s
            """, arguments: [recipients, seq, handed, handed])
        if handed > 0 {
            try db.execute(sql: """
                INSERT INTO handoffs (campaign_seq, n, batch, at) SELECT campaign_seq, n, 0, 0 FROM emails
                WHERE campaign_seq = ? AND state = 'handed_off'
                """, arguments: [seq])
        }
        try db.execute(sql: "UPDATE campaigns SET materialized = 1 WHERE seq = ?", arguments: [seq])
    }

    /// Hands one batch off, if the campaign is still Sending when the transaction reads it.
    /// Returns the number of emails handed off.
    @discardableResult
    func handOffBatch(seq: Int64, now: Double) throws -> Int {
        try db.writeWithoutTransaction { db in
            var handed = 0
            try db.inTransaction(.immediate) {
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM campaigns WHERE seq = ?", arguments: [seq]) else {
                    return .rollback
                }
                let c = CampaignRecord(row: row)
                guard c.status == "sending" else { return .rollback }
                let size = self.batchSize(c, now: now)
                guard size > 0 else { return .rollback }
                try db.execute(
                    sql: "INSERT INTO batches (campaign_seq, size, committed_at) VALUES (?, 0, ?)", arguments: [seq, now])
                let batch = db.lastInsertedRowID
                try db.execute(sql: """
                    UPDATE emails SET state = 'handed_off', batch = ?, at = ?
                    WHERE campaign_seq = ? AND n IN (
                        SELECT n FROM emails WHERE campaign_seq = ? AND state = 'queued' ORDER BY n LIMIT ?)
                    """, arguments: [batch, now, seq, seq, size])
                handed = db.changesCount
                try db.execute(sql: """
                    INSERT INTO handoffs (campaign_seq, n, batch, at) SELECT campaign_seq, n, batch, at FROM emails
                    WHERE campaign_seq = ? AND batch = ?
                    """, arguments: [seq, batch])
                try db.execute(sql: "UPDATE batches SET size = ? WHERE id = ?", arguments: [handed, batch])
                var updated = c
                updated.handedOff += handed
                try db.execute(
                    sql: "UPDATE campaigns SET handed_off = ?, updated_at = ? WHERE seq = ?",
                    arguments: [updated.handedOff, now, seq])
                try Self.applyKnobs(db, updated, row: row, now: now)
                return .commit
            }
            return handed
        }
    }

    /// How many to hand off now: a batch, or for a channel whose sends are spread (push
    /// `throttle_minutes`) only what is due by now since sending started, so a throttled send
    /// stays Sending for its whole spread.
    func batchSize(_ c: CampaignRecord, now: Double) -> Int {
        guard let key = c.spec?.spreadField, let minutes = c.number(key), minutes > 0, let started = c.startedAt else {
            return batchSize
        }
        let elapsed = max(0, now - started) * speed
        let due = Int((Double(c.recipients) * min(1, elapsed / (minutes * 60))).rounded(.up))
        return min(batchSize, max(0, due - c.handedOff))
    }

    /// The out-of-band changes the real service makes on its own: Failed, Paused, auto-cancel
    /// (high bounce rate) at a fraction of the recipients, and Sent when nothing is left.
    static func applyKnobs(_ db: Database, _ c: CampaignRecord, row: Row, now: Double) throws {
        let fraction = c.recipients == 0 ? 1 : Double(c.handedOff) / Double(c.recipients)
        if let at = row["autocancel_at"] as Double?, fraction >= at {
            _ = try CampaignStore.stop(db, c, status: "cancelled", at: now)
        } else if let at = row["fail_at"] as Double?, fraction >= at {
            _ = try CampaignStore.stop(db, c, status: "failed", at: now)
        } else if let at = row["pause_at"] as Double?, fraction >= at {
            try db.execute(sql: "UPDATE campaigns SET status = 'paused', pause_at = NULL, updated_at = ? WHERE seq = ?", arguments: [now, c.seq])
        } else if c.handedOff >= c.recipients {
            try db.execute(sql: "UPDATE campaigns SET status = 'sent', sent_at = ?, updated_at = ? WHERE seq = ?", arguments: [now, now, c.seq])
        }
    }
}
