import ArselModel
import Foundation
import GRDB

/// What a create or update may set. `nil` / absent = not given (PATCH keeps the old value).
struct CampaignInput: Sendable {
    var name: String?
    /// The channel's own fields, by API name (only those `Channel.spec` lists are kept).
    var fields: [String: JSONScalar] = [:]
    /// Lists + tags + segments given, when any array was given.
    var audience: Int?
}

/// Campaign operations, each one SQLite transaction that re-checks state inside it.
final class CampaignStore: Sendable {
    let db: any DatabaseWriter
    /// Keys → organisation, cached: every request needs it, and reading it from SQLite on every
    /// request would queue behind the writer.
    private let keys = Mutex<[String: (id: String, quotaExhausted: Bool)]>([:])
    /// Cancels waiting for the writer: the dispatcher lets them go first (a person is waiting on
    /// a cancel; nobody waits on the next batch).
    let cancelsWaiting = Mutex(0)
    /// Synthetic recipients per list, tag or segment.
    static let recipientsPerAudience = 400

    init(db: any DatabaseWriter) {
        self.db = db
    }

    static func now() -> Double { Date().timeIntervalSince1970 }

    // MARK: Organisations and keys

    func organization(forKey key: String) async throws -> (id: String, quotaExhausted: Bool)? {
        if let cached = keys.withLock({ $0[key] }) { return cached }
        let found: (id: String, quotaExhausted: Bool)? = try await db.read { db in
            try Row.fetchOne(db, sql: """
                SELECT o.id, o.quota_exhausted FROM api_keys k JOIN organizations o ON o.id = k.org_id WHERE k.key = ?
                """, arguments: [key]).map { ($0["id"], $0["quota_exhausted"]) }
        }
        if let found { keys.withLock { $0[key] = found } }
        return found
    }

