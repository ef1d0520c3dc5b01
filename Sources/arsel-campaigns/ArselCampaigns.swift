import ArgumentParser

@main
struct ArselCampaigns: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arsel-campaigns",
        abstract: "See every Arsel campaign and its status; cancel the ones that must not go out.",
        discussion: """
            The API key comes from ARSEL_API_KEY, or from a file only you can read \
            (--api-key-file PATH or ARSEL_API_KEY_FILE; chmod 600). It is never taken from the \
            command line. The base URL comes from --base-url or ARSEL_BASE_URL.

            Exit codes: 0 success; 1 the API refused or an error occurred; 2 at least one cancel \
            has an unknown outcome; 3 configuration error (key, key file, URL, profile); 4 cancel \
            not confirmed; 5 refused: read-only; 64 usage error.
            """,
        version: Version.text,
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, ListCommand.self, ShowCommand.self, CancelCommand.self, SandboxCommand.self,
            AuditCommand.self, InfoCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    static func main() async {
        ProcessGuard.start()
        await main(nil)
    }
}
