import ArselAPI
import ArselModel
import Foundation
import TerminalUI

/// The human table of `list`: width-aware, every server string sanitised, cancellable rows
/// marked with `●` and a legend.
struct CampaignTable {
    struct Column {
        let title: String
        let width: Int
        let priority: Int  // lower is dropped first when the terminal is narrow
        let value: (Campaign) -> String
    }

    static func render(_ campaigns: [Campaign], width: Int?, channels: Bool = false) -> [String] {
        // Where a row lives, when rows of several channels are listed: never dropped.
        let channel = channels ? [Column(title: "CHANNEL", width: 7, priority: 10) { $0.channel.rawValue }] : []
        let columns: [Column] = channel + [
            Column(title: "ID", width: 36, priority: 9) { $0.id },
            Column(title: "STATUS", width: 9, priority: 10) { $0.status.title },
            Column(title: "SCHEDULED", width: 16, priority: 5) { time($0.scheduledAt) },
            Column(title: "SENT", width: 16, priority: 3) { time($0.sentAt) },
            Column(title: "UPDATED", width: 16, priority: 4) { time($0.updatedAt) },
        ]
        let nameMin = 12
        let nameIdeal = min(
            60, max(nameMin, campaigns.map { DisplayWidth.of(Sanitizer.sanitize($0.name ?? "")) }.max() ?? nameMin))
        var shown = columns
        if let width {
            // marker (2) + name + a two-space gap before each column
            func total(_ cols: [Column]) -> Int { 2 + nameMin + cols.reduce(0) { $0 + $1.width + 2 } }
            while total(shown) > width, let victim = shown.min(by: { $0.priority < $1.priority }), victim.priority < 10 {
                shown.removeAll { $0.title == victim.title }
            }
        }
        let fixed = 2 + shown.reduce(0) { $0 + $1.width + 2 }
        let nameWidth = width.map { max(nameMin, min(nameIdeal, $0 - fixed)) } ?? nameIdeal

        func row(_ marker: String, _ name: String, _ cells: [String]) -> String {
            var line = marker + TextLayout.fit(name, to: nameWidth)
            for (column, cell) in zip(shown, cells) {
                line += "  " + TextLayout.fit(cell, to: column.width)
            }
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }

        var lines = [row("  ", "NAME", shown.map(\.title))]
        for c in campaigns {
            let name = Sanitizer.sanitize(c.name ?? "—")
            let cells = shown.map { Sanitizer.sanitize($0.value(c)) }
            lines.append(row(c.status.isCancellable ? "● " : "  ", name, cells))
        }
        return lines
    }

    static let formatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }()

    /// Local time, or the raw text when the server sent something that is not ISO 8601.
    static func time(_ t: Timestamp?) -> String {
        guard let t else { return "—" }
        guard let date = t.date else { return t.raw }
        return formatter.string(from: date)
    }
}
