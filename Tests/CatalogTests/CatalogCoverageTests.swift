import ArselModel
import CampaignConsole
import CancelSession
import Catalogs
import Foundation
import Testing

/// Every message in every language: English and Arabic both say each value, and the Arabic is
/// Arabic (not English left untranslated). Arguments are ids and numbers, so any letters in the
/// text are the catalog's own.
@Suite struct CatalogCoverageTests {
    static let english = English()
    static let arabic = Arabic()

    static let ref = CampaignRef("c1", .email)
    static let otherRef = CampaignRef("c2", .sms)
    static let apiError = ArselError.api(APIFailure(statusCode: 400, name: "bad_request", message: "42"))
    static let open = OpenCancel(ref: ref, name: "c1", at: Date(timeIntervalSince1970: 0), idempotencyKey: "k1", statusBefore: "Scheduled")

    static var problems: [ConfigurationProblem] {
        [
            .emptyKey, .keyCharacters, .keyFileIsSymlink(path: "/k"), .keyFileMissing(path: "/k"), .keyFilePermissionDenied(path: "/k"),
            .keyFileCannotOpen(path: "/k", errno: 5), .keyFileCannotInspect(path: "/k"), .keyFileNotRegular(path: "/k"),
            .keyFileOwner(path: "/k", owner: 1, uid: 2), .keyFileMode(path: "/k", mode: 0o644), .keyFileUnreadable(path: "/k"),
            .keyFileTooLarge(path: "/k"), .keyFileContent(path: "/k", .emptyKey), .keyVariable(name: "ARSEL_API_KEY", .keyCharacters),
            .noKey, .baseURLNotAbsolute("x"), .plainHTTPToRemote(host: "example.com"), .baseURLScheme("ftp://x"),
            .fieldsNotJSON(reason: "42"), .channelNotInContract("fax"), .notAttempted,
        ]
    }

    static var transports: [TransportDetail] {
        [
            .noAnswerWithin(.seconds(30)), .noAnswerWithin(.milliseconds(2500)), .deadlineExceeded, .connectTimeout, .noAnswerInTime,
            .closedBeforeAnswering, .cancelled, .tlsHandshakeTimeout, .hostDidNotResolve(host: "example.com"),
            .refusedBy(host: "127.0.0.1", port: 1), .couldNotConnect(host: "127.0.0.1", port: 1, reason: "42"),
            .couldNotResolveOrConnect(host: "example.com", port: 443), .refused, .resetByServer, .connectionTimedOut,
            .ioError(errno: 5), .closedBeforeComplete, .tlsFailed("42"), .library("42"), .other("42"),
        ]
    }

    static var distrusts: [Distrust] {
        [
            .listEntryWithoutID, .morePagesThanLimit(5), .emptyPageClaimingMore, .repeatedCursor("c1"), .cancelConfirmsNothing,
            .answerNamesNoCampaign, .answerAboutAnother(asked: "c1", got: "c2"), .answerAboutAnotherRef(asked: ref, got: otherRef),
            .pageLargerThanLimit(5), .answerTooLarge(mebibytes: 4),
        ]
    }

    static var errors: [ArselError] {
        [
            apiError,
            .api(APIFailure(statusCode: 429, name: "rate_limit_exceeded", message: "42", retryAfter: .seconds(3))),
            .undecodable(status: 502, snippet: ""), .undecodable(status: 502, snippet: "<html>"),
            .redirect(status: 301, location: "https://example.com/"), .redirect(status: 302, location: nil),
        ]
            + transports.map { .transport(TransportFailure(.other, $0)) }
            + distrusts.map { .unexpectedResponse(status: 200, $0) }
            + problems.map { .configuration($0) }
    }

