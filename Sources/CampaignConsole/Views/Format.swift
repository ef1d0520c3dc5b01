import ArselModel
import Foundation
import TerminalUI

/// Times and ages for people: local time, relative when near.
public enum Format {
    /// `now`, `4m`, `20m`, `3h`, `2d`: coarser as it grows (minutes up to 10, then tens of
    /// minutes), so a screen of ages changes a few cells a minute, not every row every second
    /// (each change is bytes and a packet over SSH for as long as the console is open).
    public static func age(from date: Date, to now: Date, _ catalog: any Catalog) -> String {
        let s = max(0, Int(now.timeIntervalSince(date)))
        let span: Phrase.Span
        if s < 60 { span = .now }
        else if s < 600 { span = .parts(days: 0, hours: 0, minutes: s / 60, seconds: 0) }
        else if s < 3600 { span = .parts(days: 0, hours: 0, minutes: s / 600 * 10, seconds: 0) }
        else if s < 86400 { span = .parts(days: 0, hours: s / 3600, minutes: 0, seconds: 0) }
        else { span = .parts(days: s / 86400, hours: 0, minutes: 0, seconds: 0) }
        return catalog.digits(catalog.phrase(.span(span)))
    }

    /// `just now`, `12m ago` …
    public static func ago(from date: Date, to now: Date, _ catalog: any Catalog) -> String {
        now.timeIntervalSince(date) < 60 ? catalog.phrase(.justNow) : catalog.phrase(.ago(age(from: date, to: now, catalog)))
    }

