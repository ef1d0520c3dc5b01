import Foundation

/// Cell widths as ncurses and tmux count them: the C library's `wcwidth` in a UTF-8 locale (set
/// for the calling thread only, for the duration of `body`).
public enum CLibraryWidth {
    public struct Measure {
        let wcwidth: @convention(c) (Int32) -> Int32
        public func callAsFunction(_ scalar: Unicode.Scalar) -> Int { Int(wcwidth(Int32(bitPattern: scalar.value))) }

        /// The scalars of a line as the terminal places them: each with the column it starts at
        /// (a zero-width scalar has the column of the cell it joins).
        public func place(_ line: String) -> [(column: Int, scalar: Unicode.Scalar)] {
            var column = 0
            var last = 0
            var out: [(Int, Unicode.Scalar)] = []
            for scalar in line.unicodeScalars {
                let w = max(0, self(scalar))
                if w == 0 {
                    out.append((last, scalar))
                } else {
                    out.append((column, scalar))
                    last = column
                    column += w
                }
            }
            return out
        }

        /// The text of the cells in `columns`, as the terminal shows it.
        public func slice(_ line: String, _ columns: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            for (column, scalar) in place(line) where columns.contains(column) { view.append(scalar) }
            return String(view)
        }

        /// The column at which `text` starts in `line`, counted in cells.
        public func column(of text: String, in line: String) -> Int? {
            guard let range = line.range(of: text) else { return nil }
            return String(line[..<range.lowerBound]).unicodeScalars.reduce(0) { $0 + max(0, self($1)) }
        }
    }

    public static func measuring<T>(_ body: (Measure) throws -> T) throws -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth"),
              let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
        else { throw CocoaError(.featureUnsupported) }
        let previous = uselocale(utf8)
        defer {
            uselocale(previous)
            freelocale(utf8)
        }
        return try body(Measure(wcwidth: unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)))
    }
}
