/// Where things go on the screen, shared by the reducer (paging, scrolling) and the views.
public enum Layout {
    public static let minWidth = 40
    public static let minHeight = 10
    /// Title, counts and column header above the table; status line and key hints below.
    public static let rowsAbove = 3
    public static let rowsBelow = 2

    public static func tableRows(height: Int) -> Int { max(1, height - rowsAbove - rowsBelow) }

    public static func tooSmall(width: Int, height: Int) -> Bool { width < minWidth || height < minHeight }
}
