import Foundation

/// How a sandbox runs. Defaults are the real API's where it has one.
public struct SandboxOptions: Sendable {
    public enum StatusCase: String, Sendable, CaseIterable { case title, lower }
    public enum CancelBody: String, Sendable, CaseIterable { case message, id }
    /// `ratelimit-reset` as the docs describe it (a Unix timestamp, whole seconds) or as Arsel's
    /// OpenAPI does (seconds until the reset).
    public enum ResetForm: String, Sendable, CaseIterable { case epoch, seconds }
    public enum Seed: Sendable, Equatable {
        case none
        case demo
        case count(Int)
        /// N generated email campaigns and nothing else (benchmarks).
        case emails(Int)
    }

    public var host = "127.0.0.1"
    public var port = 0
    /// A file path, or `:memory:`.
    public var database = ":memory:"
    public var seed: Seed = .demo
    /// Requests per second per organisation, shared by its keys; no burst.
    public var rate: Double = 2
    /// Docs' `Sent` or OpenAPI 1.0's `sent`.
    public var statusCase: StatusCase = .title
    /// Docs' `{"message": "Campaign cancelled"}` or OpenAPI 1.0's `{"id": …}`.
    public var cancelBody: CancelBody = .message
    /// The docs' form by default: what production documents is what the demo and tests meet.
    public var resetForm: ResetForm = .epoch
    /// Scales the dispatcher's time: 2 runs twice as fast.
    public var speed: Double = 1
    /// Emails handed off per batch, and one batch per campaign per tick.
    public var batchSize = 50
    public var tick: Duration = .milliseconds(500)
    /// How long a campaign stays Queued before it starts Sending (scaled by speed).
    public var queueDelay: Duration = .seconds(3)
    /// The demo organisation's key; a random `be_…` key when nil.
    public var demoKey: String?
    /// Faults to install at start (the `/_sandbox/faults` endpoint changes them later).
    public var faults: [String: Fault] = [:]

    public init() {}
}
