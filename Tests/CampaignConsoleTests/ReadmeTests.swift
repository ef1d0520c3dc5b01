import Foundation
import Testing
@testable import CampaignConsole

/// The README's key table is generated from the keymap; this fails when it is stale.
@Suite struct ReadmeTests {
    @Test func keyTableMatchesTheKeymap() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- keys:begin -->\n")), end = try #require(text.range(of: "\n<!-- keys:end -->"))
        let table = String(text[begin.upperBound..<end.lowerBound])
        #expect(table == Keymap.defaults.markdownTable(english), "README key table is stale; paste:\n\(Keymap.defaults.markdownTable(english))")
    }
}
