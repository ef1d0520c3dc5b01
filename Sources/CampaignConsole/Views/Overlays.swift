import ArselModel
import Foundation
import TerminalUI

/// One line of an overlay: runs of text, each with its role.
typealias Line = [(text: String, role: Role)]

/// What an overlay shows: lines that stay (the name a dialog is about, its buttons) and a body
/// that scrolls when the box cannot hold it, with its position on the box's bottom border.
struct OverlayContent {
    var title: String
    var role: Role = "dialog"
    /// The box's widest wish; the terminal may give less.
    var width: Int
    var top: [Line] = []
    var body: [Line]
    /// Rows drawn below the body by the overlay itself (a prompt, an error, the buttons).
    var bottomRows = 0
    /// A blank row above the body and above the bottom rows, when there is room.
    var padded = false
    /// The body's paragraph direction: the catalog's for sentences around server text (the
    /// messages); each run finds its own otherwise.
    var direction: TextDirection = .auto

    /// The rows between the header and the hint bar: overlays never cover either (the hint bar
    /// says what the keys do in the overlay).
    static func area(_ state: AppState) -> Rect { Rect(x: 0, y: 1, width: state.width, height: state.height - 2) }

    /// The box's size and how many body rows it shows.
    func frame(in area: Rect) -> (width: Int, height: Int, bodyRows: Int, padded: Bool) {
        let width = min(self.width, area.width - 2)
        let wanted = top.count + body.count + bottomRows
        let pad = padded && wanted + 2 + 2 <= area.height - 2
        let chrome = 2 + (pad ? 2 : 0)
        let height = min(wanted + chrome, area.height)
        let bodyRows = max(0, min(body.count, height - chrome - top.count - bottomRows))
        return (width, height, bodyRows, pad)
    }

    func maxScroll(in area: Rect) -> Int { max(0, body.count - frame(in: area).bodyRows) }

    /// Draws the box, the top lines and the body from `scroll`; returns the rectangle left for
    /// the bottom rows.
    @discardableResult
    func render(_ state: AppState, into buffer: inout Buffer) -> Rect {
        let area = Self.area(state)
        let f = frame(in: area)
        // Centred in the area between the header and the hint bar.
        let rect = area.centered(width: f.width, height: f.height)
        let inner = Screen.box(&buffer, in: area, rect, title: title, role: role, unicode: state.environment.unicode)
        var y = inner.y + (f.padded ? 1 : 0)
        func draw(_ line: Line, at y: Int) {
            var x = inner.x
            for (text, role) in line {
                // A run padded to a column (a key, a field name): on a mirrored screen the text
                // hugs the column's start, at its right, and the padding stays blank.
                let padding = buffer.mirrored ? text.reversed().prefix { $0 == " " }.count : 0
                let written = buffer.put(String(text.dropLast(padding)), x: x, y: y, role: role, maxWidth: inner.maxX - x, direction: direction)
                x += padding > 0 ? min(inner.maxX - x, written + padding) : written
            }
        }
        for line in top {
            draw(line, at: y)
            y += 1
        }
        let first = max(0, min(state.overlayScroll, body.count - f.bodyRows))
        for line in body.dropFirst(first).prefix(f.bodyRows) {
            draw(line, at: y)
            y += 1
        }
        Screen.position(&buffer, state.environment.catalog, inner: inner, first: first, shown: f.bodyRows, total: body.count, role: role)
        buffer.cursor = (inner.x, inner.y)
        return Rect(x: inner.x, y: y + (f.padded ? 1 : 0), width: inner.width, height: inner.maxY - y)
    }

    /// The overlay open now, if it has a box of its own.
    static func of(_ state: AppState) -> OverlayContent? {
        switch state.overlay {
        case .none: return nil
        case .help: return HelpView.content(state)
        case .details(let id): return DetailsView.content(state, id: id)
        case .messages: return MessagesView.content(state)
        case .confirm(let c): return ConfirmDialog.content(state, c, glyphs: state.glyphs)
        case .quitWhileCancelling: return QuitDialog.content(state, glyphs: state.glyphs)
        }
    }
}

extension AppState {
    var glyphs: Glyphs {
        let g: Glyphs = environment.unicode ? .unicode : .ascii
        return environment.mirrored ? g.mirrored : g
    }

    /// How far the open overlay can scroll (the reducer stops there: a key past the end does nothing).
    var overlayMaxScroll: Int { OverlayContent.of(self)?.maxScroll(in: OverlayContent.area(self)) ?? 0 }
}

/// Wrapped text as lines of one role.
func wrapped(_ text: String, _ role: Role, width: Int) -> [Line] {
    TextLayout.wrap(text, width: width).map { [($0, role)] }
}

