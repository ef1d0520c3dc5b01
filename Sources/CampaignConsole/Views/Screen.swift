import ArselModel
import Foundation
import TerminalUI

/// Renders the whole state into a buffer: the pure "view" of the console.
public enum Screen {
    public static func render(_ state: AppState) -> Buffer {
        let env = state.environment
        var buffer = Buffer(width: state.width, height: state.height, ascii: !env.unicode, bidi: env.bidi, mirrored: env.mirrored)
        if Layout.tooSmall(width: state.width, height: state.height) {
            renderTooSmall(state, into: &buffer)
            return buffer
        }
        let glyphs = state.glyphs
        Header.render(state, glyphs: glyphs, into: &buffer)
        Table.render(state, glyphs: glyphs, into: &buffer)
        StatusLine.render(state, glyphs: glyphs, into: &buffer)
        switch state.overlay {
        case .none: break
        case .help: HelpView.render(state, into: &buffer)
        case .details(let id): DetailsView.render(state, id: id, into: &buffer)
        case .messages: MessagesView.render(state, into: &buffer)
        case .confirm(let c): ConfirmDialog.render(state, c, glyphs: glyphs, into: &buffer)
        case .quitWhileCancelling: QuitDialog.render(state, glyphs: glyphs, into: &buffer)
        }
        return buffer
    }

    static func renderTooSmall(_ state: AppState, into buffer: inout Buffer) {
        let cat = state.environment.catalog, keymap = state.environment.keymap
        let size = Phrase.sizeNeeded(
            width: state.width, height: state.height, minWidth: Layout.minWidth, minHeight: Layout.minHeight, unicode: state.environment.unicode)
        var lines = [cat.phrase(.terminalTooSmall), cat.digits(cat.phrase(size)), cat.phrase(.keyQuits(key: keymap.list.label(.quit) ?? "^C"))]
        if state.overlay == .quitWhileCancelling {
            let quit = keymap.dialog.label(.confirm) ?? "", stay = keymap.dialog.label(.keep) ?? ""
            lines = [cat.phrase(.cancelStillRunning), cat.phrase(.quitAnywayQuestion), cat.phrase(.quitOrStay(quitKey: quit, stayKey: stay))]
        }
        for (i, line) in lines.enumerated() {
            let y = state.height / 2 - 1 + i
            buffer.put(line, x: max(0, (state.width - TextLayout.cells(line)) / 2), y: y, role: "flash.error", direction: state.environment.textDirection)
        }
        buffer.cursor = (0, 0)
    }

    /// A centred box with a border and a title; returns its inner rectangle (two cells in from
    /// the sides, one row in from the top and bottom). A blank margin of one cell is cleared
    /// around it, and a wide glyph cut by its edge is blanked whole: nothing from behind shows
    /// through or touches the border.
    static func box(_ buffer: inout Buffer, in area: Rect, _ outer: Rect, title: String, role: Role = "dialog", unicode: Bool) -> Rect {
        // The margin, clipped to the area (never over the header or the hint bar).
        let left = max(area.x, outer.x - 1), top = max(area.y, outer.y - 1)
        buffer.fill(x: left, y: top, width: min(area.maxX, outer.maxX + 1) - left, height: min(area.maxY, outer.maxY + 1) - top)
        buffer.fill(x: outer.x, y: outer.y, width: outer.width, height: outer.height, role: role)
        let (x, y, w, h) = (outer.x, outer.y, outer.width, outer.height)
        let (tl, tr, bl, br, hz, vt) = unicode ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
        buffer.put(tl + String(repeating: hz, count: max(0, w - 2)) + tr, x: x, y: y, role: role)
        buffer.put(bl + String(repeating: hz, count: max(0, w - 2)) + br, x: x, y: y + h - 1, role: role)
        for row in (y + 1)..<max(y + 1, y + h - 1) {
            buffer.put(vt, x: x, y: row, role: role)
            buffer.put(vt, x: x + w - 1, y: row, role: role)
        }
        let t = " " + TextLayout.truncate(title, to: max(0, w - 6)) + " "
        buffer.put(t, x: x + max(1, (w - TextLayout.cells(t)) / 2), y: y, role: role)
        return outer.inset(dx: 2, dy: 1)
    }

