import Foundation
import Testing
import TerminalUI
import TestSupport

/// What the terminal shows is what the buffer holds (issue 9): for names whose width terminals
/// dispute (flags, lone regional indicators, skin tones, prepended concatenation marks, Hangul
/// jamo runs, stacked marks, characters newer than the C library), the real binary in tmux draws
/// every row with the status column where the header says, the name cells equal the buffer's,
/// and no glyph of a previous frame is left — at several widths and after the rows change.
@Suite(.serialized) struct CellAgreementTests {
    static let corpus = [
        "N01 flag 🇸🇦 KSA", "N02 lone 🇸 indicator", "N03 thumbs 👍🏽 tone", "N04 \u{0600}١٢٣ number sign",
        "N05 jamo ᄀᄀᄀ각 run", "N06 한국어 캠페인", "N07 e\u{301}\u{302}\u{303} marks", "N08 family 👨‍👩‍👧 zwj",
        "N09 春のセール", "N10 حملة رمضان", "N11 new 🫨 emoji", "N12 plain ascii name", "N13 wide ＡＢＣ full",
        "N14 \u{1ACF} newer mark",
    ]

    static func server() -> @Sendable (ScriptedRequest) async -> ScriptedReply {
        let items = corpus.enumerated().map { i, name in Fixtures.emailCampaign(id: Fixtures.id(100 - i), name: name, status: "Scheduled") }
        return { request in
            guard request.path == "/v1/email/campaigns" else { return .error(404, "not_found", "Campaign not found") }
            // A status filter answers the same campaigns in reverse: every row's content changes in place.
            let page = request.query("status") == nil ? items : items.reversed()
            return .json(200, Fixtures.list(Array(page), hasMore: false))
        }
    }

    /// Every corpus row of the pane: the status starts under STATUS, the name cells equal the
    /// buffer's rendering of the name, nothing is drawn past the right edge.
    func check(_ screen: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first { $0.contains("NAME") && $0.contains("STATUS") }, "the header:\n\(screen)")
        try CLibraryWidth.measuring { wcwidth in
            let statusColumn = try #require(wcwidth.column(of: "STATUS", in: header))
            let nameColumn = try #require(wcwidth.column(of: "NAME", in: header))
            var seen = 0
            for name in Self.corpus {
                let tag = String(name.prefix(3))
                guard let row = lines.first(where: { $0.contains(tag + " ") }) else { continue }
                seen += 1
                #expect(wcwidth.column(of: "Scheduled", in: row) == statusColumn + 2, "\(tag) at \(width): status misplaced\n\(row)\n\(header)",
                        sourceLocation: sourceLocation)
                // The console lays right-to-left names out itself (bidi app mode): in visual order, shaped.
                let expected = Bidi.visual(TextLayout.truncate(Sanitizer.sanitize(name), to: statusColumn - 1 - nameColumn))
                let shown = wcwidth.slice(row, nameColumn..<(statusColumn - 1))
                #expect(shown.trimmingCharacters(in: .whitespaces) == expected.trimmingCharacters(in: .whitespaces),
                        "\(tag) at \(width): the pane's name cells differ from the buffer's", sourceLocation: sourceLocation)
                let used = row.unicodeScalars.reduce(0) { $0 + max(0, wcwidth($1)) }
                #expect(used <= width, "\(tag): \(used) cells on a \(width)-cell line", sourceLocation: sourceLocation)
            }
            #expect(seen == Self.corpus.count, "every corpus row is on screen at \(width)", sourceLocation: sourceLocation)
        }
    }

    @Test func thePaneEqualsTheBufferAtSeveralWidths() async throws {
        try #require(Tmux.available, "tmux is required (scripts/test installs it)")
        let server = try await ScriptedServer(Self.server())
        let tmux = try Tmux(width: 120, height: 30)
        defer {
            tmux.kill()
            Task { await server.shutdown() }
        }
        try tmux.type("ARSEL_BASE_URL=\(server.baseURL) ARSEL_API_KEY=be_cells_test_key_0000000000000000 \(Binary.url.path) --channel email --rate 50; echo EX\"\"ITED=$?")
        #expect(await tmux.waitFor("N14 "), "the corpus appears:\n\((try? tmux.screen()) ?? "")")
        for width in [120, 80, 100, 64] {
            try tmux.resize(width: width, height: 30)
            #expect(await BackgroundBinary.eventually(timeout: .seconds(5)) {
                ((try? tmux.screen()) ?? "").split(separator: "\n").first.map { $0.count <= width } ?? false
                    && ((try? tmux.display("#{window_width}")) ?? "") == "\(width)"
            })
            try await Task.sleep(for: .milliseconds(300))  // the redraw after SIGWINCH: no condition to wait on in the pane
            try check(try tmux.screen(), width: width)
        }
        // The rows change in place (the filter answers them reversed): no stale glyph remains.
        // s: stoppable (filtered here), s again: Scheduled (asked of the server).
        try tmux.press("s")
        #expect(await tmux.waitFor("filter: stoppable"))
        try tmux.press("s")
        #expect(await tmux.waitFor("filter: Scheduled"))
        #expect(await BackgroundBinary.eventually(timeout: .seconds(5)) {
            let lines = ((try? tmux.screen()) ?? "").split(separator: "\n")
            return (lines.firstIndex { $0.contains("N14 ") } ?? 99) < (lines.firstIndex { $0.contains("N01 ") } ?? 0)
        }, "the reversed answer is drawn")
        try check(try tmux.screen(), width: 64)
        try tmux.press("q")
        #expect(await tmux.waitFor("EXITED=0"))
    }
}
