import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Outermost: every error becomes Arsel's envelope (unknown routes, malformed bodies …).
struct EnvelopeMiddleware: RouterMiddleware {
    typealias Context = SandboxContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let dropped as ConnectionDropped {
            throw dropped
        } catch {
            response = SandboxError.from(error, path: request.uri.path).response
        }
        // Says what it is on every answer: clients show a SANDBOX badge instead of trusting a URL.
        response.headers[HTTPField.Name("arsel-sandbox")!] = "true"
        return response
    }
}

/// Thrown after a fault closed the connection on purpose: nothing more may be written.
struct ConnectionDropped: Error {}

/// The request log behind `/_sandbox/requests`: method, path, status, idempotency key,
/// organisation. Never the key itself.
final class RequestLog: Sendable {
    struct Entry: Sendable, Codable {
        var seq: Int
        /// When the request arrived (entries are in the order their answers ended).
        var at: Double
        var method: String
        var path: String
        var status: Int  // 0 = the connection was dropped without an answer
        var idempotencyKey: String?
        var org: String?

        enum CodingKeys: String, CodingKey {
            case seq, at, method, path, status, idempotencyKey = "idempotency_key", org
        }
    }

    private let entries = Mutex<(next: Int, items: [Entry])>((1, []))

    func append(arrived: Double, method: String, path: String, status: Int, key: String?, org: String?) {
        entries.withLock { state in
            state.items.append(Entry(seq: state.next, at: arrived, method: method, path: path,
                                     status: status, idempotencyKey: key, org: org))
            state.next += 1
            if state.items.count > 50_000 { state.items.removeFirst(10_000) }
        }
    }

    func since(_ seq: Int) -> [Entry] { entries.withLock { $0.items.filter { $0.seq > seq } } }
}

struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let log: RequestLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/v1") else { return try await next(request, context) }
        let key = request.headers[HTTPField.Name("idempotency-key")!]
        let org = Locked<String?>(nil)
        let arrived = ArrivalStampHandler.arrival(request)
        do {
            let response = try await OrgProbe.$slot.withValue(org) { try await next(request, context) }
            log.append(arrived: arrived, method: request.method.rawValue, path: path, status: response.status.code, key: key, org: org.value)
            return response
        } catch {
            log.append(arrived: arrived, method: request.method.rawValue, path: path, status: 0, key: key, org: org.value)
            throw error
        }
    }
}

/// Lets the auth middleware tell the outer request log which organisation a request was for.
enum OrgProbe {
    @TaskLocal static var slot: Locked<String?>?
}

final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value {
        get { mutex.withLock { $0 } }
        set { mutex.withLock { $0 = newValue } }
    }
}

/// `Authorization: Bearer be_…` → the organisation; 401 otherwise.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let store: CampaignStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw SandboxError.unauthorized }
        let key = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard let org = try await store.organization(forKey: key) else { throw SandboxError.unauthorized }
        OrgProbe.slot?.value = org.id
        var context = context
        context.orgID = org.id
        return try await CurrentRequest.$orgID.withValue(org.id) {
            try await CurrentRequest.$quotaExhausted.withValue(org.quotaExhausted) {
                try await next(request, context)
            }
        }
    }
}

/// The organisation's budget, checked before anything else runs: a 429'd request has no side
/// effect. Rate-limit headers go on every answer, errors included.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let limiter: RateLimiter
    let resetForm: SandboxOptions.ResetForm

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Counted at arrival: a request kept waiting by this process is not counted late.
        let now = ArrivalStampHandler.arrival(request)
        let decision = limiter.check(org: context.orgID ?? "", now: now)
        var response: Response
        if decision.allowed {
            do {
                response = try await next(request, context)
            } catch let dropped as ConnectionDropped {
                throw dropped
            } catch {
                response = SandboxError.from(error).response
            }
        } else {
            response = SandboxError.rateLimited(retryAfter: max(1, Int(decision.reset.rounded(.up)))).response
        }
        response.headers[HTTPField.Name("ratelimit-limit")!] = String(decision.limit)
        response.headers[HTTPField.Name("ratelimit-remaining")!] = String(decision.remaining)
        // Whole seconds, rounded up, in either form: the epoch second at or after the reset, or
        // the seconds until it.
        let reset = switch resetForm {
        case .epoch: Int((now + decision.reset).rounded(.up))
        case .seconds: Int(decision.reset.rounded(.up))
        }
        response.headers[HTTPField.Name("ratelimit-reset")!] = String(reset)
        return response
    }
}

