import ArselModel
@testable import ConsoleRuntime
import Synchronization
import Testing
import TestSupport

/// The runtime's tasks by purpose: finished ones are released, a newer one for the same purpose
/// cancels the older, and stopping cancels reads but never a cancel.
@Suite struct WorkSetTests {
    @Test func finishedTasksAreReleased() async {
        let work = WorkSet()
        for i in 0..<200 { work.run(i % 2 == 0 ? .reread : .check) {} }
        #expect(await BackgroundBinary.eventually { work.count == 0 }, "\(work.count) finished tasks kept")
    }

    @Test func aNewerTaskForTheSamePurposeCancelsTheOlder() async {
        let work = WorkSet()
        let seen = Mutex<[String]>([])
        work.run(.list(.sms, more: false)) {
            try? await Task.sleep(for: .seconds(5))
            seen.withLock { $0.append(Task.isCancelled ? "first cancelled" : "first ran") }
        }
        work.run(.list(.email, more: false)) { seen.withLock { $0.append("email ran") } }
        work.run(.list(.sms, more: false)) { seen.withLock { $0.append("second ran") } }
        #expect(await BackgroundBinary.eventually { seen.withLock { $0.count } == 3 })
        #expect(Set(seen.withLock { $0 }) == ["first cancelled", "email ran", "second ran"])
    }

    @Test func stoppingCancelsReadsButNeverACancel() async {
        let work = WorkSet()
        let seen = Mutex<[String]>([])
        let ref = CampaignRef("c1", .push)
        work.run(.cancel(ref, key: "k")) {
            try? await Task.sleep(for: .milliseconds(300))
            seen.withLock { $0.append(Task.isCancelled ? "cancel cancelled" : "cancel ran") }
        }
        work.run(.reread) {
            try? await Task.sleep(for: .milliseconds(300))
            seen.withLock { $0.append(Task.isCancelled ? "read cancelled" : "read ran") }
        }
        work.cancelAll()
        #expect(await BackgroundBinary.eventually { seen.withLock { $0.count } == 2 })
        #expect(Set(seen.withLock { $0 }) == ["cancel ran", "read cancelled"])
    }

    /// Even given the same key twice, a cancel never cancels another.
    @Test func aCancelIsNeverSupersededEvenUnderItsOwnKey() async {
        let work = WorkSet()
        let seen = Mutex<[String]>([])
        let key = WorkKey.cancel(CampaignRef("c1", .email), key: "k")
        work.run(key) {
            try? await Task.sleep(for: .milliseconds(200))
            seen.withLock { $0.append(Task.isCancelled ? "first cancelled" : "first ran") }
        }
        work.run(key) { seen.withLock { $0.append("second ran") } }
        #expect(await BackgroundBinary.eventually { seen.withLock { $0.count } == 2 })
        #expect(Set(seen.withLock { $0 }) == ["first ran", "second ran"])
    }
}
