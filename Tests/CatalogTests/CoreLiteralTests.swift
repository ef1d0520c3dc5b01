import Foundation
import Testing

/// The core builds typed values and the catalogs say them: no sentence for a person may be
/// written in the core's own source.
@Suite struct CoreLiteralTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")
    static let core = ["ArselAPI", "ArselModel", "CancelSession", "CampaignConsole"]

    /// Literals that are identifiers, not words for a person: the API's status values (its
    /// docs' Title case, sent and compared as such), an HTTP auth scheme, and HTTP-date formats.
    static let identifiers: Set<String> = [
        "Draft", "Scheduled", "Queued", "Sending", "Sent", "Paused", "Failed", "Cancelled", "Archived",
        "Bearer ·",
        "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy",
    ]

    /// Calls whose text is for operators and programmers (logs, failed preconditions, compiler
    /// messages of `@available`) or is
    /// matched against server text, never shown: `logger.info(…)`, `precondition(…)`, `contains(…)`.
    static func exempt(_ call: String?) -> Bool {
        guard let call else { return false }
        let name = call.split(separator: ".").last.map(String.init) ?? call
        return call.contains("logger.")
            || ["precondition", "preconditionFailure", "assert", "assertionFailure", "fatalError", "available"].contains(call)
            || ["contains", "localizedCaseInsensitiveContains", "hasPrefix", "hasSuffix"].contains(name)
    }

    /// Two ASCII words of letters separated by spaces, or a capitalised word ("Campaign").
    static func readsAsEnglish(_ text: String) -> Bool {
        text.range(of: "[A-Za-z]+ +[A-Za-z]+", options: .regularExpression) != nil
            || text.range(of: "(?<![A-Za-z])[A-Z][a-z]+(?![A-Za-z])", options: .regularExpression) != nil
    }

    static func offenders() throws -> [String] {
        var found: [String] = []
        for target in core {
            let dir = sources.appendingPathComponent(target)
            let files = try #require(FileManager.default.enumerator(atPath: dir.path)).compactMap { $0 as? String }
            for file in files.sorted() where file.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                for literal in SourceLiterals.scan(text)
                where readsAsEnglish(literal.text) && !exempt(literal.call) && !identifiers.contains(literal.text) {
                    found.append("Sources/\(target)/\(file):\(literal.line): \"\(literal.text)\"")
                }
            }
        }
        return found
    }

    @Test func noUserVisibleEnglishLiteralInTheCore() throws {
        let found = try Self.offenders()
        for line in found { print(line) }
        #expect(found.isEmpty, "English for a person belongs in a catalog (Sources/Catalogs):\n\(found.joined(separator: "\n"))")
    }

    /// The scanner itself: comments skipped, interpolations and raw strings understood.
    @Test func theScannerSeesLiteralsOnly() {
        let source = #"""
            // "in a comment"
            /* "in a /* nested */ block" */
            let a = "one \(f("inner")) two"
            let b = #"raw "quoted" \(x)"#
            logger.info("for operators")
            let c = """
                multi
                """
            """#
        let found = SourceLiterals.scan(source)
        #expect(found.map(\.text) == ["inner", "one · two", #"raw "quoted" \(x)"#, "for operators", "\n    multi\n    "])
        #expect(found.map(\.line) == [3, 3, 4, 5, 6])
        #expect(found.map(\.call) == ["f", nil, nil, "logger.info", nil])
        #expect(Self.readsAsEnglish("a list entry has no id"))
        #expect(Self.readsAsEnglish("Campaign"))
        #expect(!Self.readsAsEnglish("status_code"))
        #expect(!Self.readsAsEnglish("ratelimit-remaining"))
        #expect(!Self.readsAsEnglish("HTTP ·"))
    }
}
