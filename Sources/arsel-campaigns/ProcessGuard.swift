import ArselAPI
import CProcessGuard
import ConsoleConfig
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

    /// Keeps `record` ready to be appended to `path` if the process dies before its outcome is
    /// recorded (`settle` with the same idempotency key).
    static func pending(_ record: AuditRecord, path: String) {
        guard let line = try? AuditLog.line(record) else { return }
        let slot = line.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { arsel_guard_pending_add(path, $0.baseAddress, $0.count) }
        }
        if slot >= 0 { slots.withLock { $0[record.idempotencyKey] = slot } }
    }

    /// The cancel's outcome is recorded: nothing is pending for it any more.
    static func settle(_ idempotencyKey: String) {
        if let slot = slots.withLock({ $0.removeValue(forKey: idempotencyKey) }) { arsel_guard_pending_remove(slot) }
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
