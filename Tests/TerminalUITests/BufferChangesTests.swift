import Testing
@testable import TerminalUI

/// The screen diff the terminal edge draws: what it sends is exactly what changed.
@Suite struct BufferChangesTests {
    func buffer(_ lines: [String], role: Role = .plain) -> Buffer {
        var b = Buffer(width: 10, height: lines.count)
        for (y, line) in lines.enumerated() { b.put(line, x: 0, y: y, role: role) }
        return b
    }

    @Test func aFirstFrameOrANewSizeIsDrawnWhole() {
        let b = buffer(["hello", "world"])
        let runs = b.changes(since: nil)
        #expect(runs.map(\.y) == [0, 1])
        #expect(runs.allSatisfy { $0.cells == 10 && $0.x == 0 })
        #expect(b.changes(since: Buffer(width: 9, height: 2)).count == 2)
    }

    @Test func anUnchangedFrameSendsNothing() {
        let b = buffer(["hello", "world"])
        #expect(b.changes(since: b).isEmpty)
    }

    @Test func oneChangedCellIsOneRunOfOneCell() {
        let old = buffer(["hello", "world"])
        var new = old
        new.put("J", x: 0, y: 1)
        #expect(new.changes(since: old) == [Buffer.Run(x: 0, y: 1, text: "J", role: .plain, cells: 1)])
    }

    @Test func aRoleChangeAloneIsAChangeAndRunsSplitAtRoles() {
        let old = buffer(["hello"])
        var new = old
        new.paint(x: 1, y: 0, width: 2, role: "row.selected")
        new.put("!", x: 3, y: 0, role: "flash.error")
        #expect(new.changes(since: old) == [
            Buffer.Run(x: 1, y: 0, text: "el", role: "row.selected", cells: 2),
            Buffer.Run(x: 3, y: 0, text: "!", role: "flash.error", cells: 1),
        ])
    }

    @Test func unchangedCellsBetweenTwoChangesAreNotResent() {
        let old = buffer(["abcdefgh"])
        var new = old
        new.put("X", x: 1, y: 0)
        new.put("Y", x: 6, y: 0)
        #expect(new.changes(since: old).map(\.x) == [1, 6])
        #expect(new.changes(since: old).map(\.text) == ["X", "Y"])
    }

    @Test func aWideGlyphIsAlwaysRedrawnWhole() {
        let old = buffer(["春のセール"])
        var new = old
        // Only the right half of 春 changes role: the run starts at its left half.
        new.paint(x: 1, y: 0, width: 1, role: "row.selected")
        let runs = new.changes(since: old)
        #expect(runs.first?.x == 0)
        #expect(runs.first?.text.hasPrefix("春") == true)
        // Overwriting half of it leaves a blank, never half a glyph.
        var cut = old
        cut.put("a", x: 1, y: 0)
        #expect(cut.lines[0].hasPrefix(" a"))
    }
}
