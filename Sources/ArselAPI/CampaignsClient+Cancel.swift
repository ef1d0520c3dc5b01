import ArselModel
import ArselContract
import Foundation

extension CampaignsClient {
    /// A fresh idempotency key: one per user intent, reused for that intent's resends.
    public static func newIdempotencyKey() -> String { UUID().uuidString.lowercased() }

    /// Cancels one campaign and says only what there is evidence for.
    ///
    /// - Resent automatically (same `Idempotency-Key`) only when the request provably never ran:
    ///   connection refused, 429 `rate_limit_exceeded`, 503 "still processing".
    /// - After a timeout, reset, 5xx or unreadable answer, the campaign is re-read: Cancelled ⇒
    ///   cancelled (confirmed); still cancellable ⇒ one resend with the same key; any other
    ///   status ⇒ reported as found; re-read failed too ⇒ unknown.
    /// - A refusal (400 …) that follows an ambiguous attempt is resolved the same way: it may be
    ///   the answer to our own first attempt having worked.
    public func cancel(
        _ id: String, channel: Channel, idempotencyKey: String = CampaignsClient.newIdempotencyKey()
    ) async -> CancelReport {
        let deadline = ContinuousClock.now + configuration.cancelTimeout
        var report = CancelReport(
            campaignID: id, channel: channel, outcome: .unknown(cause: .configuration(.notAttempted)),
            idempotencyKey: idempotencyKey, attempts: 0)
        var ambiguity: ArselError?
        var resentAfterReread = false
        var notExecutedResends = 0

        while true {
            report.attempts += 1
            let attemptDeadline = min(ContinuousClock.now + configuration.callTimeout, deadline)
            let (result, info) = await once(deadline: attemptDeadline) { api in
                try await Self.sendCancel(api, id: id, channel: channel, key: idempotencyKey)
            }
            if let info {
                report.lastHTTPStatus = info.status
                report.requestID = info.requestID ?? report.requestID
            }
            let error: ArselError
            switch result {
            case .success(let body):
                if let cancelled = Self.confirmation(body, raw: info?.body ?? [], id: id) {
                    report.outcome = cancelled
                    log(report)
                    return report
                }
                // A 200 that confirms nothing (`{}`, another id, an error envelope): only a
                // re-read can say what happened, as after an ambiguous answer.
                error = .unexpectedResponse(status: info?.status ?? 200, .cancelConfirmsNothing)
            case .failure(let e):
                error = e
            }

            if Self.provablyNotExecuted(error), (try? capped(error)) == false,
               notExecutedResends < configuration.maxRateLimitRetries
            {
                let delay: Duration = error.isRateLimited
                    ? .zero  // the pacer holds the resend until retry-after
                    : Backoff.delay(attempt: notExecutedResends + 1, base: configuration.retryBaseDelay, max: configuration.retryMaxDelay)
                if ContinuousClock.now + delay < deadline {
                    notExecutedResends += 1
                    if delay > .zero { try? await Task.sleep(for: delay) }
                    continue
                }
            }

            if Self.cancelAnswerIsAmbiguous(error) {
                ambiguity = error
            } else if ambiguity == nil {
                // A clear answer with nothing ambiguous before it: the API refused.
                report.outcome = .failed(error)
                log(report)
                return report
            }

            // Only a re-read can say what happened.
            let rereadDeadline = min(ContinuousClock.now + configuration.callTimeout, max(deadline, ContinuousClock.now + .seconds(5)))
            let campaign: Campaign
            do {
                campaign = try await read(deadline: rereadDeadline) { api in
                    try await Self.sendGet(api, id: id, channel: channel)
                }
            } catch {
                report.outcome = .unknown(cause: ambiguity ?? error)
                log(report)
                return report
            }
            report.reread = campaign
            if campaign.status == .cancelled {
                report.outcome = .cancelled(message: nil, confirmedByReread: true)
            } else if campaign.status.isCancellable && !resentAfterReread && ContinuousClock.now < deadline {
                resentAfterReread = true
                continue
            } else {
                report.outcome = .notCancelled(status: campaign.status, cause: error)
            }
            log(report)
            return report
        }
    }

    private func log(_ report: CancelReport) {
        configuration.logger.notice(
            "cancel \(report.channel.rawValue) \(report.campaignID): \(report.outcome.kind) after \(report.attempts) attempt(s), key \(report.idempotencyKey)")
    }

    static func sendCancel(_ api: Client, id: String, channel: Channel, key: String) async throws -> Components.Schemas.CancelResult {
        let output = try await api.cancelCampaign(path: .init(channel: try channel.segment, id: id), headers: .init(idempotencyKey: key))
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw ErrorAnswer(status, error)
        }
    }

    /// The evidence a 200 carries that this campaign was cancelled: the documented message (in a
    /// body that is not an error envelope), or the id asked for (no message: the catalog says
    /// "cancelled"). Nil when it shows neither.
    static func confirmation(_ body: Components.Schemas.CancelResult, raw: [UInt8], id: String) -> CancelOutcome? {
        if isErrorEnvelope(raw) { return nil }
        if let message = body.message, !message.isEmpty { return .cancelled(message: Redaction.apply(message), confirmedByReread: false) }
        if body.id == id { return .cancelled(message: nil, confirmedByReread: false) }
        return nil
    }

    /// `{status_code, name, …}`: an error, whatever HTTP status it came with.
    static func isErrorEnvelope(_ raw: [UInt8]) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any] else { return false }
        return object["status_code"] != nil || object["name"] != nil
    }

    /// A campaign read by id. An answer about another campaign (or none) is an error, never data
    /// for the one asked for.
    static func sendGet(_ api: Client, id: String, channel: Channel) async throws -> Campaign {
        let campaign: Campaign
        switch try await api.getCampaign(path: .init(channel: try channel.segment, id: id)) {
        case .ok(let ok): campaign = Campaign(try ok.body.json, channel: channel)
        case .default(let status, let error): throw ErrorAnswer(status, error)
        }
        guard campaign.id == id else {
            throw ArselError.unexpectedResponse(
                status: 200, campaign.id.isEmpty ? .answerNamesNoCampaign : .answerAboutAnother(asked: id, got: campaign.id))
        }
        return campaign
    }
}
