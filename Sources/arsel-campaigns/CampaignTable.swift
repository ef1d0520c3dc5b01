import ArselAPI
import ArselModel
import CampaignConsole
import Foundation
import TerminalUI

/// The human table of `list`: width-aware, every server string sanitised, cancellable rows
/// marked with `●` and a legend. Times as every command prints them (`Format.instant`), in the
/// compact form where the full one would push SCHEDULED off the terminal.
struct CampaignTable {
    /// A column's room and priority as the console's table declares its own (`ColumnSpec`,
    /// laid out by `TableLayout.fit`), and how a campaign fills it.
    struct Column {
        let spec: ColumnSpec
        let value: (Campaign) -> String
        var title: String { spec.title }
        var width: Int { spec.width }

        /// Priority 10 is never dropped.
        init(title: String, width: Int, priority: Int, value: @escaping (Campaign) -> String) {
            spec = ColumnSpec(title, width: width, priority: priority, required: priority >= 10)
            self.value = value
        }
    }

    static let nameMin = 12

    static func render(
        _ campaigns: [Campaign], width: Int?, channels: Bool = false, timeZone: TimeZone, now: Date = Date()
    ) -> [String] {
        func columns(_ time: @escaping (Date) -> String) -> [Column] {
            // A time column as wide as its widest cell; text that is not ISO 8601 is shown raw, cut.
            func times(_ title: String, _ priority: Int, _ field: @escaping (Campaign) -> Timestamp?) -> Column {
                let text: (Campaign) -> String = { c in field(c).map { t in t.date.map(time) ?? t.raw } ?? "—" }
                let widest = campaigns.map { DisplayWidth.of(Sanitizer.sanitize(text($0))) }.max() ?? 0
                return Column(title: title, width: min(23, max(title.count, widest)), priority: priority, value: text)
            }
            // Where a row lives, when rows of several channels are listed: never dropped.
            let channel = channels ? [Column(title: "CHANNEL", width: 7, priority: 10) { $0.channel.rawValue }] : []
            return channel + [
                Column(title: "ID", width: 36, priority: 9) { $0.id },
                Column(title: "STATUS", width: 9, priority: 10) { $0.status.title },
                times("SCHEDULED", 5, \.scheduledAt),
                times("SENT", 3, \.sentAt),
                times("UPDATED", 4, \.updatedAt),
            ]
        }
        var shown = fitting(columns { Format.instant($0, timeZone: timeZone) }, width: width)
        if !shown.contains(where: { $0.title == "SCHEDULED" }) {
            shown = fitting(columns { Format.compactInstant($0, timeZone: timeZone, now: now) }, width: width)
        }
        let nameIdeal = min(
            60, max(nameMin, campaigns.map { DisplayWidth.of(Sanitizer.sanitize($0.name ?? "")) }.max() ?? nameMin))
        let nameWidth = width.flatMap { fit(shown, width: $0, nameIdeal: nameIdeal).first ?? nil } ?? nameIdeal

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

    /// The columns that fit beside NAME at its minimum, dropping the lowest priority first.
    static func fitting(_ columns: [Column], width: Int?) -> [Column] {
        guard let width else { return columns }
        let widths = fit(columns, width: width, nameIdeal: nameMin)
        return zip(columns, widths.dropFirst()).compactMap { $1 == nil ? nil : $0 }
    }

    /// NAME (flexible, from `nameMin` up to its widest cell) then the columns, after the
    /// two-cell marker, two cells apart.
    static func fit(_ columns: [Column], width: Int, nameIdeal: Int) -> [Int?] {
        let name = ColumnSpec("NAME", width: nameMin, priority: 10, required: true, flexible: true, maxWidth: nameIdeal)
        return TableLayout.fit([name] + columns.map(\.spec), width: width, leading: 2, gap: 2)
    }
}
