import ArgumentParser
import ArselAPI
import ArselModel
import CampaignConsole

extension Channel: ExpressibleByArgument {}

extension ChannelScope: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// Finds which channel a campaign id lives on: email, then SMS, then push, one GET each at
/// most, stopping at the first answer that is not `not_found`. Any other error is the answer
/// (a timeout must not be taken for "not on this channel").
func locate(_ id: String, in channels: [Channel], client: CampaignsClient) async -> Result<Campaign, ArselError> {
    var last: ArselError = .configuration(.other("no channel to look in"))
    for channel in channels {
        do {
            return .success(try await client.get(id, channel: channel))
        } catch {
            if case .api(let f) = error, f.statusCode == 404 {
                last = error
                continue
            }
            return .failure(error)
        }
    }
    return .failure(last)
}

/// Every campaign of the scope matching `query`: one channel as the API lists it, all channels
/// in the console's urgency order ("what goes out next" first).
func listScope(_ scope: ChannelScope, _ query: CampaignQuery, all: Bool, client: CampaignsClient) async throws(ArselError) -> CampaignPage {
    var campaigns: [Campaign] = []
    var hasMore = false
    for channel in scope.channels {
        var q = query
        q.channel = channel
        if all {
            campaigns += try await client.pages(q).all()
        } else {
            let page = try await client.list(q)
            campaigns += page.campaigns
            hasMore = hasMore || page.hasMore
        }
    }
    return CampaignPage(campaigns: scope == .all ? Urgency.ordered(campaigns) : campaigns, hasMore: hasMore)
}