/// `Idempotency-Key` on send and cancel: a repeat within 24 h replays the first answer; the
/// same key for another campaign or payload → 409; while the first is still running → 503.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = SandboxContext
    let db: any DatabaseWriter
    static let lifetime: Double = 86_400
    /// A "running" record older than this is from a crashed process: take it over.
    static let staleRunning: Double = 120

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method == .post, path.hasSuffix("/send") || path.hasSuffix("/cancel"),
              let key = request.headers[HTTPField.Name("idempotency-key")!], !key.isEmpty  // empty = none
        else { return try await next(request, context) }
        guard key.count <= 256 else {
            throw SandboxError(status: 400, name: "invalid_idempotency_key", message: "Idempotency-Key must be at most 256 characters")
        }
        let org = context.orgID ?? ""
        var request = request
        let body = try await request.body.collect(upTo: 1 << 20)
        request.body = .init(buffer: body)
        let fingerprint = "\(request.method.rawValue) \(path) \(String(buffer: body))"
        let now = CampaignStore.now()

        enum Claim { case run, replay(Int, String?, [UInt8]), running, mismatch }
        let claim: Claim = try await db.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM idempotency WHERE org_id = ? AND key = ?", arguments: [org, key]) {
                let created: Double = row["created_at"]
                let expired = created < now - Self.lifetime
                let stale = (row["state"] as String) == "running" && created < now - Self.staleRunning
                if !expired && !stale {
                    if (row["fingerprint"] as String) != fingerprint { return .mismatch }
                    if (row["state"] as String) == "running" { return .running }
                    let stored: Data? = row["body"]
                    return .replay(row["status"], row["content_type"], [UInt8](stored ?? Data()))
                }
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO idempotency (org_id, key, fingerprint, state, created_at) VALUES (?, ?, ?, 'running', ?)
                """, arguments: [org, key, fingerprint, now])
            return .run
        }
        switch claim {
        case .mismatch:
            throw SandboxError(status: 409, name: "invalid_idempotent_request",
                               message: "Idempotency-Key reused with a different payload or for a different campaign")
        case .running:
            throw SandboxError(status: 503, name: "concurrent_idempotent_requests",
                               message: "A request with this Idempotency-Key is still processing; retry shortly")
        case .replay(let status, let contentType, let bytes):
            var headers = HTTPFields()
            if let contentType { headers[.contentType] = contentType }
            headers[HTTPField.Name("idempotent-replayed")!] = "true"
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        case .run:
            let response: Response
            do {
                response = try await next(request, context)
            } catch {
                let failure = SandboxError.from(error)
                try await finish(org: org, key: key, status: failure.status, contentType: "application/json", body: failure.body)
                return failure.response
            }
            let bytes = try await collect(response.body)
            try await finish(org: org, key: key, status: response.status.code,
                             contentType: response.headers[.contentType], body: Array(buffer: bytes))
            var replayable = response
            replayable.body = .init(byteBuffer: bytes)
            return replayable
        }
    }

    /// Stores the answer; a server error is forgotten instead, so a resend can run again.
    private func finish(org: String, key: String, status: Int, contentType: String?, body: [UInt8]) async throws {
        try await db.write { db in
            if status >= 500 {
                try db.execute(sql: "DELETE FROM idempotency WHERE org_id = ? AND key = ?", arguments: [org, key])
            } else {
                try db.execute(sql: """
                    UPDATE idempotency SET state = 'done', status = ?, content_type = ?, body = ? WHERE org_id = ? AND key = ?
                    """, arguments: [status, contentType, Data(body), org, key])
            }
        }
    }
}
