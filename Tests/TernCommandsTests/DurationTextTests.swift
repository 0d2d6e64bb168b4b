import TernCommandSupport
import TernTestKit
import Testing

@testable import TernCommands

@Suite("Duration text")
struct DurationTextTests {
    @Test(arguments: [
        ("500ms", Int64(500)), ("90s", 90_000), ("5m", 300_000), ("2h", 7_200_000), ("7d", 604_800_000),
        ("1h30m", 5_400_000), ("1d2h3m4s5ms", 93_784_005), ("0s", 0), ("0ms", 0), ("1m1m", 120_000),
        ("30s1h", 3_630_000), ("007s", 7000),
    ])
    func parsesUnitsAndSums(_ text: String, _ millis: Int64) {
        #expect(DurationText.parse(text) == millis)
    }

    @Test func bareNumberMeansSeconds() {
        #expect(DurationText.parse("90") == 90_000)
        #expect(DurationText.parse("0") == 0)
    }

    @Test(arguments: [
        "", "ms", "s", "-5", "-5s", "5x", "5 s", " 5s", "5s ", "5S", "5MS", "5sec", "5min", "1.5h", "h1",
        "5µs", "1h30", "1h-30m", "5y", "5w", "٣s", "½s",
    ])
    func rejectsBadNumbersAndUnits(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func largestValuesThatFitAreExact() {
        #expect(DurationText.parse("9223372036854775807ms") == .max)
        #expect(DurationText.parse("106751991167d") == 9_223_372_036_828_800_000)
        #expect(DurationText.parse("9223372036854775s") == 9_223_372_036_854_775_000)
    }

    @Test(arguments: [
        "9223372036854775808ms", "9223372036854776s", "106751991168d", "2562047788016h", "153722867280913m",
    ])
    func rejectsAUnitThatOverflows(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func rejectsABareNumberOfSecondsThatOverflows() {
        #expect(DurationText.parse("9223372036854776") == nil)
        #expect(DurationText.parse("9223372036854775807") == nil)
        #expect(DurationText.parse("9223372036854775") == 9_223_372_036_854_775_000)
    }

    @Test func rejectsASumThatOverflows() {
        #expect(DurationText.parse("9223372036854775807ms1ms") == nil)
        #expect(DurationText.parse("106751991167d106751991167d") == nil)
    }

    @Test(arguments: [
        (Int64(0), "0ms"), (1, "1ms"), (999, "999ms"), (1000, "1s"), (59_999, "59s"), (60_000, "1m"),
        (90_000, "1m30s"), (3_600_000, "1h"), (5_400_000, "1h30m"), (5_430_000, "1h30m"), (86_400_000, "1d"),
        (97_200_000, "1d3h"), (273_600_000, "3d4h"), (1_752_000, "29m12s"), (90_061_000, "1d1h"),
        (.max, "106751991167d7h"),
    ])
    func formatsTheTwoLargestUnits(_ millis: Int64, _ text: String) {
        #expect(DurationText.format(millis: millis) == text)
    }

    @Test func formatsNegativeDurationsWithAMinusSign() {
        #expect(DurationText.format(millis: -500) == "-500ms")
        #expect(DurationText.format(millis: -90_000) == "-1m30s")
        #expect(DurationText.format(millis: -.max) == "-106751991167d7h")
    }

    @Test func parseInvertsFormatWhenNoPrecisionIsDropped() {
        var random = TestRandom(seed: 7)
        var failures: [Int64] = []
        for _ in 0..<5_000 {
            let millis: Int64
            switch Int.random(in: 0..<4, using: &random) {
            case 0: millis = Int64.random(in: 0..<1000, using: &random)
            case 1: millis = Int64.random(in: 1..<3600, using: &random) * 1000
            case 2: millis = Int64.random(in: 60..<1440, using: &random) * 60_000
            default: millis = Int64.random(in: 24..<24_000_000, using: &random) * 3_600_000
            }
            if DurationText.parse(DurationText.format(millis: millis)) != millis { failures.append(millis) }
        }
        #expect(failures.isEmpty)
    }
}