    /// Where a scrolled region stands, on the box's bottom border: " 4–9 of 23 ".
    static func position(_ buffer: inout Buffer, _ catalog: any Catalog, inner: Rect, first: Int, shown: Int, total: Int, role: Role = "dialog") {
        guard total > shown, shown > 0 else { return }
        let text = catalog.digits(catalog.phrase(.position(first: first + 1, last: first + shown, total: total)))
        let x = inner.maxX - DisplayWidth.of(text)
        if x > inner.x { buffer.put(text, x: x, y: inner.maxY, role: role) }
    }

}

enum Header {
    static func render(_ state: AppState, glyphs: Glyphs, into buffer: inout Buffer) {
        let env = state.environment, cat = env.catalog
        buffer.fill(x: 0, y: 0, width: state.width, height: 1, role: "header")
        // The pieces of the title line ask for room by priority: the environment's badge first
        // (never dropped), then the channel, the budget, the age; the product's name and the host
        // go first. Each shortens before it goes.
        struct Part { var piece: Piece; var role: Role; var right = false; var tabs = false }
        var pieces: [Part] = [
            Part(piece: Piece(["arsel-campaigns"], priority: 10), role: "header"),
            Part(piece: Piece([Format.shown(env.profile, env)], priority: 40), role: "header"),
        ]
        if env.sandbox || state.serverIsSandbox { pieces.append(Part(piece: Piece([cat.phrase(.badge(.sandbox, short: false)), cat.phrase(.badge(.sandbox, short: true))], priority: 100, required: true), role: "badge.sandbox")) }
        if env.production { pieces.append(Part(piece: Piece([cat.phrase(.badge(.production, short: false)), cat.phrase(.badge(.production, short: true))], priority: 100, required: true), role: "badge.production")) }
        if env.readOnly { pieces.append(Part(piece: Piece([cat.phrase(.badge(.readOnly, short: false)), cat.phrase(.badge(.readOnly, short: true))], priority: 100, required: true), role: "badge.readonly")) }
        // The view being shown is never cut off: when the strip does not fit, only its tab is drawn.
        func title(_ scope: ChannelScope) -> String {
            switch scope {
            case .one(let c): return cat.channel(c)
            case .all: return cat.phrase(.allChannels)
            }
        }
        let strip = ChannelScope.allCases.map { $0 == state.scope ? "[\(title($0))]" : " \(title($0)) " }.joined()
        pieces.append(Part(piece: Piece([strip, "[\(title(state.scope))]"], priority: 90, required: true), role: "header", tabs: true))
        pieces.append(Part(piece: Piece([Format.shown(env.apiHost, env)], priority: 20), role: "header"))
        // What changes here is what the person can act on; a count that moves with every request
        // would rewrite the header (and cost a packet) each time. So: the organisation's rate,
        // or "0/N" while someone else is using it up (requests wait).
        if let limit = state.rateLimit {
            let remaining = state.budgetContended ? state.rateRemaining ?? 0 : nil
            let forms = [Phrase.budget(limit: limit, remaining: remaining), .budgetShort(limit: limit, remaining: remaining)]
            pieces.append(Part(piece: Piece(forms.map { cat.digits(cat.phrase($0)) }, priority: 70), role: "header", right: true))
        }
        if state.paused { pieces.append(Part(piece: Piece([cat.phrase(.paused)], priority: 65), role: "header", right: true)) }
        // A refresh says so once it is slow (2 s; three channels' first pages take 1 s at 2/s): a
        // quick one changes nothing on screen.
        if state.refreshing, let since = state.refreshSince, state.now.timeIntervalSince(since) >= 2 {
            pieces.append(Part(piece: Piece([cat.phrase(.refreshingHeader)], priority: 30), role: "header", right: true))
        }
        let stale = state.refreshError != nil
        let age = state.lastRefresh.map { Format.ago(from: $0, to: state.now, cat) }
        let ageForms = age.map {
            stale ? [cat.phrase(.updated(age: cat.phrase(.staleAge(age: $0)))), cat.phrase(.staleAge(age: $0)), cat.phrase(.stale)]
                : [cat.phrase(.updated(age: $0)), $0]
        } ?? [cat.phrase(.loadingHeader)]
        pieces.append(Part(piece: Piece(ageForms, priority: 60), role: stale ? "flash.error" : "header", right: true))

        let chosen = PriorityFit.choose(pieces.map(\.piece), width: max(0, state.width - 2), gap: 2)
        let limit = state.width - 1
        var x = 1
        for (part, text) in zip(pieces, chosen) where !part.right {
            guard let text else { continue }
            if part.tabs && text == strip {
                for scope in ChannelScope.allCases {
                    let label = scope == state.scope ? "[\(title(scope))]" : " \(title(scope)) "
                    x += buffer.put(label, x: x, y: 0, role: scope == state.scope ? "header.active" : "header", maxWidth: limit - x)
                }
            } else {
                x += buffer.put(text, x: x, y: 0, role: part.tabs ? "header.active" : part.role, maxWidth: limit - x)
            }
            x += 2
        }
        let right = zip(pieces, chosen).compactMap { part, text in part.right ? text.map { ($0, part.role) } : nil }
        var rx = limit - right.reduce(0) { $0 + DisplayWidth.of($1.0) } - 2 * max(0, right.count - 1)
        for (text, role) in right where rx >= x - 1 {
            rx += buffer.put(text, x: rx, y: 0, role: role, maxWidth: limit - rx) + 2
        }

        // Counts per status, then the filter.
        var counts: [(CampaignStatus, Int)] = []
        for s in CampaignStatus.known {
            let n = state.counts[s] ?? 0
            if n > 0 { counts.append((s, n)) }
        }
        let other = state.counts.filter { if case .unknown = $0.key { return true } else { return false } }.values.reduce(0, +)
        var line = " " + counts.map { cat.digits(cat.phrase(.statusCount($0.0, $0.1))) }.joined(separator: " \(glyphs.separator) ")
        if other > 0 { line += " \(glyphs.separator) " + cat.digits(cat.phrase(.otherCount(other))) }
        if state.campaigns.isEmpty { line = " " + cat.phrase(state.refreshing ? .loadingCampaigns : .noCampaigns) }
        if state.scope == .all {
            // What is loaded of each channel: all of it, or its first pages ("email 50+").
            let loaded = state.scope.channels.compactMap { ch -> Phrase.Loaded? in
                guard let feed = state.feeds[ch], feed.loaded else { return nil }
                return Phrase.Loaded(ch, feed.campaigns.count, more: feed.hasMore)
            }
            if !loaded.isEmpty { line += " \(glyphs.separator) " + cat.digits(cat.phrase(.loaded(loaded))) }
        } else if state.hasMore { line += " " + cat.phrase(.moreBelow) }
        // Where the selection is, and how many are marked: "12/42 · 3 marked".
        var position = ""
        if let i = state.selectedIndex { position = cat.digits("\(i + 1)/\(state.campaigns.count)") }
        if !state.marks.isEmpty { position += (position.isEmpty ? "" : " \(glyphs.separator) ") + cat.digits(cat.phrase(.markedCount(state.marks.count))) }
        var filter = position.isEmpty ? cat.phrase(.filterLabel) : position + "  " + cat.phrase(.filterLabel)
        var parts: [String] = []
        switch state.statusFilter {
        case .stoppable?: parts.append(cat.phrase(.stoppableFilter))
        case .only(let s)?: parts.append(cat.status(s))
        case nil: break
        }
        if !state.search.isEmpty { parts.append("\"\(Format.shown(state.search, state.environment))\"") }
        filter += parts.isEmpty ? cat.phrase(.nothing) : parts.joined(separator: " + ")
        if state.sort != .listed { filter += "  " + cat.phrase(.sortedBy(state.sort)) }
        let fx = max(0, state.width - DisplayWidth.of(filter) - 1)
        buffer.put(TextLayout.truncate(line, to: max(0, fx - 1)), x: 0, y: 1, role: "counts")
        buffer.put(filter, x: fx, y: 1, role: "counts")
    }
}

