import CampaignConsole
import Foundation
import Testing

/// `Format.instant` and `compactInstant`, the one way every command prints a moment, and
/// `stamp` (the details overlay) built on it.
@Suite struct FormatInstantTests {
    static func zone(_ id: String) throws -> TimeZone { try #require(TimeZone(identifier: id)) }
    static let t = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z

    @Test func eachMomentCarriesItsOwnOffset() throws {
        #expect(Format.instant(Self.t, timeZone: try Self.zone("Asia/Riyadh")) == "2026-11-18 14:06 +03:00")
        #expect(Format.instant(Self.t, timeZone: .gmt) == "2026-11-18 11:06 +00:00")
        #expect(Format.instant(Self.t, timeZone: try Self.zone("America/St_Johns")) == "2026-11-18 07:36 -03:30")
        #expect(Format.instant(Self.t, timeZone: try Self.zone("Asia/Kolkata"), seconds: true) == "2026-11-18 16:36:40 +05:30")
        // Daylight saving: the offset is the moment's, not today's.
        let berlin = try Self.zone("Europe/Berlin")
        let july = Self.t.addingTimeInterval(-130 * 86400)
        #expect(Format.instant(Self.t, timeZone: berlin) == "2026-11-18 12:06 +01:00")
        #expect(Format.instant(july, timeZone: berlin) == "2026-07-11 13:06 +02:00")
        #expect(Format.stamp(Self.t, timeZone: try Self.zone("Asia/Riyadh")) == "2026-11-18 14:06:40 +03:00 (2026-11-18T11:06:40.000Z)")
    }

    @Test func theCompactFormDropsTheYearNearNowAndTheTimeFarFromIt() throws {
        let riyadh = try Self.zone("Asia/Riyadh")
        #expect(Format.compactInstant(Self.t, timeZone: riyadh, now: Self.t.addingTimeInterval(-86400)) == "11-18 14:06+03")
        #expect(Format.compactInstant(Self.t, timeZone: .gmt, now: Self.t) == "11-18 11:06+00")
        #expect(Format.compactInstant(Self.t, timeZone: try Self.zone("Asia/Kolkata"), now: Self.t) == "11-18 16:36+0530")
        #expect(Format.compactInstant(Self.t, timeZone: try Self.zone("America/St_Johns"), now: Self.t) == "11-18 07:36-0330")
        #expect(Format.compactInstant(Self.t, timeZone: riyadh, now: Self.t.addingTimeInterval(200 * 86400)) == "2026-11-18")
        #expect(Format.compactInstant(Self.t, timeZone: riyadh, now: Self.t.addingTimeInterval(-200 * 86400)) == "2026-11-18")
    }
}
