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
        var shown: [(column: Phrase.Column, width: Int)] = []
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
            ColumnSpec(Phrase.Column.channel.rawValue, width: channels ? channelWidth : 0, priority: 100, required: channels),
            ColumnSpec(Phrase.Column.name.rawValue, width: 16, priority: 100, required: true, flexible: true),
            ColumnSpec(Phrase.Column.status.rawValue, width: statusWidth, priority: 100, required: true),
            ColumnSpec(Phrase.Column.when.rawValue, width: 20, priority: 2),
            ColumnSpec(Phrase.Column.updated.rawValue, width: 8, priority: 1),
            ColumnSpec(Phrase.Column.note.rawValue, width: hasNotes ? max(14, min(44, rest / 3)) : 0, priority: 3),
        ]
    }

    static func columns(width: Int, hasNotes: Bool = true, channels: Bool = false) -> Columns {
        var specs = specs(width: width, hasNotes: hasNotes, channels: channels)
        // Columns that are not there this time take no room (and no gap).
        let absent = specs.indices.filter { specs[$0].width == 0 && !specs[$0].flexible }
        for i in absent.reversed() { specs.remove(at: i) }
        let widths = TableLayout.fit(specs, width: width, leading: 4)
        func w(_ column: Phrase.Column) -> Int? { specs.firstIndex { $0.title == column.rawValue }.flatMap { widths[$0] } }
        let shown = zip(specs, widths).compactMap { spec, width in width.flatMap { w in Phrase.Column(rawValue: spec.title).map { ($0, w) } } }
        return Columns(
            channel: w(.channel), name: max(1, w(.name) ?? 1), when: w(.when), updated: w(.updated), note: w(.note), shown: shown)
    }

    static func render(_ state: AppState, glyphs: Glyphs, into buffer: inout Buffer) {
        let top = Layout.rowsAbove
        let rows = Layout.tableRows(height: state.height)
        let cols = columns(width: state.width, channels: state.scope == .all)
        let env = state.environment, cat = env.catalog
        // Column header
        buffer.fill(x: 0, y: top - 1, width: state.width, height: 1, role: "column.header")
        var x = 4
        for (column, w) in cols.shown { x += buffer.put(TextLayout.fit(cat.phrase(.column(column)), to: w), x: x, y: top - 1, role: "column.header") + 1 }

        if state.campaigns.isEmpty {
            let text = state.refreshing ? cat.phrase(.loadingCampaignsTable)
                : state.refreshError.map { cat.phrase(.couldNotLoad(Format.shown(cat.error($0), env))) } ?? cat.phrase(.noCampaignMatches)
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
            // Glyph and blank apart: on a mirrored screen each field hugs the right, and the
            // glyph must be the row's first cell there too.
            if selected {
                buffer.put(glyphs.selected, x: 0, y: y, role: "row.selected")
                buffer.put(" ", x: 1, y: y, role: "row.selected")
            }
            var x = 2
            let mark: String
            if note == .cancelling { mark = glyphs.cancelling } else if state.marks.contains(campaign.id) { mark = glyphs.marked }
            else if note.map({ if case .unknown = $0 { return true } else { return false } }) == true { mark = glyphs.unknown }
            else { mark = cancellable ? glyphs.cancellable : glyphs.notCancellable }
            x += buffer.put(mark, x: x, y: y, role: cancellable ? "marker.cancellable" : "marker") + 1
            if let w = cols.channel {
                buffer.put(TextLayout.truncate(cat.channel(campaign.channel), to: w), x: x, y: y, role: rowRole)
                x += w + 1
            }
            // Text only, no padding: blank cells stay plain, so curses can clear runs of them
            // instead of writing styled spaces.
            let name = Format.shown(campaign.name ?? "—", state.environment)
            buffer.put(TextLayout.truncate(name, to: cols.name), x: x, y: y, role: rowRole, maxWidth: cols.name)
            x += cols.name + 1
            // The glyph is a field of its own: it starts the column in either direction, and is
            // never mirrored by the bidi algorithm (⊘ would become ⦸, which fonts lack).
            let statusRole = Role("status.\(statusKey(campaign.status))")
            buffer.put(glyphs.status(campaign.status), x: x, y: y, role: statusRole)
            buffer.put(" ", x: x + 1, y: y, role: statusRole)
            buffer.put(TextLayout.truncate(Format.shown(cat.status(campaign.status), env), to: statusWidth - 2), x: x + 2, y: y, role: statusRole)
            x += statusWidth + 1
            if let w = cols.when {
                var when = Format.when(campaign, now: state.now, timeZone: env.timeZone, cat)
                // Going out within the window: a glyph and a word, not only a colour.
                let soon = Format.isSoon(campaign, now: state.now, window: state.environment.soonWindow)
                // The countdown alone (the clock time is in the details).
                if soon {
                    let countdown = campaign.scheduledAt?.date.map { Format.span($0.timeIntervalSince(state.now), cat) } ?? when
                    switch campaign.status {
                    case .scheduled: when = "\(glyphs.soon) \(cat.phrase(.soon)) \(glyphs.separator) \(countdown)"
                    // "queued" says it already: the room goes to when it was due.
                    case .queued: when = "\(glyphs.soon) \(when)"
                    default: when = "\(glyphs.soon) \(cat.phrase(.soon)) \(glyphs.separator) \(when)"
                    }
                }
                buffer.put(TextLayout.truncate(Format.shown(when, state.environment), to: w), x: x, y: y, role: soon ? "when.soon" : rowRole)
                x += w + 1
            }
            if let w = cols.updated {
                let updated = campaign.updatedAt?.date.map { Format.ago(from: $0, to: state.now, cat) } ?? cat.phrase(.nothing)
                buffer.put(TextLayout.truncate(updated, to: w), x: x, y: y, role: rowRole)
                x += w + 1
            }
            if let w = cols.note, let note {
                let (text, role) = describe(note, glyphs: glyphs, cat)
                buffer.put(TextLayout.truncate(Format.shown(text, state.environment), to: w), x: x, y: y, role: role)
            }
            if selected { buffer.cursor = (0, y) }
        }
        if state.loadingMore, state.campaigns.count - state.scroll < rows {
            buffer.put(cat.phrase(.loadingMore), x: 4, y: top + state.campaigns.count - state.scroll, role: "row.dimmed")
        }
        if state.selectedID == nil { buffer.cursor = (0, top) }
    }

    static func statusKey(_ s: CampaignStatus) -> String {
        if case .unknown = s { return "unknown" }
        return s.title.lowercased()
    }

    static func describe(_ note: RowNote, glyphs: Glyphs, _ cat: any Catalog) -> (String, Role) {
        switch note {
        case .queued: return (cat.phrase(.waiting), "flash.info")
        case .cancelling: return ("\(glyphs.cancelling) \(cat.phrase(.cancellingNote))", "flash.info")
        case .cancelled(let m, _): return ("\(glyphs.ok) \(m)", "flash.ok")
        case .failed(let e, let now): return ("\(glyphs.failed) \(cat.phrase(.rowFailed(e, now: now)))", "flash.error")
        case .unknown(let key, let by): return ("? \(cat.phrase(.rowUnknown(recheckKey: key, interruptedBy: by)))", "flash.unknown")
        }
    }
}