enum StatusLine {
    static func render(_ state: AppState, glyphs: Glyphs, into buffer: inout Buffer) {
        let y = state.height - 2
        if let draft = state.searchDraft {
            // The prompt's mark and the typed text as fields of their own: on a mirrored screen
            // the mark starts the line at the right, and a Latin query reads left to right beside it.
            let typed = Format.shown(draft, state.environment)
            let prompt = "/ " + typed
            buffer.put("/", x: 0, y: y, role: "prompt")
            buffer.put(" ", x: 1, y: y, role: "prompt")
            buffer.put(typed, x: 2, y: y, role: "prompt")
            let input = state.environment.keymap.input
            let cat = state.environment.catalog
            let keys = [(InputCommand.apply, Phrase.applySearch), (.clear, .clearSearch)].compactMap { c, what in input.label(c).map { "\($0) \(cat.phrase(what))" } }
            buffer.put("  " + keys.joined(separator: " \(glyphs.separator) "), x: TextLayout.cells(prompt), y: y, role: "hints", direction: state.environment.textDirection)
            // Where the next character goes: after the text, or — a left-to-right query on a
            // mirrored screen, whose end is at its right, beside the mark — between the two.
            let ltrOnMirrored = buffer.mirrored && !typed.isEmpty && !Bidi.hasRTL(typed)
            buffer.cursor = (min(ltrOnMirrored ? 1 : TextLayout.cells(prompt), state.width - 1), y)
        } else if let message = state.latestMessage {
            let role: Role
            switch message.level {
            case .ok: role = "flash.ok"
            case .error: role = "flash.error"
            case .unknown: role = "flash.unknown"
            case .info: role = "flash.info"
            }
            let time = Format.clock(message.at, timeZone: state.environment.timeZone, seconds: true, state.environment.catalog)
            let text = " " + Format.shown(state.environment.catalog.notice(message.notice), state.environment)
            // A notice is the catalog's sentence around server text: it reads in the catalog's direction.
            buffer.put(TextLayout.truncate(text, to: max(0, state.width - DisplayWidth.of(time) - 2)), x: 0, y: y, role: role, direction: state.environment.textDirection)
            buffer.put(time, x: max(0, state.width - DisplayWidth.of(time) - 1), y: y, role: "hints")
        }
        // Key hints, from the keymap of what has the keys now: the list, a dialog, an overlay or
        // the prompt. When they do not all fit, the least needed go first.
        // Each hint is a field of its own, in the catalog's direction: in Arabic its key reads
        // first, at its right.
        let shown = PriorityFit.choose(Hints.pieces(state), width: state.width).compactMap { $0 }
        var x = 0
        for hint in shown where x < state.width {
            x += buffer.put(TextLayout.truncate(hint, to: state.width - x), x: x, y: state.height - 1, role: "hints", direction: state.environment.textDirection)
        }
    }
}

