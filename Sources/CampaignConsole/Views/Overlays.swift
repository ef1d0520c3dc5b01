import ArselModel
import Foundation
import TerminalUI

/// The cancel confirmation: names what will be cancelled, warns that handed-off emails cannot
/// be recalled, focuses Keep.
enum ConfirmDialog {
    static func render(_ state: AppState, _ c: Confirmation, glyphs: Glyphs, into buffer: inout Buffer) {
        let env = state.environment
        let count = c.phase == .ready ? c.cancellable.count : c.asked.count
        var lines: [(String, Role)] = []
        var title = count == 1 ? "Cancel campaign?" : "Cancel \(count) campaigns?"
        if env.production { title = "PRODUCTION — " + title }
        switch c.phase {
        case .checking:
            lines.append(("Checking with Arsel that \(c.asked.count == 1 ? "it" : "they") can still be cancelled…", "dialog"))
        case .ready:
            if c.cancellable.isEmpty {
                title = "Cannot cancel"
                lines.append(("No longer cancellable:", "dialog.danger"))
            } else if c.cancellable.count == 1, let one = c.cancellable.first {
                lines.append((Format.shown(one.name ?? "—", state.environment), "dialog.strong"))
                var detail = one.status.title
                if let when = one.scheduledAt?.date {
                    detail += " \(glyphs.separator) sends \(Format.when(when, now: state.now, timeZone: env.timeZone))"
                } else if one.status == .sending {
                    detail += " \(glyphs.separator) sending now"
                }
                detail += " \(glyphs.separator) \(one.channel.title)"
                lines.append((detail, "dialog"))
            } else {
                let several = c.plan.perChannel.count > 1
                for one in c.cancellable.prefix(3) {
                    let channel = several ? "  \(one.channel.title)" : ""
                    lines.append(("\(glyphs.marked) " + Format.shown(one.name ?? "—", state.environment) + "  \(one.status.title)\(channel)", "dialog"))
                }
                if c.cancellable.count > 3 { lines.append(("… and \(c.cancellable.count - 3) more", "dialog")) }
                // Each cancel is one request at the organisation's budget.
                let seconds = c.plan.seconds(requestsPerSecond: env.requestsPerSecond)
                lines.append(("\(c.plan.countsText) \(glyphs.separator) \(c.cancellable.count) cancels ≈ \(seconds) s", "dialog"))
            }
            for s in c.skipped.prefix(3) {
                lines.append(("Skipped: \(Format.shown(s.name, state.environment)) — \(Format.shown(s.reason, state.environment))", "dialog.dim"))
            }
            if c.skipped.count > 3 { lines.append(("Skipped: \(c.skipped.count - 3) more", "dialog.dim")) }
            if !c.cancellable.isEmpty {
                lines.append(("", "dialog"))
                // In the words of the channels concerned: emails, messages, notifications.
                let specs = c.plan.perChannel.map(\.channel.spec)
                let one = specs.map(\.one).joined(separator: " or ")
                let many = specs.map(\.many).joined(separator: " or ")
                lines.append(("Cancelling stops every \(one) not yet handed off for delivery.", "dialog.danger"))
                lines.append(("\(many.prefix(1).uppercased() + many.dropFirst()) already handed off cannot be recalled.", "dialog.danger"))
            }
        }
        let typing = c.phase == .ready && c.needsTyping(production: env.production)
        let boxWidth = min(max(50, (lines.map { DisplayWidth.of($0.0) }.max() ?? 0) + 6), state.width - 2)
        let boxHeight = lines.count + 6 + (typing ? 1 : 0) + (c.error != nil ? 1 : 0)
        let inner = Screen.box(&buffer, width: boxWidth, height: boxHeight, title: title,
                               role: env.production ? "dialog.danger" : "dialog", unicode: env.unicode)
        var y = inner.y + 1
        for (text, role) in lines {
            buffer.put(TextLayout.truncate(text, to: inner.width), x: inner.x, y: y, role: role)
            y += 1
        }
        y += 1
        var cursor: (Int, Int) = (inner.x, y)
        if typing {
            let prompt = "Type \(c.cancellable.count) to confirm: "
            buffer.put(prompt + c.typed, x: inner.x, y: y, role: "dialog.strong")
            cursor = (inner.x + DisplayWidth.of(prompt + c.typed), y)
            y += 1
        }
        if let error = c.error {
            buffer.put(error, x: inner.x, y: y, role: "dialog.danger")
            y += 1
        }
        if c.phase == .ready {
            let keep = c.focus == .keep ? "[> Keep <]" : "[ Keep ]"
            let action = c.cancellable.count == 1 ? "Cancel campaign" : "Cancel \(c.cancellable.count) campaigns"
            let cancel = c.focus == .cancel ? "[> \(action) <]" : "[ \(action) ]"
            let total = DisplayWidth.of(keep) + 4 + (c.cancellable.isEmpty ? 0 : DisplayWidth.of(cancel))
            var x = inner.x + max(0, (inner.width - total) / 2)
            let keepX = x
            x += buffer.put(keep, x: x, y: y, role: c.focus == .keep ? "button.focused" : "button") + 4
            var cancelX = keepX
            if !c.cancellable.isEmpty {
                cancelX = x
                buffer.put(cancel, x: x, y: y, role: c.focus == .cancel ? "button.focused.danger" : "button")
            }
            if !typing { cursor = (c.focus == .keep ? keepX : cancelX, y) }
        }
        y += 1
        // The footer says what Enter will do now.
        let enter: String
        if typing && !c.typedCountIsRight(production: env.production) {
            enter = c.typed.isEmpty ? "enter keeps" : "enter: wrong count"
        } else {
            enter = c.focus == .keep && !(typing && !c.typed.isEmpty) ? "enter keeps" : "enter cancels"
        }
        let hint = c.cancellable.isEmpty || c.phase != .ready
            ? "esc / n close"
            : "\(enter) \(glyphs.separator) y cancel \(glyphs.separator) n / esc keep \(glyphs.separator) tab move"
        buffer.put(TextLayout.truncate(hint, to: inner.width), x: inner.x, y: min(y + 1, inner.y + inner.height - 1), role: "dialog.dim")
        buffer.cursor = cursor
    }
}

