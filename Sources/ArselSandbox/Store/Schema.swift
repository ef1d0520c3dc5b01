import Foundation
import GRDB

/// The sandbox's database: SQLite through GRDB, WAL for files, migrations, a busy timeout.
enum Schema {
    static func open(_ path: String) throws -> any DatabaseWriter {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // Unicode-aware, case-insensitive substring for `search` (SQLite's LIKE folds ASCII only).
            db.add(function: DatabaseFunction("contains_ci", argumentCount: 2, pure: true) { values in
                guard let text = String.fromDatabaseValue(values[0]), let needle = String.fromDatabaseValue(values[1]) else {
                    return false
                }
                return text.range(of: needle, options: [.caseInsensitive]) != nil
            })
        }
        let writer: any DatabaseWriter
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: config)
        } else {
            writer = try DatabasePool(path: path, configuration: config)  // WAL
        }
        try migrator.migrate(writer)
        return writer
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE organizations (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    quota_exhausted INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE api_keys (
                    key TEXT PRIMARY KEY,          -- sandbox only: real keys are never stored
                    org_id TEXT NOT NULL REFERENCES organizations(id)
                );
                CREATE TABLE campaigns (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order: newest first = seq desc
                    id TEXT NOT NULL UNIQUE,
                    org_id TEXT NOT NULL REFERENCES organizations(id),
                    channel TEXT NOT NULL,
                    name TEXT,
                    subject TEXT, preheader TEXT, from_name TEXT, from_addr TEXT, reply_to TEXT,
                    template_id TEXT, description TEXT, content TEXT, country TEXT, num_segments INTEGER,
                    audience INTEGER NOT NULL DEFAULT 0,   -- lists + tags + segments given
                    status TEXT NOT NULL,                  -- lower case
                    scheduled_at REAL, sent_at REAL, queued_at REAL, created_at REAL NOT NULL,
                    updated_at REAL NOT NULL, deleted_at REAL, cancelled_at REAL,
                    cancel_mark INTEGER,                   -- the last batch id when the cancel committed
                    recipients INTEGER NOT NULL DEFAULT 0,
                    materialized INTEGER NOT NULL DEFAULT 0,
                    handed_off INTEGER NOT NULL DEFAULT 0,
                    not_sent INTEGER NOT NULL DEFAULT 0,
                    -- out-of-band knobs: at this fraction handed off, the campaign goes …
                    fail_at REAL, pause_at REAL, autocancel_at REAL
                );
                CREATE INDEX campaigns_list ON campaigns(org_id, channel, seq);
                CREATE INDEX campaigns_status ON campaigns(status);
                CREATE TABLE emails (
                    campaign_seq INTEGER NOT NULL,
                    n INTEGER NOT NULL,
                    state TEXT NOT NULL,           -- queued | handed_off | not_sent
                    batch INTEGER,
                    at REAL,
                    PRIMARY KEY (campaign_seq, n)
                ) WITHOUT ROWID;
                CREATE INDEX emails_state ON emails(campaign_seq, state);
                -- one row per hand-off ever made: an email handed off twice would show twice
                CREATE TABLE handoffs (
                    campaign_seq INTEGER NOT NULL,
                    n INTEGER NOT NULL,
                    batch INTEGER NOT NULL,
                    at REAL NOT NULL
                );
                CREATE TABLE batches (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    campaign_seq INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    committed_at REAL NOT NULL
                );
                CREATE TABLE idempotency (
                    org_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    state TEXT NOT NULL,           -- running | done
                    status INTEGER,
                    content_type TEXT,
                    body BLOB,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (org_id, key)
                );
                CREATE TABLE requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    org_id TEXT,
                    method TEXT NOT NULL,
                    path TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    idempotency_key TEXT
                );
                """)
        }
        // v2: every channel's own fields in one JSON column (push brings a dozen more), and
        // when a campaign started sending (a throttled push spreads its hand-offs from then).
        m.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE campaigns ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
                ALTER TABLE campaigns ADD COLUMN started_at REAL;
                UPDATE campaigns SET fields = json_object(
                    'subject', subject, 'preheader', preheader, 'from_name', from_name, 'from', from_addr,
                    'reply_to', reply_to, 'template_id', template_id, 'description', description,
                    'content', content, 'country', country, 'num_segments', num_segments);
                """)
        }
        return m
    }
}
