/// One column of a table, as data: the console's table and the CLI's `list` both lay their
/// columns out with `TableLayout.fit`, so they drop columns by the same rule.
public struct ColumnSpec: Sendable, Equatable {
    public var title: String
    /// Cells the column takes (the least, for a flexible one).
    public var width: Int
    /// A flexible column takes the room left over, up to `maxWidth`.
    public var flexible: Bool
    public var maxWidth: Int?
    /// Lower is dropped first when the terminal is narrow; a required column is never dropped.
    public var priority: Int
    public var required: Bool

    public init(_ title: String, width: Int, priority: Int = 0, required: Bool = false, flexible: Bool = false, maxWidth: Int? = nil) {
        self.title = title
        self.width = max(0, width)
        self.priority = priority
        self.required = required
        self.flexible = flexible
        self.maxWidth = maxWidth
    }
}

public enum TableLayout {
    /// The width of each column (nil: dropped) in a line of `width` cells, with `leading` cells
    /// before the first column and `gap` between columns. Columns are dropped least priority
    /// first until the rest fit; the flexible ones then share what is left.
    public static func fit(_ columns: [ColumnSpec], width: Int, leading: Int = 0, gap: Int = 1) -> [Int?] {
        var shown = columns.map { _ in true }
        func used() -> Int {
            let kept = zip(columns, shown).filter(\.1).map(\.0)
            return leading + kept.reduce(0) { $0 + $1.width } + max(0, kept.count - 1) * gap
        }
        let order = columns.indices.sorted { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }
        for i in order where used() > width && !columns[i].required { shown[i] = false }
        var widths: [Int?] = zip(columns, shown).map { $1 ? $0.width : nil }
        var spare = max(0, width - used())
        for i in columns.indices where shown[i] && columns[i].flexible && spare > 0 {
            let grow = min(spare, (columns[i].maxWidth ?? Int.max) - columns[i].width)
            if grow > 0 {
                widths[i] = columns[i].width + grow
                spare -= grow
            }
        }
        return widths
    }
}
