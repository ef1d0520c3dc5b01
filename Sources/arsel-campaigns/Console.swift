import ArselAPI
import ArselModel
import Catalogs
import CursesBackend
import Foundation
import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// Text output of the CLI. Server strings never reach stdout or stderr without the sanitiser.
enum Console {
    static func out(_ line: String) { write(1, line + "\n") }

    /// The locale (LC_ALL, LC_CTYPE, LANG) is UTF-8: what the terminal is told to expect.
    static func localeIsUTF8() -> Bool { CursesTerminal.adoptLocale() }

    static func err(_ line: String) { write(2, line + "\n") }

    /// Every line leaving the process: redacted, written with write(2). A reader that has gone
    /// away (`list | head`) ends the command quietly with 141, as git does, instead of the trap
    /// FileHandle.write gives on EPIPE (SIGPIPE is ignored once networking has started).
    static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(Redaction.apply(text).utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(141) }
                return
            }
            offset += n
        }
    }

    /// `arsel-campaigns: name: message`, sanitised (in English, as every CLI command speaks).
    static func error(_ error: ArselError) {
        err("arsel-campaigns: " + Sanitizer.sanitize(English().error(error)))
    }

    static var stdinIsTerminal: Bool { isatty(0) == 1 }

    /// The terminal's width when stdout is one, else COLUMNS, else nil (no truncation).
    static var width: Int? {
        if isatty(1) == 1 {
            var size = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return nil
    }

    /// Asks on stderr; `answer` is the cancel session's: "yes" (y or yes), or a count that must
    /// be typed exactly.
    static func confirm(_ question: String, answer: String = "yes") -> Bool {
        write(2, question + (answer == "yes" ? " [y/N] " : " "))
        guard let typed = readLine(strippingNewline: true) else { return false }
        let a = typed.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "yes" ? (a == "y" || a == "yes") : a == answer
    }
}
