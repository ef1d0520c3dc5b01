import ArselModel
import Foundation
import TerminalUI
import Testing
@testable import CampaignConsole

/// Issue 9's console rules, at the reducer: a cancel goes only to the id and channel the person
/// confirmed, nothing acts that cannot be seen, and quitting never hides an outcome.
@Suite struct SafetyReducerTests {
    /// Opens the dialog on the selected campaign and answers the re-read with `answer`.
    func openDialog(_ state: inout AppState, answer: Campaign) throws {
        let effects = press(&state, .char("c"))
        let asked: Int? = effects.first.flatMap { if case .checkForCancel(let r, _) = $0 { r } else { nil } }
        let request = try #require(asked, "c re-reads before asking: \(effects)")
        _ = Reducer.reduce(&state, .confirmChecked(request: request, [.success(answer)]))
    }

    func cancels(_ effects: [Effect]) -> [(String, Channel)] {
        effects.compactMap { if case .cancel(let target, _) = $0 { (target.id, target.channel) } else { nil } }
    }

    @Test func keysDoNothingWhileTheTerminalIsTooSmall() throws {
        var state = loaded(mix, width: 30, height: 8)
        #expect(press(&state, .char("c"), .char("y"), .enter, .char(" "), .char("a")) == [])
        #expect(state.overlay == .none)
        #expect(state.marks.isEmpty)
        // `?` and `q` still work.
        press(&state, .char("?"))
        #expect(state.overlay == .help)
    }

    @Test func aDialogOpenWhenTheTerminalShrinksCannotBeConfirmed() throws {
        var state = loaded(mix)
        try openDialog(&state, answer: mix[0])
        _ = Reducer.reduce(&state, .resize(width: 30, height: 8))
        #expect(cancels(press(&state, .char("y"), .tab, .enter)).isEmpty)
        _ = Reducer.reduce(&state, .resize(width: 80, height: 24))
        let dialog = try confirmation(state)
        #expect(dialog.focus == .keep, "the hidden tab did not move the focus either")
        #expect(cancels(press(&state, .char("y"))).map(\.0) == ["c1"])
    }

    @Test func qDuringACancelAsksAndQuittingAnywayIsUnknown() throws {
        var state = loaded(mix)
        try openDialog(&state, answer: mix[0])
        #expect(cancels(press(&state, .char("y"))).map(\.0) == ["c1"])
        #expect(press(&state, .char("q")) == [], "q does not quit while a cancel is in flight")
        #expect(state.overlay == .quitWhileCancelling)
        #expect(!state.quitting)
        #expect(Screen.render(state).lines.joined(separator: "\n").contains("A cancel is still running — quit anyway?"))
        press(&state, .char("n"))
        #expect(state.overlay == .none)
        #expect(!state.quitting)
        press(&state, .char("q"))
        #expect(press(&state, .char("y")) == [.quit])
        #expect(state.quitting)
        #expect(state.interruptedBy == "quit")
        #expect(state.notes["c1"].map { if case .unknown = $0 { true } else { false } } == true)
    }

    @Test func qAfterTheCancelFinishedQuitsAtOnce() throws {
        var state = loaded(mix)
        try openDialog(&state, answer: mix[0])
        press(&state, .char("y"))
        _ = Reducer.reduce(&state, .cancelFinished(report("c1", .cancelled(message: "Campaign cancelled", confirmedByReread: false))))
        #expect(press(&state, .char("q")) == [.quit])
    }

    @Test func theRightTypedCountThenEnterConfirms() throws {
        var state = loaded(mix, env: environment(production: true))
        try openDialog(&state, answer: mix[0])
        #expect(cancels(press(&state, .char("2"), .enter)).isEmpty, "a wrong count never confirms")
        #expect(try confirmation(state).error == .typeCountToConfirm(1))
        press(&state, .backspace)
        #expect(cancels(press(&state, .enter)).isEmpty, "nothing typed: Enter keeps")
        #expect(state.latestMessage?.text == "Kept: nothing was cancelled")
        try openDialog(&state, answer: mix[0])
        press(&state, .char("1"))
        #expect(try confirmation(state).focus == .cancel, "the right count moves the focus to the cancel button")
        #expect(Screen.render(state).lines.joined(separator: "\n").contains("enter cancels"))
        #expect(cancels(press(&state, .enter)).map(\.0) == ["c1"])
    }

    @Test func aReReadAboutAnotherCampaignIsNeverCancelled() throws {
        var state = loaded(mix)
        try openDialog(&state, answer: mix[3])  // asked about c1, answered about c4
        let dialog = try confirmation(state)
        #expect(dialog.cancellable.isEmpty)
        #expect(dialog.skipped.first?.reason.text.contains("another campaign") == true)
        #expect(cancels(press(&state, .char("y"), .tab, .enter)).isEmpty)
    }

