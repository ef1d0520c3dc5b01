/// The string literals of a Swift source file, comments skipped: enough of Swift's lexer to tell
/// code, comments and literals apart (nested block comments, `"""`, raw `#"…"#` strings and
/// interpolations that hold literals of their own).
struct SourceLiteral: Equatable {
    /// 1-based line of the opening quote.
    var line: Int
    /// The literal's text as written, each interpolation replaced by `·`, escapes kept.
    var text: String
    /// The call the literal is an argument of (`logger.info`, `precondition` …), if any.
    var call: String?
}

enum SourceLiterals {
    static func scan(_ source: String) -> [SourceLiteral] {
        var scanner = Scanner(Array(source.unicodeScalars))
        scanner.code(untilInterpolationEnds: false)
        return scanner.found
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0
        var line = 1
        var found: [SourceLiteral] = []
        /// Per open parenthesis: the name called just before it (empty when none).
        var calls: [String] = []

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }

        func starts(_ text: String, at k: Int) -> Bool {
            var j = k
            for c in text.unicodeScalars {
                guard at(j) == c else { return false }
                j += 1
            }
            return true
        }

        mutating func advance() {
            if s[i] == "\n" { line += 1 }
            i += 1
        }

        /// Code up to the end of the file, or up to the `)` that closes an interpolation.
        mutating func code(untilInterpolationEnds: Bool) {
            let base = calls.count
            while i < s.count {
                let c = s[i]
                if starts("//", at: i) {
                    while i < s.count, s[i] != "\n" { advance() }
                } else if starts("/*", at: i) {
                    blockComment()
                } else if c == "#" || c == "\"" {
                    var hashes = 0
                    while at(i + hashes) == "#" { hashes += 1 }
                    if at(i + hashes) == "\"" {
                        literal(hashes: hashes)
                    } else {
                        advance()
                    }
                } else if c == "(" {
                    calls.append(nameBefore(i))
                    advance()
                } else if c == ")" {
                    if untilInterpolationEnds, calls.count == base {
                        advance()
                        return
                    }
                    if calls.count > base { calls.removeLast() }
                    advance()
                } else {
                    advance()
                }
            }
        }

        mutating func blockComment() {
            var depth = 0
            repeat {
                if starts("/*", at: i) {
                    depth += 1
                    advance(); advance()
                } else if starts("*/", at: i) {
                    depth -= 1
                    advance(); advance()
                } else {
                    advance()
                }
            } while depth > 0 && i < s.count
        }

        /// A literal opening at `i` with `hashes` leading `#`.
        mutating func literal(hashes: Int) {
            let startLine = line
            let call = calls.last.flatMap { $0.isEmpty ? nil : $0 }
            for _ in 0..<hashes { advance() }
            let multiline = starts("\"\"\"", at: i)
            for _ in 0..<(multiline ? 3 : 1) { advance() }
            let close = String(repeating: "\"", count: multiline ? 3 : 1) + String(repeating: "#", count: hashes)
            let interpolation = "\\" + String(repeating: "#", count: hashes) + "("
            let escape = "\\" + String(repeating: "#", count: hashes)
            var text = ""
            while i < s.count {
                if starts(close, at: i) {
                    for _ in close.unicodeScalars { advance() }
                    break
                }
                if starts(interpolation, at: i) {
                    for _ in interpolation.unicodeScalars { advance() }
                    code(untilInterpolationEnds: true)
                    text += "·"
                } else if starts(escape, at: i) {
                    for _ in escape.unicodeScalars { advance() }
                    if i < s.count { text.unicodeScalars.append(s[i]); advance() }
                } else {
                    text.unicodeScalars.append(s[i])
                    advance()
                }
            }
            found.append(SourceLiteral(line: startLine, text: text, call: call))
        }

        /// `logger.info` in `logger.info(`, `precondition` in `precondition(`; empty otherwise.
        func nameBefore(_ k: Int) -> String {
            var j = k - 1
            while j >= 0, s[j] == " " { j -= 1 }
            var name: [Unicode.Scalar] = []
            while j >= 0, s[j].properties.isAlphabetic || s[j] == "_" || s[j] == "." || ("0"..."9").contains(s[j]) {
                name.insert(s[j], at: 0)
                j -= 1
            }
            return String(String.UnicodeScalarView(name))
        }
    }
}