/// `q` while a cancel is sent or queued.
enum QuitDialog {
    static let question = "A cancel is still running — quit anyway?"
    static let consequence = "(the outcome will be unknown)"

    static func render(_ state: AppState, glyphs: Glyphs, into buffer: inout Buffer) {
        let inner = Screen.box(&buffer, width: 50, height: 6, title: "Quit?", role: "dialog.danger", unicode: state.environment.unicode)
        buffer.put(TextLayout.truncate(question, to: inner.width), x: inner.x, y: inner.y, role: "dialog.strong")
        buffer.put(TextLayout.truncate(consequence, to: inner.width), x: inner.x, y: inner.y + 1, role: "dialog")
        buffer.put(TextLayout.truncate("y quit anyway \(glyphs.separator) n / esc stay", to: inner.width), x: inner.x, y: inner.y + 3,
                   role: "dialog.dim")
        buffer.cursor = (inner.x, inner.y)
    }
}

enum HelpView {
    static func render(_ state: AppState, into buffer: inout Buffer) {
        let rows = state.environment.keymap.helpRows
        let keyWidth = min(18, rows.map { DisplayWidth.of($0.keys) }.max() ?? 8)
        // What the header's budget means, under the keys.
        let limit = state.rateLimit.map(String.init) ?? "2"
        let legend = "budget \(limit)/s: your organisation's \(limit) requests a second, shared by every key and person; "
            + "0/\(limit) while someone else uses them up (your requests wait)"
        let inner = Screen.box(&buffer, width: min(state.width - 2, 72), height: min(state.height - 2, rows.count + 6),
                               title: "Keys", unicode: state.environment.unicode)
        let legendLines = TextLayout.wrap(legend, width: inner.width)
        let keyRows = max(0, inner.height - 1 - (inner.height > rows.count + 2 ? legendLines.count + 1 : 0))
        for (i, line) in legendLines.enumerated() where inner.height > rows.count + 2 {
            buffer.put(line, x: inner.x, y: inner.y + keyRows + 1 + i, role: "dialog.dim")
        }
        for (i, row) in rows.prefix(keyRows).enumerated() {
            let disabled = row.command.isWrite && state.environment.readOnly
            buffer.put(TextLayout.fit(row.keys, to: keyWidth), x: inner.x, y: inner.y + i, role: disabled ? "help.disabled" : "help.key")
            let text = (disabled ? "disabled (read-only): " : "") + row.command.help
            buffer.put(TextLayout.truncate(text, to: inner.width - keyWidth - 2), x: inner.x + keyWidth + 2, y: inner.y + i,
                       role: disabled ? "help.disabled" : "help.text")
        }
        buffer.cursor = (inner.x, inner.y)
    }
}

