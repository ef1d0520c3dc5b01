/// A rectangle of cells. Views place things by cutting rectangles, never by adding offsets by
/// hand; every size is clamped at 0, so no layout on a tiny window can trap.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Smaller by `dx` cells on the left and right and `dy` rows above and below.
    public func inset(dx: Int, dy: Int) -> Rect { Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy) }

    /// A rectangle of at most `width` × `height`, centred in this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let w = min(max(0, w), width), h = min(max(0, h), height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    /// The first `n` rows, and what is left below them.
    public func top(_ n: Int) -> Rect { Rect(x: x, y: y, width: width, height: min(max(0, n), height)) }
    public func droppingTop(_ n: Int) -> Rect { let n = min(max(0, n), height); return Rect(x: x, y: y + n, width: width, height: height - n) }
    /// The last `n` rows, and what is left above them.
    public func bottom(_ n: Int) -> Rect { let n = min(max(0, n), height); return Rect(x: x, y: maxY - n, width: width, height: n) }
    public func droppingBottom(_ n: Int) -> Rect { Rect(x: x, y: y, width: width, height: height - min(max(0, n), height)) }
    /// One row of this rectangle (its `i`th), empty when it has fewer rows.
    public func row(_ i: Int) -> Rect { i >= 0 && i < height ? Rect(x: x, y: y + i, width: width, height: 1) : Rect(x: x, y: y, width: 0, height: 0) }
}

/// Room asked for by priority: a line of pieces (a header, a hint bar) where each piece may have
/// shorter forms. When the line is too long, the extras (below `PriorityFit.essential`) go one
/// by one, least important first; then every essential piece shortens, least important first,
/// before the least important of them goes. A required piece shortens but never goes.
public struct Piece: Sendable {
    /// Longest first; each form a complete text for the piece.
    public var forms: [String]
    /// Higher keeps its room longer.
    public var priority: Int
    public var required: Bool

    public init(_ forms: [String], priority: Int, required: Bool = false) {
        self.forms = forms.isEmpty ? [""] : forms
        self.priority = priority
        self.required = required
    }
}

public enum PriorityFit {
    public static let essential = 50

    /// The form chosen for each piece (nil: dropped), given the cells each gap between two shown
    /// pieces takes. The result can still be too wide only when the required pieces are.
    public static func choose(_ pieces: [Piece], width: Int, gap: Int = 0) -> [String?] {
        var choice: [Int?] = pieces.map { _ in 0 }
        func total() -> Int {
            let shown = zip(pieces, choice).compactMap { piece, c in c.map { DisplayWidth.of(piece.forms[$0]) } }
            return shown.reduce(0, +) + max(0, shown.count - 1) * gap
        }
        func shorten(_ i: Int) { while total() > width, let c = choice[i], c + 1 < pieces[i].forms.count { choice[i] = c + 1 } }
        func drop(_ i: Int) { if total() > width, !pieces[i].required { choice[i] = nil } }
        // Among equal priorities the later piece gives way first.
        let order = pieces.indices.sorted { (pieces[$0].priority, -$0) < (pieces[$1].priority, -$1) }
        let extras = order.filter { pieces[$0].priority < essential }, facts = order.filter { pieces[$0].priority >= essential }
        for i in extras { shorten(i); drop(i) }
        for i in facts { shorten(i) }
        for i in facts { drop(i) }
        // What a drop freed goes back to the most important pieces' longer forms.
        for i in order.reversed() {
            while let c = choice[i], c > 0 {
                choice[i] = c - 1
                if total() > width { choice[i] = c; break }
            }
        }
        return zip(pieces, choice).map { piece, c in c.map { piece.forms[$0] } }
    }
}
