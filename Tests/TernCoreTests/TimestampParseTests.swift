import TernTestKit
import Testing

@testable import TernCore

@Suite("Timestamp parsing")
struct TimestampParseTests {
    private static let now: Int64 = 1_800_000_000_123
    private static let first: Int64 = -62_167_219_200_000  // 0000-01-01T00:00:00.000Z
    private static let last: Int64 = 253_402_300_799_999  // 9999-12-31T23:59:59.999Z

    private func parse(_ text: String) -> Int64? {
        Timestamp.parse(text, now: Self.now)
    }

    @Test(arguments: [
        "2026-01-01T00:00:00Z", "2026-01-01T00:00:00z", "2026-01-01t00:00:00Z", "2026-01-01 00:00:00Z",
        "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00-00:00", "2026-01-01",
    ])
    func parsesEquivalentSpellingsOfOneInstant(_ text: String) {
        #expect(parse(text) == Samples.epoch)
    }

    @Test(
        arguments: [
            (".1", 100), (".12", 120), (".123", 123), (".1239", 123), (".12345", 123), (".123456", 123),
            (".1234567", 123), (".12345678", 123), (".123456789", 123), (".999999999", 999), (".000000001", 0),
            (".0", 0), (".05", 50),
        ] as [(String, Int64)])
    func truncatesFractionalSecondsToMilliseconds(_ fraction: String, _ millis: Int64) {
        #expect(parse("2026-01-01T00:00:07\(fraction)Z") == Samples.epoch + 7000 + millis)
    }

    @Test func positiveOffsetIsAheadOfUTC() {
        #expect(parse("2026-01-01T02:00:00+02:00") == Samples.epoch)
        #expect(parse("2026-01-01T05:30:00+05:30") == Samples.epoch)
        #expect(parse("2026-01-01T01:00:00.250+01:00") == Samples.epoch + 250)
    }

    @Test func negativeOffsetIsBehindUTC() {
        #expect(parse("2025-12-31T19:00:00-05:00") == Samples.epoch)
        #expect(parse("2025-12-31T20:15:00-03:45") == Samples.epoch)
    }

    @Test func dateAloneIsMidnightUTC() {
        #expect(parse("1970-01-01") == 0)
        #expect(parse("1969-12-31") == -86_400_000)
        #expect(parse("2024-02-29") == 1_709_164_800_000)
        #expect(parse("9999-12-31") == 253_402_214_400_000)
    }

    @Test func parsesKnownInstantsOutsideTheUsualRange() {
        #expect(parse("0000-01-01T00:00:00Z") == Self.first)
        #expect(parse("9999-12-31T23:59:59.999Z") == Self.last)
        #expect(parse("1969-07-20T20:17:40Z") == -14_182_940_000)
    }

    @Test func acceptsALeapSecondAsTheNextSecond() {
        #expect(parse("2016-12-31T23:59:60Z") == parse("2017-01-01T00:00:00Z"))
    }

    @Test func parsesSecondsSinceTheEpoch() {
        #expect(parse("@0") == 0)
        #expect(parse("@1767225600") == Samples.epoch)
        #expect(parse("@1767225600.5") == Samples.epoch + 500)
        #expect(parse("@1767225600.123") == Samples.epoch + 123)
        #expect(parse("@-1.5") == -1500)
        #expect(parse("@-86400") == -86_400_000)
    }

    @Test func nowIsTheInstantPassedIn() {
        #expect(parse("now") == Self.now)
        #expect(Timestamp.parse("now", now: -5) == -5)
    }

    @Test(arguments: [
        "", "garbage", "NOW", "now ", " 2026-01-01", "2026-01-01 ", "26-01-01", "2026-1-1", "2026/01/01",
        "2026-01-1", "20260101", "2026-13-01", "2026-00-01", "2026-01-32", "2026-01-00", "2026-01-01T",
        "2026-01-01T10:00:00", "2026-01-01T10:00:00.5", "2026-01-01T10:00Z", "2026-01-01X10:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T10:60:00Z", "2026-01-01T10:00:61Z", "2026-01-01T10:00:00.Z",
        "2026-01-01T10:00:00ZZ", "2026-01-01T10:00:00+0200", "2026-01-01T10:00:00+02", "2026-01-01T10:00:00+02:00Z",
        "2026-01-01T10:00:00 Z", "2026-01-01T1a:00:00Z", "2026-01-01T10:00:00,5Z", "-001-01-01", "+2026-01-01",
        "@", "@abc", "@inf", "@-inf", "@nan", "@1e15", "@ 5", "@5s", "１９７０-01-01",
    ])
    func rejectsMalformedTimes(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test func rejectsDaysPastTheEndOfTheMonth() {
        #expect(parse("2026-02-30") == nil)
        #expect(parse("2026-04-31T00:00:00Z") == nil)
        #expect(parse("2025-02-29") == nil)
        #expect(parse("2024-02-29") != nil)
    }

    @Test func rejectsOffsetsOutsideTwentyFourHours() {
        #expect(parse("2026-01-01T00:00:00+99:99") == nil)
        #expect(parse("2026-01-01T00:00:00+02:60") == nil)
    }

    @Test func parseInvertsFormatForRandomInstantsInYearsZeroToNineThousandNineHundredNinetyNine() {
        var random = TestRandom(seed: 0x7157_7A3D)
        var failures: [Int64] = []
        for _ in 0..<20_000 {
            let millis = Int64.random(in: Self.first...Self.last, using: &random)
            if Timestamp.parse(Timestamp.format(millis), now: 0) != millis { failures.append(millis) }
        }
        for millis in [Self.first, Self.last, 0, -1, 1]
        where Timestamp.parse(Timestamp.format(millis), now: 0) != millis {
            failures.append(millis)
        }
        #expect(failures.isEmpty)
    }

    @Test func parseAppliesRandomOffsetsToTheLocalTime() {
        var random = TestRandom(seed: 42)
        var failures: [String] = []
        for _ in 0..<5_000 {
            let millis = Int64.random(in: -62_135_596_800_000...253_370_764_800_000, using: &random)  // 0001…9998
            let minutes = Int64.random(in: -(23 * 60 + 59)...(23 * 60 + 59), using: &random)
            let local = String(Timestamp.format(millis + minutes * 60_000).dropLast())
            let sign = minutes < 0 ? "-" : "+"
            let hh = abs(minutes) / 60
            let mm = abs(minutes) % 60
            let text = local + sign + (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)"
            if Timestamp.parse(text, now: 0) != millis { failures.append(text) }
        }
        #expect(failures.isEmpty)
    }
}
