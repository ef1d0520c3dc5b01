@testable import ArselAPI
import Foundation
import HTTPTypes
import Testing

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func deltaSeconds() {
        #expect(RetryAfter.parse("2", now: now) == .seconds(2))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("1.5", now: now) == .milliseconds(1500))
        #expect(RetryAfter.parse("-3", now: now) == .zero)
    }

    @Test func httpDate() {
        let date = now.addingTimeInterval(90)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RetryAfter.parse(f.string(from: date), now: now) == .seconds(90))
        // In the past: retry now.
        #expect(RetryAfter.parse(f.string(from: now.addingTimeInterval(-60)), now: now) == .zero)
        // The obsolete RFC 850 form.
        f.dateFormat = "EEEE, dd-MMM-yy HH:mm:ss 'GMT'"
        #expect(RetryAfter.parse(f.string(from: date), now: now) == .seconds(90))
    }

    @Test func garbageIsNil() {
        for text in ["", "soon", "1e", "Tomorrow, 99 Foo", "NaN", "inf"] {
            #expect(RetryAfter.parse(text, now: now) == nil, "\(text)")
        }
    }

    @Test func hugeIsKeptForTheCallerToCap() {
        #expect(RetryAfter.parse("86400", now: now) == .seconds(86400))
        #expect(RetryAfter.parse("99999999999999", now: now) == .seconds(86_400 * 365))
    }

    @Test func headersParsedFromAResponse() {
        var fields = HTTPFields()
        fields[HTTPField.Name("ratelimit-limit")!] = "2"
        fields[HTTPField.Name("ratelimit-remaining")!] = "0"
        fields[HTTPField.Name("ratelimit-reset")!] = "2"
        fields[HTTPField.Name("retry-after")!] = "garbage"
        let h = RateLimitHeaders(fields, status: 429, now: now)
        #expect(h.limit == 2)
        #expect(h.remaining == 0)
        #expect(h.reset == .seconds(1), "a whole 2 means more than 1 s")
        #expect(h.retryAfter == nil)
        #expect(h.retryAfterGarbled)
    }
}