    /// When a campaign goes (scheduled) or went (sent), as a manager reads it:
    /// `in 12 min (14:30)`, `today 18:00`, `tomorrow 09:00`, `yesterday 16:10`, `Nov 28 09:00`.
    public static func when(_ date: Date, now: Date, timeZone: TimeZone, _ catalog: any Catalog) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let time = clock(date, timeZone: timeZone, catalog)
        let delta = date.timeIntervalSince(now)
        if delta > 0 && delta < 3600 {
            let minutes = Int((delta / 60).rounded(.up))
            return catalog.phrase(.inMinutes(minutes, clock: time))
        }
        // Just gone out is worth a word; after that the clock time (the age is in UPDATED, and
        // a relative one here would rewrite the row every minute).
        if delta <= 0 && delta > -60 { return catalog.phrase(.justNowAt(clock: time)) }
        if calendar.isDate(date, inSameDayAs: now) { return catalog.phrase(.todayAt(clock: time)) }
        if let tomorrow = calendar.date(byAdding: .day, value: 1, to: now), calendar.isDate(date, inSameDayAs: tomorrow) {
            return catalog.phrase(.tomorrowAt(clock: time))
        }
        if let yesterday = calendar.date(byAdding: .day, value: -1, to: now), calendar.isDate(date, inSameDayAs: yesterday) {
            return catalog.phrase(.yesterdayAt(clock: time))
        }
        // The date in the catalog's calendar (Gregorian, or Umm al-Qura when asked for).
        var shown = catalog.calendar
        shown.timeZone = timeZone
        let d = shown.dateComponents([.year, .month, .day], from: date)
        let (year, month, day) = (d.year ?? 0, d.month ?? 0, d.day ?? 0)
        let phrase: Phrase = year == shown.component(.year, from: now)
            ? .dayAt(month: month, day: day, clock: time) : .dateAt(year: year, month: month, day: day, clock: time)
        return catalog.digits(catalog.phrase(phrase))
    }

    /// `2026-12-03 14:30:00 +03:00 (2026-12-03T11:30:00.000Z)`: local time with its offset, and
    /// the instant as the API wrote it.
    public static func stamp(_ date: Date, timeZone: TimeZone) -> String {
        "\(instant(date, timeZone: timeZone, seconds: true)) (\(Timestamp.format(date)))"
    }

    /// `2026-11-18 14:06 +03:00`: a moment as every command prints it — the clock in `timeZone`
    /// with that moment's offset (`+00:00` in UTC), so a line means the same wherever it is read.
    public static func instant(_ date: Date, timeZone: TimeZone, seconds: Bool = false) -> String {
        let c = fields(date, timeZone)
        let clock = seconds ? "\(two(c.hour)):\(two(c.minute)):\(two(c.second))" : "\(two(c.hour)):\(two(c.minute))"
        return "\(c.year)-\(two(c.month))-\(two(c.day)) \(clock) \(offset(c.offset, compact: false))"
    }

    /// `11-18 14:06+03` (`+0530` where the offset has minutes): `instant` for a narrow table,
    /// without the year, for moments within about six months of `now`; further away the date
    /// alone, `2025-03-02` (as `ls -l` does).
    public static func compactInstant(_ date: Date, timeZone: TimeZone, now: Date) -> String {
        let c = fields(date, timeZone)
        guard abs(date.timeIntervalSince(now)) < 182 * 86400 else { return "\(c.year)-\(two(c.month))-\(two(c.day))" }
        return "\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))\(offset(c.offset, compact: true))"
    }

    private static func fields(_ date: Date, _ timeZone: TimeZone)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int)
    {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0, timeZone.secondsFromGMT(for: date))
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `+03:00`, `-09:30`, `+00:00`; compact: `+03`, `-0930`, `+00` (ISO 8601's basic form).
    private static func offset(_ seconds: Int, compact: Bool) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let (h, m) = (abs(seconds) / 3600, abs(seconds) % 3600 / 60)
        if compact { return sign + two(h) + (m == 0 ? "" : two(m)) }
        return "\(sign)\(two(h)):\(two(m))"
    }

    /// `14:30` (`14:30:05`): the 24-hour clock, in the catalog's digits.
    public static func clock(_ date: Date, timeZone: TimeZone, seconds: Bool = false, _ catalog: any Catalog) -> String {
        let c = fields(date, timeZone)
        return catalog.digits(seconds ? "\(two(c.hour)):\(two(c.minute)):\(two(c.second))" : "\(two(c.hour)):\(two(c.minute))")
    }

    /// `45s`, `3m 20s`, `2h`, `2h 5m`, `3d`: a duration as a countdown reads.
    public static func span(_ seconds: Double, _ catalog: any Catalog) -> String {
        let s = max(0, Int(seconds.rounded(.up)))
        let span: Phrase.Span
        if s < 60 { span = .parts(days: 0, hours: 0, minutes: 0, seconds: s) }
        else if s < 3600 { span = .parts(days: 0, hours: 0, minutes: s / 60, seconds: s % 60) }
        else if s < 86400 { span = .parts(days: 0, hours: s / 3600, minutes: (s % 3600) / 60, seconds: 0) }
        else { span = .parts(days: s / 86400, hours: 0, minutes: 0, seconds: 0) }
        return catalog.digits(catalog.phrase(.span(span)))
    }

    /// A countdown as coarse as the distance allows, rounded down (it never says later than it
    /// is): whole minutes within the hour, tens of minutes beyond; the clock time beside it is
    /// exact, and the seconds count down only where they matter (the table's "soon" window). A
    /// finer one would rewrite every scheduled row every minute.
    public static func countdown(_ seconds: Double, _ catalog: any Catalog) -> String {
        let m = Int(seconds / 60)
        let span: Phrase.Span
        if m < 1 { span = .underAMinute }
        else if m < 60 { span = .parts(days: 0, hours: 0, minutes: m, seconds: 0) }
        else { span = .parts(days: 0, hours: m / 60, minutes: m % 60 / 10 * 10, seconds: 0) }
        return catalog.digits(catalog.phrase(.span(span)))
    }

    /// The WHEN column of a campaign: a countdown where it matters. `in 3h 20m (14:30)` for a
    /// Scheduled one within a day, `queued`, `sending · ~40m of 4h` for a send spread over time
    /// (the elapsed part is an estimate from `sent_at`, marked `~`), else when it went or goes.
    public static func when(_ c: Campaign, now: Date, timeZone: TimeZone, _ catalog: any Catalog) -> String {
        switch c.status {
        case .scheduled:
            guard let date = c.scheduledAt?.date else { return c.scheduledAt?.raw ?? catalog.phrase(.nothing) }
            let delta = date.timeIntervalSince(now)
            if delta > 0 && delta < 86400 {
                return catalog.phrase(.inCountdown(countdown(delta, catalog), clock: clock(date, timeZone: timeZone, catalog)))
            }
            return when(date, now: now, timeZone: timeZone, catalog)
        case .sent, .failed:
            return c.sentAt?.date.map { when($0, now: now, timeZone: timeZone, catalog) } ?? catalog.phrase(.nothing)
        case .sending:
            guard let minutes = spreadMinutes(c) else { return catalog.phrase(.sendingNow) }
            let total = span(minutes * 60, catalog)
            guard let started = c.sentAt?.date else { return catalog.phrase(.sendingOver(total)) }
            let elapsed = now.timeIntervalSince(started)
            // Whole minutes: an estimate, and the column is narrow.
            return catalog.phrase(.sendingProgress(elapsed: span(elapsed < 60 ? elapsed : (elapsed / 60).rounded(.down) * 60, catalog), total: total))
        case .queued:
            // Since when is not in the API; the time it was due is, when it was scheduled (the
            // UPDATED column says when it last changed). Never a guessed "since".
            guard let due = c.scheduledAt?.date else { return catalog.phrase(.queued) }
            let today = Calendar.current.dateComponents(in: timeZone, from: due).day == Calendar.current.dateComponents(in: timeZone, from: now).day
                && abs(due.timeIntervalSince(now)) < 86400
            return catalog.phrase(.queuedDue(today ? clock(due, timeZone: timeZone, catalog) : when(due, now: now, timeZone: timeZone, catalog)))
        case .draft, .paused:
            return c.scheduledAt?.date.map { when($0, now: now, timeZone: timeZone, catalog) } ?? catalog.phrase(.nothing)
        default:
            return catalog.phrase(.nothing)
        }
    }

    /// Minutes over which the campaign's channel spreads its send, when it does (push
    /// `throttle_minutes`).
    public static func spreadMinutes(_ c: Campaign) -> Double? {
        guard let key = c.channel.spec.spreadField, case .number(let n) = c.extra[key], n > 0 else { return nil }
        return n
    }

    /// Goes out within `window` seconds: Queued, or Scheduled that soon.
    public static func isSoon(_ c: Campaign, now: Date, window: TimeInterval) -> Bool {
        switch c.status {
        case .queued: return true
        case .scheduled:
            guard let date = c.scheduledAt?.date else { return false }
            let delta = date.timeIntervalSince(now)
            return delta <= window
        default: return false
        }
    }

    /// A field value as text.
    public static func text(_ value: JSONScalar) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        case .strings(let list): return list.joined(separator: ", ")
        case .null: return "—"
        }
    }
}

