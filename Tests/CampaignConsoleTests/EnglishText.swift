import ArselModel
import Foundation
import CancelSession
import Catalogs
@testable import CampaignConsole

/// What a person reads in English, for tests that pin the words.
let english = English()

extension Message {
    var text: String { english.notice(notice) }
}

extension CancelPlan.SkipReason {
    var text: String { english.skip(self) }
}

extension UnknownResolution {
    func sentence(timeZone: TimeZone) -> String { english.resolution(self, clock: Format.clock(cancel.at, timeZone: timeZone, english)) }
}

extension CancelPlan {
    var countsText: String { english.phrase(.campaignCounts(perChannel.map { Phrase.ChannelCount($0.channel, $0.count) }, total: cancellable.count)) }
    var warning: String { english.line(.recallWarning(perChannel.map(\.channel))) }
}

extension CancelRun {
    var summary: String {
        english.notice(.runSummary(cancelled: cancelled.count, total: total, failed: failed.count, unknown: unknown.count, retryKey: nil))
    }
}

let badRequestError = ArselError.api(APIFailure(statusCode: 400, name: "bad_request", message: "Campaign cannot be cancelled in its current status"))
