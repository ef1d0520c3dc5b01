/// A style role: a semantic name (`row.selected`, `status.sent`, `dialog.danger` …) that a theme
/// maps to colours and attributes. Views speak in roles; only the terminal edge knows colours.
public struct Role: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { name = value }
    public var description: String { name }

    public static let plain: Role = "text"
}

/// One terminal cell: a grapheme (already safe to print) and its role. A wide grapheme occupies
/// its cell and the next, which holds a continuation.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: Role
    /// 1 or 2 for a grapheme; 0 for the right half of a wide one.
    public var width: UInt8

    public init(_ text: String = " ", role: Role = .plain, width: UInt8 = 1) {
        self.text = text
        self.role = role
        self.width = width
    }

    public static let blank = Cell()
    static let continuation = Cell("", width: 0)
}
