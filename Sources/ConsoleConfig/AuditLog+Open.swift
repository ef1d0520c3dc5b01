import ArselModel
import CancelSession
import Foundation

/// The audit trail's answer to "which cancels have an outcome nobody knows?": one rule, used by
/// the console and line mode on start, by `audit --resolve`, and by every cancel that may reuse a
/// key. Lines are grouped by idempotency key (one key, one cancel attempt).
extension AuditLog {
    /// Intents of the last 24 h with no answer recorded (no `cancelled`/`error` line) and not yet
    /// `resolved` — the ones a re-read should settle. An intent with no line after it, written
    /// by a process that still runs on this host, is in flight there, not unknown; one from
    /// another host is left alone for 10 minutes for the same reason.
    public static func openCancels(
        _ records: [AuditRecord], now: Date, host: String = AuditRecord.currentHost, isRunning: (Int32) -> Bool = AuditLog.isRunning
    ) -> [OpenCancel] {
        attempts(records, now: now).compactMap { attempt in
            guard !attempt.answered, !attempt.resolved else { return nil }
            if !attempt.unknownRecorded, let pid = attempt.intent.pid, pid != getpid() {
                if attempt.intent.host == host, isRunning(pid) { return nil }
                if attempt.intent.host != host, now.timeIntervalSince(attempt.at) < 600 { return nil }
            }
            return attempt.open
        }
    }

    /// The key to send a new cancel of a campaign with, for every campaign that has one: the
    /// latest of the last 24 h that never got an answer, so that if the server did act on it, a
    /// resend gets that first answer back instead of acting twice. None: use a new key.
    public static func reusableKeys(_ records: [AuditRecord], now: Date) -> [CampaignRef: String] {
        var keys: [CampaignRef: String] = [:]
        for a in attempts(records, now: now) {
            keys[a.ref] = a.answered ? nil : a.intent.idempotencyKey
        }
        return keys
    }

    /// Whether a process with this id exists (EPERM: it does, as another user's).
    public static func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    struct Attempt {
        let intent: AuditRecord
        let ref: CampaignRef
        let at: Date
        var answered = false
        var resolved = false
        var unknownRecorded = false

        var open: OpenCancel {
            OpenCancel(
                ref: ref, name: intent.campaignName, at: at,
                idempotencyKey: intent.idempotencyKey, statusBefore: intent.statusBefore)
        }
    }

    /// Every cancel attempt whose intent is of the last 24 h, oldest first, with what followed it.
    static func attempts(_ records: [AuditRecord], now: Date) -> [Attempt] {
        var order: [String] = []
        var byKey: [String: Attempt] = [:]
        for r in records {
            if r.outcome == "intent" {
                // A line naming no known channel is not re-read anywhere (never guessed as email).
                guard byKey[r.idempotencyKey] == nil, let at = r.date, let channel = Channel(rawValue: r.channel),
                    now.timeIntervalSince(at) < OpenCancel.window
                else { continue }
                order.append(r.idempotencyKey)
                byKey[r.idempotencyKey] = Attempt(intent: r, ref: CampaignRef(r.campaignID, channel), at: at)
                continue
            }
            guard var a = byKey[r.idempotencyKey], a.intent.campaignID == r.campaignID, a.intent.channel == r.channel else { continue }
            switch r.outcome {
            case "cancelled", "error": a.answered = true
            case "resolved": a.resolved = true
            case "unknown": a.unknownRecorded = true
            default: break
            }
            byKey[r.idempotencyKey] = a
        }
        return order.compactMap { byKey[$0] }
    }
}
