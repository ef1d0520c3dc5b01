import Foundation

/// Screen assertions scoped to one row: "the row of the campaign acted on shows X", never "X is
/// somewhere on the screen" (which a seeded row or the status line can satisfy by itself).
public enum ScreenRows {
    /// The one table row of `screen` that holds `name`: a line where only the marker column
    /// (glyphs, no letters, and in the all-channels view the channel's name) stands before the name — so the status line's "✓ … — name" is not
    /// it. Nil when no row or more than one does.
    public static func row(_ screen: String, named name: String) -> String? {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            guard let range = line.range(of: name) else { return false }
            // The all-channels view has a channel column before the name: one word, allowed.
            var before = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            for channel in ["Email", "SMS", "Push"] where before.hasSuffix(channel) { before.removeLast(channel.count) }
            return !before.contains { $0.isLetter }
        }
        return rows.count == 1 ? String(rows[0]) : nil
    }

    /// Whether the row of `name` holds every one of `texts`.
    public static func row(_ screen: String, named name: String, shows texts: [String]) -> Bool {
        guard let row = row(screen, named: name) else { return false }
        return texts.allSatisfy { row.contains($0) }
    }

    /// The selected row of `screen` (the line whose first non-blank is `marker`) and its line index.
    public static func selected(_ screen: String, marker: String = "▶") -> (index: Int, line: String) {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let i = lines.firstIndex(where: { $0.drop(while: { $0 == " " }).hasPrefix(marker) }) else { return (-1, "") }
        return (i, String(lines[i]))
    }

    /// Presses ↓ until the selected row holds `name`, one step at a time. Each press waits for the
    /// marker to move to another line — not for any change on it: a row's countdown ticks while
    /// the key is still queued, and a second press then overshoots.
    public static func select(
        _ name: String, marker: String = "▶", steps: Int = 80, screen: () -> String, down: () throws -> Void
    ) async rethrows -> Bool {
        for _ in 0..<steps {
            let before = selected(screen(), marker: marker)
            if before.line.contains(name) { return true }
            try down()
            _ = await BackgroundBinary.eventually(timeout: .seconds(2)) { selected(screen(), marker: marker).index != before.index }
        }
        return selected(screen(), marker: marker).line.contains(name)
    }
}

extension Tmux {
    /// Moves the selection to the row holding `name` (see `ScreenRows.select`).
    public func select(_ name: String, marker: String = "▶") async throws -> Bool {
        try await ScreenRows.select(name, marker: marker, screen: { (try? self.screen()) ?? "" }, down: { try self.press("Down") })
    }

    /// The row of `name` on the pane, as `ScreenRows.row` finds it.
    public func row(named name: String) -> String? { ScreenRows.row((try? screen()) ?? "", named: name) }

    /// Waits until the row of `name` shows every one of `texts`.
    public func waitForRow(_ name: String, shows texts: String..., timeout: Duration = .seconds(15)) async -> Bool {
        await BackgroundBinary.eventually(timeout: timeout) { ScreenRows.row((try? self.screen()) ?? "", named: name, shows: texts) }
    }
}