    @Test func theCancelGoesToTheConfirmedChannelEvenAfterSwitching() throws {
        var state = loaded(mix)
        press(&state, .char(" "), .char(" "))  // mark c1 and c2
        let effects = press(&state, .char("c"))
        #expect(effects == [.checkForCancel(request: 2, targets: refs(["c1", "c2"], .email))])
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[0]), .success(mix[1])]))
        #expect(cancels(press(&state, .char("y"))).map(\.1) == [.email])
        press(&state, .tab)  // the list now shows SMS
        #expect(state.scope == .one(.sms))
        let second = Reducer.reduce(&state, .cancelFinished(report("c1", .cancelled(message: "Campaign cancelled", confirmedByReread: false))))
        #expect(cancels(second).map(\.0) == ["c2"])
        #expect(cancels(second).map(\.1) == [.email], "confirmed on email, sent to email")
    }

    @Test func answersCountOnlyForTheirOwnID() throws {
        var state = loaded(mix)
        // A cancel's read-back about another campaign changes nothing.
        var sent = mix[2]
        sent.status = .cancelled
        try openDialog(&state, answer: mix[0])
        press(&state, .char("y"))
        _ = Reducer.reduce(&state, .cancelFinished(report("c1", .cancelled(message: "ok", confirmedByReread: false), reread: sent)))
        #expect(state.campaign("c3")?.status == .sending)
        // A background re-read answered with another id changes nothing either.
        var s2 = loaded(mix + [campaign(20, .scheduled)], hasMore: true, height: 40)
        let refresh = Reducer.reduce(&s2, .key(.char("r")))
        let request = try listRequest(refresh)
        let effects = Reducer.reduce(&s2, .listLoaded(request: request, .success(CampaignPage(campaigns: [mix[0]], hasMore: true))))
        let reread: (Int, [String])? = effects.first.flatMap { if case .reread(let r, let targets) = $0 { (r, targets.map(\.id)) } else { nil } }
        let (r, ids) = try #require(reread)
        var liar = campaign(99, .cancelled)
        liar.id = ids[1]
        var other = campaign(1, .cancelled)
        other.id = ids[2]
        _ = Reducer.reduce(&s2, .reread(request: r, [.success(other), .success(liar)]))
        #expect(s2.campaign(ids[0])?.status != .cancelled, "the first answer was about another id")
        #expect(s2.campaign(ids[1])?.status == .cancelled, "the second answer matches its id")
        #expect(s2.campaign(ids[2])?.status != .cancelled, "an answer about c-ids[2] in another slot is not used for it")
    }

    @Test func oneRowPerIDWithinAndAcrossPages() throws {
        let twice = [mix[0], mix[1], mix[0]]
        var state = loaded(twice, hasMore: true)
        #expect(state.campaigns.map(\.id) == ["c1", "c2"])
        press(&state, .char("G"))
        let effects = press(&state, .char("j"))
        _ = effects
        let more: Int? = state.moreRequest
        if let more {
            _ = Reducer.reduce(&state, .moreLoaded(request: more, .success(CampaignPage(campaigns: [mix[1], mix[2], mix[2]], hasMore: false))))
        } else {
            let r = try #require(Reducer.loadMore(&state).first.flatMap { if case .list(let r, _, _) = $0 { r } else { nil } })
            _ = Reducer.reduce(&state, .moreLoaded(request: r, .success(CampaignPage(campaigns: [mix[1], mix[2], mix[2]], hasMore: false))))
        }
        #expect(state.campaigns.map(\.id) == ["c1", "c2", "c3"])
        #expect(Screen.render(state).lines.joined(separator: "\n").components(separatedBy: "Ramadan offers").count == 2, "one row for c1")
    }
}

/// An ASCII-only terminal (`LANG=C`): no cell holds anything but ASCII, and names that cannot be
/// drawn are visible escapes in the table, the dialog and the messages.
@Suite struct ASCIIViewTests {
    func asciiEnvironment() -> ConsoleEnvironment {
        var env = environment()
        env.unicode = false
        return env
    }

    @Test func everyCellIsASCIIAndNamesAreEscaped() throws {
        var state = loaded(mix, width: 120, height: 30, env: asciiEnvironment())
        let table = Screen.render(state)
        #expect(table.cells.allSatisfy { $0.text.allSatisfy(\.isASCII) })
        let text = table.lines.joined(separator: "\n")
        #expect(text.contains(#"\u{062D}\u{0645}\u{0644}\u{0629}"#), "Arabic")
        #expect(text.contains(#"Product launch \u{1F389}"#), "emoji")
        #expect(text.contains(#"Flash sale \u{6625}"#), "CJK")
        press(&state, .down)
        let effects = press(&state, .char("c"))
        #expect(effects.count == 1)
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(mix[1])]))
        let dialog = Screen.render(state)
        #expect(dialog.cells.allSatisfy { $0.text.allSatisfy(\.isASCII) })
        #expect(dialog.lines.contains { $0.contains("| " + #"\u{062D}\u{0645}"#) }, "the dialog names the campaign")
    }
}
