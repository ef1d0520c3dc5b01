import Foundation
import Testing
@testable import CampaignConsole

/// Ages and countdowns as coarse as they can be and still true: an idle screen changes a few
/// cells a minute, and a countdown never says later than it is.
@Suite struct FormatTests {
    @Test func agesGetCoarserAsTheyGrow() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func age(_ seconds: Double) -> String { Format.ago(from: now.addingTimeInterval(-seconds), to: now, english) }
        #expect(age(0) == "just now")
        #expect(age(59) == "just now", "no per-second age")
        #expect(age(60) == "1m ago")
        #expect(age(599) == "9m ago")
        #expect(age(600) == "10m ago")
        #expect(age(1199) == "10m ago", "tens of minutes past ten")
        #expect(age(3599) == "50m ago")
        #expect(age(3600) == "1h ago")
        #expect(age(86400 * 3) == "3d ago")
    }

    @Test func countdownsRoundDownAndCoarsenBeyondTheHour() {
        #expect(Format.countdown(30, english) == "<1m")
        #expect(Format.countdown(119, english) == "1m", "never later than it is")
        #expect(Format.countdown(3599, english) == "59m")
        #expect(Format.countdown(3600, english) == "1h")
        #expect(Format.countdown(3600 + 9 * 60, english) == "1h")
        #expect(Format.countdown(3600 + 10 * 60, english) == "1h 10m")
        #expect(Format.countdown(23 * 3600 + 59 * 60 + 59, english) == "23h 50m")
    }
}
