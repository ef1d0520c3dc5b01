import ArselAPI
import Foundation
import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// Text output of the CLI. Server strings never reach stdout or stderr without the sanitiser.
enum Console {
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// `arsel-campaigns: name: message`, sanitised.
    static func error(_ error: ArselError) {
        err("arsel-campaigns: " + Sanitizer.sanitize(error.description))
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

    /// Asks on the terminal; only `y` or `yes` confirms.
    static func confirm(_ question: String) -> Bool {
        FileHandle.standardError.write(Data((question + " [y/N] ").utf8))
        guard let answer = readLine(strippingNewline: true) else { return false }
        let a = answer.trimmingCharacters(in: .whitespaces).lowercased()
        return a == "y" || a == "yes"
    }
}
