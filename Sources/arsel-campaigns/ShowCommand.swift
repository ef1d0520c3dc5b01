import ArgumentParser
import ArselAPI
import ArselModel
import Catalogs
import CampaignConsole
import TerminalUI

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one campaign.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The campaign id.")
    var id: String

    @Option(help: "email, sms or push; without it, the campaign is looked for in each (one request each at most).")
    var channel: Channel?

    @Flag(help: "The campaign object as JSON, with the API's field names.")
    var json = false

    func validate() throws {
        if id.isEmpty { throw ValidationError("the campaign id is empty") }
    }

    func run() async throws {
        let (id, channel) = (self.id, self.channel)
        let result: Result<Campaign, ArselError> = try await withClient(global) { client in
            await locate(id, in: channel.map { [$0] } ?? Channel.allCases, client: client)
        }
        switch result {
        case .failure(let error):
            Console.error(error)
            throw Exit.code(for: error)
        case .success(let campaign):
            if json {
                Console.out(JSONText.campaign(campaign))
                return
            }
            Console.out(TextLayout.fit("channel", to: max(7, campaign.apiFields.map(\.0.count).max() ?? 0)) + "  " + campaign.channel.rawValue)
            let keyWidth = campaign.apiFields.map(\.0.count).max() ?? 0
            for (key, value) in campaign.apiFields {
                var text = Format.text(value)
                // Times as every command prints them; text that is not ISO 8601 stays as sent.
                if key.hasSuffix("_at"), case .string(let raw) = value, let date = Timestamp.parse(raw) {
                    text = Format.instant(date, timeZone: global.timeZone)
                }
                Console.out(TextLayout.fit(key, to: keyWidth) + "  " + Sanitizer.sanitize(text))
            }
            Console.out(
                campaign.status.isCancellable
                    ? "cancellable: yes (arsel-campaigns cancel \(Sanitizer.sanitize(campaign.id)) --channel \(campaign.channel.rawValue))"
                    : "cancellable: no — \(Sanitizer.sanitize(English().notCancellable(campaign.status)))")
        }
    }
}
