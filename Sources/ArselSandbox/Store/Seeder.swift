import ArselModel
import Foundation
import GRDB

/// Seed data: `demo` (about 60 campaigns a newcomer can explore and cancel), or N generated
/// campaigns for performance runs.
enum Seeder {
    struct Spec {
        var channel = "email"
        var name: String
        var status: String
        /// Seconds from now (negative = past) for scheduled_at; sent_at for Sent/Failed.
        var at: Double?
        var recipients = 0
        var handedOff = 0
        var autocancelAt: Double?
        /// Channel fields beyond the channel's samples (a push's `throttle_minutes` …).
        var fields: [String: JSONScalar] = [:]
        /// For Sending campaigns: seconds since sending started.
        var startedAgo: Double = 600
    }

    /// What a seeded campaign carries on its channel. Every channel has to say (the switch is
    /// exhaustive): demo content is the one thing a new channel adds outside its description.
    static func samples(_ channel: Channel) -> [String: JSONScalar] {
        switch channel {
        case .email:
            return ["subject": .string("Hello from Acme"), "from_name": .string("Acme"), "from": .string("news@acme.sa"),
                    "template_id": .string("0192a1b2-c3d4-7e5f-9000-0000000000a1")]
        case .sms:
            return ["from": .string("AcmeStore"), "content": .string("Hello from Acme, reply STOP to opt out")]
        case .push:
            return ["title": .string("Acme"), "body": .string("Something new is waiting for you"), "priority": .string("high"),
                    "ttl_seconds": .number(86400)]
        }
    }

    static let hostileNames = [
        "Nightly report \u{1B}[2J\u{1B}[H",
        "\u{1B}]0;PWNED\u{07}Title grab",
        "Safe\rSENT overwrite",
        "Back\u{08}\u{08}\u{08}space trick",
        "Invoice evil\u{202E}fdp.exe",
        "ad\u{200B}min\u{200D} notice",
        "Bidi \u{2066}isolate\u{2069} test",
        "Tab\tand\nnewline",
        "OSC 52 \u{1B}]52;c;cHduZWQ=\u{07} clipboard",
        "C1 \u{9B}2J control",
    ]

    static let longName = "Quarterly customer appreciation newsletter with exclusive partner discounts and loyalty rewards 2026"

    static func demoSpecs() -> [Spec] {
        var specs: [Spec] = []
        let min = 60.0, hour = 3600.0, day = 86400.0
        // Oldest first: the last inserted is the newest and lists first.
        let sent = [
            "Welcome series", "Black Friday teaser", "Spring newsletter", "Cart reminder", "Loyalty points update",
            "VIP early access", "Back in stock", "Webinar invite", "Customer survey", "Holiday hours",
            "Price drop alert", "New arrivals", "Referral rewards", "App update notes", "新年セール",
            "会员专享优惠", "عروض اليوم الوطني", "🎁 Gift guide", longName,
        ]
        for (i, name) in sent.enumerated() {
            specs.append(Spec(name: name, status: "sent", at: -Double(sent.count - i) * 7 * hour, recipients: 2000, handedOff: 2000))
        }
        for (i, name) in hostileNames.enumerated() {
            let status = ["sent", "scheduled", "draft", "cancelled", "sent"][i % 5]
            specs.append(Spec(name: name, status: status, at: status == "scheduled" ? 3 * hour + Double(i) * min : -Double(i) * hour,
                              recipients: 800, handedOff: status == "sent" ? 800 : 0))
        }
        specs += [
            Spec(name: "Welcome flow (paused)", status: "paused", recipients: 4000, handedOff: 1200),
            Spec(name: "Summer sale 2026", status: "failed", at: -2 * day, recipients: 3000, handedOff: 450),
            Spec(name: "Winter clearance", status: "cancelled", recipients: 5000, handedOff: 1700),
            Spec(name: "Old draft", status: "draft"),
            Spec(name: "Draft: Eid greetings", status: "draft"),
            Spec(name: "Product launch 🎉", status: "queued", recipients: 6000),
            Spec(name: "Weekly digest #42", status: "sending", recipients: 20000, handedOff: 3000),
            Spec(name: "Flash sale 春のセール", status: "sending", recipients: 24000, handedOff: 9000),
            Spec(name: "Bounce-heavy list (auto-cancels at 40%)", status: "sending", recipients: 20000, handedOff: 4000,
                 autocancelAt: 0.4),
            Spec(name: "حملة رمضان — المشتركون", status: "scheduled", at: 4 * hour, recipients: 8000),
            Spec(name: "Evening reminder", status: "scheduled", at: 30 * min, recipients: 3000),
            Spec(name: "Lunch offer", status: "scheduled", at: 12 * min, recipients: 3000),
            Spec(name: "Ramadan offers — KSA list", status: "scheduled", at: 2 * min, recipients: 12000),
        ]
        // SMS
        let sms: [Spec] = [
            Spec(channel: "sms", name: "OTP fallback notice", status: "sent", at: -3 * day, recipients: 1500, handedOff: 1500),
            Spec(channel: "sms", name: "Store opening — Riyadh", status: "sent", at: -2 * day, recipients: 900, handedOff: 900),
            Spec(channel: "sms", name: "تذكير بالموعد", status: "sent", at: -day, recipients: 700, handedOff: 700),
            Spec(channel: "sms", name: "Delivery delays", status: "failed", at: -20 * hour, recipients: 500, handedOff: 120),
            Spec(channel: "sms", name: "Cairo launch", status: "cancelled", recipients: 1200),
            Spec(channel: "sms", name: "Draft SMS", status: "draft"),
            Spec(channel: "sms", name: "Flash SMS \u{1B}[31mRED\u{1B}[0m", status: "sent", at: -5 * hour, recipients: 300, handedOff: 300),
            Spec(channel: "sms", name: "Weekend promo", status: "sending", recipients: 9000, handedOff: 1000),
            Spec(channel: "sms", name: "Payday reminder", status: "queued", recipients: 2000),
            Spec(channel: "sms", name: "عرض نهاية الأسبوع", status: "scheduled", at: 45 * min, recipients: 2500),
            Spec(channel: "sms", name: "Evening SMS blast", status: "scheduled", at: 3 * min, recipients: 4000),
        ]
        // Push: sends spread over `throttle_minutes` stay Sending for hours at speed 1.
        let push: [Spec] = [
            Spec(channel: "push", name: "App update available", status: "sent", at: -2 * day, recipients: 5000, handedOff: 5000),
            Spec(channel: "push", name: "Order shipped reminder", status: "cancelled", recipients: 1000, handedOff: 300),
            Spec(channel: "push", name: "Draft push", status: "draft"),
            Spec(channel: "push", name: "Flash sale — throttled over 4h", status: "sending", recipients: 48000,
                 handedOff: 6000, fields: ["throttle_minutes": .number(240), "target_platforms": .strings(["android", "ios"])],
                 startedAgo: 30 * min),
            Spec(channel: "push", name: "Weekend deals", status: "queued", recipients: 3000,
                 fields: ["throttle_minutes": .number(60)]),
            Spec(channel: "push", name: "تخفيضات نهاية الموسم", status: "scheduled", at: 90 * min, recipients: 20000,
                 fields: ["target_platforms": .strings(["android", "ios", "web"])]),
            Spec(channel: "push", name: "Lunch push — Riyadh", status: "scheduled", at: 5 * min, recipients: 8000),
        ]
        return specs + sms + push
    }

