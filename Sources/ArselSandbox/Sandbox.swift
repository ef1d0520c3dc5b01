import ArselContract
import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import OpenAPIHummingbird
import ServiceLifecycle

/// A faithful stand-in for the Arsel campaign API: real HTTP (Hummingbird, generated from the
/// same contract as the client), SQLite (GRDB), a dispatcher that hands emails off in batches,
/// per-organisation rate limits, idempotency, and fault injection.
public final class Sandbox: Sendable {
    public let options: SandboxOptions
    let db: any DatabaseWriter
    let store: CampaignStore
    let dispatcher: Dispatcher
    let faults: FaultTable
    let requestLog = RequestLog()
    let stopping = Locked(false)
    private let running = Locked<Task<Void, any Error>?>(nil)
    private let dispatcherStop = Locked(false)
    private let bound = Locked<Int?>(nil)
    /// The demo organisation's key.
    public let demoKey: String
    public static let demoOrganization = "org_demo"

    public init(options: SandboxOptions) throws {
        self.options = options
        db = try Schema.open(options.database)
        let store = CampaignStore(db: db)
        self.store = store
        dispatcher = Dispatcher(
            db: db, batchSize: options.batchSize,
            queueDelay: options.queueDelay.seconds / max(options.speed, 0.001), speed: options.speed,
            cancelsWaiting: { store.cancelsWaiting.withLock { $0 } })
        faults = FaultTable(options.faults)
        // A restart on the same database keeps the demo organisation and its key.
        let existing = try db.read { db in
            try String.fetchOne(db, sql: "SELECT key FROM api_keys WHERE org_id = ? LIMIT 1", arguments: [Sandbox.demoOrganization])
        }
        demoKey = options.demoKey ?? existing ?? Sandbox.newKey()
        try store.addOrganization(id: Sandbox.demoOrganization, name: "Demo organisation", key: demoKey)
        let count = try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM campaigns") ?? 0 }
        if count == 0 {
            switch options.seed {
            case .none: break
            case .demo: try Seeder.demo(db, org: Sandbox.demoOrganization)
            case .count(let n): try Seeder.generated(db, org: Sandbox.demoOrganization, count: n)
            case .emails(let n): try Seeder.generated(db, org: Sandbox.demoOrganization, count: n, emailOnly: true)
            }
        }
    }