/// The cancel confirmation: names what will be cancelled, warns that what was handed off cannot
/// be recalled (in the channel's words), focuses Keep. Every marked campaign can be read (the
/// list scrolls); the buttons are always inside the box.
enum ConfirmDialog {
    static func content(_ state: AppState, _ c: Confirmation, glyphs: Glyphs) -> OverlayContent {
        let env = state.environment, cat = env.catalog
        let count = c.phase == .ready ? c.cancellable.count : c.asked.count
        var title = cat.digits(cat.phrase(.cancelTitle(count: count)))
        if env.production { title = cat.phrase(.productionTitle(title)) }
        var raw: [(String, Role)] = []
        // One line per campaign of a bulk cancel: marker, name, status, channel as runs of their
        // own, so every line reads the same way (from the right in Arabic) whatever the name's
        // script — one sentence would take its direction from the name.
        var listed: [(marker: String, name: String, rest: [String])] = []
        var top: Line = []
        switch c.phase {
        case .checking:
            raw.append((cat.phrase(.checkingWithArsel(count: c.asked.count)), "dialog"))
        case .ready:
            if c.cancellable.isEmpty {
                title = cat.phrase(.cannotCancelTitle)
                raw.append((cat.phrase(.noLongerCancellable), "dialog.danger"))
            } else if c.cancellable.count == 1, let one = c.cancellable.first {
                top = [(Format.shown(one.name ?? "—", env), "dialog.strong")]
                var detail = cat.status(one.status)
                if let when = one.scheduledAt?.date {
                    detail += " \(glyphs.separator) " + cat.phrase(.sends(Format.when(when, now: state.now, timeZone: env.timeZone, cat)))
                } else if one.status == .sending {
                    detail += " \(glyphs.separator) " + cat.phrase(.sendingNow)
                }
                detail += " \(glyphs.separator) \(cat.channel(one.channel)) \(glyphs.separator) " + cat.phrase(.campaignID(Format.shown(one.id, env)))
                raw.append((detail, "dialog"))
            } else {
                // Each cancel is one request at the organisation's budget.
                let seconds = c.plan.seconds(requestsPerSecond: env.requestsPerSecond)
                let counts = c.plan.perChannel.map { Phrase.ChannelCount($0.channel, $0.count) }
                top = [(cat.digits(cat.phrase(.plannedCancels(counts: counts, total: c.cancellable.count, seconds: seconds, separator: glyphs.separator))), "dialog.strong")]
                let several = c.plan.perChannel.count > 1
                for one in c.cancellable {
                    let rest = ["  " + cat.status(one.status)] + (several ? ["  " + cat.channel(one.channel)] : [])
                    listed.append((glyphs.marked + " ", Format.shown(one.name ?? "—", env), rest))
                }
            }
            for s in c.skipped {
                raw.append((cat.phrase(.skipped(name: Format.shown(s.name, env), reason: Format.shown(cat.skip(s.reason), env))), "dialog.dim"))
            }
            if !c.cancellable.isEmpty {
                // In the words of the channels concerned: emails, messages, notifications.
                let channels = c.plan.perChannel.map(\.channel)
                raw.append((cat.phrase(.stopsWhatIsNotHandedOff(channels)), "dialog.danger"))
                raw.append((cat.phrase(.handedOffCannotBeRecalled(channels)), "dialog.danger"))
            }
        }
        let widest = (raw.map { DisplayWidth.of($0.0) } + listed.map { TextLayout.cells($0.marker + $0.name + $0.rest.joined()) }
            + [DisplayWidth.of(top.first?.text ?? "")]).max() ?? 0
        let width = min(max(50, widest + 4), 78)
        let inner = max(1, min(width, state.width - 2) - 4)
        // A name too long for the line keeps its id in view, the part that tells two apart:
        // beside it when short, else on a fixed line of its own (its end kept: a UUIDv7's start
        // is the time, the same for campaigns made together).
        var idLine: Line?
        if c.phase == .ready, c.cancellable.count == 1, let one = c.cancellable.first, let name = top.first?.text,
           DisplayWidth.of(name) > inner
        {
            let id = Format.shown(one.id, env)
            if DisplayWidth.of(id) + 3 <= inner / 2 {
                top[0].text = TextLayout.truncate(name, to: inner - DisplayWidth.of(id) - 3) + " (\(id))"
            } else {
                top[0].text = TextLayout.truncate(name, to: inner)
                let room = inner - 3
                let shown = DisplayWidth.of(id) <= room ? id : "…" + String(id.suffix(max(1, room - 1)))
                idLine = [(cat.phrase(.campaignID(shown)), "dialog.strong")]
            }
        } else if let text = top.first?.text {
            top[0].text = TextLayout.truncate(text, to: inner)
        }
        // A name too long for its line goes on under itself, never cut: each is read in full.
        let rows: [Line] = listed.flatMap { entry -> [Line] in
            let restWidth = entry.rest.map(TextLayout.cells).reduce(0, +)
            let marker = TextLayout.cells(entry.marker)
            let names = TextLayout.wrap(entry.name, width: max(1, inner - marker - restWidth))
            let first: Line = [(entry.marker, Role("dialog")), (names.first ?? "", Role("dialog"))] + entry.rest.map { ($0, Role("dialog")) }
            return [first] + names.dropFirst().map { [(String(repeating: " ", count: marker), Role("dialog")), ($0, Role("dialog"))] }
        }
        // The campaigns first (a bulk cancel has no other line before them), then skips and the warning.
        let body = rows + raw.flatMap { wrapped($0.0, $0.1, width: inner) }
        let typing = c.phase == .ready && c.needsTyping(production: env.production)
        let bottom = (typing ? 1 : 0) + (c.error != nil ? 1 : 0) + (c.phase == .ready ? 1 : 0)
        return OverlayContent(
            title: title, role: env.production ? "dialog.danger" : "dialog", width: width,
            top: (top.isEmpty ? [] : [top]) + (idLine.map { [$0] } ?? []), body: body,
            bottomRows: bottom, padded: true)
    }