    /// Inserts the demo campaigns for `org`.
    static func demo(_ db: any DatabaseWriter, org: String, now: Double = CampaignStore.now()) throws {
        try insert(db, org: org, specs: demoSpecs(), now: now)
    }

    /// `count` campaigns for performance runs, in one transaction (100 000 take about a second).
    static func generated(_ db: any DatabaseWriter, org: String, count: Int, emailOnly: Bool = false, now: Double = CampaignStore.now()) throws {
        let statuses = ["sent", "sent", "sent", "sent", "sent", "sent", "draft", "cancelled", "failed", "scheduled"]
        var specs: [Spec] = []
        specs.reserveCapacity(count)
        for i in 0..<count {
            let status = statuses[i % statuses.count]
            specs.append(Spec(
                channel: !emailOnly && i % 7 == 3 ? "sms" : "email", name: "Campaign \(i + 1)", status: status,
                at: status == "scheduled" ? Double(1 + i % 500) * 3600 : -Double(count - i) * 60,
                recipients: 1000, handedOff: status == "sent" ? 1000 : 0))
        }
        try insert(db, org: org, specs: specs, now: now)
    }

    static func insert(_ db: any DatabaseWriter, org: String, specs: [Spec], now: Double) throws {
        try db.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO campaigns (id, org_id, channel, name, fields, audience, status, scheduled_at, sent_at,
                    queued_at, started_at, created_at, updated_at, recipients, handed_off, not_sent, cancelled_at, autocancel_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var sampleCache: [String: [String: JSONScalar]] = [:]
            for (i, spec) in specs.enumerated() {
                let created = now - Double(specs.count - i) * 600 - 86400
                let at = spec.at.map { now + $0 }
                let finishedAt = ["sent", "failed"].contains(spec.status) ? at : spec.status == "sending" ? now - spec.startedAgo : nil
                let stopped = ["cancelled", "failed"].contains(spec.status)
                let channelSpec = try CampaignStore.spec(spec.channel)
                let samples = sampleCache[spec.channel] ?? Channel(rawValue: spec.channel).map(samples) ?? [:]
                sampleCache[spec.channel] = samples
                let fields = CampaignStore.derive(channelSpec, samples.merging(spec.fields) { _, own in own })
                try statement.execute(arguments: [
                    CampaignID.next(at: Date(timeIntervalSince1970: created)), org, spec.channel, spec.name,
                    FieldsColumn.encode(fields), spec.status == "draft" ? 0 : 1, spec.status,
                    spec.status == "scheduled" ? at : nil, finishedAt, spec.status == "queued" ? now : nil,
                    spec.status == "sending" ? now - spec.startedAgo : nil,
                    created, spec.status == "sending" || spec.status == "queued" ? now : (finishedAt ?? created),
                    spec.recipients, spec.handedOff, stopped ? spec.recipients - spec.handedOff : 0,
                    spec.status == "cancelled" ? created + 3600 : nil, spec.autocancelAt,
                ])
                if spec.status == "sending" {
                    try Dispatcher.materialize(db, seq: db.lastInsertedRowID)
                }
            }
        }
    }
}
