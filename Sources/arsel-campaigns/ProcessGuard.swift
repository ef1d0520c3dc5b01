import ArselAPI
import ArselModel
import CProcessGuard
import ConsoleConfig
import TerminalUI
import Dispatch
import Foundation
import Synchronization

/// The process's protections, set before anything else runs: no core file can hold the key, and
/// a death Swift cannot catch (a fatal error, SIGSEGV, `exit` from any thread) still restores the
/// terminal and records in-flight cancels as unknown (CProcessGuard does the last acts).
enum ProcessGuard {
    static func start() {
        let failed = arsel_guard_no_core_dumps()
        if failed != 0 { Console.err("arsel-campaigns: could not turn core dumps off (errno \(failed))") }
        arsel_guard_install()
    }

    static var coreDumpsOff: Bool { arsel_guard_core_dumps_off() == 1 }

    /// Slots of the pending lines, by idempotency key.
    private static let slots = Mutex<[String: Int32]>([:])
    /// The cancels sent and not answered, by idempotency key: what a signal interrupts.
    private static let inFlight = Mutex<[String: String]>([:])

    /// Keeps `record` ready to be appended to `path` if the process dies before its outcome is
    /// recorded (`settle` with the same idempotency key).
    static func pending(_ record: AuditRecord, path: String) {
        guard let line = try? AuditLog.line(record) else { return }
        let slot = line.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { arsel_guard_pending_add(path, $0.baseAddress, $0.count) }
        }
        if slot >= 0 { slots.withLock { $0[record.idempotencyKey] = slot } }
        inFlight.withLock { $0[record.idempotencyKey] = "\(record.channel) campaign \(record.campaignID)" }
    }

    /// The cancel's outcome is recorded: nothing is pending for it any more.
    static func settle(_ idempotencyKey: String) {
        if let slot = slots.withLock({ $0.removeValue(forKey: idempotencyKey) }) { arsel_guard_pending_remove(slot) }
        _ = inFlight.withLock { $0.removeValue(forKey: idempotencyKey) }
    }

    /// Kept alive for the process; written once, from the command's own task.
    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

    /// For front-ends that wait on a cancel (line mode, `cancel`): SIGINT, SIGTERM or SIGHUP
    /// during one says, on stderr, which cancel is unresolved, and exits 2; the exit appends its
    /// pending `unknown` audit line (CProcessGuard's atexit). With nothing in flight the signal
    /// ends the process as usual (128 + its number). The console has its own path (SignalStream).
    static func exitOnSignals() {
        let sources: [any DispatchSourceSignal] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let unresolved = inFlight.withLock { Array($0.values) }.sorted()
                for what in unresolved {
                    Console.err("arsel-campaigns: \(Sanitizer.sanitize(what)): interrupted by \(name) while cancelling: "
                        + "outcome unknown — check before retrying (arsel-campaigns audit --resolve)")
                }
                exit(unresolved.isEmpty ? 128 + number : 2)
            }
            source.resume()
            return source
        }
        signalSources = sources
    }

    #if DEBUG
    /// Test builds only: `ARSEL_TEST_CRASH=during-cancel` dies by a Swift fatal error from another
    /// thread while a cancel is in flight, to prove the last acts happen.
    static func crashIfAsked() {
        guard ProcessInfo.processInfo.environment["ARSEL_TEST_CRASH"] == "during-cancel" else { return }
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            fatalError("injected by ARSEL_TEST_CRASH")
        }
    }
    #endif
}