    /// Creates an organisation with one key, or adds the key to an existing organisation.
    func addOrganization(id: String, name: String, key: String) throws {
        try db.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO organizations (id, name) VALUES (?, ?)", arguments: [id, name])
            try db.execute(sql: "INSERT OR REPLACE INTO api_keys (key, org_id) VALUES (?, ?)", arguments: [key, id])
        }
        keys.withLock { $0.removeAll() }
    }

    func setQuotaExhausted(org: String, _ exhausted: Bool) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE organizations SET quota_exhausted = ? WHERE id = ?", arguments: [exhausted, org])
        }
        keys.withLock { $0.removeAll() }
    }

    // MARK: Reads

    func list(
        org: String, channel: String, limit: Int, after: String?, before: String?, search: String?, status: String?
    ) async throws -> (records: [CampaignRecord], hasMore: Bool) {
        try await db.read { db in
            var sql = "SELECT * FROM campaigns WHERE org_id = ? AND channel = ? AND deleted_at IS NULL"
            var args: [any DatabaseValueConvertible] = [org, channel]
            if let status {
                sql += " AND status = ?"
                args.append(status)
            }
            if let search, !search.isEmpty {
                sql += " AND contains_ci(name, ?)"
                args.append(search)
            }
            func cursorSeq(_ id: String) throws -> Int64 {
                guard let seq = try Int64.fetchOne(
                    db, sql: "SELECT seq FROM campaigns WHERE id = ? AND org_id = ? AND channel = ?", arguments: [id, org, channel])
                else { throw SandboxError.badRequest("Cursor \(id) does not name a campaign of this list") }
                return seq
            }
            var ascending = false
            if let after {
                sql += " AND seq < ?"
                args.append(try cursorSeq(after))
            } else if let before {
                sql += " AND seq > ?"
                args.append(try cursorSeq(before))
                ascending = true
            }
            sql += ascending ? " ORDER BY seq ASC LIMIT ?" : " ORDER BY seq DESC LIMIT ?"
            args.append(limit + 1)
            var records = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(CampaignRecord.init)
            let hasMore = records.count > limit
            records = Array(records.prefix(limit))
            if ascending { records.reverse() }  // newest first, always
            return (records, hasMore)
        }
    }

    func get(org: String, channel: String, id: String) async throws -> CampaignRecord {
        try await db.read { db in try Self.fetch(db, org: org, channel: channel, id: id) }
    }

    static func fetch(_ db: Database, org: String, channel: String, id: String) throws -> CampaignRecord {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM campaigns WHERE id = ? AND org_id = ? AND channel = ? AND deleted_at IS NULL",
            arguments: [id, org, channel])
        else { throw SandboxError.notFound }
        return CampaignRecord(row: row)
    }

    // MARK: Writes

    func create(org: String, channel: String, input: CampaignInput, at now: Double = CampaignStore.now()) throws -> String {
        let spec = try Self.spec(channel)
        try Self.validate(input)
        let missing = spec.requiredToCreate.filter { key in
            if case .string(let s) = input.fields[key] { return s.isEmpty }
            return true
        }
        if !missing.isEmpty { throw SandboxError.validation(missing.map { "\($0) should not be empty" }.joined(separator: ", ")) }
        let id = CampaignID.next()
        let fields = Self.derive(spec, Self.own(spec, input.fields))
        try db.write { db in
            try db.execute(sql: """
                INSERT INTO campaigns (id, org_id, channel, name, fields, audience, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?)
                """, arguments: [id, org, channel, input.name ?? "", FieldsColumn.encode(fields), input.audience ?? 0, now, now])
        }
        return id
    }

    func update(org: String, channel: String, id: String, input: CampaignInput) throws {
        let spec = try Self.spec(channel)
        try Self.validate(input)
        try db.write { db in
            let c = try Self.fetch(db, org: org, channel: channel, id: id)
            guard c.status == "draft" || c.status == "scheduled" else { throw SandboxError.cannotUpdate }
            let fields = Self.derive(spec, c.fields.merging(Self.own(spec, input.fields)) { _, new in new })
            try db.execute(sql: "UPDATE campaigns SET name = ?, fields = ?, audience = ?, updated_at = ? WHERE seq = ?", arguments: [
                input.name ?? c.name, FieldsColumn.encode(fields), input.audience ?? c.audience, Self.now(), c.seq,
            ])
        }
    }

    static func spec(_ channel: String) throws -> ChannelSpec {
        guard let c = Channel(rawValue: channel) else { throw SandboxError.notFound }
        return c.spec
    }

    /// The fields of `input` this channel has (the rest of a body is ignored, as the API does).
    static func own(_ spec: ChannelSpec, _ fields: [String: JSONScalar]) -> [String: JSONScalar] {
        fields.filter { spec.fields.contains($0.key) && !CampaignRecord.common.contains($0.key) }
    }

    /// Fields the service computes, for the channels that have them: an SMS's country from its
    /// sender and its segment count from its text.
    static func derive(_ spec: ChannelSpec, _ fields: [String: JSONScalar]) -> [String: JSONScalar] {
        var out = fields
        // The API's defaults, for the channels whose campaigns have these fields.
        let defaults: [String: JSONScalar] = ["ttl_seconds": .number(86400), "priority": .string("high"), "smart_sending_enabled": .bool(true)]
        for (key, value) in defaults where spec.fields.contains(key) && out[key] == nil { out[key] = value }
        if spec.fields.contains("country"), case .string = fields["from"] { out["country"] = .string("SA") }
        if spec.fields.contains("num_segments") {
            var text = ""
            if case .string(let s) = fields["content"] { text = s }
            out["num_segments"] = .number(Double(segments(text)))
        }
        return out
    }

    /// Soft delete. Refused while Queued or Sending: cancel first (see DECISIONS.md).
    func delete(org: String, channel: String, id: String) throws {
        try db.write { db in
            let c = try Self.fetch(db, org: org, channel: channel, id: id)
            guard c.status != "queued" && c.status != "sending" else {
                throw SandboxError.badRequest("Campaign cannot be deleted while it is \(c.status); cancel it first")
            }
            try db.execute(sql: "UPDATE campaigns SET deleted_at = ?, updated_at = ? WHERE seq = ?", arguments: [Self.now(), Self.now(), c.seq])
        }
    }

    /// Draft or Scheduled with the required fields → Queued (now) or Scheduled (future time).
    func send(org: String, channel: String, id: String, scheduledAt: Double?) throws {
        let now = Self.now()
        if let scheduledAt, scheduledAt <= now {
            throw SandboxError.badRequest("scheduled_at must be a future date")
        }
        try db.write { db in
            let c = try Self.fetch(db, org: org, channel: channel, id: id)
            guard c.status == "draft" || c.status == "scheduled" else {
                throw SandboxError.badRequest("Campaign cannot be sent in its current status")
            }
            let required = try Self.spec(channel).requiredToSend
            guard c.audience > 0, required.allSatisfy({ !c.text($0).isEmpty }) else { throw SandboxError.missingFields }
            let recipients = c.audience * Self.recipientsPerAudience
            if let scheduledAt {
                try db.execute(sql: """
                    UPDATE campaigns SET status = 'scheduled', scheduled_at = ?, recipients = ?, updated_at = ? WHERE seq = ?
                    """, arguments: [scheduledAt, recipients, now, c.seq])
            } else {
                try db.execute(sql: """
                    UPDATE campaigns SET status = 'queued', scheduled_at = NULL, queued_at = ?, recipients = ?, updated_at = ?
                    WHERE seq = ?
                    """, arguments: [now, recipients, now, c.seq])
            }
        }
    }

    /// Scheduled, Queued or Sending → Cancelled, in one IMMEDIATE transaction that re-reads the
    /// status and marks every email not yet handed off as not sent. The dispatcher's hand-offs
    /// are transactions too (single writer), so after this commits none can follow.
    func cancel(org: String, channel: String, id: String) async throws -> CampaignRecord {
        cancelsWaiting.withLock { $0 += 1 }
        defer { cancelsWaiting.withLock { $0 -= 1 } }
        return try await db.writeWithoutTransaction { db in
            var result: CampaignRecord?
            try db.inTransaction(.immediate) {
                let c = try Self.fetch(db, org: org, channel: channel, id: id)
                guard CampaignRecord.cancellable.contains(c.status) else { throw SandboxError.cannotCancel }
                result = try Self.stop(db, c, status: "cancelled", at: Self.now())
                return .commit
            }
            return result!
        }
    }

    /// Ends a campaign that has not finished (cancel, fail, auto-cancel), in the caller's
    /// transaction and in O(1): the status changes, so no batch can be handed off after this
    /// commits, and the counter says how many emails were not sent. The first cancel's commit
    /// (the last batch id then) stays recorded whatever the status does later: the invariant
    /// checks every hand-off against it. The email rows still queued
    /// are marked not sent by the dispatcher's sweep right after (an UPDATE of thousands of rows
    /// inside the cancel would make every concurrent cancel wait for it).
    static func stop(_ db: Database, _ c: CampaignRecord, status: String, at now: Double) throws -> CampaignRecord {
        let notSent = c.recipients - c.handedOff
        try db.execute(sql: """
            UPDATE campaigns SET status = ?, not_sent = ?, cancelled_at = CASE WHEN ? = 'cancelled' THEN ? ELSE cancelled_at END,
                cancel_mark = CASE WHEN ? = 'cancelled' THEN COALESCE(cancel_mark, (SELECT COALESCE(MAX(id), 0) FROM batches))
                    ELSE cancel_mark END,
                updated_at = ? WHERE seq = ?
            """, arguments: [status, notSent, status, now, status, now, c.seq])
        var updated = c
        updated.status = status
        updated.notSent = notSent
        updated.updatedAt = now
        return updated
    }

    /// Arsel's field rules, by field name (a rule holds for every channel that has the field).
    static func validate(_ input: CampaignInput) throws {
        var issues: [String] = []
        func text(_ key: String) -> String? {
            if case .string(let s) = input.fields[key] { return s }
            return nil
        }
        if let name = input.name, name.count > 100 { issues.append("name must be shorter than or equal to 100 characters") }
        if let content = text("content"), content.count > 3200 { issues.append("content must be shorter than or equal to 3200 characters") }
        if let from = text("from"), from.count > 320 { issues.append("from is too long") }
        if let template = text("template_id"), UUID(uuidString: template) == nil { issues.append("template_id must be a UUID") }
        if let title = text("title"), title.count > 200 { issues.append("title must be shorter than or equal to 200 characters") }
        if let throttle = input.fields["throttle_minutes"] {
            guard case .number(let n) = throttle, n >= 0, n <= 720 else {
                throw SandboxError.validation("throttle_minutes must not be greater than 720")
            }
        }
        if let platforms = input.fields["target_platforms"] {
            guard case .strings(let list) = platforms, list.allSatisfy(["android", "ios", "web"].contains) else {
                throw SandboxError.validation("each value in target_platforms must be one of the following values: android, ios, web")
            }
        }
        if !issues.isEmpty { throw SandboxError.validation(issues.joined(separator: ", ")) }
    }

    static func segments(_ content: String) -> Int {
        max(1, (content.count + 152) / 153)
    }
}

/// Time-ordered ids (UUIDv7 layout: 48 bits of milliseconds, then randomness), strictly
/// increasing within the process, so "newest first" is also "id descending".
enum CampaignID {
    private static let state = Mutex<(ms: UInt64, seq: UInt64)>((0, 0))

    static func next(at date: Date = Date()) -> String {
        let ms = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let (t, s) = state.withLock { st -> (UInt64, UInt64) in
            if ms > st.ms { st = (ms, 0) } else { st.seq += 1 }
            return (st.ms, st.seq)
        }
        let rand = UInt64.random(in: 0..<(1 << 40))
        let hex = String(t, radix: 16).leftPad(12)
        let seqHex = String(0x7000 | (s & 0x0FFF), radix: 16)
        let tail = String(0x8000 | (rand & 0x3FFF), radix: 16) + "-" + String(rand >> 14 & 0xFFFF_FFFF_FFFF, radix: 16).leftPad(12)
        return "\(hex.prefix(8))-\(hex.suffix(4))-\(seqHex)-\(tail)"
    }
}

import Synchronization

extension String {
    func leftPad(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