    /// A fresh `be_` key: 32 random characters, like the docs' placeholder.
    public static func newKey() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var rng = SystemRandomNumberGenerator()
        return "be_" + String((0..<32).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// The bound port, once `start` returned.
    public var port: Int { bound.value ?? 0 }
    /// `http://host:port/v1`, the base URL clients use.
    public var baseURL: URL { URL(string: "http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\(port)/v1")! }

    /// Starts serving and dispatching; returns once the port is bound.
    public func start(logger: Logger = Logger(label: "arsel.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })) async throws {
        let router = Router(context: SandboxContext.self)
        router.add(middleware: RequestLogMiddleware(log: requestLog))
        router.add(middleware: EnvelopeMiddleware())
        router.add(middleware: BodyLimitMiddleware())
        let api = router.group("v1")
            .add(middleware: FaultMiddleware(faults: faults, stopping: stopping))
            .add(middleware: AuthMiddleware(store: store))
            .add(middleware: RateLimitMiddleware(limiter: RateLimiter(rate: options.rate), resetForm: options.resetForm))
            .add(middleware: IdempotencyMiddleware(db: db))
            .add(middleware: HoldMiddleware())
        try APIHandlers(store: store, options: options)
            .registerHandlers(on: api, serverURL: URL(string: "/")!, middlewares: [NullKeysMiddleware()])
        InspectionRoutes.register(on: router, sandbox: self)

        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ParserErrorEnvelopeHandler(), ArrivalStampHandler()])),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let serviceGroup = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await serviceGroup.run() }
        let interval = options.tick / max(options.speed, 0.001)
        _ = dispatcher.start(interval: interval, stop: dispatcherStop)
        running.value = task
        var port: Int?
        for await p in portStream { port = p }
        guard let port, port > 0 else {
            task.cancel()
            dispatcherStop.value = true
            throw SandboxError.internalError("the sandbox could not bind \(options.host):\(options.port)")
        }
        bound.value = port
        stopTrigger.value = { await serviceGroup.triggerGracefulShutdown() }
    }

    private let stopTrigger = Locked<(@Sendable () async -> Void)?>(nil)

    /// Stops serving and dispatching, and waits for both.
    public func stop() async {
        stopping.value = true
        if let trigger = stopTrigger.value { await trigger() }
        dispatcherStop.value = true
        if let task = running.value {
            _ = try? await task.value
        }
        running.value = nil
    }

    /// Steps the dispatcher once (tests drive it by hand when they need determinism), as if it
    /// were `now`.
    public func tick(now: Date = Date()) throws { try dispatcher.tick(now: now.timeIntervalSince1970) }

    /// The invariants over the whole database.
    public func checkInvariants() throws -> InvariantReport {
        try dispatcher.sweepAll(now: CampaignStore.now())
        return try db.read { try Invariants.check($0) }
    }

    /// The state of an idempotency key (`running` while its first request runs, then `done`),
    /// nil when unknown: tests wait on it instead of sleeping.
    public func idempotencyState(key: String, organization: String = Sandbox.demoOrganization) throws -> String? {
        try db.read { db in
            try String.fetchOne(db, sql: "SELECT state FROM idempotency WHERE org_id = ? AND key = ?", arguments: [organization, key])
        }
    }

    /// Out-of-band change of a campaign, as the real service makes on its own.
    func force(id: String, status: String, failAt: Double?, pauseAt: Double?, autocancelAt: Double?) async throws {
        let allowed: Set<String> = ["draft", "scheduled", "queued", "sending", "sent", "paused", "failed", "cancelled", "archived"]
        guard allowed.contains(status) else { throw SandboxError.validation("unknown status \(status)") }
        try await db.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM campaigns WHERE id = ?", arguments: [id]) else {
                throw SandboxError.notFound
            }
            let c = CampaignRecord(row: row)
            let now = CampaignStore.now()
            try db.execute(sql: "UPDATE campaigns SET fail_at = ?, pause_at = ?, autocancel_at = ? WHERE seq = ?",
                           arguments: [failAt, pauseAt, autocancelAt, c.seq])
            guard status != c.status else { return }
            switch status {
            case "failed", "cancelled":
                _ = try CampaignStore.stop(db, c, status: status, at: now)
            case "sent":
                // The rest goes as one real batch, in commit order like the dispatcher's, so the
                // checker sees it if it follows a cancel.
                try db.execute(sql: "INSERT INTO batches (campaign_seq, size, committed_at) VALUES (?, 0, ?)", arguments: [c.seq, now])
                let batch = db.lastInsertedRowID
                try db.execute(sql: "UPDATE emails SET state = 'handed_off', batch = ?, at = ? WHERE campaign_seq = ? AND state = 'queued'",
                               arguments: [batch, now, c.seq])
                try db.execute(sql: "UPDATE batches SET size = ? WHERE id = ?", arguments: [db.changesCount, batch])
                try db.execute(sql: """
                    INSERT INTO handoffs (campaign_seq, n, batch, at) SELECT campaign_seq, n, batch, at FROM emails
                    WHERE campaign_seq = ? AND batch = ?
                    """, arguments: [c.seq, batch])
                try db.execute(sql: "UPDATE campaigns SET status = 'sent', handed_off = recipients, sent_at = ?, updated_at = ? WHERE seq = ?",
                               arguments: [now, now, c.seq])
            case "sending", "queued":
                if c.recipients == 0 {
                    try db.execute(sql: "UPDATE campaigns SET recipients = ? WHERE seq = ?",
                                   arguments: [max(1, c.audience) * CampaignStore.recipientsPerAudience, c.seq])
                }
                try db.execute(sql: "UPDATE campaigns SET status = ?, queued_at = ?, updated_at = ? WHERE seq = ?",
                               arguments: [status, now, now, c.seq])
                if status == "sending" { try Dispatcher.materialize(db, seq: c.seq) }
            default:
                try db.execute(sql: "UPDATE campaigns SET status = ?, updated_at = ? WHERE seq = ?", arguments: [status, now, c.seq])
            }
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
