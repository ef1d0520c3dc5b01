import ArgumentParser
import ArselAPI
import ArselModel

/// The process's exit codes, documented in the README and `--help`.
enum Exit {
    static let success = ExitCode(0)
    /// The API refused, or a call failed.
    static let failed = ExitCode(1)
    /// At least one cancel's outcome is unknown: check before acting again.
    static let unknown = ExitCode(2)
    /// Missing key, a key file with loose permissions, a refused URL.
    static let configuration = ExitCode(3)
    /// The cancel was not confirmed (declined, or no terminal to ask on and no --yes).
    static let notConfirmed = ExitCode(4)
    /// The profile (or --readonly) is read-only: nothing that changes Arsel is allowed.
    static let readOnly = ExitCode(5)

    static func code(for error: ArselError) -> ExitCode {
        if case .configuration = error { return configuration }
        return failed
    }
}
