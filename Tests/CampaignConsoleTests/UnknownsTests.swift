import ArselModel
import CancelSession
import Foundation
import Testing
@testable import CampaignConsole

/// A cancel whose outcome was unknown is resolved later: the re-read says what happened (only
/// for the id and channel it carries), and a new cancel of that campaign reuses the key, so the
/// server cannot act twice.
@Suite struct UnknownsTests {
    static let open = OpenCancel(
        ref: CampaignRef("c1", .email), name: "Ramadan offers — KSA list", at: t0.addingTimeInterval(-3600),
        idempotencyKey: "earlier-key", statusBefore: "Scheduled")

    func with(_ c: Campaign, _ status: CampaignStatus) -> Campaign {
        var c = c
        c.status = status
        return c
    }

    @Test func theVerdictComesOnlyFromAnAnswerAboutThatCampaign() {
        #expect(UnknownResolution(Self.open, reread: .success(with(mix[0], .cancelled))).verdict == .cancelled)
        #expect(UnknownResolution(Self.open, reread: .success(mix[0])).verdict == .stillCancellable(.scheduled))
        #expect(UnknownResolution(Self.open, reread: .success(with(mix[0], .sent))).verdict == .notStopped(.sent))
        let notFound = ArselError.api(APIFailure(statusCode: 404, name: "not_found", message: "Campaign not found"))
        #expect(UnknownResolution(Self.open, reread: .failure(notFound)).verdict == .gone)
        // Another id, or the same id on another channel: the answer says nothing about this cancel.
        for other in [mix[1], { var c = with(mix[0], .cancelled); c.channel = .sms; return c }()] {
            let r = UnknownResolution(Self.open, reread: .success(other))
            #expect(!r.isSettled, "\(other.ref) does not settle \(Self.open.ref)")
            #expect(r.campaign == nil)
        }
        #expect(!UnknownResolution(Self.open, reread: .failure(badRequest)).isSettled)
    }

    @Test func eachIsSaidWithItsTimeAndWhatToDo() {
        let cancelled = UnknownResolution(Self.open, reread: .success(with(mix[0], .cancelled)))
        #expect(cancelled.sentence(timeZone: utc) == "Earlier cancel re-checked: \"Ramadan offers — KSA list\" (email, 10:06) is Cancelled")
        let still = UnknownResolution(Self.open, reread: .success(with(mix[0], .sending)))
        #expect(still.sentence(timeZone: utc).contains("is still Sending — not cancelled; cancelling it again resends the same idempotency key"))
        let failed = UnknownResolution(Self.open, reread: .failure(badRequest))
        #expect(failed.sentence(timeZone: utc).hasPrefix("Earlier cancel still unknown: \"Ramadan offers — KSA list\" (email, 10:06) — re-reading it failed (bad_request"))
        #expect(cancelled.statusFound == "Cancelled")
        #expect(failed.statusFound == nil)
    }

    @Test func theConsoleSaysEachAndUpdatesOnlyThatRow() {
        var state = loaded(mix)
        let effects = Reducer.reduce(&state, .unknownsResolved([
            UnknownResolution(Self.open, reread: .success(with(mix[0], .cancelled))),
            UnknownResolution(OpenCancel(ref: CampaignRef("c3", .email), name: "Weekly digest #42", at: t0, idempotencyKey: "k3", statusBefore: nil),
                              reread: .failure(badRequest)),
        ]))
        #expect(effects.isEmpty, "nothing is sent: a resolution is a re-read, never a resend")
        #expect(state.campaign("c1")?.status == .cancelled)
        #expect(state.campaign("c3")?.status == .sending, "a failed re-read changes nothing")
        let said = state.messages.suffix(2).map(\.level)
        #expect(said == [.ok, .unknown])
        #expect(state.latestMessage?.text.contains("Weekly digest #42") == true)
    }

    @Test func aNewCancelOfAnUnansweredCampaignReusesItsKey() throws {
        var env = environment()
        env.unansweredKeys = [CampaignRef("c1", .email): "earlier-key"]
        var state = loaded(mix, env: env)
        press(&state, .char("c"))
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[0])]))
        #expect(press(&state, .char("y")) == [.cancel(CampaignRef("c1", .email), idempotencyKey: "earlier-key")])
        // This session's own unknown: the next cancel of it reuses that key; another gets a new one.
        _ = Reducer.reduce(&state, .cancelFinished(CancelReport(
            campaignID: "c1", channel: .email, outcome: .unknown(cause: .transport(TransportFailure(.timeout, "no answer"))),
            idempotencyKey: "earlier-key", attempts: 1, reread: nil)))
        #expect(state.unansweredKeys[CampaignRef("c1", .email)] == "earlier-key")
        press(&state, .char("j"))
        let asked = press(&state, .char("c"))
        let check: Int? = asked.first.flatMap { if case .checkForCancel(let r, [CampaignRef("c2", .email)]) = $0 { r } else { nil } }
        let request = try #require(check, "c re-reads c2 first: \(asked)")
        _ = Reducer.reduce(&state, .confirmChecked(request: request, [.success(mix[1])]))
        #expect(press(&state, .char("y")) == [.cancel(CampaignRef("c2", .email), idempotencyKey: "t-1")])
        // An answered cancel forgets the key.
        _ = Reducer.reduce(&state, .cancelFinished(report("c2", .cancelled(message: "Campaign cancelled", confirmedByReread: false))))
        #expect(state.unansweredKeys[CampaignRef("c2", .email)] == nil)
    }
}