    static var phrases: [Phrase] {
        let counts = [Phrase.ChannelCount(.email, 2), Phrase.ChannelCount(.sms, 1)]
        return [
            .terminalTooSmall, .sizeNeeded(width: 40, height: 10, minWidth: 80, minHeight: 24, unicode: true), .keyQuits(key: "q"),
            .cancelStillRunning, .quitAnywayQuestion, .quitOrStay(quitKey: "y", stayKey: "n"), .position(first: 1, last: 2, total: 3),
            .budget(limit: 2, remaining: 1), .paused, .refreshingHeader, .loadingHeader,
            .updated(age: "5"), .staleAge(age: "5"), .stale, .justNow, .ago("5"), .never, .span(.now),
            .statusCount(.scheduled, 3), .otherCount(2), .loadingCampaigns, .noCampaigns, .loaded([.init(.email, 5, more: true)]),
            .moreBelow, .markedCount(2), .filterLabel, .stoppableFilter, .sortedBy(.when), .loadingCampaignsTable, .couldNotLoad("42"),
            .noCampaignMatches, .loadingMore, .waiting, .cancellingNote, .rowFailed(apiError, now: .sent), .rowFailed(apiError, now: nil),
            .rowUnknown(recheckKey: "r", interruptedBy: nil), .rowUnknown(recheckKey: nil, interruptedBy: .signal("SIGTERM")), .soon,
            .inMinutes(5, clock: "10:00"), .justNowAt(clock: "10:00"), .todayAt(clock: "10:00"), .tomorrowAt(clock: "10:00"),
            .yesterdayAt(clock: "10:00"), .dayAt(month: 3, day: 4, clock: "10:00"), .inCountdown("5", clock: "10:00"), .sendingNow,
            .sendingOver("5"), .sendingProgress(elapsed: "1", total: "5"), .queued, .queuedDue("10:00"), .applySearch, .clearSearch,
            .cancelTitle(count: 1), .cancelTitle(count: 3), .productionTitle("42"), .checkingWithArsel(count: 1),
            .checkingWithArsel(count: 2), .cannotCancelTitle, .noLongerCancellable, .sends("10:00"), .campaignID("c1"),
            .plannedCancels(counts: counts, total: 3, seconds: 2, separator: "·"), .campaignCounts(counts, total: 3),
            .campaignCounts([counts[0]], total: 2), .skipped(name: "c1", reason: "42"), .stopsWhatIsNotHandedOff([.email, .sms]),
            .handedOffCannotBeRecalled([.push]), .typeCountPrompt(3), .typeCountToConfirm(3), .cancelButton(count: 1, short: false),
            .cancelButton(count: 3, short: true), .keepButton, .quitTitle, .quitQuestion, .quitConsequence, .keysTitle, .keyTableHeader,
            .disabledReadOnly, .budgetLegend(limit: 2), .campaignTitle, .cancellableAfterClosing(key: "c"),
            .notCancellableBecause("42"), .messagesTitle, .noMessagesYet,
        ]
            + Phrase.Badge.allCases.flatMap { [Phrase.badge($0, short: false), .badge($0, short: true)] }
            + Phrase.Column.allCases.map(Phrase.column) + Phrase.HelpSection.allCases.map(Phrase.section)
            + Phrase.DetailsField.allCases.map(Phrase.field) + Phrase.Hint.allCases.map(Phrase.hint)
    }

    static var notices: [Notice] {
        [
            .readOnly(profile: "p1"), .cancelAlreadyRunning, .notCancellable(.sent), .notCancellable(.draft), .notCancellable(.paused),
            .notCancellable(.archived), .notCancellable(.unknown("x1")), .nothingToCancelYet, .nothingToCancel, .noMarkedCancellable,
            .kept, .cancelled(message: nil, confirmed: false, name: "c1"), .cancelled(message: "42", confirmed: true, name: "c1"),
            .cancelFailed(apiError, name: "c1"), .notCancelledNow(.sent, errorName: "bad_request", name: "c1"),
            .outcomeUnknown(apiError, name: "c1", recheckKey: "r"), .outcomeUnknown(apiError, name: "c1", recheckKey: nil),
            .runSummary(cancelled: 1, total: 3, failed: 1, unknown: 1, retryKey: "t"), .interruptedInFlight(by: .quit),
            .interruptedInFlight(by: .signal("SIGTERM")), .queuedNotSent(2), .noFailedCancels, .noCancellableToMark,
            .markedCancellable(2), .sorted(.listed), .sorted(.name), .autoRefresh(paused: true, refreshKey: "r"), .autoRefresh(paused: false, refreshKey: nil),
            .cancelFinishedQuit(key: "q"), .refreshing, .refreshFailed(channel: .sms, apiError, lastRefresh: "5", retryIn: 5),
            .loadingMoreFailed(apiError), .changed([.init(name: "c1", channel: .email, status: .sent)]),
            .changed([.init(name: "c1", channel: .email, status: .sent), .init(name: "c2", channel: .push, status: .failed)]),
        ] + resolutions.map { Notice.resolved($0, clock: "10:00") }
    }