    static func render(_ state: AppState, _ c: Confirmation, glyphs: Glyphs, into buffer: inout Buffer) {
        let env = state.environment, cat = env.catalog
        let rest = content(state, c, glyphs: glyphs).render(state, into: &buffer)
        var y = rest.y
        var cursor: (Int, Int) = (rest.x, y)
        let typing = c.phase == .ready && c.needsTyping(production: env.production)
        if typing {
            let prompt = cat.digits(cat.phrase(.typeCountPrompt(c.cancellable.count)))
            buffer.put(prompt + c.typed, x: rest.x, y: y, role: "dialog.strong", maxWidth: rest.width)
            cursor = (rest.x + TextLayout.cells(prompt + c.typed), y)
            y += 1
        }
        if let error = c.error {
            buffer.put(TextLayout.truncate(cat.digits(cat.phrase(error)), to: rest.width), x: rest.x, y: y, role: "dialog.danger")
            y += 1
        }
        guard c.phase == .ready else {
            buffer.cursor = cursor
            return
        }
        // The buttons: the long labels when they fit, else the short ones.
        let n = c.cancellable.count
        let labels = [false, true].map { cat.digits(cat.phrase(.cancelButton(count: n, short: $0))) }
        func button(_ label: String, focused: Bool) -> String { focused ? "[> \(label) <]" : "[ \(label) ]" }
        let keep = button(cat.phrase(.keepButton), focused: c.focus == .keep)
        var cancel = button(labels[0], focused: c.focus == .cancel)
        if DisplayWidth.of(keep) + 2 + DisplayWidth.of(cancel) > rest.width { cancel = button(labels[1], focused: c.focus == .cancel) }
        let total = DisplayWidth.of(keep) + (c.cancellable.isEmpty ? 0 : 2 + DisplayWidth.of(cancel))
        let keepX = rest.x + max(0, (rest.width - total) / 2)
        buffer.put(keep, x: keepX, y: y, role: c.focus == .keep ? "button.focused" : "button", maxWidth: rest.maxX - keepX)
        var cancelX = keepX
        if !c.cancellable.isEmpty {
            cancelX = keepX + DisplayWidth.of(keep) + 2
            buffer.put(cancel, x: cancelX, y: y, role: c.focus == .cancel ? "button.focused.danger" : "button", maxWidth: rest.maxX - cancelX)
        }
        if !typing { cursor = (c.focus == .keep ? keepX : cancelX, y) }
        buffer.cursor = cursor
    }

    /// What Enter does now, for the hint bar: the reducer's own rule (`enterAction`), in words.
    static func enterDoes(_ state: AppState, _ c: Confirmation) -> Phrase.Hint {
        switch c.enterAction(production: state.environment.production) {
        case .wait: return .waits
        case .close: return .closes
        case .keep: return .keeps
        case .wrongCount: return c.typed.isEmpty ? .asksForCount : .wrongCount
        case .confirm: return .cancels
        }
    }
}

/// `q` while a cancel is sent or queued.
enum QuitDialog {
    static func content(_ state: AppState, glyphs: Glyphs) -> OverlayContent {
        let width = 50, inner = max(1, min(width, state.width - 2) - 4), cat = state.environment.catalog
        return OverlayContent(
            title: cat.phrase(.quitTitle), role: "dialog.danger", width: width,
            body: wrapped(cat.phrase(.quitQuestion), "dialog.strong", width: inner) + wrapped(cat.phrase(.quitConsequence), "dialog", width: inner))
    }