/// Glyphs in Unicode, with ASCII stand-ins for terminals without UTF-8.
public struct Glyphs: Sendable {
    public let selected, cancellable, notCancellable, marked, cancelling, ok, failed, unknown, ellipsis: String
    public let separator, channelArrow, soon: String
    let unicodeStatus: Bool

    init(
        selected: String, cancellable: String, notCancellable: String, marked: String, cancelling: String, ok: String, failed: String,
        unknown: String, ellipsis: String, separator: String, channelArrow: String, soon: String, unicodeStatus: Bool? = nil
    ) {
        (self.selected, self.cancellable, self.notCancellable, self.marked, self.cancelling) = (selected, cancellable, notCancellable, marked, cancelling)
        (self.ok, self.failed, self.unknown, self.ellipsis, self.separator, self.channelArrow, self.soon) = (ok, failed, unknown, ellipsis, separator, channelArrow, soon)
        self.unicodeStatus = unicodeStatus ?? (selected == "▶")
    }

    public static let unicode = Glyphs(
        selected: "▶", cancellable: "●", notCancellable: "·", marked: "◆", cancelling: "⟳", ok: "✓", failed: "✗",
        unknown: "?", ellipsis: "…", separator: "·", channelArrow: "▸", soon: "⚑")
    public static let ascii = Glyphs(
        selected: ">", cancellable: "*", notCancellable: ".", marked: "+", cancelling: "~", ok: "v", failed: "x",
        unknown: "?", ellipsis: "~", separator: "|", channelArrow: ">", soon: "!")

    /// For a right-to-left screen: what points along the line points the other way.
    public var mirrored: Glyphs {
        let u = selected == "▶"
        return Glyphs(
            selected: u ? "◀" : "<", cancellable: cancellable, notCancellable: notCancellable, marked: marked, cancelling: cancelling,
            ok: ok, failed: failed, unknown: unknown, ellipsis: ellipsis, separator: separator, channelArrow: u ? "◂" : "<", soon: soon,
            unicodeStatus: u)
    }

    public func status(_ s: CampaignStatus) -> String {
        let u = unicodeStatus
        switch s {
        case .scheduled: return u ? "◷" : "S"
        case .queued: return u ? "⋯" : "Q"
        case .sending: return u ? "⇢" : ">"
        case .sent: return u ? "✓" : "v"
        case .failed: return u ? "✗" : "x"
        case .cancelled: return u ? "⊘" : "-"
        case .draft: return u ? "✎" : "d"
        case .paused: return u ? "‖" : "="
        case .archived: return u ? "▣" : "a"
        case .unknown: return "?"
        }
    }
}

extension Format {
    /// Text from a server as this terminal can show it: sanitised, and on an ASCII-only
    /// terminal every other character as a visible `\u{…}` escape (never blank).
    static func shown(_ text: String, _ environment: ConsoleEnvironment) -> String {
        Sanitizer.sanitize(text, ascii: !environment.unicode)
    }
}
