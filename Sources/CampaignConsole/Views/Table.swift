import ArselModel
import Foundation
import TerminalUI

/// The campaign table: marker, name, status (word + glyph + colour, never colour alone), when,
/// updated, and the row's last outcome.
enum Table {
    struct Columns {
        /// Where each row lives, in the all-channels view.
        var channel: Int?
        var name: Int
        var when: Int?
        var updated: Int?
        var note: Int?
        /// The columns shown, in order: the column header.
        var shown: [(title: String, width: Int)] = []
    }

    static let statusWidth = 12
    static let channelWidth = 5

    /// The table's columns, by priority: the name, status and (in the all-channels view, where
    /// it says where a cancel goes) the channel are never dropped; then the note, the time, the
    /// age. The note column has its width from the start (`hasNotes` defaults to true): the
    /// table does not reflow under the person's eyes when the first outcome appears.
    static func specs(width: Int, hasNotes: Bool = true, channels: Bool = false) -> [ColumnSpec] {
        let rest = max(0, width - 4 - statusWidth - 1 - (channels ? channelWidth + 1 : 0))
        return [
            ColumnSpec("CHAN", width: channels ? channelWidth : 0, priority: 100, required: channels),
            ColumnSpec("NAME", width: 16, priority: 100, required: true, flexible: true),
            ColumnSpec("STATUS", width: statusWidth, priority: 100, required: true),
            ColumnSpec("WHEN", width: 20, priority: 2),
            ColumnSpec("UPDATED", width: 8, priority: 1),
            ColumnSpec("NOTE", width: hasNotes ? max(14, min(44, rest / 3)) : 0, priority: 3),
        ]
    }

    static func columns(width: Int, hasNotes: Bool = true, channels: Bool = false) -> Columns {
        var specs = specs(width: width, hasNotes: hasNotes, channels: channels)
        // Columns that are not there this time take no room (and no gap).
        let absent = specs.indices.filter { specs[$0].width == 0 && !specs[$0].flexible }
        for i in absent.reversed() { specs.remove(at: i) }
        let widths = TableLayout.fit(specs, width: width, leading: 4)
        func w(_ title: String) -> Int? { specs.firstIndex { $0.title == title }.flatMap { widths[$0] } }
        let shown = zip(specs, widths).compactMap { spec, width in width.map { (spec.title, $0) } }
        return Columns(
            channel: w("CHAN"), name: max(1, w("NAME") ?? 1), when: w("WHEN"), updated: w("UPDATED"), note: w("NOTE"), shown: shown)
    }

