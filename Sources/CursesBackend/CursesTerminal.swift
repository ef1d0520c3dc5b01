import CNcursesw
import CProcessGuard
import Foundation
import Synchronization
import TerminalUI

/// The thin edge: the only code that calls ncurses. Every ncurses call happens on one thread of
/// its own (curses is not thread-safe): it draws the latest frame it was given and turns key
/// codes into `InputEvent`s, polling input every 15 ms so a key is answered at once.
public final class CursesTerminal: Backend, @unchecked Sendable {
    public enum OpenError: Error, CustomStringConvertible {
        case notATerminal
        case unknownTerminal(String)

        public var description: String {
            switch self {
            case .notATerminal: return "standard input or output is not a terminal"
            case .unknownTerminal(let term): return "unknown terminal type \"\(term)\" (TERM): curses cannot draw on it"
            }
        }
    }

    public let events: AsyncStream<InputEvent>
    public let unicode: Bool
    private let continuation: AsyncStream<InputEvent>.Continuation
    // Shared with the curses thread, behind the mutex.
    private let shared = Mutex<(frame: Buffer?, size: (Int, Int), stop: Bool, stopped: Bool)>((nil, (80, 24), false, false))
    /// Frames drawn and the time spent drawing them (for the benchmarks).
    private let stats = Mutex<(frames: Int, time: Duration)>((0, .zero))
    private let done = DispatchSemaphore(value: 0)
    // Owned by the curses thread.
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let theme: Theme
    /// What the terminal shows: direct colour, 256, 16, 8, or none.
    public let depth: ColorDepth
    private var pairs: [Int64: Int32] = [:]
    private var drawn: Buffer?
    /// The terminal has no alternate screen (`rmcup` is empty: vt100, vt220, linux): what the
    /// console drew would stay under the shell's prompt, so it is cleared at exit.
    private let keepsFrame: Bool
    /// `app`: the console lays out right-to-left text itself, so the terminal's own bidi is off
    /// while it runs (BDSM explicit mode, the terminal-wg BiDi proposal for full-screen apps).
    public let bidi: BidiMode
    private let output: Int32

    /// The escape delay (ms) to use: `ARSEL_ESCAPE_DELAY_MS` when it is a number from 0 to 1000,
    /// else 100 over SSH (`SSH_CONNECTION` set: an arrow key's bytes can arrive tens of
    /// milliseconds apart on a slow link), else 25.
    public static func escapeDelay(environment: [String: String]) -> Int {
        if let set = environment["ARSEL_ESCAPE_DELAY_MS"].flatMap(Int.init), (0...1000).contains(set) { return set }
        return (environment["SSH_CONNECTION"] ?? "").isEmpty ? 25 : 100
    }

    /// The locale the person asked for (LC_ALL, LC_CTYPE, LANG). One that names UTF-8 but is not
    /// installed on this host (`ar_SA.UTF-8` on a jump host that only has C.UTF-8) still means
    /// "my terminal speaks UTF-8": the character type is then C.UTF-8's, messages stay the
    /// person's. Returns whether the character set is UTF-8.
    @discardableResult
    public static func adoptLocale(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8 { return true }
        let asked = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lower = asked.lowercased()
        if lower.hasSuffix(".utf-8") || lower.hasSuffix(".utf8") { setlocale(LC_CTYPE, "C.UTF-8") }
        return isUTF8
    }

    static var isUTF8: Bool { String(cString: nl_langinfo(Int32(CODESET))) == "UTF-8" }