enum DetailsView {
    static func render(_ state: AppState, id: String, into buffer: inout Buffer) {
        guard let c = state.campaign(id) else { return }
        // Where it lives, and the zone every time here is in.
        let fields = [("channel", JSONScalar.string(c.channel.title))] + c.apiFields
            + [("times in", JSONScalar.string(state.environment.timeZone.identifier))]
        let inner = Screen.box(&buffer, width: min(state.width - 2, 90), height: min(state.height - 2, fields.count + 5),
                               title: Format.shown(c.name ?? "Campaign", state.environment), unicode: state.environment.unicode)
        let keyWidth = fields.map { $0.0.count }.max() ?? 10
        for (i, (key, value)) in fields.prefix(max(0, inner.height - 2)).enumerated() {
            var text = Format.text(value)
            // Times in the zone of TZ (or the system), with the zone said.
            if key.hasSuffix("_at"), case .string(let raw) = value, let date = Timestamp.parse(raw) {
                text = Format.stamp(date, timeZone: state.environment.timeZone)
            }
            buffer.put(TextLayout.fit(key, to: keyWidth), x: inner.x, y: inner.y + i, role: "help.key")
            buffer.put(TextLayout.truncate(Format.shown(text, state.environment), to: inner.width - keyWidth - 2), x: inner.x + keyWidth + 2,
                       y: inner.y + i, role: "dialog")
        }
        let verdict = c.status.isCancellable ? "cancellable: press c after closing" : "not cancellable: \(c.status.notCancellableReason)"
        buffer.put(TextLayout.truncate(Format.shown(verdict, state.environment), to: inner.width), x: inner.x,
                   y: inner.y + min(fields.count, inner.height - 1), role: "dialog.dim")
        buffer.cursor = (inner.x, inner.y)
    }
}

enum MessagesView {
    static func render(_ state: AppState, into buffer: inout Buffer) {
        let inner = Screen.box(&buffer, width: state.width - 2, height: state.height - 2, title: "Messages",
                               unicode: state.environment.unicode)
        let shown = state.messages.suffix(max(0, inner.height))
        if shown.isEmpty { buffer.put("No messages yet.", x: inner.x, y: inner.y, role: "dialog.dim") }
        for (i, m) in shown.enumerated() {
            let time = Format.clock(m.at, timeZone: state.environment.timeZone, seconds: true)
            let role: Role = m.level == .error ? "flash.error" : m.level == .ok ? "flash.ok" : m.level == .unknown ? "flash.unknown" : "dialog"
            buffer.put(TextLayout.truncate(time + "  " + Format.shown(m.text, state.environment), to: inner.width), x: inner.x, y: inner.y + i, role: role)
        }
        buffer.cursor = (inner.x, inner.y)
    }
}