    static var resolutions: [UnknownResolution] {
        func campaign(_ status: CampaignStatus) -> Campaign { Campaign(id: "c1", channel: .email, name: "c1", status: status) }
        return [
            UnknownResolution(open, reread: .success(campaign(.cancelled))),
            UnknownResolution(open, reread: .success(campaign(.scheduled))),
            UnknownResolution(open, reread: .success(campaign(.sent))),
            UnknownResolution(open, reread: .failure(.api(APIFailure(statusCode: 404, name: "not_found", message: "42")))),
            UnknownResolution(open, reread: .failure(apiError)),
            UnknownResolution(open, reread: .success(Campaign(id: "c9", channel: .sms, name: nil, status: .sent))),
        ]
    }

    static var lines: [LinePhrase] {
        [
            .banner(profile: "p1", badge: .sandbox, host: "127.0.0.1", readOnly: true), .typeHelp, .note("42"),
            .channelFailed("42", .sms), .changed(name: "c1", from: .scheduled, to: .sent),
            .heading(.one(.email), status: "Sent", search: "x1", clock: "10:00"), .heading(.all, status: nil, search: nil, clock: "10:00"),
            .none, .cancellableTag, .moreTypeN, .help, .noMore, .giveNumbers, .unknownCommand("x1"),
            .willCancel(name: "c1", .email, .scheduled), .typeToCancel(answer: "yes", count: 1), .typeToCancel(answer: "3", count: 3),
            .cancelling("c1"),
        ]
    }

    static var outcomes: [CancelOutcome] {
        [
            .cancelled(message: nil, confirmedByReread: false), .cancelled(message: nil, confirmedByReread: true),
            .failed(apiError), .notCancelled(status: .sent, cause: apiError), .unknown(cause: apiError),
        ]
    }

    static var skips: [CancelPlan.SkipReason] {
        [.status(.sent), .noAnswer, .answeredAboutAnother(otherRef), .nowNotCancellable(.failed), .rereadFailed(apiError)]
    }

    /// Values whose whole text is their arguments and symbols in every language: an API error
    /// is the API's own `name: message`, as sent.
    static let argumentsOnly: Set<String> = [
        "—",  // .nothing
        "bad_request: 42",  // the error itself, a failed outcome, a row that failed
        "✗ bad_request: 42 — c1",  // .cancelFailed
        "SMS",  // the channel's name, as Saudi managers write it in Arabic too
    ]

    static func said(_ catalog: any Catalog) -> [(String, String)] {
        phrases.map { (String(describing: $0), catalog.phrase($0)) }
            + notices.map { (String(describing: $0), catalog.notice($0)) }
            + lines.map { (String(describing: $0), catalog.line($0)) }
            + errors.map { (String(describing: $0), catalog.error($0)) }
            + outcomes.map { (String(describing: $0), catalog.outcome($0)) }
            + skips.map { (String(describing: $0), catalog.skip($0)) }
            + CampaignStatus.known.map { (String(describing: $0), catalog.status($0)) }
            + CampaignStatus.known.compactMap { s in s.isCancellable ? nil : (String(describing: s), catalog.notCancellable(s)) }
            + Channel.allCases.map { (String(describing: $0), catalog.channel($0)) }
            + Channel.allCases.flatMap { c in [false, true].map { ("\(c) \($0)", catalog.sends(c, plural: $0)) } }
            + (1...12).map { ("month \($0)", catalog.month($0)) }
    }

    static func hasArabicLetters(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0621...0x064A).contains($0.value) }
    }

    @Test func everyMessageExistsInEveryCatalog() {
        let en = Self.said(Self.english), ar = Self.said(Self.arabic)
        #expect(en.count == ar.count)
        #expect(en.count > 250, "a broad sample")
        for ((what, e), (_, a)) in zip(en, ar) {
            #expect(!e.isEmpty, "English says nothing for \(what)")
            #expect(!a.isEmpty, "Arabic says nothing for \(what)")
            if Self.argumentsOnly.contains(e) { continue }
            #expect(Self.hasArabicLetters(a), "Arabic for \(what) has no Arabic letters: \(a)")
            #expect(a != e, "Arabic for \(what) is the English: \(a)")
        }
    }

    /// Text composed outside the core is said as composed, in every language.
    @Test func composedTextIsSaidAsComposed() {
        let e = ArselError.configuration(.other("composed by the executable"))
        #expect(Self.english.error(e) == "configuration_error: composed by the executable")
        #expect(Self.arabic.error(e) == "configuration_error: composed by the executable")
    }
}
