/// Why an answer that reads as JSON is not believed: the core names the reason, the catalogs
/// say it.
public enum Distrust: Sendable, Hashable {
    case listEntryWithoutID
    /// `--all` stopped after this many pages, the server still claiming more.
    case morePagesThanLimit(Int)
    case emptyPageClaimingMore
    /// The cursor (a campaign id) came back, or a page brought nothing new.
    case repeatedCursor(String)
    /// A 200 to a cancel with no message and no id of the campaign.
    case cancelConfirmsNothing
    case answerNamesNoCampaign
    /// A read by id answered about another campaign id.
    case answerAboutAnother(asked: String, got: String)
    /// A re-read answered about another campaign or channel.
    case answerAboutAnotherRef(asked: CampaignRef, got: CampaignRef)
    /// A list page of more entries than its `limit`.
    case pageLargerThanLimit(Int)
    /// A body over the size cap, in MiB.
    case answerTooLarge(mebibytes: Int)
}