/// The hint bar's pieces: the first key of each command of the context that has the keys.
enum Hints {
    static func pieces(_ state: AppState) -> [Piece] {
        let keymap = state.environment.keymap, cat = state.environment.catalog
        func hint<C: KeyCommand>(_ b: Bindings<C>, _ c: C, _ what: Phrase.Hint, _ priority: Int, required: Bool = false) -> Piece? {
            b.label(c).map { Piece([" \($0) \(cat.phrase(.hint(what))) "], priority: priority, required: required) }
        }
        let scrolls = state.overlayMaxScroll > 0
        switch state.overlay {
        case .confirm(let c):
            let d = keymap.dialog
            var list = [hint(d, .press, ConfirmDialog.enterDoes(state, c), 100, required: true)]
            if c.phase == .ready && !c.cancellable.isEmpty {
                list += [hint(d, .confirm, .cancel, 90), hint(d, .keep, .keep, 95, required: true), hint(d, .moveFocus, .move, 40)]
            } else {
                list.append(hint(d, .keep, .close, 95, required: true))
            }
            if scrolls { list += [hint(d, .down, .more, 60)] }
            return list.compactMap { $0 }
        case .quitWhileCancelling:
            let d = keymap.dialog
            return [hint(d, .confirm, .quitAnyway, 100, required: true), hint(d, .keep, .stay, 100, required: true)].compactMap { $0 }
        case .help, .details, .messages:
            let o = keymap.overlay
            var list = [hint(o, .close, .close, 100, required: true)]
            if scrolls { list += [hint(o, .down, .down, 60), hint(o, .up, .up, 50), hint(o, .pageDown, .page, 40)] }
            return list.compactMap { $0 }
        case .none:
            break
        }
        // The list: help and quit always stay (help lists the rest); the rest keep their places.
        let commands: [(Command, Phrase.Hint)] = [
            (.cancel, .cancel), (.mark, .mark), (.search, .search), (.stoppable, .stoppable), (.cycleStatus, .status),
            (.sort, .sort), (.switchChannel, .channel), (.refresh, .refresh), (.details, .details), (.help, .help), (.quit, .quit),
        ]
        let keep: [Command] = [.help, .quit, .cancel, .search, .mark, .stoppable, .refresh, .details, .switchChannel, .sort, .cycleStatus]
        return commands.compactMap { command, label in
            if command.isWrite && state.environment.readOnly { return nil }
            return hint(keymap.list, command, label, keep.count - (keep.firstIndex(of: command) ?? keep.count),
                        required: command == .help || command == .quit)
        }
    }
}
