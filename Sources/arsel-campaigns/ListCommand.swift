import ArgumentParser
import ArselAPI
import ArselModel
import Catalogs
import TerminalUI

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List campaigns, newest first (● = can still be cancelled).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "email, sms, push, or all (every channel, what goes out next first).")
    var channel: ChannelScope = .one(.email)

    @Option(help: "Only this status (Draft, Scheduled, Queued, Sending, Sent, Paused, Failed, Cancelled; any case).")
    var status: String?

    @Option(help: "Only names containing this text (case-insensitive).")
    var search: String?

    @Option(help: "At most this many campaigns (1–100; default 20).")
    var limit: Int?

    @Flag(help: "Every campaign, all pages (100 per request, paced to the rate budget).")
    var all = false

    @Flag(help: "One JSON array of campaign objects with the API's field names.")
    var json = false

    func validate() throws {
        if let limit, !(1...100).contains(limit) { throw ValidationError("--limit must be between 1 and 100") }
        // A usage error (exit 64), not a request the API would refuse.
        if let status, case .unknown = CampaignStatus(status) {
            throw ValidationError("--status must be one of \(CampaignStatus.known.map(\.title).joined(separator: ", ")) (any case), not \"\(Sanitizer.sanitize(status))\"")
        }
    }

    func run() async throws {
        let query = CampaignQuery(status: status, search: search, limit: limit)
        let (all, scope) = (self.all, self.channel)
        let result: Result<CampaignPage, ArselError> = try await withClient(global) { client in
            do {
                return .success(try await listScope(scope, query, all: all, client: client))
            } catch let error as ArselError {
                return .failure(error)
            }
        }
        switch result {
        case .failure(let error):
            Console.error(error)
            throw Exit.code(for: error)
        case .success(let page):
            if json {
                Console.out(JSONText.array(page.campaigns.map { JSONText.campaign($0, indent: "  ") }))
                return
            }
            for line in CampaignTable.render(
                page.campaigns, width: Console.width, channels: channel == .all, timeZone: global.timeZone) { Console.out(line) }
            let cancellable = page.campaigns.filter(\.status.isCancellable).count
            let title: String
            if case .one(let c) = channel { title = English().channel(c) } else { title = English().phrase(.allChannels) }
            var footer = "\(page.campaigns.count) \(title) campaign(s), \(cancellable) cancellable (●)"
            if page.hasMore { footer += "; more exist: --all, or a larger --limit" }
            Console.out(footer)
        }
    }
}
