import ArselAPI
import ArselModel
import CampaignConsole
import CancelSession
import ConsoleConfig
import Foundation
import TerminalUI

/// Cancels whose outcome is unknown are settled later, the same way from every front-end: one
/// paced GET each, the result appended to the audit trail (a `resolved` line with the status
/// found) and said. Nothing is resent here: a cancel the person confirms again reuses the key.
extension AuditTrail {
    /// The audit's open cancels (see `AuditLog.openCancels`). A damaged line is skipped here;
    /// `audit` names it.
    func openCancels(now: Date = Date()) -> [OpenCancel] {
        guard let (records, _) = try? log.read() else { return [] }
        return AuditLog.openCancels(records, now: now)
    }

    /// The key a new cancel of `ref` is sent with: an unanswered one of the last 24 h, else new.
    func key(for ref: CampaignRef, now: Date = Date()) -> String {
        unansweredKeys(now: now)[ref] ?? CampaignsClient.newIdempotencyKey()
    }

    /// Every campaign's unanswered key of the last 24 h (the console starts with these).
    func unansweredKeys(now: Date = Date()) -> [CampaignRef: String] {
        AuditLog.reusableKeys((try? log.read())?.records ?? [], now: now)
    }

    /// Re-reads each open cancel (one GET, on its own channel, under the client's pacing) and
    /// records every settled one. `background`: the requests yield the budget to a person's
    /// (the console's first pages come first).
    func resolve(_ open: [OpenCancel], client: any CampaignService, background: Bool) async -> [UnknownResolution] {
        guard !open.isEmpty else { return [] }
        let read: @Sendable () async -> [UnknownResolution] = {
            var results: [UnknownResolution] = []
            for cancel in open {
                let reread: Result<Campaign, ArselError>
                do throws(ArselError) { reread = .success(try await client.get(cancel.ref.id, channel: cancel.ref.channel)) } catch {
                    reread = .failure(error)
                }
                results.append(UnknownResolution(cancel, reread: reread))
            }
            return results
        }
        let results = background ? await client.inBackground(read) : await read()
        for r in results where r.isSettled { record(r) }
        return results
    }

    func record(_ r: UnknownResolution) {
        let entry = AuditRecord(
            profile: profile, apiHost: apiHost, source: source, campaignID: r.cancel.ref.id,
            campaignName: r.campaign?.name ?? r.cancel.name, channel: r.cancel.ref.channel.rawValue, statusBefore: r.cancel.statusBefore,
            idempotencyKey: r.cancel.idempotencyKey, outcome: "resolved", httpStatus: nil,
            errorName: r.verdict == .gone ? "not_found" : nil, errorMessage: nil, requestID: nil, attempts: 0,
            statusAfter: r.statusFound)
        do { try log.append(entry) } catch {
            Console.err("arsel-campaigns: could not write the audit trail \(log.path): " + Sanitizer.sanitize("\(error)"))
        }
    }
}
