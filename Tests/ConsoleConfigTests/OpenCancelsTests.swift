import ArselModel
import CancelSession
import Foundation
import Testing
@testable import ConsoleConfig

/// Which cancels the audit trail says have an outcome nobody knows, and which key a new cancel
/// of the same campaign is sent with: the rule every front-end uses on start and `audit --resolve`.
@Suite struct OpenCancelsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let dead: Int32 = 999_999  // no such process: `isRunning` below says so

    static func line(
        _ outcome: String, key: String = "k-1", id: String = "c1", channel: String = "push", ago: TimeInterval = 60,
        host: String = "jump-1", pid: Int32? = dead, statusAfter: String? = nil
    ) -> AuditRecord {
        AuditRecord(
            time: now.addingTimeInterval(-ago), user: "nora", sshConnection: nil, profile: "default", apiHost: "api.arsel.sa",
            source: "console", campaignID: id, campaignName: "Flash sale", channel: channel, statusBefore: "Sending",
            idempotencyKey: key, outcome: outcome, httpStatus: nil, errorName: nil, errorMessage: nil, requestID: nil,
            attempts: 1, statusAfter: statusAfter, host: host, pid: pid)
    }

    func open(_ records: [AuditRecord], running: Set<Int32> = []) -> [OpenCancel] {
        AuditLog.openCancels(records, now: Self.now, host: "jump-1", isRunning: { running.contains($0) })
    }

    func key(_ records: [AuditRecord], for ref: CampaignRef) -> String? { AuditLog.reusableKeys(records, now: Self.now)[ref] }

    @Test func anIntentWithoutAnAnswerIsOpenOnItsOwnChannel() throws {
        let found = try #require(open([Self.line("intent")]).first)
        #expect(found.ref == CampaignRef("c1", .push))
        #expect(found.idempotencyKey == "k-1")
        #expect(found.statusBefore == "Sending")
        #expect(found.at == Self.now.addingTimeInterval(-60))
        // A recorded `unknown` (quit during the cancel, a timeout after sending) is open too.
        #expect(open([Self.line("intent"), Self.line("unknown")]).count == 1)
    }

    @Test func anAnswerOrAResolutionClosesIt() {
        for outcome in ["cancelled", "error", "resolved"] {
            #expect(open([Self.line("intent"), Self.line(outcome)]).isEmpty, "\(outcome) closes it")
        }
        // A line with the same key about another campaign or channel answers nothing.
        #expect(open([Self.line("intent"), Self.line("cancelled", id: "c2")]).count == 1)
        #expect(open([Self.line("intent"), Self.line("cancelled", channel: "sms")]).count == 1)
    }

    @Test func aCancelStillInFlightIsNotUnknown() {
        // Its process runs on this host: in flight there, not unknown.
        #expect(open([Self.line("intent", pid: 4242)], running: [4242]).isEmpty)
        #expect(open([Self.line("intent", pid: 4242)]).count == 1, "once that process is gone it is unknown")
        // Another host's intent is left alone for 10 minutes (its process cannot be asked).
        #expect(open([Self.line("intent", ago: 120, host: "jump-2", pid: 4242)]).isEmpty)
        #expect(open([Self.line("intent", ago: 900, host: "jump-2", pid: 4242)]).count == 1)
        // Once an `unknown` is recorded the process gave up on it, running or not.
        #expect(open([Self.line("intent", pid: 4242), Self.line("unknown", pid: 4242)], running: [4242]).count == 1)
    }

    @Test func onlyTheLast24HoursTheKeysLifetime() {
        #expect(open([Self.line("intent", ago: OpenCancel.window + 1)]).isEmpty)
        #expect(key([Self.line("intent", ago: OpenCancel.window + 1)], for: CampaignRef("c1", .push)) == nil)
        let lines = [Self.line("intent", key: "a"), Self.line("intent", key: "b", id: "c2"), Self.line("intent", key: "c", channel: "sms")]
        #expect(open(lines).map(\.idempotencyKey) == ["a", "b", "c"], "one per key, oldest first")
    }

    @Test func aNewCancelReusesTheKeyOfOneThatNeverGotAnAnswer() {
        let ref = CampaignRef("c1", .push)
        #expect(key([Self.line("intent"), Self.line("unknown")], for: ref) == "k-1")
        // Re-read and found still Sending: resolved, but the cancel itself never answered.
        let stillSending = [Self.line("intent"), Self.line("unknown"), Self.line("resolved", statusAfter: "Sending")]
        #expect(key(stillSending, for: ref) == "k-1")
        #expect(open(stillSending).isEmpty, "settled: not re-read at every start")
        // Answered: a new cancel is a new attempt with a new key.
        #expect(key([Self.line("intent"), Self.line("error")], for: ref) == nil)
        // Only for that id on that channel.
        #expect(key([Self.line("intent")], for: CampaignRef("c1", .sms)) == nil)
        #expect(key([Self.line("intent")], for: CampaignRef("c2", .push)) == nil)
    }

    @Test func theWriterIsRecordedAndReadBack() throws {
        let path = NSTemporaryDirectory() + "open-cancels-\(UUID().uuidString)/audit.jsonl"
        let log = AuditLog(path: path)
        try log.append(Self.line("intent", pid: 4242))
        try log.append(Self.line("resolved", statusAfter: "Cancelled"))
        let (records, _) = try log.read()
        #expect(records.map(\.pid) == [4242, Self.dead])
        #expect(records.map(\.host) == ["jump-1", "jump-1"])
        #expect(records.last?.statusAfter == "Cancelled")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#""status_after":"Cancelled""#))
    }
}
