import ArselSandbox
import Foundation
import Testing
import TestSupport

/// SIGINT, SIGTERM and SIGHUP in the list, in the dialog and during a cancel: the terminal is
/// restored, and the audit trail is intact (a cancel cut short is recorded as unknown).
@Suite(.serialized) struct SignalTests {
    enum Moment: String, CaseIterable { case list, dialog, cancelling }

    @Test(arguments: [("INT", Moment.list), ("TERM", .dialog), ("HUP", .cancelling), ("INT", .cancelling), ("TERM", .list)])
    func restoredWhateverTheMoment(signal: String, moment: Moment) async throws {
        try #require(Tmux.available, "tmux is required (scripts/test installs it)")
        let sandbox = try await Sandbox.startForTests()
        let root = sandbox.root
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("sig-\(UUID().uuidString)")
        let tmux = try Tmux(width: 120, height: 30)
        defer {
            tmux.kill()
            try? FileManager.default.removeItem(at: state)
        }
        try tmux.type("XDG_STATE_HOME=\(state.path) ARSEL_BASE_URL=\(sandbox.baseURL.absoluteString) ARSEL_API_KEY=\(sandbox.demoKey) \(Binary.url.path) --channel email --rate 50; echo EX\"\"ITED=$?")
        #expect(await tmux.waitFor("Ramadan offers — KSA list"))
        if moment != .list {
            try tmux.press("c")
            #expect(await tmux.waitFor("[> Keep <]"))
        }
        if moment == .cancelling {
            // The cancel takes 5 s at the server: the signal lands while it is in flight.
            _ = try await RawHTTP.send("PUT", root + "/_sandbox/faults", body: #"{"POST /v1/email/campaigns/:id/cancel": {"hold_ms": 5000}}"#)
            try tmux.press("y")
            #expect(await tmux.waitFor("cancelling…"))
        }
        let pid = try tmux.display("#{pane_pid}")
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        kill.arguments = ["-\(signal)", "-P", pid, "-f", "arsel-campaigns"]
        try kill.run()
        kill.waitUntilExit()
        #expect(await tmux.waitFor("EXITED="), "\((try? tmux.screen()) ?? "")")
        try tmux.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | sed 's/^/STTY:/'; echo AL\"\"IVE")
        #expect(await tmux.waitFor("ALIVE"))
        let screen = try tmux.screen()
        #expect(screen.contains("STTY:icanon") && screen.contains("STTY:echo"), "SIG\(signal) in the \(moment): \(screen)")
        #expect(!screen.contains("STTY:-icanon") && !screen.contains("STTY:-echo"))
        let audit = state.appendingPathComponent("arsel-campaigns/audit.jsonl")
        if moment == .cancelling {
            #expect(screen.contains("EXITED=2"), "an unknown outcome exits 2")
            let lines = try String(contentsOf: audit, encoding: .utf8).split(separator: "\n")
            let records = lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
            #expect(records.count == lines.count, "no torn line")
            #expect(records.contains { $0["outcome"] as? String == "unknown" }, "the cut-short cancel is recorded as unknown")
        } else {
            #expect(!FileManager.default.fileExists(atPath: audit.path), "nothing was cancelled, nothing recorded")
        }
        await sandbox.stop()
    }
}
