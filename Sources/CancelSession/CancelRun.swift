import ArselModel

/// A confirmed cancel of one or more campaigns, one request at a time under the client's
/// pacing: a pure state machine every front-end drives the same way (`next`, send, `record`),
/// so the outcomes, the summary and the exit status are the same code everywhere.
public struct CancelRun: Sendable, Equatable {
    public private(set) var queue: [CampaignRef]
    public let total: Int
    /// Sent and not yet answered.
    public private(set) var current: CampaignRef?
    public private(set) var cancelled: [CampaignRef] = []
    public private(set) var failed: [CampaignRef] = []
    public private(set) var unknown: [CampaignRef] = []

    public init(_ targets: [CampaignRef]) {
        var seen = Set<CampaignRef>()
        queue = targets.filter { seen.insert($0).inserted }
        total = queue.count
    }

    public init(_ plan: CancelPlan) { self.init(plan.targets) }

    /// The next cancel to send (its channel is the one confirmed, whatever is on screen now), or
    /// nil while one is in flight or when all are done.
    public mutating func next() -> CampaignRef? {
        guard current == nil, !queue.isEmpty else { return nil }
        current = queue.removeFirst()
        return current
    }

    /// The answer to the cancel in flight. A report about anything else is ignored.
    @discardableResult
    public mutating func record(_ report: CancelReport) -> Bool {
        guard let c = current, c.id == report.campaignID, c.channel == report.channel else { return false }
        current = nil
        switch report.outcome {
        case .cancelled: cancelled.append(c)
        case .failed, .notCancelled: failed.append(c)
        case .unknown: unknown.append(c)
        }
        return true
    }

    /// Stopped (a signal, or quit confirmed): the cancel in flight has an unknown outcome, the
    /// queued ones are never sent.
    public mutating func interrupt() -> (inFlight: CampaignRef?, notSent: [CampaignRef]) {
        let result = (current, queue)
        if let c = current { unknown.append(c) }
        current = nil
        queue = []
        return result
    }

    public var isFinished: Bool { current == nil && queue.isEmpty }

    /// Failed or unknown: what a retry would go to.
    public var unresolved: [CampaignRef] { failed + unknown }

    /// The process exit status this run stands for: 0 all cancelled, 2 any outcome unknown
    /// (check before acting again), else 1 when any failed.
    public var exitStatus: Int32 {
        if !unknown.isEmpty { return 2 }
        if !failed.isEmpty { return 1 }
        return 0
    }
}

/// Runs a `CancelRun` to its end for front-ends that wait (line mode, `cancel`): one cancel at
/// a time through `send` (the audited cancel), reporting each outcome as it comes.
public enum CancelRunner {
    public typealias Send = @Sendable (_ target: CampaignRef, _ before: Campaign?) async -> CancelReport

    public static func run(
        _ plan: CancelPlan, send: Send, starting: (CampaignRef) -> Void = { _ in }, each: (CancelReport) -> Void
    ) async -> CancelRun {
        var run = CancelRun(plan)
        let before = Dictionary(plan.cancellable.map { ($0.ref, $0) }, uniquingKeysWith: { a, _ in a })
        while let target = run.next() {
            starting(target)
            let report = await send(target, before[target])
            run.record(report)
            each(report)
        }
        return run
    }
}
