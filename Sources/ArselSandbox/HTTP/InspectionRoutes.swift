import Foundation
import GRDB
import Hummingbird

/// Sandbox-only routes under `/_sandbox/` — clearly not Arsel's contract: what happened to each
/// email, the request log, fault control, out-of-band changes, organisations, invariants.
enum InspectionRoutes {
    static func register(on router: Router<SandboxContext>, sandbox: Sandbox) {
        let group = router.group("_sandbox")
        let db = sandbox.db

        group.get("campaigns/:id") { _, context in
            let id = try context.parameters.require("id")
            let json: String? = try await db.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT c.*, (SELECT COUNT(*) FROM emails e WHERE e.campaign_seq = c.seq AND e.state = 'queued') AS queued,
                        (SELECT MIN(at) FROM emails e WHERE e.campaign_seq = c.seq AND e.state = 'handed_off' AND e.batch > 0) AS first_handoff_at,
                        (SELECT MAX(at) FROM emails e WHERE e.campaign_seq = c.seq AND e.state = 'handed_off') AS last_handoff_at,
                        (SELECT COUNT(*) FROM batches b WHERE b.campaign_seq = c.seq) AS batches
                    FROM campaigns c WHERE c.id = ?
                    """, arguments: [id])
                else { return nil }
                func t(_ v: Double?) -> String { v.map { jsonString(isoTime($0)) } ?? "null" }
                return """
                    {"id":\(jsonString(row["id"])),"channel":\(jsonString(row["channel"])),"status":\(jsonString(row["status"])),\
                    "recipients":\(row["recipients"] as Int),"handed_off":\(row["handed_off"] as Int),\
                    "not_sent":\(row["not_sent"] as Int),"queued":\(row["queued"] as Int),"batches":\(row["batches"] as Int),\
                    "cancelled_at":\(t(row["cancelled_at"])),"first_handoff_at":\(t(row["first_handoff_at"])),\
                    "last_handoff_at":\(t(row["last_handoff_at"])),"deleted":\((row["deleted_at"] as Double?) != nil)}
                    """
            }
            guard let json else { throw SandboxError.notFound }
            return jsonResponse(200, json)
        }

        group.get("requests") { request, _ in
            let since = request.uri.queryParameters.get("since", as: Int.self) ?? 0
            let data = try JSONEncoder().encode(sandbox.requestLog.since(since))
            return jsonResponse(200, String(decoding: data, as: UTF8.self))
        }

        group.get("faults") { _, _ in
            jsonResponse(200, String(decoding: try JSONEncoder().encode(sandbox.faults.all), as: UTF8.self))
        }
        group.put("faults") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            guard let faults = try? JSONDecoder().decode([String: Fault].self, from: Data(buffer: body)) else {
                throw SandboxError.badRequest("expected {\"METHOD /v1/path/:id\": {fault}, …}")
            }
            sandbox.faults.replace(faults)
            return jsonResponse(200, String(decoding: try JSONEncoder().encode(faults), as: UTF8.self))
        }
        group.delete("faults") { _, _ in
            sandbox.faults.replace([:])
            return jsonResponse(200, "{}")
        }

        // Out-of-band change: what the real service does on its own (sent, failed, paused …).
        group.post("campaigns/:id/status") { request, context in
            let id = try context.parameters.require("id")
            let body = try await request.body.collect(upTo: 65536)
            struct Change: Decodable { var status: String; var fail_at: Double?; var pause_at: Double?; var autocancel_at: Double? }
            guard let change = try? JSONDecoder().decode(Change.self, from: Data(buffer: body)) else {
                throw SandboxError.badRequest("expected {\"status\": \"sent\"}")
            }
            try await sandbox.force(id: id, status: change.status.lowercased(), failAt: change.fail_at,
                                    pauseAt: change.pause_at, autocancelAt: change.autocancel_at)
            return jsonResponse(200, "{\"id\":\(jsonString(id)),\"status\":\(jsonString(change.status.lowercased()))}")
        }

        group.post("organizations") { request, _ in
            let body = try await request.body.collect(upTo: 65536)
            struct New: Decodable { var name: String?; var id: String? }
            let new = (try? JSONDecoder().decode(New.self, from: Data(buffer: body))) ?? New()
            let org = new.id ?? "org_" + UUID().uuidString.prefix(8).lowercased()
            let key = Sandbox.newKey()
            try sandbox.store.addOrganization(id: org, name: new.name ?? org, key: key)
            return jsonResponse(201, "{\"id\":\(jsonString(org)),\"key\":\(jsonString(key))}")
        }

        group.post("organizations/:id/quota") { request, context in
            let org = try context.parameters.require("id")
            let body = try await request.body.collect(upTo: 65536)
            struct Quota: Decodable { var exhausted: Bool }
            guard let q = try? JSONDecoder().decode(Quota.self, from: Data(buffer: body)) else {
                throw SandboxError.badRequest("expected {\"exhausted\": true}")
            }
            try sandbox.store.setQuotaExhausted(org: org, q.exhausted)
            return jsonResponse(200, "{\"exhausted\":\(q.exhausted)}")
        }

        group.get("invariants") { _, _ in
            let report = try sandbox.checkInvariants()
            return jsonResponse(200, String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        }

        group.post("tick") { _, _ in
            try sandbox.dispatcher.tick(now: CampaignStore.now())
            return jsonResponse(200, "{}")
        }
    }
}