    /// Opens the terminal. Throws — instead of exiting, as `initscr` would — when TERM is unknown.
    public init(
        theme: Theme, colors wantColors: Bool, input: Int32 = 0, output: Int32 = 1, term termOverride: String? = nil, escapeDelay: Int = 25,
        bidi: BidiMode = .app
    ) throws {
        Self.adoptLocale()
        guard isatty(input) == 1, isatty(output) == 1 else { throw OpenError.notATerminal }
        let term = termOverride ?? ProcessInfo.processInfo.environment["TERM"] ?? ""
        // The modes to put back if the process dies without endwin (CProcessGuard).
        arsel_guard_save_termios(input)
        // Own FILE streams on the descriptors (the C globals are not concurrency-safe in Swift 6).
        guard !term.isEmpty, term != "dumb", let out = fdopen(dup(output), "w"), let inp = fdopen(dup(input), "r"),
              let screen = newterm(term, out, inp)
        else {
            throw OpenError.unknownTerminal(term)
        }
        self.screen = screen
        set_term(screen)
        window = cn_stdscr()
        idlok(window, true)  // let curses scroll the table with the terminal's own scrolling
        unicode = Self.isUTF8
        cbreak()  // Ctrl-C stays a signal: the console restores the terminal on SIGINT
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(Int32(escapeDelay))
        wtimeout(window, 15)
        curs_set(1)
        if wantColors && has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth(colors: Int(cn_colors()), enabled: true)
        } else {
            depth = .mono
        }
        self.theme = theme
        self.bidi = bidi
        self.output = output
        // Explicit mode: cells are shown in the order written (terminals without BiDi ignore it).
        // Written straight to the descriptor: `putp` goes to C's `stdout`, not to this screen, and
        // would arrive at exit. The mode is the terminal's, not the screen's: order does not matter.
        if bidi == .app { Self.send(Self.explicitBidi, to: output) }
        keepsFrame = Self.capability("rmcup").isEmpty
        Self.armRestore(output: output, clear: keepsFrame, bidi: bidi)
        (events, continuation) = AsyncStream.makeStream(of: InputEvent.self)
        let size = (Int(cn_cols(window)), Int(cn_lines(window)))
        shared.withLock { $0.size = size }
        let thread = Thread { [self] in loop() }
        thread.name = "curses"
        thread.start()
    }

    public var size: (width: Int, height: Int) { shared.withLock { $0.size } }

    public func draw(_ buffer: Buffer) { shared.withLock { $0.frame = buffer } }

    /// Frames drawn so far, and the time the edge spent drawing them.
    public var drawStats: (frames: Int, time: Duration) { stats.withLock { $0 } }

    /// Restores the terminal (endwin) and waits until it is done. Safe to call twice.
    public func close() {
        let wait = shared.withLock { s -> Bool in
            if s.stop { return false }
            s.stop = true
            return true
        }
        if wait { done.wait() }
    }

    private func loop() {
        while true {
            let (frame, stop) = shared.withLock { s -> (Buffer?, Bool) in
                defer { s.frame = nil }
                return (s.frame, s.stop)
            }
            if stop {
                if keepsFrame {
                    // No main screen to go back to: leave a blank one, and endwin puts the cursor
                    // on its last line, so the prompt comes on a fresh line, not over the hints.
                    wclear(window)
                    wrefresh(window)
                }
                break
            }
            if let frame {
                let started = ContinuousClock.now
                render(frame)
                let took = ContinuousClock.now - started
                stats.withLock { $0.frames += 1; $0.time += took }
            }
            var ch: wint_t = 0
            let r = wget_wch(window, &ch)
            if r == ERR { continue }
            if let event = translate(r, Int32(bitPattern: ch)) { continuation.yield(event) }
        }
        endwin()
        // Back to implicit mode (the terminal's own bidi, its default).
        if bidi == .app { Self.send(Self.implicitBidi, to: output) }
        arsel_guard_disarm_terminal()
        delscreen(screen)
        continuation.finish()
        done.signal()
    }

    /// BDSM (ECMA-48 mode 8): reset is explicit mode (the application does the bidi), set is
    /// implicit mode (the terminal does it, the default).
    static let explicitBidi = "\u{1B}[8l"
    static let implicitBidi = "\u{1B}[8h"

    private static func send(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// What endwin would send, from this terminal's own terminfo (leave the alternate screen, show
    /// the cursor, plain attributes, keypad off; `clear`: clear the screen where there is no
    /// alternate screen), and the terminal's bidi back on in `app` mode, kept for a process that
    /// dies without endwin.
    private static func armRestore(output: Int32, clear: Bool, bidi: BidiMode) {
        var bytes = (["sgr0", "cnorm", "rmkx", "rmcup"] + (clear ? ["clear"] : [])).flatMap(capability)
        if bidi == .app { bytes.append(contentsOf: implicitBidi.utf8.map { CChar(bitPattern: $0) }) }
        bytes.append(contentsOf: [13, 10].map { CChar($0) })
        arsel_guard_arm_terminal(output, bytes, bytes.count)
    }

    /// A string capability of the current terminal, empty when it has none.
    private static func capability(_ name: String) -> [CChar] {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return [] }
        var bytes: [CChar] = []
        var p = value
        while p.pointee != 0 {
            bytes.append(p.pointee)
            p += 1
        }
        return bytes
    }

    private func translate(_ kind: Int32, _ code: Int32) -> InputEvent? {
        if kind == KEY_CODE_YES {
            switch code {
            case cn_key_resize():
                let size = (Int(cn_cols(window)), Int(cn_lines(window)))
                shared.withLock { $0.size = size }
                drawn = nil  // the next frame is drawn whole
                wclear(window)
                return .resize(width: size.0, height: size.1)
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            case KEY_F0 + 1...KEY_F0 + 12: return .key(.function(Int(code - KEY_F0)))
            default: return nil
            }
        }
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(code + 96)))))
        default:
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: code)), code >= 32 else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    private func render(_ frame: Buffer) {
        for run in frame.changes(since: drawn) {
            let style = theme.style(run.role, colors: depth != .mono).at(depth)
            var attr = cn_A_NORMAL
            if style.bold { attr |= cn_A_BOLD }
            if style.dim { attr |= cn_A_DIM }
            if style.underline { attr |= cn_A_UNDERLINE }
            if style.reverse { attr |= cn_A_REVERSE }
            if style.italic { attr |= cn_A_ITALIC }
            var wide = run.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            _ = cn_put(window, Int32(run.y), Int32(run.x), wide, Int32(wide.count - 1), attr, pair(for: style))
        }
        drawn = frame
        if let cursor = frame.cursor { wmove(window, Int32(cursor.y), Int32(cursor.x)) }
        wrefresh(window)
    }

    /// A colour pair for the style's colours at this terminal's depth (allocated once).
    private func pair(for style: Style) -> Int32 {
        guard let fg = style.fg.number(for: depth), let bg = style.bg.number(for: depth), fg != -1 || bg != -1 else { return 0 }
        let key = Int64(fg) << 32 | Int64(UInt32(bitPattern: bg))
        if let p = pairs[key] { return p }
        let n = Int32(pairs.count + 1)
        guard n < cn_color_pairs() else { return 0 }
        init_extended_pair(n, fg, bg)
        pairs[key] = n
        return n
    }
}
