import CampaignConsole
import Testing
import TerminalUI
@testable import ConsoleConfig

/// A slow link splits an arrow key into Esc, `[` (or `O`), a digit or two, then `A`–`D`: those
/// tails reach the console as keys of their own. None of them may open or confirm a cancel.
@Suite struct KeysOverSSHTests {
    static let tails: [Character] = ["[", "O", "A", "B", "C", "D"] + (0...9).map { Character(String($0)) }

    @Test func noDefaultBindingOfASequenceTailOpensOrConfirmsACancel() {
        for c in Self.tails {
            let key = Key.char(c)
            #expect(Keymap.endsSplitSequence(key), "\(c) is a sequence tail")
            if let command = Keymap.defaults.list.command(for: key) {
                #expect(!command.isWrite, "\(c) opens a cancel in the list: \(command)")
            }
            if let command = Keymap.defaults.dialog.command(for: key) {
                #expect(command != .confirm && command != .press, "\(c) confirms in the dialog: \(command)")
            }
        }
        #expect(!Keymap.endsSplitSequence(.char("c")) && !Keymap.endsSplitSequence(.char("y")) && !Keymap.endsSplitSequence(.escape))
    }

    @Test(arguments: [
        ("cancel: [\"[\"]\n", 1), ("retry-failed: [B]\n", 1), ("mark: [x]\ncancel: [c, \"5\"]\n", 2),
        ("dialog:\n  confirm: [O]\n", 2), ("dialog:\n  keep: [n]\n  press: [A]\n", 3),
    ])
    func keysYAMLRefusesASequenceTailForACancel(text: String, line: Int) {
        let problem = #expect(throws: ConfigProblem.self) { try KeymapFile.parse(text, file: "keys.yaml") }
        #expect(problem?.line == line, "\(String(describing: problem))")
        #expect(problem?.description.hasPrefix("keys.yaml:\(line): ") == true)
        #expect(problem?.problem.contains("slow link splits an arrow key") == true, "\(String(describing: problem))")
    }

    @Test func aSequenceTailMayStillMoveOrMark() throws {
        let keymap = try KeymapFile.parse("mark: [\"[\", space]\ndialog:\n  down: [j, B]\n", file: "keys.yaml")
        #expect(keymap.list.command(for: .char("[")) == .mark)
        #expect(keymap.dialog.command(for: .char("B")) == .down)
    }
}
