import Testing
@testable import TerminalUI

@Suite struct LayoutTests {
    @Test func rectanglesCutAndClampNeverGoNegative() {
        let r = Rect(x: 2, y: 1, width: 10, height: 5)
        #expect(r.top(2) == Rect(x: 2, y: 1, width: 10, height: 2))
        #expect(r.droppingTop(2) == Rect(x: 2, y: 3, width: 10, height: 3))
        #expect(r.bottom(1) == Rect(x: 2, y: 5, width: 10, height: 1))
        #expect(r.droppingBottom(9).height == 0)
        #expect(r.inset(dx: 1, dy: 1) == Rect(x: 3, y: 2, width: 8, height: 3))
        #expect(r.inset(dx: 9, dy: 9).isEmpty)
        #expect(r.centered(width: 4, height: 3) == Rect(x: 5, y: 2, width: 4, height: 3))
        #expect(r.centered(width: 40, height: 40) == r)
        #expect(r.row(7).isEmpty)
    }

    @Test func theLeastImportantExtraGoesFirstThenFactsShortenBeforeAnyGoes() {
        let pieces = [
            Piece(["product-name"], priority: 10),
            Piece([" PRODUCTION ", " PROD "], priority: 100, required: true),
            Piece(["[Email] SMS  Push", "[Email]"], priority: 90, required: true),
            Piece(["budget 2/s", "2/s"], priority: 70),
            Piece(["updated 3 min ago", "3 min ago"], priority: 60),
        ]
        // Everything fits.
        #expect(PriorityFit.choose(pieces, width: 200, gap: 1).compactMap { $0 }.count == 5)
        // The extra goes first, whole, before any fact shortens.
        #expect(PriorityFit.choose(pieces, width: 70, gap: 1) == [nil, " PRODUCTION ", "[Email] SMS  Push", "budget 2/s", "updated 3 min ago"])
        // Then every fact shortens (least important first) before the age goes.
        let narrow = PriorityFit.choose(pieces, width: 36, gap: 1)
        #expect(narrow[4] != nil)
        #expect(narrow[1] == " PRODUCTION ")
        // At the narrowest the required pieces stay, short.
        #expect(PriorityFit.choose(pieces, width: 10, gap: 1) == [nil, " PROD ", "[Email]", nil, nil])
    }

    @Test func aDropGivesItsRoomBackToTheMostImportantLongerForms() {
        let pieces = [Piece(["aaaaaaaaaa"], priority: 60), Piece(["bbbbbbbb", "b"], priority: 90)]
        // 10 + 1 + 8 = 19 > 12: b shortens to 1, then a still does not fit (10 + 1 + 1 = 12: it
        // does), so both stay.
        #expect(PriorityFit.choose(pieces, width: 12, gap: 1) == ["aaaaaaaaaa", "b"])
        // At 9, a goes, and b gets its long form back.
        #expect(PriorityFit.choose(pieces, width: 9, gap: 1) == [nil, "bbbbbbbb"])
    }

    @Test func columnsDropByPriorityAndTheFlexibleOneTakesTheRest() {
        let columns = [
            ColumnSpec("NAME", width: 12, priority: 100, required: true, flexible: true, maxWidth: 30),
            ColumnSpec("ID", width: 10, priority: 9),
            ColumnSpec("STATUS", width: 8, priority: 100, required: true),
            ColumnSpec("SENT", width: 16, priority: 3),
            ColumnSpec("UPDATED", width: 16, priority: 4),
        ]
        // leading 2 + 12 + 10 + 8 + 16 + 16 + 4 gaps of 2 = 72
        #expect(TableLayout.fit(columns, width: 72, leading: 2, gap: 2) == [12, 10, 8, 16, 16])
        #expect(TableLayout.fit(columns, width: 71, leading: 2, gap: 2) == [12 + 17, 10, 8, nil, 16])
        #expect(TableLayout.fit(columns, width: 200, leading: 2, gap: 2)[0] == 30)
        // Required columns stay however narrow.
        #expect(TableLayout.fit(columns, width: 5, leading: 2, gap: 2) == [12, nil, 8, nil, nil])
    }
}
