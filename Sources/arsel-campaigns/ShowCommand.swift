import ArgumentParser
import ArselAPI
import TerminalUI

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one campaign.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The campaign id.")
    var id: String

    @Option(help: "email or sms.")
    var channel: Channel = .email

    @Flag(help: "The campaign object as JSON, with the API's field names.")
    var json = false

    func run() async throws {
        let (id, channel) = (self.id, self.channel)
        let result: Result<Campaign, ArselError> = try await withClient(global) { client in
            do { return .success(try await client.get(id, channel: channel)) } catch let e as ArselError { return .failure(e) }
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
            let keyWidth = campaign.apiFields.map(\.0.count).max() ?? 0
            for (key, value) in campaign.apiFields {
                let text: String
                switch value {
                case .string(let s): text = s
                case .number: text = JSONText.scalar(value)
                case .bool(let b): text = b ? "true" : "false"
                case .null: text = "—"
                }
                Console.out(TextLayout.fit(key, to: keyWidth) + "  " + Sanitizer.sanitize(text))
            }
            Console.out(
                campaign.status.isCancellable
                    ? "cancellable: yes (arsel-campaigns cancel \(Sanitizer.sanitize(campaign.id)) --channel \(channel.rawValue))"
                    : "cancellable: no — \(Sanitizer.sanitize(campaign.status.notCancellableReason))")
        }
    }
}
