import ArselModel
import Catalogs
import Foundation
import Testing
import TerminalUI
@testable import CampaignConsole

/// The demo's screens in English and in Arabic at 80×24 and 120×30, with their roles: Arabic
/// names, a name mixing Arabic, Latin and digits, a long Arabic name cut. In Arabic the screen
/// is mirrored (marker and name at the right), each field in visual order, shaped.
@Suite struct LanguageViewTests {
    static let rows: [Campaign] = [
        campaign(1, .scheduled, "حملة رمضان — العملاء المميزون", scheduledIn: 700),
        campaign(2, .queued, "Ramadan حملة 2026 — خصم 50%", scheduledIn: -120),
        campaign(3, .sending, "Weekly digest #42"),
        campaign(4, .scheduled, "تخفيضات نهاية الموسم الكبرى لجميع عملاء المملكة العربية السعودية", scheduledIn: 86400 * 2),
        campaign(5, .sent, "تذكير الدفع الشهري"),
        campaign(6, .cancelled, "Flash sale — الإعلان"),
        campaign(7, .draft, "Draft push"),
    ]

    static func env(_ language: Language) -> ConsoleEnvironment {
        var env = environment()
        env.catalog = LanguageChoice.catalog(language)
        return env
    }

    @Test(arguments: [Language.en, .ar], [(80, 24), (120, 30)])
    func theDemoInEachLanguage(language: Language, size: (Int, Int)) throws {
        let (w, h) = size
        let suffix = "\(language.rawValue)-\(w)x\(h)"
        let views = ViewTests()
        var list = loaded(Self.rows, width: w, height: h, env: Self.env(language))
        list.notes["c6"] = .cancelled(message: "Campaign cancelled", confirmed: false)
        list.notes["c5"] = .failed(badRequestError, now: nil)
        list.marks = ["c4"]
        try views.check(list, "lang/list-\(suffix)")
        var confirm = loaded(Self.rows, width: w, height: h, env: Self.env(language))
        _ = Reducer.reduce(&confirm, .key(.char("c")))
        _ = Reducer.reduce(&confirm, .confirmChecked(request: 2, [.success(Self.rows[0])]))
        try views.check(confirm, "lang/confirm-\(suffix)")
        var help = loaded(Self.rows, width: w, height: h, env: Self.env(language))
        _ = Reducer.reduce(&help, .key(.char("?")))
        try views.check(help, "lang/help-\(suffix)")
    }

    /// In Arabic the marker is the row's first cell from the right, and every row's status
    /// starts (its glyph, at the right of its word) in the same cell.
    @Test func arabicRowsReadFromTheRightAndTheirStatusesLineUp() throws {
        let state = loaded(Self.rows, width: 80, height: 24, env: Self.env(.ar))
        let buffer = Screen.render(state)
        let glyphs = Glyphs.unicode
        var columns = Set<Int>()
        for y in Layout.rowsAbove..<(Layout.rowsAbove + Self.rows.count) {
            // As "▶ ●" starts an English row: the selection's two cells, then the marker.
            #expect([glyphs.cancellable, glyphs.notCancellable, glyphs.marked].contains(buffer[77, y].text), "row \(y) ends with its marker: \(buffer.lines[y])")
            let statusGlyphs = CampaignStatus.known.map(glyphs.status)
            let x = try #require((0..<80).last { statusGlyphs.contains(buffer[$0, y].text) }, "row \(y) has a status glyph: \(buffer.lines[y])")
            columns.insert(x)
        }
        #expect(columns.count == 1, "every status glyph in one column: \(columns)")
        // The selected row's ◀ is at the right edge, and the cursor with it.
        #expect(buffer[79, Layout.rowsAbove].text == "◀")
        #expect(buffer.cursor?.x == 79)
    }

    /// A bulk cancel on production in Arabic: every line of the list reads from the right
    /// whatever the name's script, and the typed count is asked for.
    @Test(arguments: [(80, 24), (120, 30)])
    func aBulkCancelOnProductionInArabic(size: (Int, Int)) throws {
        var env = Self.env(.ar)
        env.production = true
        var state = loaded(Self.rows, width: size.0, height: size.1, env: env)
        _ = press(&state, .char("a"), .char("c"))
        let asked = Self.rows.filter(\.status.isCancellable)
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, asked.map { .success($0) }))
        try ViewTests().check(state, "lang/bulk-production-ar-\(size.0)x\(size.1)")
        // Each listed campaign's marker is the first cell of its line from the right.
        let buffer = Screen.render(state)
        let lines = buffer.lines.filter { $0.contains("◆") && $0.contains("│") }
        #expect(lines.count == asked.count, "\(buffer.lines.joined(separator: "\n"))")
        for line in lines {
            let inner = line.split(separator: "│", omittingEmptySubsequences: false)
            let box = try #require(inner.count >= 3 ? inner[inner.count - 2] : nil, "\(line)")
            #expect(box.trimmingCharacters(in: .whitespaces).hasSuffix("◆"), "marker at the right: \(line)")
        }
    }

    /// With `digits: arabic` the count is asked for in Arabic-Indic digits and typed as an
    /// Arabic keyboard types it; the id beside it keeps its own digits.
    @Test func theCountIsTypedInArabicIndicDigits() throws {
        var env = environment(production: true)
        env.catalog = Arabic(arabicDigits: true)
        var state = loaded(Self.rows, width: 80, height: 24, env: env)
        _ = press(&state, .char("c"))
        _ = Reducer.reduce(&state, .confirmChecked(request: 2, [.success(Self.rows[0])]))
        let screen = Screen.render(state).lines.joined(separator: "\n")
        #expect(screen.contains(Bidi.visual("اكتب ١ للتأكيد:", direction: .rtl)), "\(screen)")
        #expect(screen.contains("c1"), "the id keeps its digit: \(screen)")
        #expect(screen.contains("١١:١٨"), "the clock in Arabic-Indic digits: \(screen)")
        let effects = press(&state, .char("١"), .enter)
        #expect(effects == [.cancel(CampaignRef("c1", .email), idempotencyKey: "t-1")], "١ is the count 1")
    }
}