    static func render(_ state: AppState, glyphs: Glyphs, into buffer: inout Buffer) {
        let top = Layout.rowsAbove
        let rows = Layout.tableRows(height: state.height)
        let cols = columns(width: state.width, channels: state.scope == .all)
        // Column header
        buffer.fill(x: 0, y: top - 1, width: state.width, height: 1, role: "column.header")
        var x = 4
        for (title, w) in cols.shown { x += buffer.put(TextLayout.fit(title, to: w), x: x, y: top - 1, role: "column.header") + 1 }

        if state.campaigns.isEmpty {
            let text = state.refreshing ? "Loading campaigns…" : state.refreshError.map { "Could not load campaigns: \(Format.shown($0, state.environment))" }
                ?? "No campaigns match."
            buffer.put(TextLayout.truncate(text, to: state.width - 4), x: 4, y: top + 1, role: "row.dimmed")
            buffer.cursor = (0, top)
            return
        }

        for (offset, campaign) in state.campaigns.dropFirst(state.scroll).prefix(rows).enumerated() {
            let y = top + offset
            let selected = campaign.id == state.selectedID
            let cancellable = campaign.status.isCancellable
            let note = state.notes[campaign.id]
            // The selection is the first two cells only ("▶ " in reverse; plain blanks elsewhere):
            // moving it rewrites two cells on two rows, not two names or two rows — about 30 bytes
            // a step (bytes matter over a slow SSH link, as mutt's arrow_cursor knows). ▶ and the
            // hardware cursor say which row it is without colour.
            let rowRole: Role = cancellable ? "row.cancellable" : "row.dimmed"
            var x = selected ? buffer.put(glyphs.selected + " ", x: 0, y: y, role: "row.selected") : 2
            let mark: String
            if note == .cancelling { mark = glyphs.cancelling } else if state.marks.contains(campaign.id) { mark = glyphs.marked }
            else if note.map({ if case .unknown = $0 { return true } else { return false } }) == true { mark = glyphs.unknown }
            else { mark = cancellable ? glyphs.cancellable : glyphs.notCancellable }
            x += buffer.put(mark, x: x, y: y, role: cancellable ? "marker.cancellable" : "marker") + 1
            if let w = cols.channel {
                buffer.put(TextLayout.truncate(campaign.channel.title, to: w), x: x, y: y, role: rowRole)
                x += w + 1
            }
            // Text only, no padding: blank cells stay plain, so curses can clear runs of them
            // instead of writing styled spaces.
            let name = Format.shown(campaign.name ?? "—", state.environment)
            buffer.put(TextLayout.truncate(name, to: cols.name), x: x, y: y, role: rowRole, maxWidth: cols.name)
            x += cols.name + 1
            let status = glyphs.status(campaign.status) + " " + Format.shown(campaign.status.title, state.environment)
            buffer.put(TextLayout.truncate(status, to: statusWidth), x: x, y: y, role: Role("status.\(statusKey(campaign.status))"))
            x += statusWidth + 1
            if let w = cols.when {
                var when = Format.when(campaign, now: state.now, timeZone: state.environment.timeZone)
                // Going out within the window: a glyph and a word, not only a colour.
                let soon = Format.isSoon(campaign, now: state.now, window: state.environment.soonWindow)
                // The countdown alone (the clock time is in the details).
                if soon {
                    let countdown = campaign.scheduledAt?.date.map { Format.span($0.timeIntervalSince(state.now)) } ?? when
                    switch campaign.status {
                    case .scheduled: when = "\(glyphs.soon) soon \(glyphs.separator) \(countdown)"
                    // "queued" says it already: the room goes to when it was due.
                    case .queued: when = "\(glyphs.soon) \(when)"
                    default: when = "\(glyphs.soon) soon \(glyphs.separator) \(when)"
                    }
                }
                buffer.put(TextLayout.truncate(Format.shown(when, state.environment), to: w), x: x, y: y, role: soon ? "when.soon" : rowRole)
                x += w + 1
            }
            if let w = cols.updated {
                let updated = campaign.updatedAt?.date.map { Format.ago(from: $0, to: state.now) } ?? "—"
                buffer.put(TextLayout.truncate(updated, to: w), x: x, y: y, role: rowRole)
                x += w + 1
            }
            if let w = cols.note, let note {
                let (text, role) = describe(note, glyphs: glyphs)
                buffer.put(TextLayout.truncate(Format.shown(text, state.environment), to: w), x: x, y: y, role: role)
            }
            if selected { buffer.cursor = (0, y) }
        }
        if state.loadingMore, state.campaigns.count - state.scroll < rows {
            buffer.put("loading more…", x: 4, y: top + state.campaigns.count - state.scroll, role: "row.dimmed")
        }
        if state.selectedID == nil { buffer.cursor = (0, top) }
    }

    static func statusKey(_ s: CampaignStatus) -> String {
        if case .unknown = s { return "unknown" }
        return s.title.lowercased()
    }

    static func describe(_ note: RowNote, glyphs: Glyphs) -> (String, Role) {
        switch note {
        case .queued: return ("waiting…", "flash.info")
        case .cancelling: return ("\(glyphs.cancelling) cancelling…", "flash.info")
        case .cancelled(let m): return ("\(glyphs.ok) \(m)", "flash.ok")
        case .failed(let m): return ("\(glyphs.failed) \(m)", "flash.error")
        case .unknown(let m): return ("? \(m)", "flash.unknown")
        }
    }
}
