import ArselSandbox
import Foundation

extension Sandbox {
    /// A sandbox for tests: 127.0.0.1 port 0, in-memory, demo data unless told otherwise, a
    /// budget no test hits by accident, and a dispatcher that waits to be stepped.
    public static func startForTests(
        seed: SandboxOptions.Seed = .demo, rate: Double = 1000, configure: (inout SandboxOptions) -> Void = { _ in }
    ) async throws -> Sandbox {
        var options = SandboxOptions()
        options.port = 0
        options.rate = rate
        options.seed = seed
        options.tick = .seconds(3600)
        configure(&options)
        let sandbox = try Sandbox(options: options)
        try await sandbox.start()
        return sandbox
    }

    /// `http://127.0.0.1:port`, where `/_sandbox/` lives.
    public var root: String { baseURL.absoluteString.replacingOccurrences(of: "/v1", with: "") }
}
