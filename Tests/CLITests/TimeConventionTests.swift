import Foundation
import Testing
import TestSupport

/// One time convention in every command's human output: local time with its offset
/// (`2026-11-18 14:06 +03:00`, the zone of TZ), UTC with `--utc` (`+00:00`); `list` at 80
/// columns keeps SCHEDULED in the compact form (`11-18 14:06+03`). `--json` is the API's text.
@Suite struct TimeConventionTests {
    static let name = "Ramadan offers KSA list"
    static let soonID = Fixtures.id(2), oldID = Fixtures.id(1)

    /// The moments of the fixtures: a day ahead (on the minute) and 400 days ago.
    let soon: Date, old: Date
    init() {
        let minute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60
        soon = Date(timeIntervalSince1970: minute + 86400)
        old = Date(timeIntervalSince1970: minute - 400 * 86400)
    }

    static func iso(_ d: Date) -> String { d.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }

    /// The expected text, by DateFormatter (not the product's formatter).
    static func text(_ d: Date, _ zone: String, _ pattern: String = "yyyy-MM-dd HH:mm xxx") -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: zone)
        f.dateFormat = pattern
        return f.string(from: d)
    }

    func withServer(_ body: (ScriptedServer) async throws -> Void) async throws {
        let items = [
            Fixtures.emailCampaign(id: Self.soonID, name: Self.name, status: "Scheduled", scheduledAt: Self.iso(soon)),
            Fixtures.emailCampaign(id: Self.oldID, name: "Last year's digest", status: "Sent", scheduledAt: Self.iso(old)),
        ]
        let server = try await ScriptedServer { req in
            if req.path == "/v1/email/campaigns" { return .json(200, Fixtures.list(items, hasMore: false)) }
            if req.path == "/v1/email/campaigns/\(Self.soonID)" { return .json(200, items[0]) }
            return .error(404, "not_found", "Campaign not found")
        }
        do {
            try await body(server)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    func env(_ server: ScriptedServer, _ extra: [String: String]) -> [String: String] {
        ["ARSEL_API_KEY": key, "ARSEL_BASE_URL": server.baseURL].merging(extra) { $1 }
    }

    static func row(_ out: String, _ id: String) throws -> String {
        try #require(out.split(separator: "\n").map(String.init).first { $0.contains(id) }, "a row for \(id): \(out)")
    }

    static func header(_ out: String) -> [String] {
        (out.split(separator: "\n").first ?? "").split(separator: " ").map(String.init)
    }

    @Test func listAt120ColumnsShowsFullLocalTimesOrUTC() async throws {
        try await withServer { server in
            let local = try await Binary.run(["list", "--rate", "50"], environment: env(server, ["COLUMNS": "120", "TZ": "Asia/Riyadh"]))
            #expect(local.status == 0, "\(local.stderr)")
            // SENT is as wide as its widest cell: here "—" (nothing was sent), so it fits too.
            #expect(Self.header(local.stdout) == ["NAME", "ID", "STATUS", "SCHEDULED", "SENT", "UPDATED"], "\(local.stdout)")
            let row = try Self.row(local.stdout, Self.soonID)
            #expect(row.hasPrefix("● " + Self.name.prefix(12)), "\(row)")
            #expect(row.contains("Scheduled  \(Self.text(soon, "Asia/Riyadh"))  —     2026-11-02 13:00 +03:00"), "\(row)")
            #expect(Self.text(soon, "Asia/Riyadh").hasSuffix(" +03:00"))
            #expect(local.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 })

            let utc = try await Binary.run(["list", "--utc", "--rate", "50"], environment: env(server, ["COLUMNS": "120", "TZ": "Asia/Riyadh"]))
            #expect(utc.status == 0, "\(utc.stderr)")
            let utcRow = try Self.row(utc.stdout, Self.soonID)
            #expect(utcRow.contains("Scheduled  \(Self.text(soon, "UTC"))  —     2026-11-02 10:00 +00:00"), "\(utcRow)")
            #expect(!utc.stdout.contains("+03:00"))

            // TZ decides the zone, offsets with minutes included (St John's: -03:30 in November).
            let stJohns = try await Binary.run(["list", "--rate", "50"], environment: env(server, ["COLUMNS": "120", "TZ": "America/St_Johns"]))
            #expect(try Self.row(stJohns.stdout, Self.soonID).contains("2026-11-02 06:30 -03:30"), "\(stJohns.stdout)")
        }
    }

    /// At 80 columns: NAME (12 or more), the whole ID, STATUS and SCHEDULED, in the compact
    /// form; six months away or more, the date alone.
    @Test func listAt80ColumnsKeepsTheSchedule() async throws {
        try await withServer { server in
            for (extra, offset) in [([String](), "+03"), (["--utc"], "+00")] {
                let r = try await Binary.run(["list", "--rate", "50"] + extra, environment: env(server, ["COLUMNS": "80", "TZ": "Asia/Riyadh"]))
                #expect(r.status == 0, "\(r.stderr)")
                #expect(Self.header(r.stdout) == ["NAME", "ID", "STATUS", "SCHEDULED"], "\(r.stdout)")
                #expect(r.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(r.stdout)")
                let zone = extra.isEmpty ? "Asia/Riyadh" : "UTC"
                let row = try Self.row(r.stdout, Self.soonID)
                #expect(row.hasPrefix("● " + Self.name.prefix(12)), "NAME keeps at least 12 cells: \(row)")
                #expect(row.hasSuffix("  \(Self.soonID)  Scheduled  \(Self.text(soon, zone, "MM-dd HH:mm"))\(offset)"), "\(row)")
                let oldRow = try Self.row(r.stdout, Self.oldID)
                #expect(oldRow.hasSuffix("  \(Self.oldID)  Sent       \(Self.text(old, zone, "yyyy-MM-dd"))"), "\(oldRow)")
            }
        }
    }

    @Test func showPrintsTimesTheSameWayAndJSONAsSent() async throws {
        try await withServer { server in
            let e = env(server, ["TZ": "Asia/Riyadh"])
            let local = try await Binary.run(["show", Self.soonID, "--channel", "email", "--rate", "50"], environment: e)
            #expect(local.status == 0, "\(local.stderr)")
            #expect(local.stdout.contains("scheduled_at  \(Self.text(soon, "Asia/Riyadh"))\n"), "\(local.stdout)")
            #expect(local.stdout.contains("updated_at    2026-11-02 13:00 +03:00\n"), "\(local.stdout)")
            #expect(local.stdout.contains("sent_at       —\n"))
            let utc = try await Binary.run(["show", Self.soonID, "--channel", "email", "--utc", "--rate", "50"], environment: e)
            #expect(utc.stdout.contains("scheduled_at  \(Self.text(soon, "UTC"))\n"), "\(utc.stdout)")
            #expect(utc.stdout.contains("created_at    2026-11-01 10:00 +00:00\n"), "\(utc.stdout)")

            for arguments in [["show", Self.soonID, "--channel", "email", "--json"], ["list", "--json", "--utc"]] {
                let json = try await Binary.run(arguments + ["--rate", "50"], environment: e)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
                    ?? (JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
                #expect(object["scheduled_at"] as? String == Self.iso(soon), "\(arguments): the API's text")
                #expect(object["updated_at"] as? String == "2026-11-02T10:00:00.000Z", "\(arguments)")
            }
        }
    }

    @Test func auditPrintsTimesTheSameWayAndJSONAsStored() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("times-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let file = state.appendingPathComponent("arsel-campaigns/audit.jsonl")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let record: [String: Any] = [
            "time": "2026-11-18T11:06:00.000Z", "user": "nora", "profile": "default", "api_host": "api.arsel.sa",
            "source": "cli", "campaign_id": "c1", "campaign_name": "Flash sale", "channel": "email",
            "status_before": "Scheduled", "idempotency_key": "k1", "outcome": "cancelled", "attempts": 1,
        ]
        try (JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) + Data("\n".utf8)).write(to: file)
        let e = ["XDG_STATE_HOME": state.path, "TZ": "Asia/Riyadh"]
        for (arguments, stamp) in [
            (["audit"], "2026-11-18 14:06 +03:00"), (["audit", "--utc"], "2026-11-18 11:06 +00:00"),
        ] {
            let r = try await Binary.run(arguments, environment: e)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("\(stamp)  nora  default@api.arsel.sa  email c1 \"Flash sale\"  Scheduled → cancelled"), "\(r.stdout)")
        }
        let stJohns = try await Binary.run(["audit"], environment: e.merging(["TZ": "America/St_Johns"]) { $1 })
        #expect(stJohns.stdout.hasPrefix("2026-11-18 07:36 -03:30  "), "\(stJohns.stdout)")
        let json = try await Binary.run(["audit", "--json", "--utc"], environment: e)
        #expect(json.stdout.contains(#""time":"2026-11-18T11:06:00.000Z""#), "\(json.stdout)")
    }
}
