import TernTestKit
import Testing

@testable import TernCore

@Suite("Timestamp formatting")
struct TimestampFormatTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (Samples.epoch, "2026-01-01T00:00:00.000Z"),
        (1_709_210_096_789, "2024-02-29T12:34:56.789Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-2_203_891_200_000, "1900-03-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
    ])
    func formatsKnownInstants(_ millis: Int64, _ expected: String) {
        #expect(Timestamp.format(millis) == expected)
    }

    @Test func formatsNegativeMillisBeforeTheEpoch() {
        #expect(Timestamp.format(-1) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.format(-1000) == "1969-12-31T23:59:59.000Z")
        #expect(Timestamp.format(-86_400_000) == "1969-12-31T00:00:00.000Z")
        #expect(Timestamp.format(-14_182_940_000) == "1969-07-20T20:17:40.000Z")
    }

    @Test func padsMillisecondsToThreeDigits() {
        #expect(Timestamp.format(5) == "1970-01-01T00:00:00.005Z")
        #expect(Timestamp.format(50) == "1970-01-01T00:00:00.050Z")
        #expect(Timestamp.format(61_001) == "1970-01-01T00:01:01.001Z")
    }

    @Test func formatsTheLastMillisecondOfEachDayBeforeMidnight() {
        #expect(Timestamp.format(Samples.epoch - 1) == "2025-12-31T23:59:59.999Z")
        #expect(Timestamp.format(1_709_251_199_999) == "2024-02-29T23:59:59.999Z")
        #expect(Timestamp.format(1_709_251_200_000) == "2024-03-01T00:00:00.000Z")
    }

    @Test func shortFormDropsMillisecondsAndUsesASpace() {
        #expect(Timestamp.formatShort(1_709_210_096_789) == "2024-02-29 12:34:56Z")
        #expect(Timestamp.formatShort(-1) == "1969-12-31 23:59:59Z")
    }

    @Test func civilDateArithmeticIsInverseOverFourCenturies() {
        // 146 097 days is one full Gregorian cycle; walk it on either side of the epoch.
        let mismatches = stride(from: Int64(-146_097), through: 146_097, by: 1).filter { days in
            let (year, month, day) = Timestamp.civil(fromDays: days)
            return Timestamp.daysFromCivil(year: year, month: month, day: day) != days
        }
        #expect(mismatches.isEmpty)
    }

    @Test func civilDatesAdvanceByExactlyOneDay() {
        var previous = Timestamp.civil(fromDays: -800)
        for days in Int64(-799)...800 {
            let current = Timestamp.civil(fromDays: days)
            let nextDay = current.2 == previous.2 + 1 && current.1 == previous.1 && current.0 == previous.0
            let nextMonth = current.2 == 1 && (current.1 == previous.1 + 1 && current.0 == previous.0)
            let nextYear = current.2 == 1 && current.1 == 1 && previous.1 == 12 && current.0 == previous.0 + 1
            #expect(nextDay || nextMonth || nextYear, "\(previous) → \(current)")
            previous = current
        }
    }
}
