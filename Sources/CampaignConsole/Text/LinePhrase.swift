import ArselModel
import Foundation

/// What the line mode (`--plain`) says that the console's screen does not.
public enum LinePhrase: Sendable, Hashable {
    case banner(profile: String, badge: Phrase.Badge?, host: String, readOnly: Bool)
    case typeHelp
    case note(String)
    case channelFailed(String, Channel)
    case changed(name: String, from: CampaignStatus, to: CampaignStatus)
    case heading(ChannelScope, status: String?, search: String?, clock: String)
    case none
    case cancellableTag
    case moreTypeN
    case help
    case noMore
    case giveNumbers
    case unknownCommand(String)
    case willCancel(name: String, Channel, CampaignStatus)
    case typeToCancel(answer: String, count: Int)
    case cancelling(String)
    case outcome(mark: String, name: String, String)
    case skipped(name: String, reason: String)
    case readOnly(profile: String)
    case kept
    /// What stopping can and cannot do, in the words of the channels concerned (also `cancel`'s).
    case recallWarning([Channel])
    case planned(counts: [Phrase.ChannelCount], total: Int, seconds: Int)
    case channelField(Channel)
}

extension Catalog {
    /// The line mode's lines: the console's phrases where they are the same words.
    public func line(_ p: LinePhrase) -> String { lineText(p) }
}