    static func render(_ state: AppState, glyphs: Glyphs, into buffer: inout Buffer) {
        content(state, glyphs: glyphs).render(state, into: &buffer)
    }
}

/// Every context's keys, from the keymap, and what the header's budget means.
enum HelpView {
    static func content(_ state: AppState) -> OverlayContent {
        let keymap = state.environment.keymap, cat = state.environment.catalog
        let width = 72, inner = max(1, min(width, state.width - 2) - 4)
        var body: [Line] = []
        func section<C: KeyCommand>(_ heading: String?, _ b: Bindings<C>) {
            let rows = b.helpRows
            let keyWidth = min(18, rows.map { DisplayWidth.of($0.keys) }.max() ?? 8)
            if let heading {
                body.append([])
                body.append([(heading, "dialog.strong")])
            }
            for row in rows {
                let disabled = row.command.isWrite && state.environment.readOnly
                let text = (disabled ? cat.phrase(.disabledReadOnly) : "") + row.command.help(in: cat, keys: keymap)
                body.append([
                    (TextLayout.fit(row.keys, to: keyWidth) + "  ", disabled ? "help.disabled" : "help.key"),
                    (TextLayout.truncate(text, to: inner - keyWidth - 2), disabled ? "help.disabled" : "help.text"),
                ])
            }
        }
        section(nil, keymap.list)
        section(cat.phrase(.section(.dialog)), keymap.dialog)
        section(cat.phrase(.section(.overlay)), keymap.overlay)
        section(cat.phrase(.section(.input)), keymap.input)
        // What the header's budget means.
        let legend = cat.digits(cat.phrase(.budgetLegend(limit: state.rateLimit ?? 2)))
        body.append([])
        body += wrapped(legend, "dialog.dim", width: inner)
        return OverlayContent(title: cat.phrase(.keysTitle), width: width, body: body)
    }

    static func render(_ state: AppState, into buffer: inout Buffer) { content(state).render(state, into: &buffer) }
}

enum DetailsView {
    static func content(_ state: AppState, id: String) -> OverlayContent {
        let env = state.environment, cat = env.catalog
        guard let c = state.campaign(id) else { return OverlayContent(title: cat.phrase(.campaignTitle), width: 40, body: []) }
        let width = 90, inner = max(1, min(width, state.width - 2) - 4)
        // Where it lives, and the zone every time here is in.
        let fields = [(cat.phrase(.field(.channel)), JSONScalar.string(cat.channel(c.channel)))] + c.apiFields
            + [(cat.phrase(.field(.timesIn)), JSONScalar.string(env.timeZone.identifier))]
        let keyWidth = fields.map { DisplayWidth.of($0.0) }.max() ?? 10
        var body: [Line] = fields.map { key, value in
            var text = Format.text(value)
            // Times in the zone of TZ (or the system), with the zone said.
            if key.hasSuffix("_at"), case .string(let raw) = value, let date = Timestamp.parse(raw) {
                text = Format.stamp(date, timeZone: env.timeZone)
            }
            return [(TextLayout.fit(key, to: keyWidth) + "  ", "help.key"), (TextLayout.truncate(Format.shown(text, env), to: inner - keyWidth - 2), "dialog")]
        }
        let verdict = c.status.isCancellable
            ? cat.phrase(.cancellableAfterClosing(key: env.keymap.list.label(.cancel) ?? "")) : cat.phrase(.notCancellableBecause(cat.notCancellable(c.status)))
        body += wrapped(Format.shown(verdict, env), "dialog.dim", width: inner)
        return OverlayContent(title: Format.shown(c.name ?? cat.phrase(.campaignTitle), env), width: width, body: body)
    }

    static func render(_ state: AppState, id: String, into buffer: inout Buffer) { content(state, id: id).render(state, into: &buffer) }
}

/// The message history, newest first.
enum MessagesView {
    static func content(_ state: AppState) -> OverlayContent {
        let env = state.environment, cat = env.catalog
        let body: [Line] = state.messages.reversed().map { m in
            let time = Format.clock(m.at, timeZone: env.timeZone, seconds: true, cat)
            let role: Role = m.level == .error ? "flash.error" : m.level == .ok ? "flash.ok" : m.level == .unknown ? "flash.unknown" : "dialog"
            return [(time + "  ", "dialog.dim"), (Format.shown(cat.notice(m.notice), env), role)]
        }
        return OverlayContent(
            title: cat.phrase(.messagesTitle), width: state.width, body: body.isEmpty ? [[(cat.phrase(.noMessagesYet), Role("dialog.dim"))]] : body,
            direction: env.textDirection)
    }

    static func render(_ state: AppState, into buffer: inout Buffer) { content(state).render(state, into: &buffer) }
}
